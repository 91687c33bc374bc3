import { describe, expect, it } from 'vitest';
import type { LabState } from '../../../src/store/lab-store';
import type { ExampleStep, Snapshot, UpdateStep } from '../../../src/protocol/snapshot';
import { announcement } from '../../../src/views/controls/announce';
import { syntheticSnapshot } from '../../helpers/synthetic-snapshot';

const base = syntheticSnapshot();
const state = (snapshot: Partial<Snapshot>, rest: Partial<LabState> = {}): LabState =>
  ({ snapshot: { ...base, ...snapshot }, lastExample: null, lastUpdate: null, ...rest }) as LabState;

/** Softmax outputs that read 7 (0.62) */
const outputs = Float32Array.from([0.01, 0.02, 0.2, 0.03, 0.02, 0.02, 0.04, 0.62, 0.02, 0.02]);

const example = (position: number, out = outputs) =>
  ({
    example: { index: 13984, label: 2, pixels: new Uint8Array(784) },
    activations: [new Float32Array(784), new Float32Array(16), new Float32Array(16), out],
    positionInBatch: position,
    batchSize: 32,
    cost: 0.4321,
  }) as unknown as ExampleStep;

describe('announcement: what a screen reader hears of training', () => {
  it('says each example the student steps', () => {
    const before = state({ batchStepped: 0 });
    const after = state({ batchStepped: 1 }, { lastExample: example(0) });
    expect(announcement(after, before)).toBe(
      'Stepped example #13984, a 2: the network reads 7 (62.0%); cost 0.4321; 1 of 32 in this batch.',
    );
  });

  it("says the network's answer, drawn only on the canvas, as the views write it for the output kind", () => {
    const before = state({ batchStepped: 0 });
    const right = Float32Array.from([0, 0, 0.9996, 0, 0, 0, 0, 0.0004, 0, 0]);
    expect(announcement(state({ batchStepped: 1 }, { lastExample: example(0, right) }), before)).toContain(
      'the network reads 2 (>99.9%)',
    );
    // sigmoid outputs (mse, binary-ce) are no probabilities: their activation
    const sigmoid = { ...base.spec, loss: 'mse' as const };
    const after = state({ batchStepped: 1, spec: sigmoid }, { lastExample: example(0) });
    expect(announcement(after, state({ batchStepped: 0, spec: sigmoid }))).toContain('the network reads 7 (a = 0.62)');
  });

  it('says a stepped example whose reply comes before the snapshot that counts it', () => {
    const before = state({ batchStepped: 0 });
    const after = state({ batchStepped: 0 }, { lastExample: example(0) });
    expect(announcement(after, before)).toMatch(/^Stepped example #13984/);
  });

  it('says no epoch ended when a restore (Undo of a reset) brings the records back', () => {
    const reset = state({ step: 0, epoch: 0, epochs: [] });
    const undone = state({ step: 3500, epoch: 2 });
    expect(announcement(undone, reset)).toBeNull();
  });

  it('says when training starts and when it pauses (the Space shortcut changed nothing a screen reader heard)', () => {
    const paused = state({ playing: false, step: 4000 });
    const playing = state({ playing: true, step: 4000 });
    expect(announcement(playing, paused)).toBe('Training.');
    expect(announcement(state({ playing: true, steppingEpoch: true, step: 4000 }), paused)).toBe('Stepping an epoch.');
    expect(announcement(state({ playing: false, step: 5210 }), playing)).toBe('Paused at update 5,210.');
  });

  it('says an applied update with the batch cost before and after', () => {
    const update = { costBefore: 0.52, costAfter: 0.47 } as UpdateStep;
    const before = state({ step: 3501 });
    const after = state({ step: 3501 }, { lastUpdate: update });
    expect(announcement(after, before)).toBe('Update applied: batch cost 0.5200 before, 0.4700 after.');
  });

  it('says the end of an epoch, also while playing, and nothing else while playing', () => {
    const playing = state({ playing: true, step: 4000 });
    const later = state({ playing: true, step: 4100 }, { lastUpdate: { costBefore: 1, costAfter: 0.5 } as UpdateStep });
    expect(announcement(later, playing)).toBeNull();
    const record = { ...base.epochs[1], epoch: 3, testAccuracy: 0.9412 };
    const ended = state({ playing: true, step: 4101, epoch: 3, epochs: [...base.epochs, record] });
    expect(announcement(ended, playing)).toBe('Epoch 3 done: test accuracy 94.1%.');
  });

  it('says nothing before there is a network', () => {
    expect(announcement({ snapshot: null } as LabState, state({}))).toBeNull();
  });
});

describe('announcement of a test digit shown in the network view', () => {
  const spec = { sizes: [4, 3], activation: 'relu' as const, loss: 'categorical-ce' as const, seed: 1 };
  // weights 0, biases favour output 1: the network reads 1 whatever the input
  const params = Float32Array.from([...new Array(12).fill(0), 0, 2, 0]);
  const probe = (label: string) => ({ input: new Float32Array(4), spec, params, label, trueLabel: 2 });

  it("says the digit picked and the network's answer, once (not as the weights change)", () => {
    const before = state({}, { probe: null } as Partial<LabState>);
    const shown = state({}, { probe: probe('test #2182') } as Partial<LabState>);
    // softmax of (0, 2, 0): 0.787
    expect(announcement(shown, before)).toBe('The network view shows test #2182, a 2: the network reads 1 (78.7%).');
    const moved = state({}, { probe: { ...probe('test #2182'), params: params.slice() } } as Partial<LabState>);
    expect(announcement(moved, shown)).toBeNull();
    // also while training plays
    const playing = state({ playing: true }, { probe: probe('test #7') } as Partial<LabState>);
    expect(announcement(playing, state({ playing: true }, { probe: null } as Partial<LabState>))).toMatch(/test #7/);
  });

  it('says nothing of a drawing (the draw pad says its own reading)', () => {
    const drawing = { ...probe('your drawing'), trueLabel: undefined };
    expect(announcement(state({}, { probe: drawing } as Partial<LabState>), state({}))).toBeNull();
  });
});
