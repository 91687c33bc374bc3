/// <reference lib="webworker" />
/** The surface worker: exposes a SurfaceSession through comlink (a second worker, so training never waits). */
import * as Comlink from 'comlink';
import type { SurfaceApi, SurfaceResult } from '../protocol/surface-api';
import { SurfaceSession } from './surface-session';

/** A macrotask hop without setTimeout's 4 ms clamping, so slicing costs almost nothing. */
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const session = new SurfaceSession({
  now: () => performance.now(),
  yieldToHost,
  crash: () => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  },
});

const inner = session.api();

/** The result's arrays are the worker's own, made for this answer: transferred, not cloned. */
function transferred(r: SurfaceResult | null): SurfaceResult | null {
  return r && Comlink.transfer(r, [r.grid.values.buffer, r.plane.d1.buffer, r.plane.d2.buffer]);
}

const api = {
  ...inner,
  compute: async (request, onProgress) => transferred(await inner.compute(request, onProgress)),
} satisfies SurfaceApi;

Comlink.expose(api);
