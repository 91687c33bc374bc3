/**
 * Owns the edge worker's life: starts it on the first request and starts a fresh one after a
 * crash (the request in flight then fails, and the network view asks again or draws the edges
 * itself).
 */
import * as Comlink from 'comlink';
import type { EdgeRasterApi, EdgeRasterRequest, EdgeRasterResult } from '../protocol/edge-raster-api';

export type EdgeWorkerFactory = () => Worker;

const defaultFactory: EdgeWorkerFactory = () =>
  new Worker(new URL('../worker/edge-raster.worker.ts', import.meta.url), { type: 'module', name: 'edges' });

interface Running {
  worker: Worker;
  api: Comlink.Remote<EdgeRasterApi>;
  /** Rejects when the worker dies. */
  died: Promise<never>;
}

export class EdgeRasterBridge {
  private running: Running | null = null;

  constructor(private readonly factory: EdgeWorkerFactory = defaultFactory) {}

  private start(): Running {
    if (this.running) return this.running;
    const worker = this.factory();
    let fail: (e: Error) => void = () => {};
    const died = new Promise<never>((_, reject) => {
      fail = reject;
    });
    died.catch(() => {}); // observed by whoever races against it
    const running: Running = { worker, api: Comlink.wrap<EdgeRasterApi>(worker), died };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (this.running === running) this.stop();
      fail(new Error(`the edge worker stopped (${e.message || 'it crashed'})`));
    });
    this.running = running;
    return running;
  }

  /** The edges as pixels; rejects if the worker dies meanwhile (the next call starts a new one). */
  raster(request: EdgeRasterRequest): Promise<EdgeRasterResult> {
    const r = this.start();
    return Promise.race([r.api.raster(request), r.died]);
  }

  /** Ends the worker (the network view unmounted). */
  stop(): void {
    const r = this.running;
    this.running = null;
    if (!r) return;
    r.api[Comlink.releaseProxy]();
    r.worker.terminate();
  }
}
