/**
 * Owns the edge worker's life: starts it on the first request and starts a fresh one after a
 * crash (the request in flight then fails, and the network view asks again or draws the edges
 * itself).
 */
import { endWorker, startWorker, type RunningWorker, type WorkerFactory } from './worker-life';
import type { EdgeRasterApi, EdgeRasterRequest, EdgeRasterResult } from '../protocol/edge-raster-api';

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('../worker/edge-raster.worker.ts', import.meta.url), { type: 'module', name: 'edges' });

/** A painting takes well under a second; one not back in this long counts as a worker that hung. */
const RASTER_TIMEOUT_MS = 15_000;

type Running = RunningWorker<EdgeRasterApi>;

export class EdgeRasterBridge {
  private running: Running | null = null;

  constructor(private readonly factory: WorkerFactory = defaultFactory) {}

  private start(): Running {
    if (this.running) return this.running;
    const running: Running = startWorker<EdgeRasterApi>(
      this.factory,
      () => {
        if (this.running === running) this.stop();
      },
      (detail) => `the edge worker stopped (${detail})`,
    );
    this.running = running;
    return running;
  }

  /**
   * The edges as pixels; rejects if the worker dies meanwhile, or has not answered in
   * RASTER_TIMEOUT_MS (then it is ended): the next call starts a new one.
   */
  async raster(request: EdgeRasterRequest): Promise<EdgeRasterResult> {
    const r = this.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (this.running === r) this.stop();
        reject(new Error(`the edge worker did not answer in ${RASTER_TIMEOUT_MS / 1000} s`));
      }, RASTER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([r.died.race(r.api.raster(request)), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the worker (the network view unmounted). */
  stop(): void {
    const r = this.running;
    this.running = null;
    if (!r) return;
    endWorker(r);
  }
}
