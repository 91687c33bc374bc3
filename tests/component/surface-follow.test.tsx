/**
 * "follow training" redraws the slice when the weights have left it. A Step epoch ends before the
 * picture it started is done, and no snapshot comes after: nothing looked again, and the slice
 * stayed behind for good (a student's review: "7.24 away from the slice", the ○ still in the
 * valley). The cost at the last snapshot is asked for too ("now" read "-" after a pause).
 */
import { act, renderHook } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { SurfaceResult } from '../../src/protocol/surface-api';
import { useLab } from '../../src/store/lab-store';
import { SURFACE_OPTIONS } from '../helpers/surface-options';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const worker = vi.hoisted(() => ({
  pending: [] as ((r: unknown) => void)[],
  /** The trainer's training path: its checkpoints' updates (each a copy of the snapshot's weights). */
  pathSteps: [0, 5, 10] as number[],
  /** When set, the cost at a point is answered once it resolves. */
  costGate: null as Promise<void> | null,
}));
vi.mock('../../src/bridge/surface-bridge', () => ({
  surface: {
    compute: () => new Promise((resolve) => worker.pending.push(resolve)),
    costAt: () => (worker.costGate ? worker.costGate.then(() => 0.25) : Promise.resolve(0.25)),
    cancel: () => undefined,
  },
}));
vi.mock('../../src/bridge/trainer-bridge', () => ({
  trainer: {
    trajectory: async () => ({
      steps: worker.pathSteps.slice(),
      params: worker.pathSteps.map(() => new Float32Array(0)),
    }),
  },
}));
const { shortPathMessage, useSurface } = await import('../../src/views/surface/use-surface');

afterEach(() => {
  worker.pending.length = 0;
  worker.pathSteps = [0, 5, 10];
  worker.costGate = null;
  useLab.setState({ panelSnapshot: null });
});

const OPTIONS = { ...SURFACE_OPTIONS, resolution: 3, follow: true };

/** A finished 3x3 picture of the slice through `centre` along the first two parameters. */
function pictureAt(snapshot: ReturnType<typeof syntheticSnapshot>): SurfaceResult {
  const n = snapshot.params.length;
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  d1[0] = 1;
  d2[1] = 1;
  return {
    id: 1,
    kind: 'random',
    spec: snapshot.spec,
    plane: { centre: snapshot.params.slice(), d1, d2, axisLabels: ['d₁', 'd₂'], axisOffsets: [0, 0], explained: null },
    grid: { resolution: 3, alphaMin: -1, alphaMax: 1, betaMin: -1, betaMax: 1, values: new Float32Array(9), stride: 1 },
    centreCost: 0.3,
    paths: [],
    examples: 500,
    timing: { coarseMs: 1, totalMs: 2 },
  };
}

/**
 * A picture begun of the first snapshot; while it computes, Step epoch moves the weights 10 off its
 * slice and nothing more comes. `finish()` ends the picture.
 */
async function pictureThenStepEpoch() {
  const start = syntheticSnapshot();
  useLab.setState({ panelSnapshot: start });
  const hook = renderHook(() => useSurface(OPTIONS));
  let first!: Promise<void>;
  await act(async () => {
    first = hook.result.current.compute();
  });
  await vi.waitFor(() => expect(worker.pending.length).toBe(1));
  const moved = { ...start, step: start.step + 1563, params: start.params.slice() };
  moved.params[5] += 10;
  act(() => useLab.setState({ panelSnapshot: moved }));
  const finish = () =>
    act(async () => {
      worker.pending[0](pictureAt(start));
      await first;
    });
  return { ...hook, moved, finish };
}

it('a picture that ends after training stopped far from it is followed by a new one, with no snapshot to prompt it', async () => {
  const { result, moved, finish } = await pictureThenStepEpoch();
  await finish();
  // a new picture is asked for by itself (within the 4 s between automatic ones)
  await vi.waitFor(() => expect(worker.pending.length).toBe(2), { timeout: 6_000, interval: 50 });
  // and the last snapshot's cost was asked for
  await vi.waitFor(() => expect(result.current.live?.cost).toBe(0.25), { timeout: 3_000, interval: 50 });
  expect(result.current.live?.step).toBe(moved.step);
}, 15_000);

it('a picture that ends after the panel closed (another tab) starts nothing more', async () => {
  const { unmount, finish } = await pictureThenStepEpoch();
  unmount();
  await finish();
  // it went on recomputing, every 4 s while training played, on the cores training shares
  await new Promise((r) => setTimeout(r, 300));
  expect(worker.pending.length).toBe(1);
});

/** A finished picture of the training path (PCA), its checkpoints at updates `steps`, all in its plane. */
function pathPicture(snapshot: ReturnType<typeof syntheticSnapshot>, steps: number[]): SurfaceResult {
  const picture = pictureAt(snapshot);
  const points = steps.map((step) => ({ step, alpha: 0, beta: 0, distance: 0, cost: 0.3 }));
  return { ...picture, kind: 'trajectory', paths: [{ name: 'training', label: 'training', points, diverged: false }] };
}

it('following the training path (PCA): once training has gone on a quarter of the path longer, a new picture is asked for', async () => {
  const start = { ...syntheticSnapshot(), step: 7640 };
  useLab.setState({ panelSnapshot: start });
  const hook = renderHook(() => useSurface({ ...OPTIONS, kind: 'trajectory' }));
  let first!: Promise<void>;
  await act(async () => {
    first = hook.result.current.compute();
  });
  await vi.waitFor(() => expect(worker.pending.length).toBe(1));
  await act(async () => {
    worker.pending[0](pathPicture(start, [1564, 3000, 5000, 7640]));
    await first;
  });
  // the weights stay in the picture's plane (no distance to follow), but training goes on to 48,242:
  // the picture stopped at 7,640 for good
  act(() => useLab.setState({ panelSnapshot: { ...start, step: 48242 } }));
  await vi.waitFor(() => expect(worker.pending.length).toBe(2), { timeout: 6_000, interval: 50 });
}, 15_000);

it('following a training path too short to picture (after a Reset): it says so, then draws it by itself once training has gone on', async () => {
  worker.pathSteps = [0];
  const start = { ...syntheticSnapshot(), step: 4 };
  useLab.setState({ panelSnapshot: start });
  const hook = renderHook(() => useSurface({ ...OPTIONS, kind: 'trajectory' }));
  await act(async () => {
    await hook.result.current.compute();
  });
  // nothing asked of the surface worker: two points (update 0 and the current weights) fit no plane
  expect(worker.pending.length).toBe(0);
  expect(hook.result.current.status.error).toBeNull();
  expect(hook.result.current.status.shortPath).toBe(2);
  expect(shortPathMessage(2, true)).toMatch(/has 2 points so far .* drawn by itself once training has gone on/);
  // training goes on: the path has its points, and a picture is asked for without a Compute
  worker.pathSteps = [0, 5, 10, 15];
  act(() => useLab.setState({ panelSnapshot: { ...start, step: 16 } }));
  await vi.waitFor(() => expect(worker.pending.length).toBe(1), { timeout: 6_000, interval: 50 });
  expect(hook.result.current.status.shortPath).toBeNull();
}, 15_000);

it('not following, a training path too short to picture says to train more and press Compute, and waits for it', async () => {
  worker.pathSteps = [0];
  const start = { ...syntheticSnapshot(), step: 4 };
  useLab.setState({ panelSnapshot: start });
  const hook = renderHook(() => useSurface({ ...OPTIONS, kind: 'trajectory', follow: false }));
  await act(async () => {
    await hook.result.current.compute();
  });
  expect(hook.result.current.status.shortPath).toBe(2);
  expect(shortPathMessage(2, false)).toMatch(/Train a few more batches, then press Compute/);
  worker.pathSteps = [0, 5, 10, 15];
  act(() => useLab.setState({ panelSnapshot: { ...start, step: 16 } }));
  await new Promise((r) => setTimeout(r, 300));
  expect(worker.pending.length).toBe(0);
});

it('while training plays, the newest cost measured is kept with its update (each answer came after the next snapshot)', async () => {
  let open = () => {};
  worker.costGate = new Promise<void>((r) => (open = r));
  const start = syntheticSnapshot();
  useLab.setState({ panelSnapshot: start });
  const hook = renderHook(() => useSurface({ ...OPTIONS, follow: false }));
  let first!: Promise<void>;
  await act(async () => {
    first = hook.result.current.compute();
  });
  await vi.waitFor(() => expect(worker.pending.length).toBe(1));
  await act(async () => {
    worker.pending[0](pictureAt(start));
    await first;
  });
  // the cost of the picture's update is asked for; the next snapshot comes before the answer
  act(() => useLab.setState({ panelSnapshot: { ...start, step: start.step + 3 } }));
  await act(async () => {
    open();
    await worker.costGate;
  });
  await vi.waitFor(() => expect(hook.result.current.live?.lastCost).toEqual({ value: 0.25, step: start.step }));
  expect(hook.result.current.live?.step).toBe(start.step + 3);
  expect(hook.result.current.live?.cost).toBeNaN();
});

it('a new picture sets the readout at once in its own terms (it kept the slice before’s numbers while paused)', async () => {
  const start = syntheticSnapshot();
  useLab.setState({ panelSnapshot: start });
  const { result } = renderHook(() => useSurface({ ...OPTIONS, follow: false }));
  let first!: Promise<void>;
  await act(async () => {
    first = result.current.compute();
  });
  await vi.waitFor(() => expect(worker.pending.length).toBe(1));
  await act(async () => {
    worker.pending[0](pictureAt(start));
    await first;
  });
  expect(result.current.live?.alpha).toBeCloseTo(0, 6);
  // at once another picture (another slice), centred 2 away along its first direction; no snapshot comes
  let second!: Promise<void>;
  await act(async () => {
    second = result.current.compute();
  });
  await vi.waitFor(() => expect(worker.pending.length).toBe(2));
  const other = pictureAt(start);
  other.plane.centre[0] -= 2;
  await act(async () => {
    worker.pending[1](other);
    await second;
  });
  expect(result.current.live?.alpha).toBeCloseTo(2, 5);
});
