import { describe, expect, it, vi } from 'vitest';
import { EdgeRasterBridge } from '../../../src/bridge/edge-raster-bridge';
import type { EdgeRasterApi, EdgeRasterRequest, EdgeRasterResult } from '../../../src/protocol/edge-raster-api';
import { fakeWorker, type FakeWorker } from '../../helpers/fake-worker';

const request = (baseId: number): EdgeRasterRequest => ({
  width: 2,
  height: 1,
  scale: 1,
  baseId,
  count: 0,
  segments: new Float32Array(0),
  baseOpacity: 1,
  overlayCount: 0,
  overlay: new Float32Array(0),
});

/** Stand-in edge workers, each answering with its own number in the first pixel (or never, with `hang`). */
function workers(hang = false) {
  const made: (FakeWorker & { ended: boolean })[] = [];
  const factory = () => {
    const n = made.length + 1;
    const api: EdgeRasterApi = {
      raster: (r): Promise<EdgeRasterResult> | EdgeRasterResult =>
        hang
          ? new Promise(() => {})
          : { width: r.width, height: r.height, pixels: new Uint8ClampedArray([n, r.baseId, 0, 0, 0, 0, 0, 0]) },
    };
    const w = Object.assign(fakeWorker<EdgeRasterApi>(api), { ended: false });
    const terminate = w.terminate.bind(w);
    w.terminate = () => {
      w.ended = true;
      terminate();
    };
    made.push(w);
    return w;
  };
  return { made, factory };
}

describe('EdgeRasterBridge (the edge worker’s life)', () => {
  it('starts one worker on the first request and asks it every time after', async () => {
    const { made, factory } = workers();
    const bridge = new EdgeRasterBridge(factory);
    expect(made.length).toBe(0);
    const first = await bridge.raster(request(1));
    const second = await bridge.raster(request(2));
    expect([...first.pixels.slice(0, 2)]).toEqual([1, 1]);
    expect([...second.pixels.slice(0, 2)]).toEqual([1, 2]);
    expect(made.length).toBe(1);
    bridge.stop();
    expect(made[0].ended).toBe(true);
  });

  it('rejects the request in flight when the worker crashes, and starts a fresh one for the next', async () => {
    const { made, factory } = workers();
    const bridge = new EdgeRasterBridge(factory);
    await bridge.raster(request(1));
    // a request in flight when the worker dies
    const pending = bridge.raster(request(2));
    made[0].die('out of memory');
    await expect(pending).rejects.toThrow('the edge worker stopped (out of memory)');
    expect(made[0].ended).toBe(true);
    const after = await bridge.raster(request(3));
    expect(made.length).toBe(2);
    expect([...after.pixels.slice(0, 2)]).toEqual([2, 3]);
    bridge.stop();
  });

  it('ends a worker that has not answered in 15 s; the next request starts a fresh one', async () => {
    vi.useFakeTimers();
    try {
      const { made, factory } = workers(true);
      const bridge = new EdgeRasterBridge(factory);
      let outcome: unknown = 'pending';
      bridge.raster(request(1)).then(
        () => (outcome = 'answered'),
        (e: unknown) => (outcome = e),
      );
      await vi.advanceTimersByTimeAsync(14_000);
      expect(outcome).toBe('pending');
      expect(made[0].ended).toBe(false);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(String(outcome)).toContain('did not answer in 15 s');
      expect(made[0].ended).toBe(true);
      void bridge.raster(request(2)).catch(() => {});
      expect(made.length).toBe(2);
      bridge.stop();
      expect(made[1].ended).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
