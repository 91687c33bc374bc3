/**
 * The surface worker's logic, with no worker globals so Node tests drive the very object
 * the worker exposes (see surface.worker.ts). Work runs in slices of ~15 ms with a yield
 * in between, so a cancel (or a newer request) is seen within a slice.
 */
import { createRng, evaluate, paramCount, type ByteData, type NetworkSpec } from '../engine';
import { paramName } from '../protocol/names';
import {
  axesCovering,
  createProjector,
  evaluateGrid,
  fillFromLattice,
  endsPlane,
  principalPlane,
  raceOptimisers,
  randomPlane,
  SurfaceEvaluator,
  weightPlane,
  type GridAxes,
  type Plane,
  type PlaneCoordinates,
} from '../engine/surface';
import {
  MIN_PATH_POINTS,
  type PathPoint,
  type SurfaceApi,
  type SurfaceGrid,
  type SurfacePath,
  type SurfacePhase,
  type SurfacePlaneInfo,
  type SurfaceProgress,
  type SurfaceRequest,
  type SurfaceResult,
} from '../protocol/surface-api';

const SLICE_MS = 15;
/** Progress without a new picture at most this often. */
const PROGRESS_EVERY_MS = 80;
const PIXELS = 784;

export interface SurfaceSessionDeps {
  now: () => number;
  /** Lets queued messages (cancel, a newer request) run; a MessageChannel hop in the worker. */
  yieldToHost: () => Promise<void>;
  /** Makes the host die, for the crash test. */
  crash: () => void;
}

const RACE_LABELS: Record<string, string> = {
  gd: 'full-batch GD',
  minibatch: 'mini-batch SGD',
  sgd: 'one-example SGD',
};

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export class SurfaceSession {
  private data: ByteData | null = null;
  private readonly cancelled = new Set<number>();
  private newest = 0;

  constructor(private readonly deps: SurfaceSessionDeps) {}

  setData(pixels: Uint8Array, labels: Uint8Array): { count: number } {
    const count = labels.length;
    if (pixels.length !== count * PIXELS) {
      throw new Error(`evaluation images: ${pixels.length} bytes for ${count} labels, expected ${count * PIXELS}`);
    }
    for (let i = 0; i < count; i++)
      if (labels[i] > 9) throw new Error(`evaluation label ${labels[i]} at ${i} is not a digit`);
    this.data = { images: pixels, labels, count };
    return { count };
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  costAt(spec: NetworkSpec, params: Float32Array): number {
    const data = this.requireData();
    this.checkParams(spec, params, 'the parameters');
    return evaluate({ spec, params }, data).cost;
  }

  private requireData(): ByteData {
    if (!this.data || this.data.count === 0) throw new Error('the surface has no evaluation images yet');
    return this.data;
  }

  private checkParams(spec: NetworkSpec, params: Float32Array, what: string): void {
    const need = paramCount(spec);
    if (params.length !== need)
      throw new Error(`${what} hold ${params.length} numbers, the network ${spec.sizes.join('-')} has ${need}`);
  }

  async compute(request: SurfaceRequest, onProgress: (p: SurfaceProgress) => void): Promise<SurfaceResult | null> {
    const { id, spec } = request;
    const data = this.requireData();
    this.newest = Math.max(this.newest, id);
    const stale = () => this.cancelled.has(id) || id < this.newest;
    const t0 = this.deps.now();
    let sliceStart = t0;
    let lastProgress = t0;
    /** Yields between slices; true when this request should stop. */
    const pause = async (): Promise<boolean> => {
      if (this.deps.now() - sliceStart >= SLICE_MS) {
        await this.deps.yieldToHost();
        sliceStart = this.deps.now();
      }
      return stale();
    };
    const report = (
      phase: SurfacePhase,
      fraction: number,
      partial: SurfaceProgress['partial'] = null,
      force = false,
    ) => {
      const t = this.deps.now();
      if (!force && partial === null && t - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = t;
      onProgress({ id, phase, fraction, partial });
    };
    try {
      const n = Math.round(request.resolution);
      if (!(n >= 3 && n <= 101)) throw new Error(`the grid needs 3 to 101 points per side, got ${request.resolution}`);
      for (const c of request.checkpoints) this.checkParams(spec, c, 'a training checkpoint');
      report('directions', 0, null, true);

      // 1. the plane, its axes, and the paths to draw on it
      let plane: Plane;
      let info: Omit<SurfacePlaneInfo, 'centre' | 'd1' | 'd2'>;
      const paths: {
        name: string;
        label: string;
        params: Float32Array[];
        steps: number[];
        costs: (number | null)[];
        diverged: boolean;
        batchSize?: number;
      }[] = [];
      let minHalfSpan: number;
      let maxHalfSpan = Infinity;
      let gridStart = 0.05;
      /** The checkpoints the grid must show (the others may fall outside it). */
      let focus: Set<Float32Array> | null = null;
      const training = {
        name: 'training',
        label: 'training path',
        params: request.checkpoints,
        steps: request.steps,
        costs: request.checkpoints.map(() => null),
        diverged: false,
      };
      switch (request.kind) {
        case 'weights': {
          this.checkParams(spec, request.centre, 'the centre');
          plane = weightPlane(request.centre, request.first, request.second);
          info = {
            axisLabels: [paramName(spec, request.first), paramName(spec, request.second)],
            axisOffsets: [request.centre[request.first], request.centre[request.second]],
            explained: null,
          };
          minHalfSpan = request.span;
          maxHalfSpan = 10 * request.span;
          paths.push(training);
          break;
        }
        case 'random': {
          this.checkParams(spec, request.centre, 'the centre');
          plane = randomPlane(spec, request.centre, createRng(request.seed));
          info = { axisLabels: ['random direction 1', 'random direction 2'], axisOffsets: [0, 0], explained: null };
          minHalfSpan = request.span;
          maxHalfSpan = 3 * request.span;
          paths.push(training);
          break;
        }
        case 'trajectory': {
          const cps = request.checkpoints;
          if (cps.length < MIN_PATH_POINTS)
            throw new Error(
              `the training path has fewer than ${MIN_PATH_POINTS} checkpoints: train a few batches first`,
            );
          const final = cps[cps.length - 1];
          const pca = principalPlane(cps.slice(0, -1), final, { meanCentred: true, rng: createRng(1) });
          plane = pca.plane;
          info = {
            axisLabels: [`PC1 (${percent(pca.explained[0])})`, `PC2 (${percent(pca.explained[1])})`],
            axisOffsets: [0, 0],
            explained: pca.explained,
          };
          minHalfSpan = 0;
          paths.push(training);
          break;
        }
        case 'optimisers': {
          this.checkParams(spec, request.start, 'the starting weights');
          const race = raceOptimisers(spec, request.start, data, {
            learningRate: request.learningRate,
            epochs: request.epochs,
            batchSize: request.batchSize,
            seed: request.seed,
          });
          let r = race.next();
          while (!r.done) {
            report('training', 0.5 * (r.value.done / r.value.total));
            if (await pause()) return null;
            r = race.next();
          }
          // a path that left the valley may end far away: the plane (and the grid) take the others
          // and the diverged paths up to their last checkpoint in the valley
          const fitted = request.nearStart ? r.value.filter((p) => p.name !== 'sgd') : r.value;
          const walks = fitted.map((p) => ({ name: p.name, sane: p.params.slice(1, p.diverged ? -1 : undefined) }));
          const sane = walks.flatMap((w) => w.sane);
          focus = new Set(sane.length > 0 ? sane : r.value.flatMap((p) => p.params.slice(1)));
          // the plane through the start and the ends of the two walks that went farthest (each
          // walk's last checkpoint in the valley): the colour under those two end dots is their cost
          const ends = walks.filter((w) => w.sane.length > 0).map((w) => ({ name: w.name, end: w.sane.at(-1)! }));
          const through = endsPlane(
            ends.map((e) => e.end),
            request.start,
            createRng(1),
          );
          plane = through.plane;
          info = {
            axisLabels: [0, 1].map((k) => {
              const i = through.spannedBy[k];
              return i < 0 ? `random direction ${k + 1}` : `toward ${RACE_LABELS[ends[i].name]}’s end`;
            }) as [string, string],
            axisOffsets: [0, 0],
            explained: null,
          };
          minHalfSpan = 0;
          gridStart = 0.5;
          for (const p of r.value) {
            paths.push({
              name: p.name,
              label: RACE_LABELS[p.name],
              params: p.params,
              steps: p.examples,
              costs: p.costs,
              diverged: p.diverged,
              batchSize: p.batchSize,
            });
          }
          break;
        }
      }
      const project = createProjector(plane);
      const projected: PlaneCoordinates[][] = paths.map((p) => p.params.map((q) => project(q)));
      const flat = paths.flatMap((p, k) => projected[k].filter((_, i) => !focus || focus.has(p.params[i]) || i === 0));
      if (minHalfSpan === 0) {
        // PCA planes: fit the paths, never a degenerate (zero-width) grid
        const extent = Math.max(
          1e-6,
          ...flat.filter((p) => Number.isFinite(p.alpha)).map((p) => Math.max(Math.abs(p.alpha), Math.abs(p.beta))),
        );
        minHalfSpan = 0.1 * extent;
      }
      const axes: GridAxes = axesCovering(
        flat.filter((p) => Math.abs(p.alpha) <= maxHalfSpan && Math.abs(p.beta) <= maxHalfSpan),
        n,
        minHalfSpan,
        maxHalfSpan,
      );
      const planeInfo: SurfacePlaneInfo = { centre: plane.centre, d1: plane.d1, d2: plane.d2, ...info };
      const surfacePaths = (): SurfacePath[] =>
        paths.map((p, k) => ({
          name: p.name,
          label: p.label,
          diverged: p.diverged,
          batchSize: p.batchSize,
          points: projected[k].map((c, i): PathPoint => ({
            step: p.steps[i] ?? i,
            alpha: c.alpha,
            beta: c.beta,
            distance: c.distance,
            cost: p.costs[i] ?? NaN,
          })),
        }));
      if (await pause()) return null;

      // 2. the grid, coarse to fine
      const evaluator = new SurfaceEvaluator(spec, data);
      evaluator.setPlane(plane);
      const values = new Float32Array(n * n).fill(NaN);
      const gridOf = (v: Float32Array, stride: number): SurfaceGrid => ({ ...axes, resolution: n, values: v, stride });
      const partial = (grid: SurfaceGrid): SurfaceProgress['partial'] => ({
        id,
        kind: request.kind,
        spec,
        plane: planeInfo,
        grid,
        centreCost: NaN,
        paths: surfacePaths(),
        examples: data.count,
      });
      const gridEnd = 0.9;
      let coarseMs = 0;
      for (const step of evaluateGrid(evaluator, axes, values)) {
        const fraction = gridStart + (gridEnd - gridStart) * (step.done / step.total);
        if (step.levelDone) {
          if (coarseMs === 0) coarseMs = this.deps.now() - t0;
          const preview = step.level.stride === 1 ? values.slice() : fillFromLattice(values, n, step.level.stride);
          report('grid', fraction, partial(gridOf(preview, step.level.stride)));
        } else {
          report('grid', fraction);
        }
        if (await pause()) return null;
      }

      // 3. the real cost at every checkpoint not yet known
      const todo = paths.reduce((s, p) => s + p.costs.filter((c) => c === null).length, 0);
      let costed = 0;
      for (const p of paths) {
        for (let i = 0; i < p.params.length; i++) {
          if (p.costs[i] !== null) continue;
          p.costs[i] = evaluate({ spec, params: p.params[i] }, data).cost;
          costed++;
          report('path', gridEnd + (1 - gridEnd) * (costed / todo));
          if (await pause()) return null;
        }
      }
      const centreCost = evaluator.costAt(0, 0);
      return {
        id,
        kind: request.kind,
        spec,
        plane: planeInfo,
        grid: gridOf(values, 1),
        centreCost,
        paths: surfacePaths(),
        examples: data.count,
        timing: { coarseMs, totalMs: this.deps.now() - t0 },
      };
    } finally {
      this.cancelled.delete(id);
    }
  }

  /** The object the worker exposes (plain async functions over this session). */
  api(): SurfaceApi {
    return {
      setData: async (pixels, labels) => this.setData(pixels, labels),
      compute: (request, onProgress) => this.compute(request, onProgress),
      cancel: async (id) => this.cancel(id),
      costAt: async (spec, params) => this.costAt(spec, params),
      crash: async () => this.deps.crash(),
    };
  }
}
