/**
 * For the UI measurements (bench:ui, trace:ui): builds the app, serves the build and opens
 * it in the tests' headless Chromium, waiting until the first snapshot has arrived and a
 * second more. close() shuts the browser and the server. APP_PATH is appended to the app's
 * address (e.g. '#activation=sigmoid' to measure other settings); CHROMIUM_EXTRA_ARGS adds
 * browser flags (e.g. '--disable-gpu-rasterization' to compare raster paths); APP_INIT is
 * a script run in the page before its own (e.g. to take WebGL away); UI_MINIFY=0 builds
 * without minifying, so a trace or profile names the app's functions.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchBrowser, type LaunchOptions } from '../tests/helpers/browser';

export interface ReadyApp {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** The build, made once per process (bench:ui opens the app once for each set of browser flags). */
let built: Promise<unknown> | null = null;

/** Builds the app (once per process) and serves the build on 127.0.0.1 and a free port. */
export async function serveBuild(): Promise<{ url: string; close: () => void }> {
  built ??= build({ logLevel: 'warn', build: process.env.UI_MINIFY === '0' ? { minify: false } : {} });
  await built;
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.httpServer.close() };
}

export async function openReadyApp(launch: LaunchOptions = {}): Promise<ReadyApp> {
  const server = await serveBuild();
  const context = await launchBrowser(launch);
  const close = async () => {
    await context.close();
    server.close();
  };
  try {
    if (process.env.APP_INIT) await context.addInitScript(process.env.APP_INIT);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}${process.env.APP_PATH ?? ''}`);
    await page.waitForFunction(() => window.__lab?.store.getState().snapshot != null, null, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    return { context, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
