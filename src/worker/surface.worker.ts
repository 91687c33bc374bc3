/// <reference lib="webworker" />
/** The surface worker: exposes a SurfaceSession through comlink (a second worker, so training never waits). */
import * as Comlink from 'comlink';
import type { SurfaceApi } from '../protocol/surface-api';
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

/* Results are cloned, not transferred: a detached buffer slows this worker's engine (trainer.worker.ts). */
Comlink.expose(inner satisfies SurfaceApi);
