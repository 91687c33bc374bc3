/** How long a surface computation has left, in numbers and in words (no DOM: unit-tested in Node). */

/** "about 40 s left" ("about 3 min left"), or nothing while too early to tell or nearly done. */
export function leftWords(left: number | null | undefined): string {
  if (left == null || left < 3) return '';
  return left < 90 ? `about ${Math.round(left / 5) * 5 || 5} s left` : `about ${Math.round(left / 60)} min left`;
}

/**
 * Seconds left of the whole computation, now `fraction` done, at the pace of the phase under way:
 * it began at `phaseFrom` (the fraction then) `elapsedMs` ago. Null while too early to tell (1.5 s,
 * or under 2% done in this phase). The phases share one fraction (the grid runs from 0.05, or 0.5
 * after the optimiser race's training), so the pace is the phase's own share over its time.
 */
export function secondsLeft(fraction: number, phaseFrom: number, elapsedMs: number): number | null {
  const done = fraction - phaseFrom;
  if (elapsedMs < 1500 || done < 0.02 || fraction >= 1) return null;
  return ((elapsedMs / done) * (1 - fraction)) / 1000;
}
