import { expect, it } from 'vitest';
import { createNetwork, lossAndGradient, paramIndex } from '../../../src/engine';
import { finiteDifference, finiteDifferenceText } from '../../../src/views/inspector/finite-difference';

it('says a gradient too small for a ±h nudge of the cost to measure is that, not "0" (it read 0 beside 2.9×10⁻¹⁵)', () => {
  const net = createNetwork({ sizes: [4, 3, 2], activation: 'sigmoid', loss: 'mse', seed: 3 });
  // input 0 almost off: the weights from it have a gradient of about 10⁻¹³ × δ
  const input = new Float32Array([1e-13, 0.5, 0.9, 0.2]);
  const { grad } = lossAndGradient(net, input, new Uint8Array([1]), 1);
  const tiny = paramIndex(net.spec, 1, 0, 0);
  const normal = paramIndex(net.spec, 1, 0, 1);
  expect(Math.abs(grad[tiny])).toBeGreaterThan(0);
  expect(Math.abs(grad[tiny])).toBeLessThan(1e-13);

  const small = finiteDifference(net, input, 1, tiny);
  expect(finiteDifferenceText(small, grad[tiny])).toMatch(/^too small to measure \(under .*\)$/);

  // an ordinary weight: the value, agreeing with backprop
  const fd = finiteDifference(net, input, 1, normal);
  expect(fd.resolution).toBeLessThan(Math.abs(grad[normal]) / 1e6);
  expect(Number(finiteDifferenceText(fd, grad[normal]).replace('\u2212', '-'))).toBeCloseTo(grad[normal], 5);

  // a gradient that is exactly 0 (a ReLU that is off), measured as exactly 0: '0'
  expect(finiteDifferenceText({ value: 0, resolution: 1e-11 }, 0)).toBe('0');
});

it('shows a gradient near the float64 cost’s limit to the digits the measurement holds, with its uncertainty', () => {
  // a saturated network: −2.058×10⁻¹¹ measured in steps of ~10⁻¹² read "−1.998×10⁻¹¹", beside
  // "backprop gives −2.058×10⁻¹¹" under "the two should agree"
  expect(finiteDifferenceText({ value: -1.998e-11, resolution: 8.9e-12 }, -2.058e-11)).toBe(
    '\u22122×10⁻¹¹ (±9×10⁻¹²: near what float64 can measure)',
  );
  expect(finiteDifferenceText({ value: -1.998e-9, resolution: 8.9e-12 }, -2.0e-9)).toBe(
    '\u22122.00×10⁻⁹ (±9×10⁻¹²: near what float64 can measure)',
  );
  // four digits where the measurement holds them
  expect(finiteDifferenceText({ value: 0.012345, resolution: 8.9e-12 }, 0.012345)).toBe('0.01235');
  // a diverged network's NaN as elsewhere; costs of exactly 0 measure nothing
  expect(finiteDifferenceText({ value: NaN, resolution: NaN }, NaN)).toBe('-');
  expect(finiteDifferenceText({ value: 0, resolution: 0 }, 1e-17)).toBe(
    'too small to measure (C is 0 in float64 on both sides)',
  );
});
