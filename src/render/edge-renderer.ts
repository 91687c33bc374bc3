/** Chooses how the network's edges are drawn (network-edges.ts says what each way is). */
import { createCanvasEdgeRenderer } from './edges-2d';
import { createRasterEdgeRenderer } from './edges-cpu';
import { createWebglEdgeRenderer, hasGpuWebgl } from './edges-webgl';
import type { EdgeMode, EdgeRenderer, RasterEdges } from './network-edges';

/**
 * The edges' renderer for `mode` ('auto': WebGL on a GPU, else the edge worker's pixels).
 * `onChange` is called when `kind` changes (the browser took the WebGL context away or gave it
 * back, or the edge worker failed for good): redraw, and show `kind`.
 */
export function createEdgeRenderer(
  canvas: HTMLCanvasElement,
  onChange: () => void,
  raster: RasterEdges,
  mode: EdgeMode = 'auto',
): EdgeRenderer {
  if (mode === '2d') return createCanvasEdgeRenderer(canvas);
  const webgl = mode === 'webgl' || (mode === 'auto' && hasGpuWebgl());
  return (
    (webgl ? createWebglEdgeRenderer(canvas, onChange) : null) ?? createRasterEdgeRenderer(canvas, raster, onChange)
  );
}

/** `?edges=webgl|cpu|2d` in the page's address forces a renderer (to compare them, and for tests). */
export function edgeModeFrom(search: string): EdgeMode {
  const asked = new URLSearchParams(search).get('edges');
  return asked === 'webgl' || asked === 'cpu' || asked === '2d' ? asked : 'auto';
}
