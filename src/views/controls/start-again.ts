import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { focusPlay } from './focus';
import { count } from './format';

/** From the starting weights again, at `learningRate` (and `momentum`, if given: after a stall or a divergence). */
export async function startAgain(learningRate: number, momentum?: number): Promise<void> {
  focusPlay();
  if (useLab.getState().snapshot?.playing) await trainer.pause();
  const done = useLab.getState().snapshot?.step ?? 0;
  await trainer.setSettings(momentum === undefined ? { learningRate } : { learningRate, momentum });
  await trainer.reset();
  // an Undo, as Reset's: the network thrown away may still be worth keeping (it reads 37-85% at times)
  if (done > 0)
    trainer.offerUndo(
      `Started again at α₀ = ${learningRate}${momentum === undefined ? '' : `, μ = ${momentum}`}: ${count(done)} update${done === 1 ? '' : 's'} undone.`,
      'Start again undone',
    );
}
