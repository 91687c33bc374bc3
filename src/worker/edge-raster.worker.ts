/// <reference lib="webworker" />
/** The edge worker: paints the network's edges as CPU pixels (edge-raster.ts) off the page's thread. */
import * as Comlink from 'comlink';
import type { EdgeRasterApi } from '../protocol/edge-raster-api';
import { EdgeRasterSession } from './edge-raster';

const session = new EdgeRasterSession();

const api = {
  // the pixels are a new array each time, handed over rather than copied: the one transfer in
  // the app (docs/ARCHITECTURE.md, "No transfers"): cloned, the page's thread spent ~6 ms (up to
  // 17) taking each 1.4 MB picture in
  raster: (request) => {
    const result = session.raster(request);
    return Comlink.transfer(result, [result.pixels.buffer]);
  },
} satisfies EdgeRasterApi;

Comlink.expose(api);
