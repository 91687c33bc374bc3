/** How long a surface computation has left, in numbers and in words (no DOM: unit-tested in Node). */

/** "about 40 s left" ("about 3 min left"), or nothing while too early to tell or nearly done. */
export function leftWords(left: number | null | undefined): string {
  if (left == null || left < 3) return '';
  return left < 90 ? `about ${Math.round(left / 5) * 5 || 5} s left` : `about ${Math.round(left / 60)} min left`;
}

/** Seconds left of a phase `fraction` done after `elapsedMs`, or null while too early to tell. */
export function secondsLeft(fraction: number, elapsedMs: number): number | null {
  if (elapsedMs < 1500 || fraction < 0.05 || fraction >= 1) return null;
  return ((elapsedMs / fraction) * (1 - fraction)) / 1000;
}
