import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { layerOffsets } from '../../src/engine';
import { useLab } from '../../src/store/lab-store';
import { signedScale } from '../../src/render/palette';
import { ActivationPanel } from '../../src/views/inspector/ActivationPanel';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

/**
 * A synthetic relu network on screen whose next example is a blank image, so a layer-2 neuron's z
 * is its bias: `biases` sets those of layer 2 (neuron index -> b), and `selected` is picked.
 */
function showLayer2(biases: Record<number, number>, selected: number) {
  const snapshot = syntheticSnapshot();
  const o = layerOffsets(snapshot.spec.sizes);
  const params = snapshot.params.slice();
  for (const [j, b] of Object.entries(biases)) params[o.biases[2] + Number(j)] = b;
  const snap = { ...snapshot, params };
  useLab.setState({ snapshot: snap, panelSnapshot: snap, lastExample: null, probe: null });
  useLab.setState({ selectedNeuron: { layer: 2, index: selected } });
  return { snapshot: snap, biasAt: (j: number) => o.biases[2] + j };
}

afterEach(() => {
  useLab.setState({ snapshot: null, panelSnapshot: null, selectedNeuron: null, lastExample: null, probe: null });
});

describe('ActivationPanel', () => {
  it('says where z is when it lies beyond the plotted −6…6, and says nothing when it is on the plot', () => {
    showLayer2({ 3: 13.25, 4: 2 }, 3);
    const { rerender } = render(<ActivationPanel />);
    expect(screen.getByTestId('activation-offscale').textContent).toBe('z = 13.3, off the plot ▸');
    useLab.setState({ selectedNeuron: { layer: 2, index: 4 } });
    rerender(<ActivationPanel />);
    expect(screen.getByTestId('activation-marker')).toBeTruthy();
    expect(screen.queryByTestId('activation-offscale')).toBeNull();
    // a relu neuron that is on: no word about dead neurons
    expect(screen.queryByTestId('relu-off')).toBeNull();
  });

  it('says when a relu neuron is off for the digit (no gradient flows through it)', () => {
    const { snapshot } = showLayer2({ 5: -0.5 }, 5);
    expect(snapshot.spec.activation).toBe('relu');
    render(<ActivationPanel />);
    expect(screen.getByTestId('relu-off').textContent).toMatch(/z ≤ 0, so a = 0 and f′\(z\) = 0/);
  });
});

describe('the bias what-if', () => {
  it('slides z by Δb along the curve, says what a would be, changes nothing, and starts over for another neuron', () => {
    const { biasAt } = showLayer2({ 3: -1.5 }, 3);
    const { rerender } = render(<ActivationPanel />);
    // relu, z = b = −1.5: off; w·a + b written out, the layer's input a⁽¹⁾ and its own a⁽²⁾ named apart
    expect(screen.getByTestId('activation-panel').textContent).toMatch(
      /z = Σ wᵢaᵢ⁽¹⁾ \+ b = 0(\.0+)? − 1\.50* = −1\.50*, a⁽²⁾ = 0/,
    );
    expect(screen.queryByTestId('activation-ghost')).toBeNull();
    fireEvent.change(screen.getByTestId('bias-shift'), { target: { value: '2.5' } });
    expect(screen.getByTestId('bias-what-if').textContent).toBe(
      'b = 1 would give z = 1, a = 1, f′(z) = 1 (not applied: training sets b).',
    );
    expect(screen.getByTestId('activation-ghost')).toBeTruthy();
    // said as shown, not as the float the slider holds
    expect(screen.getByTestId('bias-shift').getAttribute('aria-valuetext')).toBe('+2.5');
    expect(useLab.getState().panelSnapshot!.params[biasAt(3)]).toBe(-1.5);
    // another neuron: its own b, no what-if carried over
    useLab.setState({ selectedNeuron: { layer: 2, index: 4 } });
    rerender(<ActivationPanel />);
    expect(screen.queryByTestId('activation-ghost')).toBeNull();
    expect((screen.getByTestId('bias-shift') as HTMLInputElement).value).toBe('0');
  });
});

describe('a first-layer neuron’s weights', () => {
  it('are drawn as a 28×28 map, its scale the row’s largest |w|; a later layer’s neuron has none', () => {
    // record the cells' colours: one fillStyle set before each fillRect
    const fills: string[] = [];
    const ctx = {
      setTransform: () => {},
      clearRect: () => {},
      fillRect: () => {},
      set fillStyle(c: string) {
        fills.push(c);
      },
    };
    const getContext = vi
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
    const snapshot = syntheticSnapshot();
    const o = layerOffsets(snapshot.spec.sizes);
    useLab.setState({ snapshot, panelSnapshot: snapshot, lastExample: null, probe: null });
    useLab.setState({ selectedNeuron: { layer: 1, index: 7 } });
    const { rerender } = render(<ActivationPanel />);
    const row = snapshot.params.subarray(o.weights[1] + 7 * 784, o.weights[1] + 8 * 784);
    const largest = Math.max(...Array.from(row, Math.abs));
    expect(screen.getByTestId('weights-map').getAttribute('aria-label')).toMatch(/weights into neuron 7 of layer 1/);
    expect(screen.getByTestId('weights-map-scale').textContent).toBe(
      `the strongest colour is |value| = ${Number(largest.toPrecision(3))}, the others to scale`,
    );
    // the cells are this row's weights, to that scale
    expect(fills.slice(-784)).toEqual(Array.from(row, (w) => signedScale(w / largest)));
    // the tab's subject first: the neuron's own curve, its what-if slider, then the other curves, the
    // weights last (above the curve, they put it under a 1280x720 screen on the lesson's last step)
    const order = [
      document.querySelector('.act-plot.selected')!,
      screen.getByTestId('bias-shift'),
      ...document.querySelectorAll('.act-plot:not(.selected)'),
      screen.getByTestId('weights-map'),
    ];
    expect(order).toHaveLength(5);
    for (let k = 1; k < order.length; k++) {
      expect(order[k - 1].compareDocumentPosition(order[k]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    useLab.setState({ selectedNeuron: { layer: 2, index: 7 } });
    rerender(<ActivationPanel />);
    expect(screen.queryByTestId('weights-map')).toBeNull();
    getContext.mockRestore();
  });
});
