/**
 * A surface worker that stops without an error event (closed, or stuck) never answered:
 * "computing…" stood for good, and Cancel then Compute asked the same dead worker (a review).
 */
import { expect, it } from 'vitest';
import { SurfaceBridge, type SurfaceQuery } from '../../src/bridge/surface-bridge';
import type { SurfaceApi } from '../../src/protocol/surface-api';
import { fakeWorker } from '../helpers/fake-worker';

it('ends a computation whose worker sends nothing for its silence limit, and starts afresh on the next', async () => {
  let workers = 0;
  let answers = false;
  const api: Partial<SurfaceApi> = {
    setData: () => Promise.resolve({ count: 1 }),
    compute: () => (answers ? Promise.resolve(null as never) : new Promise(() => {})),
    cancel: () => Promise.resolve(),
  };
  const images = () => Promise.resolve({ pixels: new Uint8Array(784), labels: new Uint8Array(1) });
  const bridge = new SurfaceBridge(
    images as never,
    () => {
      workers++;
      return fakeWorker<SurfaceApi>(api);
    },
    300,
  );
  const query = {} as SurfaceQuery;
  await expect(bridge.compute(query, 1, () => {})).rejects.toThrow(
    /^the surface worker stopped answering \(nothing for 0 s\); it restarts on the next request$/,
  );
  answers = true;
  await expect(bridge.compute(query, 1, () => {})).resolves.toBeNull();
  expect(workers).toBe(2);
});
