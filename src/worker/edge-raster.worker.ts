/// <reference lib="webworker" />
/** The edge worker: paints the network's edges as CPU pixels (edge-raster.ts) off the page's thread. */
import * as Comlink from 'comlink';
import type { EdgeRasterApi } from '../protocol/edge-raster-api';
import { rasterEdges } from './edge-raster';

/** The premultiplied float canvas, kept between requests of the same size. */
let acc = new Float32Array(0);

const api = {
  raster(request) {
    const need = request.width * request.height * 4;
    if (acc.length !== need) acc = new Float32Array(need);
    else acc.fill(0);
    return { width: request.width, height: request.height, pixels: rasterEdges(request, acc) };
  },
} satisfies EdgeRasterApi;

Comlink.expose(api);
