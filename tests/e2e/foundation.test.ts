import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, profileDirOf, removeStaleProfiles } from '../helpers/browser';
import { MNIST_DATA_DIR } from '../helpers/mnist';
import { canvasStats, openApp, waitReady, type OpenedApp } from './app';

describe('foundation: the real MNIST pipeline in a real browser', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await app?.context.close();
  });

  it('loads the data from the network the first time, cross-origin isolated', async () => {
    await waitReady(app.page);
    const dataRequests = app.requests.filter((u) => u.includes('/data/') && u.endsWith('.gzip'));
    expect(dataRequests.length).toBe(4);
    expect(await app.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  });

  it('is sent the data files as they are, with their sizes, so the loading bar can say how far it is', async () => {
    const file = 't10k-images-idx3-ubyte.gzip';
    const headers = await app.page.evaluate(async (f) => {
      const r = await fetch(`data/${f}`, { cache: 'no-store' });
      await r.arrayBuffer();
      return { length: r.headers.get('content-length'), encoding: r.headers.get('content-encoding') };
    }, file);
    // vite preview gzipped these gzip files again, without a Content-Length (the bar read "3.3 MB so far")
    expect(headers).toEqual({ length: String(statSync(join(MNIST_DATA_DIR, file)).size), encoding: null });
  });

  it('draws real digits with their labels', async () => {
    await app.page.waitForFunction(
      () => (document.querySelector('[data-testid=sample-labels]')?.textContent ?? '').trim().length > 0,
      null,
      { timeout: 30_000 },
    );
    const labels = (await app.page.getByTestId('sample-labels').innerText()).trim().split(/\s+/);
    // the first training labels of MNIST are 5 0 4 1 9 2 1 3 1 4 ...
    expect(labels.slice(0, 5)).toEqual(['5', '0', '4', '1', '9']);
    // a screen reader hears as many labels as digits are drawn (60 px a digit; it heard 12 beside 10)
    const drawnWidth = await app.page.getByTestId('sample-digits').evaluate((c) => c.getBoundingClientRect().width);
    expect(labels.length).toBe(Math.round((drawnWidth + 4) / 60));
    const ink = await app.page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=sample-digits]') as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let white = 0;
      let black = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] > 200) white++;
        else if (d[i] < 30 && d[i + 3] === 255) black++;
      }
      return { white, black, total: d.length / 4 };
    });
    // digits are mostly black background with some white ink
    expect(ink.white).toBeGreaterThan(ink.total * 0.05);
    expect(ink.black).toBeGreaterThan(ink.total * 0.4);
  });

  it('does not download the data again on reload', async () => {
    const before = app.requests.length;
    await app.page.reload();
    await waitReady(app.page);
    const again = app.requests.slice(before).filter((u) => u.includes('/data/') && u.endsWith('.gzip'));
    expect(again).toEqual([]);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().data)).toEqual({
      kind: 'ready',
      fromCache: true,
      trainCount: 50_000,
    });
  });

  it('paints the edges in the edge worker where WebGL is software, as in this headless Chromium', async () => {
    const view = app.page.getByTestId('network-view');
    await expect.poll(() => view.getAttribute('data-edges'), { timeout: 30_000 }).toBe('cpu');
    await app.page.waitForFunction(
      () => Number(document.querySelector('.network-edges')?.getAttribute('data-painted')) > 0,
      null,
      { timeout: 30_000 },
    );
    expect((await canvasStats(app.page, '.network-edges')).painted).toBeGreaterThan(10_000);
  });

  it('draws the edges again when the browser takes the WebGL context away and gives it back', async () => {
    // WebGL asked for (?edges=webgl): here it is software, which the app would otherwise leave to the edge worker
    const gl = await openApp('?edges=webgl');
    try {
      await waitReady(gl.page);
      const view = gl.page.getByTestId('network-view');
      await expect.poll(() => view.getAttribute('data-edges'), { timeout: 30_000 }).toBe('webgl');
      /** Painted pixels of the WebGL edge canvas. */
      const painted = async () => (await canvasStats(gl.page, '.network-edges')).painted;
      await expect.poll(painted, { timeout: 30_000 }).toBeGreaterThan(10_000);
      await gl.page.evaluate(() => {
        const ctx = (document.querySelector('.network-edges') as HTMLCanvasElement).getContext('webgl')!;
        (window as unknown as { __lose: WEBGL_lose_context }).__lose = ctx.getExtension('WEBGL_lose_context')!;
        (window as unknown as { __lose: WEBGL_lose_context }).__lose.loseContext();
      });
      await expect.poll(() => view.getAttribute('data-edges'), { timeout: 30_000 }).toBe('webgl-lost');
      await gl.page.evaluate(() => (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext());
      await expect.poll(() => view.getAttribute('data-edges'), { timeout: 30_000 }).toBe('webgl');
      await expect.poll(painted, { timeout: 30_000 }).toBeGreaterThan(10_000);
      expect(gl.errors).toEqual([]);
    } finally {
      await gl.context.close();
    }
  });

  it('shows no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});

describe('the test browser', () => {
  it('deletes its profile when it closes (each is ~27 MB; thousands filled a disk)', async () => {
    const context = await launchBrowser({ width: 400, height: 300 });
    let dir: string | undefined;
    try {
      dir = profileDirOf(context);
      expect(dir).toBeDefined();
      expect(existsSync(dir!)).toBe(true);
    } finally {
      await context.close();
    }
    // gone once close has returned: a test file's process may end right after its last close
    expect(existsSync(dir!)).toBe(false);
  });

  it('removes profiles left behind an hour ago, and none in use', async () => {
    // a closing browser sometimes writes its cache index after its profile was removed
    const stale = mkdtempSync(join(tmpdir(), 'bplab-chromium-'));
    const fresh = mkdtempSync(join(tmpdir(), 'bplab-chromium-'));
    // an old one a running browser holds (a long soak): Chromium's lock is there
    const held = mkdtempSync(join(tmpdir(), 'bplab-chromium-'));
    writeFileSync(join(held, 'SingletonLock'), '');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, old, old);
    utimesSync(held, old, old);
    try {
      await removeStaleProfiles();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
      expect(existsSync(held)).toBe(true);
    } finally {
      for (const dir of [fresh, stale, held]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
