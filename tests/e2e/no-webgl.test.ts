/**
 * A browser without WebGL (old hardware, a blocklisted GPU, WebGL turned off): the network
 * still draws every edge (painted by the edge worker instead of WebGL, or with canvas 2D on the
 * page if that worker cannot start) and the 3D surface says why it is not drawn instead of
 * showing an empty box.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { waitReady } from './app';

/** Runs in the page before its scripts: every WebGL request returns null, as in such a browser. */
const NO_WEBGL = `(() => {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    if (/webgl/i.test(type)) return null;
    return original.call(this, type, ...rest);
  };
})()`;

describe('a browser without WebGL', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    context = await launchBrowser({ width: 1280, height: 800 });
    await context.addInitScript(NO_WEBGL);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(inject('baseUrl'));
    await waitReady(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('has the edge worker paint the network’s edges', async () => {
    const view = page.getByTestId('network-view');
    await page.waitForFunction(
      () => Number(document.querySelector('.network-edges')?.getAttribute('data-painted')) > 0,
      null,
      { timeout: 30_000 },
    );
    expect(await view.getAttribute('data-edges')).toBe('cpu');
    // the edge canvas holds the lines: count its painted pixels, and both colours of the palette
    const painted = await page.evaluate(() => {
      const c = document.querySelector('.network-edges') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let any = 0;
      let orange = 0;
      let blue = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        any++;
        if (d[i] > d[i + 2] + 20) orange++;
        if (d[i + 2] > d[i] + 20) blue++;
      }
      return { any, orange, blue, total: d.length / 4 };
    });
    expect(painted.any).toBeGreaterThan(painted.total * 0.05);
    expect(painted.orange).toBeGreaterThan(1000);
    expect(painted.blue).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
  });

  it('says the 3D surface needs WebGL where the picture would be, and its button shows the 2D map', async () => {
    await page.getByTestId('tab-surface').click();
    await page.getByTestId('surface-mode').selectOption('3d');
    await expect.poll(() => page.locator('.surface-error').innerText(), { timeout: 30_000 }).toMatch(/no WebGL/);
    // the message fills the picture's box (an empty box with a line below it was missed), no blank canvas
    const box = (await page.locator('.surface-canvas-box').boundingBox())!;
    const message = (await page.locator('.surface-error').boundingBox())!;
    expect(message.height).toBeGreaterThan(box.height * 0.8);
    expect(await page.getByTestId('surface-canvas-3d').isVisible()).toBe(false);
    await page.getByTestId('surface-show-2d').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('surface-canvas-2d').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('surface-mode').inputValue()).toBe('2d');
    // the keyboard's place is kept: on the view's menu, not thrown back to the page's top
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null))
      .toBe('surface-mode');
    expect(errors).toEqual([]);
  });
});

describe('an edge worker that cannot start (its script blocked)', () => {
  it('draws the network’s edges with canvas 2D on the page instead, with no error shown', async () => {
    const context = await launchBrowser({ width: 1280, height: 800 });
    try {
      await context.addInitScript(NO_WEBGL);
      await context.route(/edge-raster\.worker/, (route) => route.abort());
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(inject('baseUrl'));
      await waitReady(page);
      const view = page.getByTestId('network-view');
      // three failed starts in a row, then the page draws them itself
      await expect.poll(() => view.getAttribute('data-edges'), { timeout: 60_000 }).toBe('2d');
      await expect
        .poll(() => page.evaluate(() => document.querySelector('.network-edges')?.getAttribute('data-painted') ?? null))
        .toBe(null);
      // drawn at the next frame: the share of the canvas painted
      const painted = () =>
        page.evaluate(() => {
          const c = document.querySelector('.network-edges') as HTMLCanvasElement;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let any = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) any++;
          return any / (d.length / 4);
        });
      await expect.poll(painted, { timeout: 30_000 }).toBeGreaterThan(0.05);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
