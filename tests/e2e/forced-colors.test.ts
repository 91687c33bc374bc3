/**
 * Windows high contrast (forced colours, emulated in Chromium): the colours that carry numbers
 * keep them. A forced background had dropped the nudges' bars, the batch table's tints and the
 * surface's colour bar, leaving blanks where the lesson's pictures were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useReadyApp } from './app';

describe('forced colours (high contrast)', () => {
  const app = useReadyApp();

  beforeAll(async () => {
    await app.page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    for (let i = 0; i < 3; i++) await app.page.getByTestId('step-example').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.batchStepped === 3, null, {
      timeout: 30_000,
    });
  });

  it('the nudges keep their bars in their own colours', async () => {
    await app.page.locator('.bar-fill').first().waitFor({ state: 'attached', timeout: 30_000 });
    const bars = await app.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.bar-fill')].map((b) => ({
        shown: getComputedStyle(b).backgroundColor,
        meant: b.style.backgroundColor,
      })),
    );
    expect(bars.length).toBeGreaterThan(10);
    for (const b of bars) expect(b.shown).toBe(b.meant);
  });

  it('the pictures keep the white they were drawn on (a dark theme lost the black neurons and dark lines)', async () => {
    const backgrounds = await app.page.evaluate(() =>
      ['canvas.network-edges', '[data-testid=cost-chart]', '.network-view canvas.network-nodes'].map((s) => {
        const e = document.querySelector(s);
        return e ? getComputedStyle(e).backgroundColor : null;
      }),
    );
    // the edges are the stack's bottom layer: the layers above stay clear, or they would hide it
    expect(backgrounds).toEqual(['rgb(255, 255, 255)', 'rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)']);
  });

  it("the draw pad's output bars keep their colour, not the page's background", async () => {
    await app.page.locator('.draw-bar-fill').first().waitFor({ state: 'attached', timeout: 30_000 });
    const { page, bars } = await app.page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      bars: [...document.querySelectorAll('.draw-bar-fill')].map((b) => getComputedStyle(b).backgroundColor),
    }));
    expect(bars.length).toBe(10);
    for (const b of bars) expect(b).not.toBe(page);
  });

  it('the batch table keeps its tinted cells, dark text on white', async () => {
    await app.page.getByTestId('tab-batch').click();
    await app.page.locator('.batch-table td[data-value]').first().waitFor({ timeout: 30_000 });
    const cells = await app.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.batch-table td[data-value]')].slice(0, 40).map((td) => {
        const c = getComputedStyle(td);
        return { image: c.backgroundImage, colour: c.backgroundColor, text: c.color };
      }),
    );
    expect(cells.length).toBeGreaterThan(10);
    for (const c of cells) {
      expect(c.image).toContain('linear-gradient');
      expect(c.colour).toBe('rgb(255, 255, 255)');
      expect(c.text).toBe('rgb(31, 35, 40)');
    }
  });

  it('the 3D cost surface keeps its colour bar, and the chosen tab and mode are marked by more than a background', async () => {
    await app.page.getByTestId('tab-surface').click();
    // the 3D view's colour bar is a page element (the 2D map draws its own on the canvas)
    await app.page.getByTestId('surface-mode').selectOption('3d');
    const bar = app.page.locator('[data-testid=surface-colour-bar] .bar');
    await bar.waitFor({ state: 'attached', timeout: 60_000 });
    await app.page.waitForFunction(
      () =>
        getComputedStyle(document.querySelector('[data-testid=surface-colour-bar] .bar')!).backgroundImage !== 'none',
      null,
      { timeout: 60_000 },
    );
    const marks = await app.page.evaluate(() => {
      const style = (e: Element | null) => (e ? getComputedStyle(e) : null);
      const modes = [...document.querySelectorAll('.mode-switch button')];
      const on = style(modes.find((b) => b.getAttribute('aria-pressed') === 'true') ?? null);
      const off = style(modes.find((b) => b.getAttribute('aria-pressed') === 'false') ?? null);
      const tab = style(document.querySelector('[data-testid=tab-surface]'));
      const other = style(document.querySelector('[data-testid=tab-charts]'));
      return {
        modes: [on?.backgroundColor, off?.backgroundColor],
        tabs: [tab?.borderBottomWidth, tab?.borderBottomColor, other?.borderBottomColor],
      };
    });
    expect(marks.modes[0]).toBeDefined();
    expect(marks.modes[0]).not.toBe(marks.modes[1]);
    expect(marks.tabs[0]).toBe('3px');
    expect(marks.tabs[1]).not.toBe(marks.tabs[2]);
  });
});
