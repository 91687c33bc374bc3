/** The chain-rule tab's check: a central finite difference of one example's cost in one weight. */
import { costWith, type NetworkSpec } from '../../engine';
import { sig } from '../controls/format';

/** The finite difference's step: small against any weight, large against float64 rounding. */
export const FD_STEP = 1e-4;

/**
 * Central finite difference of this example's cost in one weight, with a float64 forward pass
 * (float32 costs differ in their last digits by more than a small nudge changes them).
 */
export function finiteDifference(
  net: { spec: NetworkSpec; params: Float32Array },
  input: Float32Array,
  label: number,
  index: number,
): { value: number; resolution: number } {
  const w = net.params[index];
  const plus = costWith(net, input, label, index, w + FD_STEP);
  const minus = costWith(net, input, label, index, w - FD_STEP);
  // the smallest slope the two costs can show: a few units in the last place of C, over 2h
  const resolution = (8 * Number.EPSILON * Math.max(Math.abs(plus), Math.abs(minus))) / (2 * FD_STEP);
  return { value: (plus - minus) / (2 * FD_STEP), resolution };
}

/**
 * The finite difference as shown: its value, or, where the gradient is below what a ±h nudge of
 * the float64 cost can resolve, that it is too small to measure (it read 0 beside 2.9×10⁻¹⁵).
 */
export function finiteDifferenceText(fd: { value: number; resolution: number }, grad: number): string {
  // exactly 0 on both sides (a neuron that is off) is a measurement: 0
  if (grad === 0 && fd.value === 0) return sig(0);
  // a diverged network's NaN or ∞, as sig writes them
  if (!Number.isFinite(fd.value)) return sig(fd.value);
  // both costs exactly 0 (a saturated softmax): nothing was measured
  if (fd.resolution === 0) return 'too small to measure (C is 0 in float64 on both sides)';
  if (Math.abs(grad) < fd.resolution && Math.abs(fd.value) < fd.resolution) {
    return `too small to measure (under ${sig(fd.resolution, 1)}: C changes less than float64 can show)`;
  }
  // only the digits the measurement holds: a saturated network's −2.058×10⁻¹¹ was measured in steps
  // of 10⁻¹², and four digits ("−1.998×10⁻¹¹") showed its noise as a disagreement (a maths review)
  const digits = Math.max(1, Math.min(4, Math.floor(Math.log10(Math.abs(fd.value) / fd.resolution)) + 1));
  if (digits === 4) return sig(fd.value);
  return `${sig(fd.value, digits, true)} (±${sig(fd.resolution, 1)}: near what float64 can measure)`;
}
