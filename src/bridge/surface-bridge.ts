/**
 * Owns the surface worker's life: starts it on first use, hands it the evaluation images
 * (from the trainer, which holds MNIST), cancels a request when a newer one starts, and
 * starts a fresh worker after a crash (the request in flight fails with a clear message).
 */
import * as Comlink from 'comlink';
import { endWorker, startWorker, type RunningWorker, type WorkerFactory } from './worker-life';
import { SilenceWatch } from './silence-watch';
import type { NetworkSpec } from '../engine';
import type { SurfaceApi, SurfaceProgress, SurfaceRequest, SurfaceResult } from '../protocol/surface-api';
import { trainer } from './trainer-bridge';

/** Where the evaluation images come from (the trainer bridge in the app). */
export type ImageSource = (
  start: number,
  count: number,
) => Promise<{ pixels: Uint8Array; labels: Uint8Array } | undefined>;

/** A request as the UI asks it: the bridge adds the id. */
export type SurfaceQuery = SurfaceRequest extends infer R ? (R extends SurfaceRequest ? Omit<R, 'id'> : never) : never;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('../worker/surface.worker.ts', import.meta.url), { type: 'module', name: 'surface' });

interface Running extends RunningWorker<SurfaceApi> {
  /** Evaluation images it holds. */
  count: number;
}

/** A surface computation whose worker sends no progress for this long has stopped (a row of the largest grid takes ~4 s here). */
export const SURFACE_SILENT_MS = 120_000;

export class SurfaceBridge {
  private running: Running | null = null;
  private nextId = 1;
  private current: number | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly images: ImageSource,
    private readonly factory: WorkerFactory = defaultFactory,
    /** Silence after which a computation's worker is taken for stopped (see compute). */
    private readonly silentMs = SURFACE_SILENT_MS,
  ) {}

  private start(): Running {
    if (this.running) return this.running;
    const running: Running = {
      ...startWorker<SurfaceApi>(
        this.factory,
        () => {
          if (this.running === running) this.stop();
        },
        (detail) => `the surface worker stopped (${detail}); it restarts on the next request`,
      ),
      count: 0,
    };
    this.running = running;
    return running;
  }

  private stop(): void {
    const r = this.running;
    this.running = null;
    this.loading = null;
    if (!r) return;
    endWorker(r);
  }

  /** Makes sure the worker holds the first `count` training images. */
  private async ensureData(r: Running, count: number): Promise<void> {
    if (r.count === count) return;
    const load = async () => {
      const got = await this.images(0, count);
      if (!got)
        throw new Error('the training engine did not give the training images (it stopped twice); press Compute again');
      await r.died.race(r.api.setData(got.pixels, got.labels));
      r.count = count;
    };
    // one load at a time; a second caller waits for it and checks again
    while (this.loading) await this.loading.catch(() => {});
    if (r.count === count) return;
    this.loading = load().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  /**
   * Computes a surface on the first `examples` training images. A newer call cancels
   * this one, which then resolves with null. Everything is cloned to the worker, never
   * transferred: a detached buffer slows every typed-array loop of this thread (see
   * trainer.worker.ts).
   */
  async compute(
    query: SurfaceQuery,
    examples: number,
    onProgress: (p: SurfaceProgress) => void,
  ): Promise<SurfaceResult | null> {
    const id = this.nextId++;
    this.cancel();
    this.current = id;
    const r = this.start();
    // a worker that stops without an error event (closed, or stuck) never answers: "computing…" stood
    // for good, and Cancel then Compute asked the same dead worker (a review). Progress comes at
    // least every grid row; nothing for silentMs ends it as a crash, and the next request starts afresh
    await this.ensureData(r, examples);
    if (this.current !== id) return null;
    // (from here: the images came from the trainer, whose wait is not this worker's silence)
    const silence = new SilenceWatch(this.silentMs);
    silence.start(
      () => true,
      () => {
        silence.stop();
        if (this.running === r) this.stop();
        r.died.reject(
          new Error(
            `the surface worker stopped answering (nothing for ${silence.said}); it restarts on the next request`,
          ),
        );
      },
    );
    try {
      const request = { ...query, id } as SurfaceRequest;
      const result = await r.died.race(
        r.api.compute(
          request,
          Comlink.proxy((p: SurfaceProgress) => {
            silence.heard();
            if (this.current === id) onProgress(p);
          }),
        ),
      );
      return this.current === id ? result : null;
    } finally {
      silence.stop();
      if (this.current === id) this.current = null;
    }
  }

  /** Cancels the request in flight, if any. */
  cancel(): void {
    const id = this.current;
    this.current = null;
    if (id !== null && this.running) void this.running.api.cancel(id).catch(() => {});
  }

  /** The real mean cost of `params` on the evaluation images the worker holds (null if none yet). */
  async costAt(spec: NetworkSpec, params: Float32Array): Promise<number | null> {
    const r = this.running;
    if (!r || r.count === 0) return null;
    return r.died.race(r.api.costAt(spec, params));
  }

  /** Test hook (window.__lab.surface): kill the worker as if it crashed. */
  async crashForTest(): Promise<void> {
    await this.start().api.crash();
  }
}

/** The app's surface worker, fed with training images by the trainer. */
export const surface = new SurfaceBridge((start, count) => trainer.trainImages(start, count));
