import { describe, expect, it } from 'vitest';
import { createNetwork, forwardTrace, type NetworkSpec } from '../../../src/engine';
import type { LabState } from '../../../src/store/lab-store';
import { displayed } from '../../../src/views/network/displayed';

const sizes = [784, 16, 16, 10];
const training: NetworkSpec = { sizes, activation: 'sigmoid', loss: 'mse', seed: 1 };
// the draw pad's pretrained network: the same layout, another activation and loss
const pretrained = createNetwork({ sizes, activation: 'relu', loss: 'categorical-ce', seed: 2 });

function input(): Float32Array {
  const x = new Float32Array(784);
  for (let k = 200; k < 600; k += 3) x[k] = (k % 7) / 6;
  return x;
}

function state(probe: LabState['probe'], snapSpec: NetworkSpec = training): LabState {
  const snap = createNetwork(snapSpec);
  return {
    snapshot: {
      spec: snap.spec,
      params: snap.params,
      playing: false,
      batchStepped: 0,
      nextExample: { index: 0, label: 3, pixels: new Uint8Array(784) },
    },
    probe,
    lastExample: null,
  } as unknown as LabState;
}

describe('displayed: what the network view lights up', () => {
  it('reads a drawing with the probe’s own network, not the training network’s activation and loss', () => {
    const x = input();
    const shown = displayed(
      state({ input: x, spec: pretrained.spec, params: pretrained.params, label: 'your drawing' }),
    );
    expect(shown?.net.spec).toEqual(pretrained.spec);
    const expected = forwardTrace(pretrained, x).a;
    const out = shown!.activations[3];
    expect(Array.from(out)).toEqual(Array.from(expected[3]));
    // softmax outputs: probabilities that add up to 1 (the sigmoid + mse reading would not)
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('shows the training example, as the note says, when the probe’s network has other layer sizes', () => {
    const x = input();
    const other = createNetwork({ sizes: [784, 32, 10], activation: 'relu', loss: 'categorical-ce', seed: 1 });
    const s = state({ input: x, spec: other.spec, params: other.params, label: 'your drawing' });
    const shown = displayed(s);
    // it returned nothing: the view kept its last picture, or stayed blank if it had none yet
    expect(shown?.net.spec).toEqual(training);
    expect(shown?.label).toBe(3);
    expect(shown?.caption).toBe('next example #0, label 3');
    expect(Array.from(shown!.activations[3])).toEqual(
      Array.from(forwardTrace({ spec: training, params: s.snapshot!.params }, new Float32Array(784)).a[3]),
    );
  });
});

describe('displayed: the cost written under the output bars', () => {
  it('a test digit’s is its own C on the probe’s network: −ln a_y for softmax + categorical-ce', () => {
    const x = input();
    const shown = displayed(
      state({ input: x, spec: pretrained.spec, params: pretrained.params, label: 'test #7', trueLabel: 4 }),
    );
    const a = forwardTrace(pretrained, x).a[3];
    expect(shown?.cost).toBeCloseTo(-Math.log(a[4]), 4);
  });

  it('a stepped example’s is the cost it was stepped with; the next example, not yet stepped, has none', () => {
    const s = state(null);
    expect(displayed(s)?.cost).toBeNull();
    const net = createNetwork(training);
    const stepped = {
      ...s,
      snapshot: { ...s.snapshot!, batchStepped: 1 },
      lastExample: {
        example: { index: 9, label: 3, pixels: new Uint8Array(784) },
        positionInBatch: 0,
        batchSize: 16,
        activations: forwardTrace(net, input()).a,
        deltas: [new Float32Array(0), new Float32Array(16), new Float32Array(16), new Float32Array(10)],
        cost: 0.8125,
      },
    } as unknown as LabState;
    expect(displayed(stepped)?.cost).toBe(0.8125);
  });
});
