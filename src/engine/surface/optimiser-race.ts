/**
 * GD vs SGD: from the same starting weights, train on one set of examples with full-batch
 * gradient descent, mini-batch SGD and one-example SGD, for the same number of examples
 * processed (so GD takes few large, exact steps and one-example SGD many small, noisy
 * ones), recording each path and its cost on that same set (the cost it minimises).
 */
import { evaluate } from '../evaluate';
import { createRng, shuffledOrder } from '../rng';
import { BatchTrainer } from '../trainer';
import type { ByteData, NetworkSpec } from '../types';

export interface RaceOptions {
  learningRate: number;
  /** Examples processed by every optimiser = epochs * data.count. */
  epochs: number;
  /** The mini-batch size (the other two are data.count and 1). */
  batchSize: number;
  /** Order of the examples for the two SGD runs. */
  seed: number;
  /** Checkpoints recorded per path, besides the start (about). */
  checkpoints?: number;
}

export interface RacePath {
  /** 'gd', 'minibatch' or 'sgd'. */
  name: 'gd' | 'minibatch' | 'sgd';
  /** Examples per update. */
  batchSize: number;
  /** Parameters at each checkpoint (the first is the shared start). */
  params: Float32Array[];
  /** Updates applied at each checkpoint. */
  updates: number[];
  /** Examples processed at each checkpoint. */
  examples: number[];
  /** Mean cost over the whole set at each checkpoint. */
  costs: number[];
  /** True if the cost blew up (too high a learning rate) and training stopped early. */
  diverged: boolean;
}

/** The path has left the valley once its cost is above both of these (or not finite). */
const DIVERGED_FACTOR = 3;
const DIVERGED_MARGIN = 1;

/**
 * Runs the three optimisers one after the other; yields after every update so the
 * caller can slice the work and stop. Returns the three paths.
 */
export function* raceOptimisers(
  spec: NetworkSpec,
  start: Float32Array,
  data: ByteData,
  options: RaceOptions,
): Generator<{ done: number; total: number }, RacePath[], void> {
  const count = data.count;
  if (count < 1) throw new RangeError('the race needs at least one example');
  if (!(options.learningRate > 0)) throw new RangeError(`learning rate must be positive, got ${options.learningRate}`);
  const epochs = Math.max(1, Math.floor(options.epochs));
  const budget = epochs * count;
  const miniBatch = Math.max(1, Math.min(count, Math.floor(options.batchSize)));
  const plans: { name: RacePath['name']; batchSize: number }[] = [
    { name: 'gd', batchSize: count },
    { name: 'minibatch', batchSize: miniBatch },
    { name: 'sgd', batchSize: 1 },
  ];
  const wanted = Math.max(2, options.checkpoints ?? 40);
  const total = plans.reduce((s, p) => s + Math.ceil(budget / p.batchSize), 0);
  let done = 0;
  const paths: RacePath[] = [];
  const startCost = evaluate({ spec, params: start }, data).cost;
  for (const plan of plans) {
    const net = { spec, params: start.slice() };
    const trainer = new BatchTrainer(net, data);
    const rng = createRng(options.seed);
    const updatesTotal = Math.ceil(budget / plan.batchSize);
    const every = Math.max(1, Math.round(updatesTotal / wanted));
    const path: RacePath = {
      name: plan.name,
      batchSize: plan.batchSize,
      params: [start.slice()],
      updates: [0],
      examples: [0],
      costs: [startCost],
      diverged: false,
    };
    let order = shuffledOrder(count, rng);
    let position = 0;
    let examples = 0;
    for (let u = 1; u <= updatesTotal; u++) {
      const size = Math.min(plan.batchSize, budget - examples);
      for (let i = 0; i < size; i++) {
        if (position === count) {
          order = shuffledOrder(count, rng);
          position = 0;
        }
        trainer.accumulate(order[position++]);
      }
      trainer.applyUpdate(options.learningRate, 0);
      examples += size;
      done++;
      if (u % every === 0 || u === updatesTotal) {
        const cost = evaluate(net, data).cost;
        path.params.push(net.params.slice());
        path.updates.push(u);
        path.examples.push(examples);
        path.costs.push(cost);
        if (!Number.isFinite(cost) || cost > Math.max(DIVERGED_FACTOR * startCost, startCost + DIVERGED_MARGIN)) {
          path.diverged = true;
          done += updatesTotal - u;
          yield { done, total };
          break;
        }
      }
      yield { done, total };
    }
    paths.push(path);
  }
  return paths;
}
