import type { Settings } from '../../protocol/settings';

/**
 * The learning-rate card's line: the schedule as a rule. "exponential" and "step, every 1" drew the
 * same staircase (both lower α once per epoch), which a student took for a bug.
 */
export function scheduleRule(s: Pick<Settings, 'schedule' | 'decay' | 'decayEvery'>): string {
  const still = '(dashed: still to come)';
  // a decay of 1 lowers nothing: said so, not "lower it"
  if (s.schedule === 'constant' || s.decay === 1) return `How big each step is: the same every epoch, α = α₀ ${still}.`;
  // "after n epochs", as the app counts them elsewhere ("after epoch 1" is the first one done)
  if (s.schedule === 'exponential')
    return `How big each step is: start high, lower it each epoch, α = α₀ × ${s.decay}ⁿ after n epochs ${still}.`;
  const every = s.decayEvery === 1 ? 'every epoch (as exponential is)' : `every ${s.decayEvery} epochs`;
  return `How big each step is: start high, then × ${s.decay} ${every} ${still}.`;
}
