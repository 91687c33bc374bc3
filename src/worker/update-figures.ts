/** The figures of one update as the weight-matrix table shows them: −α·avg, the momentum part, and the costs. */
import type { BatchTrainer } from '../engine';
import type { UpdateStep } from '../protocol/snapshot';

/**
 * Applies the trainer's accumulated batch as one update and returns its figures. `costAfter`
 * is called after the update (the batch's mean cost with the new weights).
 */
export function applyUpdateWithFigures(
  trainer: BatchTrainer,
  learningRate: number,
  momentum: number,
  costBefore: number,
  costAfter: () => number,
): UpdateStep {
  const batchSize = trainer.batchSize();
  const averageGradient = trainer.averageGradient();
  // the momentum part, -alpha mu v_old, from the velocity before the update: exactly 0 on
  // the first update (the difference applied + alpha avg left float noise such as 3e-9)
  const velocityBefore = momentum !== 0 ? trainer.velocity()?.slice() : undefined;
  trainer.applyUpdate(learningRate, momentum);
  const applied = new Float32Array(averageGradient.length);
  const momentumTerm = new Float32Array(averageGradient.length);
  // the update as the formula gives it, −α·avg (+ the momentum part): the weights are
  // float32, so the change they actually make is this rounded to their precision (a weight
  // of 0.5 moves in steps of 6×10⁻⁸, and a tiny update read off them did not equal −α·avg)
  for (let i = 0; i < applied.length; i++) {
    momentumTerm[i] = velocityBefore ? -learningRate * momentum * velocityBefore[i] : 0;
    applied[i] = momentumTerm[i] - learningRate * averageGradient[i];
  }
  return {
    columns: [],
    averageGradient,
    applied,
    momentumTerm,
    batchSize,
    learningRate,
    costBefore,
    costAfter: costAfter(),
  };
}
