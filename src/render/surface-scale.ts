/** The cost surface's colour scale: the grid's finite cost range, log-scaled, and the numbers its bars name. */
import { scaleLog } from 'd3';
import { sig } from '../protocol/numbers';

/** The finite range of the grid's values (positive, for the log scale). */
export function costRange(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [1e-3, 1];
  lo = Math.max(lo, 1e-6);
  return [lo, Math.max(hi, lo * 1.001)];
}

/** Non-finite values (an overflowing cost) shown as the largest finite one. */
export function finiteValues(values: Float32Array, hi: number): Float32Array {
  return values.map((v) => (Number.isFinite(v) ? v : hi));
}

/** Axis and colour-bar numbers as everywhere in the app: 2×10⁶, not d3's 2e+6. */
export const scaleText = (t: number): string => sig(t, 3);

/** The cost a fraction `t` of the way from `lo` to `hi` on the log scale the colours follow. */
export function costAt(lo: number, hi: number, t: number): number {
  return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
}

/**
 * The costs the 2D colour bar names (log scale over `height` px): a few round ones, and its two
 * ends (the map's lowest and highest cost). An end drawn within 4 px of a round one is that one;
 * a round one closer than 16 px to an end gives way to it (0.3 and 0.234 were 12 px apart, their
 * labels touching). A student's review read the bar with neither end named.
 */
export function colourBarTicks(lo: number, hi: number, height: number, minGap = 16): number[] {
  const scale = scaleLog().domain([lo, hi]).range([height, 0]);
  const ticks = scale.ticks(4);
  let shown = ticks.length > 6 ? ticks.filter((_, k) => k % Math.ceil(ticks.length / 5) === 0) : ticks;
  for (const end of [lo, hi]) {
    const apart = (t: number) => Math.abs(scale(t) - scale(end));
    if (shown.some((t) => apart(t) <= 4)) continue;
    shown = shown.filter((t) => apart(t) >= minGap);
    shown.push(end);
  }
  // and the round ones at least minGap apart from one another (side by side, under a phone's map,
  // their numbers are wider than they are tall), the ends kept first
  const kept: number[] = [];
  for (const t of [...shown.filter((t) => t === lo || t === hi), ...shown.filter((t) => t !== lo && t !== hi)]) {
    if (kept.every((k) => Math.abs(scale(k) - scale(t)) >= minGap)) kept.push(t);
  }
  return shown.filter((t) => kept.includes(t));
}
