/** Surface panel options for hook tests: a small random slice, not following training. */
import type { SurfaceOptions } from '../../src/views/surface/use-surface';

export const SURFACE_OPTIONS: SurfaceOptions = {
  kind: 'random',
  examples: 500,
  resolution: 11,
  seed: 1,
  span: 1,
  weightSpan: 1,
  learningRate: 0.5,
  epochs: 1,
  batchSize: 32,
  nearStart: false,
  follow: false,
};
