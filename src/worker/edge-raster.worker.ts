/// <reference lib="webworker" />
/** The edge worker: paints the network's edges as CPU pixels (edge-raster.ts) off the page's thread. */
import * as Comlink from 'comlink';
import type { EdgeRasterApi } from '../protocol/edge-raster-api';
import { EdgeRasterSession } from './edge-raster';

const session = new EdgeRasterSession();

const api = {
  raster: (request) => session.raster(request),
} satisfies EdgeRasterApi;

Comlink.expose(api);
