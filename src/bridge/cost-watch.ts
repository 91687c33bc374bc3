/**
 * Says so when the cost climbs after the student changed how training steps (α₀, schedule,
 * momentum, batch): a learning rate too high need not blow the weights up (the divergence
 * guard's case); it can throw the network out of its valley and keep the cost there. The
 * lecture's sigmoid network at α₀ 20 went from C ≈ 0.12 to 0.5 (91% to 83%) without a word.
 */
import { changedSettings, describeSettings, type Settings } from '../protocol/settings';
import type { Snapshot } from '../protocol/snapshot';
import { count, sig } from '../protocol/numbers';

/** Cost points averaged on each side of the change (each point may average several updates). */
const WINDOW = 20;
/** How far the recent mean must rise over the mean before the change. */
const RISE = 2;

export interface CostRise {
  from: number;
  to: number;
}

/**
 * The mean cost of the last WINDOW points before update `changedAt`, and of the last WINDOW
 * points, when the second is over RISE times the first; null while there are too few points on
 * either side, or the cost has not risen that far.
 */
export function costRise(steps: ArrayLike<number>, values: ArrayLike<number>, changedAt: number): CostRise | null {
  const n = Math.min(steps.length, values.length);
  let first = 0;
  while (first < n && steps[first] <= changedAt) first++;
  if (first < WINDOW || n - first < WINDOW) return null;
  const mean = (from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    return sum / (to - from);
  };
  const before = mean(first - WINDOW, first);
  const after = mean(n - WINDOW, n);
  return after > RISE * before ? { from: before, to: after } : null;
}

/** The settings that change the steps, not the network (the others rebuild it, and start a new cost). */
const STEPPING: (keyof Settings)[] = ['learningRate', 'schedule', 'decay', 'decayEvery', 'momentum', 'batchSize'];

/** Follows the snapshots; says once per change that the cost rose since it. */
export class CostWatch {
  private settings: Settings | null = null;
  private changedAt = 0;
  private change = '';
  private told = true;

  /** The message to give for `s`, once; null otherwise. */
  check(s: Snapshot): string | null {
    const before = this.settings;
    this.settings = s.settings;
    if (before === null || s.step < this.changedAt) {
      // the first snapshot, or gone back (Reset, Undo, a restore): nothing to compare with yet
      this.changedAt = s.step;
      this.told = true;
      return null;
    }
    const patch = changedSettings(Object.fromEntries(STEPPING.map((k) => [k, s.settings[k]])), before);
    if (Object.keys(patch).length) {
      this.changedAt = s.step;
      this.change = describeSettings(patch);
      this.told = false;
      return null;
    }
    if (this.told || s.fault) return null;
    const rise = costRise(s.costSteps, s.costValues, this.changedAt);
    if (!rise) return null;
    this.told = true;
    // said as averages, "about": the controls show one batch's noisy cost, the chart a smoothed one
    return (
      `The cost has risen since you set ${this.change} (update ${count(this.changedAt)}): about ` +
      `${sig(rise.from, 2)} on average before, about ${sig(rise.to, 2)} by update ${count(s.step)}. ` +
      `Steps too big overshoot the valley’s floor and climb its far side, as the lecture warns of a ` +
      `learning rate that is too high. A lower one brings the cost back down, unless the steps have ` +
      `pushed the neurons to where their slope f′(z) is 0: then no gradient flows back, and only going ` +
      `back to the weights from before the change, or starting again, helps.`
    );
  }
}
