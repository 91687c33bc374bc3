import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { OutputBars } from '../../src/views/draw-pad/OutputBars';

const values = () =>
  [...screen.getByTestId('draw-outputs').querySelectorAll('.draw-bar-value')].map((e) => e.textContent);

it('writes the outputs as the network view does beside its output neurons: decimals, never a rounded certainty', () => {
  const outputs = Float32Array.from([0.0004, 0.2226, 0.0, 0.0, 0.0, 0.0, 0.0, 0.777, 0.0, 0.0]);
  render(<OutputBars outputs={outputs} probabilities digit={7} />);
  // "72.6%" and ">99.9%" on the pad beside "0.73" and ">0.99" in the network view
  expect(values()).toEqual(['<0.01', '0.22', '0.00', '0.00', '0.00', '0.00', '0.00', '0.78', '0.00', '0.00']);
});

it('shows more decimals when the answer would print as another output does, as the network view does', () => {
  const outputs = Float32Array.from([0.121, 0.124, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.055]);
  render(<OutputBars outputs={outputs} probabilities={false} digit={1} />);
  expect(values()[0]).toBe('0.121');
  expect(values()[1]).toBe('0.124');
});

it('names a confident output in its hover title as 1 − something, not a certain 1', () => {
  const outputs = Float32Array.from([0.99998, 2e-5, 0, 0, 0, 0, 0, 0, 0, 0]);
  render(<OutputBars outputs={outputs} probabilities digit={0} />);
  const titles = [...screen.getByTestId('draw-outputs').querySelectorAll('li')].map((e) => e.getAttribute('title'));
  // "probability 1" for 0.99998 (a maths review)
  expect(titles[0]).toBe('0: probability 1 \u2212 2×10⁻⁵');
  expect(titles[1]).toBe('1: probability 2×10⁻⁵');
});
