/**
 * A new α₀ set after some epochs: the schedule has lowered α from its start each epoch, so the
 * rate the weights move by is α₀ times that decay, not α₀. A teacher's "too-high rate" demo at
 * epoch 27 (α₀ = 50 gave α = 0.0033) changed nothing, and only a grey line said so.
 */
import { trainer } from '../../bridge/trainer-bridge';
import type { Settings } from '../../protocol/settings';
import { dismissAction, notify, useLab } from '../../store/lab-store';
import { count, sig } from './format';

/** Under this share of α₀ the decay is worth a word. */
const DECAYED = 0.5;

/** The notice's button, also the key its older copies are taken away by. */
export const KEEP_START = 'rate-keep-start';

/** After α₀ changed: says what α it gives now, with "Keep α at α₀", if the schedule has lowered it. */
export function noteDecayedRate(settings: Settings): void {
  // one at a time: an older one named another α₀ and its button set the schedule for this one
  dismissAction(KEEP_START);
  const snapshot = useLab.getState().snapshot;
  if (!snapshot || settings.schedule === 'constant' || snapshot.epoch === 0) return;
  const start = settings.learningRate;
  const now = snapshot.learningRate;
  if (!(now < start * DECAYED)) return;
  const epochs = snapshot.epoch;
  notify(
    'info',
    `α₀ = ${start} is where the schedule starts: after ${count(epochs)} epoch${epochs === 1 ? '' : 's'} it has ` +
      `lowered α to ${sig(now)}, the rate the weights now move by. To train at ${start} itself, keep α at α₀.`,
    {
      label: `Keep α at α₀ = ${start}`,
      testId: KEEP_START,
      // only for the α₀ it names (a notice left standing must not change another network's schedule)
      run: () => {
        if (useLab.getState().settings.learningRate === start) void trainer.setSettings({ schedule: 'constant' });
      },
    },
  );
}
