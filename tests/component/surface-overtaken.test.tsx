/**
 * A surface request overtaken by a newer one (a Reset with "follow" on, a second Compute) ends as
 * cancelled: it must leave the newer one's progress and Cancel alone. It cleared them, so the
 * progress bar went while the newer picture was still computing.
 */
import { act, renderHook } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { SURFACE_OPTIONS } from '../helpers/surface-options';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const pending = vi.hoisted(() => [] as ((r: unknown) => void)[]);
vi.mock('../../src/bridge/surface-bridge', () => ({
  surface: {
    compute: () => new Promise((resolve) => pending.push(resolve)),
    cancel: () => undefined,
  },
}));
vi.mock('../../src/bridge/trainer-bridge', () => ({
  trainer: { trajectory: async () => ({ steps: [], params: [] }), surfaceCost: async () => null },
}));
const { useSurface } = await import('../../src/views/surface/use-surface');

afterEach(() => {
  pending.length = 0;
  useLab.setState({ panelSnapshot: null });
});

it('the request a newer one overtook leaves the newer one’s progress alone', async () => {
  useLab.setState({ panelSnapshot: syntheticSnapshot() });
  const { result } = renderHook(() => useSurface(SURFACE_OPTIONS));
  let first!: Promise<void>;
  let second!: Promise<void>;
  await act(async () => {
    first = result.current.compute();
    await Promise.resolve();
  });
  await vi.waitFor(() => expect(pending.length).toBe(1));
  await act(async () => {
    second = result.current.compute();
  });
  await vi.waitFor(() => expect(pending.length).toBe(2));
  // the first ends cancelled (null): the second is still computing
  await act(async () => {
    pending[0](null);
    await first;
  });
  expect(result.current.status.computing).toBe(true);
  // the second's own end ends the computing
  await act(async () => {
    pending[1](null);
    await second;
  });
  expect(result.current.status.computing).toBe(false);
});
