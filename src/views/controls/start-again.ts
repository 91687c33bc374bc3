import { trainer } from '../../bridge/trainer-bridge';
import { focusPlay } from './focus';

/**
 * From the starting weights again, at `learningRate` (and `momentum`, if given: after a stall or a
 * divergence), with an Undo, as Reset's: the network thrown away may still be worth keeping (it
 * reads 37-85% at times).
 */
export async function startAgain(learningRate: number, momentum?: number): Promise<void> {
  focusPlay();
  await trainer.withUndo(
    async () =>
      (await trainer.setSettings(momentum === undefined ? { learningRate } : { learningRate, momentum })) &&
      trainer.reset(),
    (update, updates) =>
      `Started again at α₀ = ${learningRate}${momentum === undefined ? '' : `, μ = ${momentum}`}: ${update} update${updates === 1 ? '' : 's'} undone.`,
    'Start again undone',
  );
}
