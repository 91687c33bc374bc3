/**
 * The contract between the UI and the surface worker, which computes cost surfaces so
 * training never waits. The worker's object `satisfies SurfaceApi`; the bridge wraps it
 * with comlink's `wrap<SurfaceApi>`. The worker loads nothing: the bridge hands it the
 * evaluation images and every parameter vector it needs.
 */
import type { NetworkSpec } from '../engine';

/** The fewest checkpoints a training-path (PCA) slice is fitted to. */
export const MIN_PATH_POINTS = 3;
/** The trainer keeps a training-path checkpoint every this many updates at first (then less often, to stay bounded). */
export const PATH_POINT_EVERY = 5;

/** (a) two chosen weights, (b) random filter-normalised, (c) PCA of the training path, GD vs SGD. */
export type SliceKind = 'weights' | 'random' | 'trajectory' | 'optimisers';

interface RequestCommon {
  /** Chosen by the bridge; progress and cancel refer to it. */
  id: number;
  spec: NetworkSpec;
  /** Grid points per side (31 by default). */
  resolution: number;
  /** Training checkpoints to draw as the path (steps[i] is the update of checkpoints[i]); may be empty. */
  steps: number[];
  checkpoints: Float32Array[];
}

export type SurfaceRequest = RequestCommon &
  (
    | {
        kind: 'weights';
        centre: Float32Array;
        /** Parameter indices of w1 and w2. */
        first: number;
        second: number;
        /** Each weight is shown over at least [w - span, w + span]. */
        span: number;
      }
    | { kind: 'random'; centre: Float32Array; seed: number; /** alpha, beta in [-span, span] */ span: number }
    /** The plane of the checkpoints' top two principal directions through the last checkpoint. */
    | { kind: 'trajectory' }
    | {
        kind: 'optimisers';
        start: Float32Array;
        learningRate: number;
        /** Examples processed by each optimiser = epochs * evaluation size. */
        epochs: number;
        batchSize: number;
        seed: number;
        /**
         * Fit the plane and the map to GD's and mini-batch SGD's walks: one-example SGD's, many
         * times longer, scales the map so that their few steps lie under the start (it runs off
         * this one instead).
         */
        nearStart?: boolean;
      }
  );

/** One checkpoint on the plane: where it projects, how far off the plane it is, and its real cost. */
export interface PathPoint {
  /** Updates applied (training path) or examples processed (GD vs SGD). */
  step: number;
  alpha: number;
  beta: number;
  /** Distance from the plane in parameter space (0: the point lies on the surface drawn). */
  distance: number;
  /** The real mean cost at the checkpoint itself, on the evaluation images. */
  cost: number;
}

export interface SurfacePath {
  /** 'training', or 'gd' / 'minibatch' / 'sgd'. */
  name: string;
  label: string;
  points: PathPoint[];
  /** The cost blew up and the run stopped (too high a learning rate). */
  diverged: boolean;
  /** Examples per update (GD vs SGD only). */
  batchSize?: number;
}

export interface SurfaceGrid {
  resolution: number;
  alphaMin: number;
  alphaMax: number;
  betaMin: number;
  betaMax: number;
  /** values[j * n + i] = C(alpha_i, beta_j), n = resolution; NaN where not computed. */
  values: Float32Array;
  /** Spacing of the points computed so far (1 when every value is exact, more for a preview filled in between). */
  stride: number;
}

export interface SurfacePlaneInfo {
  centre: Float32Array;
  d1: Float64Array;
  d2: Float64Array;
  /** Axis names, e.g. 'w⁽³⁾₂,₅' or 'PC1 (83%)'. */
  axisLabels: [string, string];
  /** Shown axis value = offset + alpha (the weights' own values for kind 'weights', else 0). */
  axisOffsets: [number, number];
  /** Share of the path's variance along d1, d2 (PCA kinds only). */
  explained: [number, number] | null;
}

export interface SurfaceResult {
  id: number;
  kind: SliceKind;
  spec: NetworkSpec;
  plane: SurfacePlaneInfo;
  grid: SurfaceGrid;
  /** Real cost at the plane's centre. */
  centreCost: number;
  paths: SurfacePath[];
  /** Evaluation images the costs are means over. */
  examples: number;
  /** Worker time, ms: to the first coarse picture and in all. */
  timing: { coarseMs: number; totalMs: number };
}

export type SurfacePhase = 'directions' | 'training' | 'grid' | 'path';

export interface SurfaceProgress {
  id: number;
  phase: SurfacePhase;
  /** Fraction of the whole request done, 0..1. */
  fraction: number;
  /** Present once the plane is known; the grid so far (a preview while stride > 1). */
  partial: Omit<SurfaceResult, 'timing'> | null;
}

export interface SurfaceApi {
  /** The evaluation images (784 bytes each, 0..255) and labels; replaces any earlier set. */
  setData(pixels: Uint8Array, labels: Uint8Array): Promise<{ count: number }>;
  /**
   * Computes a surface, calling `onProgress` as it goes (coarse picture first). Resolves
   * with null if cancelled (by `cancel(id)` or a newer request); rejects with a message
   * a student can read for bad requests.
   */
  compute(request: SurfaceRequest, onProgress: (p: SurfaceProgress) => void): Promise<SurfaceResult | null>;
  /** Stops request `id` at its next slice (within ~20 ms). */
  cancel(id: number): Promise<void>;
  /** The real mean cost of one parameter vector on the evaluation images. */
  costAt(spec: NetworkSpec, params: Float32Array): Promise<number>;
  /** Test hook: makes the worker crash as if it died. */
  crash(): Promise<void>;
}
