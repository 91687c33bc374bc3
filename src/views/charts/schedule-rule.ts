import type { Settings } from '../../protocol/settings';

/**
 * The learning-rate card's line: the schedule as a rule. "exponential" and "step, every 1" drew the
 * same staircase (both lower α once per epoch), which a student took for a bug.
 */
export function scheduleRule(s: Pick<Settings, 'schedule' | 'decay' | 'decayEvery'>): string {
  const still = '(dashed: still to come)';
  if (s.schedule === 'constant') return `How big each step is: the same every epoch, α = α₀ ${still}.`;
  if (s.schedule === 'exponential')
    return `How big each step is: start high, lower it each epoch, α = α₀ × ${s.decay}ⁿ in epoch n ${still}.`;
  const every = s.decayEvery === 1 ? 'every epoch (as exponential is)' : `every ${s.decayEvery} epochs`;
  return `How big each step is: start high, then × ${s.decay} ${every} ${still}.`;
}
