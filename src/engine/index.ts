/** The engine's public surface (docs/ARCHITECTURE.md, "Engine contract"). Pure TypeScript, imports nothing outside src/engine. */
export type { Activation, Loss, NetworkSpec, Network, ByteData } from './types';
export { ACTIVATION_FUNCTIONS, SIGMOID, RELU, TANH, sigmoid, type ActivationFunction } from './activations';
export { LOSS_FUNCTIONS, MSE, BINARY_CE, CATEGORICAL_CE, softplus, type LossFunction } from './losses';
export { createRng, restoreRng, shuffledOrder, type Rng } from './rng';
export {
  paramCount,
  paramIndex,
  biasIndex,
  describeParam,
  layerOffsets,
  type LayerOffsets,
  type ParamDescription,
} from './layout';
export { createNetwork, validateSpec } from './network';
export { predict, lossAndGradient } from './batch';
export { forwardTrace, costWith, type ForwardTrace } from './forward';
export { backwardTrace, exampleGradient, type BackwardTrace } from './backprop';
export { neuronNudges, layerWishes, type NeuronNudges } from './nudges';
export { chainRule, type ChainRuleFactors, type ChainPath } from './chain-rule';
export { sgdStep } from './optimiser';
export { learningRateAt, type LearningRateSchedule } from './schedule';
export { BatchTrainer } from './trainer';
export { evaluate, type Evaluation } from './evaluate';
export { stuckNeurons, mostlyStuckLayer, stuckActivationOf, FLAT_SLOPE, STUCK_SHARE } from './stuck';
export { DEFAULT_SPEC, DEFAULT_TRAINING, LECTURE_SPEC, LECTURE_SETTINGS, type TrainingSettings } from './defaults';
export * from './surface';
