import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useLab, type LabState } from '../../src/store/lab-store';
import { CurrentExample } from '../../src/views/samples/CurrentExample';
import { stubCanvas2d } from '../helpers/canvas-stub';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();
beforeEach(() => stubCanvas2d());
afterEach(() => useLab.setState(initial, true));

it('while playing, says its digit is held still (one digit under “Training on every example” read as training on it)', () => {
  const snapshot = syntheticSnapshot();
  useLab.setState({ snapshot, lastExample: null, picked: null, probe: null });
  render(<CurrentExample />);
  const canvas = screen.getByRole('img');
  expect(screen.queryByTestId('example-held')).toBeNull();
  expect(canvas.classList.contains('held')).toBe(false);
  expect(screen.getByTestId('example-label').textContent).toBe(String(snapshot.nextExample.label));
  act(() => useLab.setState({ snapshot: { ...snapshot, playing: true } }));
  expect(screen.getByText('Training on every example')).toBeTruthy();
  expect(screen.getByTestId('example-held').textContent).toBe(
    'held still while training: examples go by too fast to draw',
  );
  expect(canvas.classList.contains('held')).toBe(true);
  act(() => useLab.setState({ snapshot: { ...snapshot, playing: false } }));
  expect(screen.queryByTestId('example-held')).toBeNull();
});

it('the label and the held-still note share one place, the one not said hidden (swapping them moved the page at Play)', () => {
  const snapshot = syntheticSnapshot();
  useLab.setState({ snapshot, lastExample: null, picked: null, probe: null });
  const { container } = render(<CurrentExample />);
  const words = () => [...container.querySelectorAll('.example-words > *')].map((e) => e.classList.contains('idle'));
  // label shown, note hidden
  expect(words()).toEqual([false, true]);
  act(() => useLab.setState({ snapshot: { ...snapshot, playing: true } }));
  expect(words()).toEqual([true, false]);
});

it("names the network's reading of the example just stepped (drawn only on the network's canvas)", () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 1 };
  const out = Float32Array.from([0.01, 0.02, 0.2, 0.03, 0.02, 0.02, 0.04, 0.62, 0.02, 0.02]);
  const lastExample = {
    example: { index: 13984, label: 2, pixels: new Uint8Array(784) },
    activations: [new Float32Array(784), new Float32Array(16), new Float32Array(16), out],
  } as unknown as LabState['lastExample'];
  useLab.setState({ snapshot, lastExample, picked: null, probe: null });
  render(<CurrentExample />);
  expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
    'the current handwritten digit, a 2, read by the network as 7',
  );
});
