import { render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { biasIndex, createNetwork, DEFAULT_SPEC, forwardTrace } from '../../src/engine';
import type { Snapshot } from '../../src/protocol/snapshot';
import { useLab } from '../../src/store/lab-store';
import { ChainRulePanel } from '../../src/views/inspector/ChainRulePanel';
import { activationName } from '../../src/protocol/names';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

/** A digit-like image: a bright block whose place depends on `seed`. */
function image(seed: number): Uint8Array {
  const pixels = new Uint8Array(784);
  for (let r = 6 + seed; r < 18 + seed; r++) for (let c = 8; c < 20 - seed; c++) pixels[r * 28 + c] = 200 + seed * 5;
  return pixels;
}

function show(snap: Snapshot): void {
  useLab.setState({ snapshot: snap, panelSnapshot: snap, lastExample: null, probe: null });
}

afterEach(() => {
  vi.unstubAllGlobals();
  useLab.setState({ snapshot: null, panelSnapshot: null, selectedNeuron: null, selectedWeight: null, probe: null });
});

it('keeps its weight while the network trains on, and chooses afresh for another network (it kept a dead one)', () => {
  const base = syntheticSnapshot();
  const first: Snapshot = { ...base, step: 3500, nextExample: { index: 7, label: 5, pixels: image(0) } };
  useLab.setState({ selectedNeuron: null, selectedWeight: null });
  show(first);
  const { rerender } = render(<ChainRulePanel />);
  const chosen = screen.getByTestId('chain-weight').textContent!;
  // nothing picked: the true digit's output
  expect(chosen).toContain('to output “5”');

  // later updates of the same network, another digit: the same weight, to compare across examples
  show({ ...first, step: 3600, seq: 2, nextExample: { index: 8, label: 3, pixels: image(2) } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-weight').textContent).toMatch(/to output “5”/);

  // a new network (the update count went back to 0): the new digit's output, its strongest input
  const fresh = createNetwork({ ...DEFAULT_SPEC, seed: 9 });
  show({ ...first, params: fresh.params, step: 0, seq: 3, nextExample: { index: 9, label: 3, pixels: image(2) } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-weight').textContent).toContain('to output “3”');

  // a network put in place further on (an import, an Undo; or a Reset and training while this tab was
  // not drawn): the count of replacements says so, though the update count did not go back
  const other = createNetwork({ ...DEFAULT_SPEC, seed: 11 });
  useLab.setState({ networkReplaced: useLab.getState().networkReplaced + 1 });
  show({ ...first, params: other.params, step: 9000, seq: 4, nextExample: { index: 10, label: 6, pixels: image(1) } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-weight').textContent).toContain('to output “6”');
});

it('says “tap an edge” on a touch screen, “click” elsewhere (its panel still said “Click” on a tablet)', () => {
  const first: Snapshot = { ...syntheticSnapshot(), nextExample: { index: 7, label: 5, pixels: image(0) } };
  show(first);
  vi.stubGlobal('matchMedia', (q: string) => ({
    matches: q === '(pointer: coarse)',
    addEventListener() {},
    removeEventListener() {},
  }));
  const { container, unmount } = render(<ChainRulePanel />);
  expect(container.textContent).toContain('Tap any edge in the network to pick another weight');
  expect(container.textContent).not.toMatch(/click/i);
  unmount();
  vi.unstubAllGlobals();
  const mouse = render(<ChainRulePanel />);
  expect(mouse.container.textContent).toContain('Click any edge in the network to pick another weight');
});

it('says why a weight from a dark input has a product of 0, and not for a lit one (edge after edge read 0 with no word)', () => {
  const snap: Snapshot = { ...syntheticSnapshot(), nextExample: { index: 7, label: 5, pixels: image(0) } };
  show(snap);
  const pixels = image(0);
  const input = Float32Array.from(pixels, (p) => p / 255);
  const trace = forwardTrace({ spec: snap.spec, params: snap.params }, input);
  const dark = trace.a[1].findIndex((v) => v === 0);
  const lit = trace.a[1].findIndex((v) => v > 0);
  // into a neuron of layer 2 that is on (one off too gets no advice: another input would not help it)
  const on = trace.a[2].findIndex((v) => v > 0);
  const off = trace.a[2].findIndex((v) => v === 0);
  expect(dark).toBeGreaterThanOrEqual(0);
  expect(lit).toBeGreaterThanOrEqual(0);
  expect(on).toBeGreaterThanOrEqual(0);
  expect(off).toBeGreaterThanOrEqual(0);

  // a hidden neuron off for this example: its outgoing weight multiplies 0
  useLab.setState({ selectedWeight: { layer: 2, to: on, from: dark } });
  const { rerender } = render(<ChainRulePanel />);
  expect(screen.getByTestId('chain-product').textContent).toBe('0');
  expect(screen.getByTestId('chain-dark').textContent).toMatch(
    new RegExp(
      `^Neuron ${dark} of layer 1 is off for this example \\(${activationName(1, dark)} = 0\\): this weight multiplies 0`,
    ),
  );
  expect(screen.getByTestId('chain-dark').textContent).toMatch(/Pick a neuron whose a is not 0 in the menu above/);
  // a lit one: no such note
  // into a neuron off too: no advice, and that neuron's own note names it
  useLab.setState({ selectedWeight: { layer: 2, to: off, from: dark } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-dark').textContent).not.toMatch(/Pick a neuron/);
  expect(screen.getByTestId('chain-off').textContent).toMatch(
    new RegExp(`^Neuron ${off} of layer 2 is off for this example \\(z ≤ 0, so ReLU′\\(z\\) = 0\\)`),
  );
  useLab.setState({ selectedWeight: { layer: 2, to: on, from: lit } });
  rerender(<ChainRulePanel />);
  expect(screen.queryByTestId('chain-dark')).toBeNull();
  // a black pixel (the image's corner), then a bright one
  useLab.setState({ selectedWeight: { layer: 1, to: 0, from: 0 } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-dark').textContent).toMatch(/^Pixel 0 is black in this image \(a⁽⁰⁾₀ = 0\)/);
  // a pixel's weights are chosen in a number box, not a menu: a lit one is named, to type there
  const named = /Pixel (\d+) \(row (\d+), col (\d+)\), for one, is lit .*: type its number in the box above/.exec(
    screen.getByTestId('chain-dark').textContent ?? '',
  );
  expect(named).not.toBeNull();
  expect(image(0)[Number(named![1])]).toBeGreaterThan(128);
  expect(Number(named![2]) * 28 + Number(named![3])).toBe(Number(named![1]));
  useLab.setState({ selectedWeight: { layer: 1, to: 0, from: 6 * 28 + 8 } });
  rerender(<ChainRulePanel />);
  expect(screen.queryByTestId('chain-dark')).toBeNull();
});

it('says when no neuron of the layer before is lit, and says nothing more where a pixel chosen says it itself', () => {
  // every first-layer ReLU off: its biases far below 0
  const base = syntheticSnapshot();
  const params = base.params.slice();
  for (let j = 0; j < base.spec.sizes[1]; j++) params[biasIndex(base.spec, 1, j)] = -1000;
  // and the neuron it feeds on (its weighted input is its bias alone)
  params[biasIndex(base.spec, 2, 3)] = 1;
  show({ ...base, params, nextExample: { index: 7, label: 5, pixels: image(0) } });
  useLab.setState({ selectedWeight: { layer: 2, to: 3, from: 4 } });
  const { rerender } = render(<ChainRulePanel />);
  expect(screen.getByTestId('chain-dark').textContent).toMatch(
    /Every neuron of layer 1 is 0 for this example, so no weight from it matters here: its ReLUs are all off/,
  );
  expect(screen.getByTestId('chain-dark').textContent).not.toMatch(/Pick a neuron/);
  // a black pixel chosen by itself (no weight picked): its own note says it is dark, once
  useLab.setState({ selectedWeight: null, selectedNeuron: { layer: 0, index: 0 } });
  show({ ...base, seq: 5, nextExample: { index: 7, label: 5, pixels: image(0) } });
  rerender(<ChainRulePanel />);
  expect(screen.queryByTestId('chain-dark')).toBeNull();
  expect(screen.getByTestId('chain-rule-panel').textContent).toContain('The pixel is dark here');
});

it('names the slope that rounds to 0 as the factor row does: tanh′ in a hidden layer, σ′ at the output (it said f′)', () => {
  // a tanh network with mse (σ outputs): neuron 0 of layer 2 and output 0 pushed far up their curves (z ≈ 1000: the slopes are exactly 0 in float64)
  const net = createNetwork({ ...DEFAULT_SPEC, activation: 'tanh', loss: 'mse' });
  net.params[biasIndex(net.spec, 2, 0)] = 1000;
  net.params[biasIndex(net.spec, 3, 0)] = 1000;
  const base = syntheticSnapshot();
  show({ ...base, spec: net.spec, params: net.params, nextExample: { index: 7, label: 5, pixels: image(0) } });
  useLab.setState({ selectedWeight: { layer: 2, to: 0, from: 0 } });
  const { rerender } = render(<ChainRulePanel />);
  expect(screen.getByTestId('chain-off').textContent).toMatch(
    /^Neuron 0 of layer 2 is saturated for this example \(tanh′\(z\) rounds to 0\)/,
  );
  useLab.setState({ selectedWeight: { layer: 3, to: 0, from: 0 } });
  rerender(<ChainRulePanel />);
  expect(screen.getByTestId('chain-off').textContent).toMatch(
    /^Output 0 is saturated for this example \(σ′\(z\) rounds to 0\)/,
  );
});
