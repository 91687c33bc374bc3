/**
 * The app with another platform's text and scroll bars, in the tests' Chromium. Windows' Segoe UI
 * sets a 'normal' line at about 1.33 of the font's size, where Linux's DejaVu Sans (the tests'
 * font) sets 1.16: Noto Sans (1.36), loaded from the npm package @fontsource/noto-sans so that no
 * system font is needed, stands in for it. Scroll bars take room on Windows (and in Firefox and
 * WebKit on Linux); headless Chromium hides them unless asked. A list of sixteen nudges lost its
 * last row to its box with such a font (seen in Firefox, and with Noto Sans as the system font).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { pressButton, useReadyApp } from './app';

const NOTO_SANS = join(process.cwd(), 'node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2');

describe("Windows' taller text lines and scroll bars that take room (1366 x 768)", () => {
  const app = useReadyApp('', { width: 1366, height: 768, classicScrollbars: true });

  beforeAll(async () => {
    const font = readFileSync(NOTO_SANS).toString('base64');
    await app.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const face = new FontFace('Platform Sans', bytes);
      await face.load();
      document.fonts.add(face);
      document.documentElement.style.setProperty('font-family', "'Platform Sans'", 'important');
    }, font);
    await app.page.getByTestId('step-example').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.batchStepped === 1, null, {
      timeout: 30_000,
    });
  });

  it('the stand-in font is in use and sets a taller line than the tests usually see', async () => {
    const ratio = await app.page.evaluate(() => {
      const probe = document.createElement('span');
      probe.textContent = '0123456789';
      probe.style.cssText = 'position:absolute;font-size:100px;line-height:normal;white-space:nowrap';
      document.body.append(probe);
      const height = probe.getBoundingClientRect().height;
      probe.remove();
      return height / 100;
    });
    expect(ratio).toBeGreaterThan(1.3);
  });

  it('every list of sixteen nudges shows all sixteen rows, none scrolled out of its box', async () => {
    const lists = await app.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.inspector .bars')].map((box) => {
        const rows = [...box.children] as HTMLElement[];
        const bottom = box.getBoundingClientRect().bottom;
        return {
          id: box.dataset.testid,
          rows: rows.length,
          hidden: rows.filter((r) => r.getBoundingClientRect().bottom > bottom + 0.5).length,
        };
      }),
    );
    expect(lists.map((l) => l.id).sort()).toEqual(['nudge-prev-activations', 'nudge-weights', 'summed-wishes']);
    for (const l of lists) expect(l, l.id).toEqual({ id: l.id, rows: 16, hidden: 0 });
  });

  it("the page does not scroll sideways, and each panel's picture button is not under a scroll bar", async () => {
    const page = await app.page.evaluate(() => {
      const root = document.documentElement;
      const buttons = [...document.querySelectorAll<HTMLElement>('.save-png')].map((b) => {
        const r = b.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          id: b.dataset.testid,
          onTop: hit === b || b.contains(hit),
          inView: r.top >= 0 && r.bottom <= innerHeight,
        };
      });
      return {
        sideways: root.scrollWidth - root.clientWidth,
        scrollBar: innerWidth - root.clientWidth,
        buttons: buttons.filter((b) => b.inView),
      };
    });
    // the page's own scroll bar takes room, so the emulation is on
    expect(page.scrollBar).toBeGreaterThan(8);
    expect(page.sideways).toBe(0);
    expect(page.buttons.length).toBeGreaterThanOrEqual(2);
    for (const b of page.buttons) expect(b, b.id).toMatchObject({ onTop: true });
  });
});

describe("before the app's script runs, and where it cannot", () => {
  /** A fresh browser whose requests for the app's own script `route` answers. */
  async function withScript(route: (r: Route) => Promise<void> | void, body: (page: Page) => Promise<void>) {
    const context = await launchBrowser({ width: 1280, height: 800 });
    try {
      await context.route(/\/assets\/index-[^/]*\.js$/, route);
      const page = context.pages()[0] ?? (await context.newPage());
      // not waiting for the load event: a script that never arrives holds it back
      await page.goto(inject('baseUrl'), { waitUntil: 'commit' });
      // until the stylesheet applies, every line of the message counts as visible
      await page.waitForFunction(
        () => {
          const title = document.querySelector('.boot-title');
          return title !== null && getComputedStyle(title).fontWeight === '700';
        },
        null,
        { timeout: 10_000 },
      );
      await body(page);
    } finally {
      await context.close();
    }
  }
  const NEEDS = /Chrome or Edge 111, Firefox 114 or\s+Safari 16\.4/;

  it('a script that cannot be fetched: the page says at once that this browser could not start the app', async () => {
    await withScript(
      (r) => r.abort(),
      async (page) => {
        await page.locator('.boot-failed-text').waitFor({ state: 'visible', timeout: 10_000 });
        expect(await page.locator('.boot-failed-text').innerText()).toMatch(NEEDS);
        expect(await page.locator('.boot-loading').isVisible()).toBe(false);
      },
    );
  });

  it('a script this browser cannot parse (as Safari 15 the bundle): the same message', async () => {
    await withScript(
      (r) => r.fulfill({ contentType: 'text/javascript', body: 'const broken = /(?<=/;' }),
      async (page) => {
        await page.locator('.boot-failed-text').waitFor({ state: 'visible', timeout: 10_000 });
        expect(await page.locator('.boot-title').innerText()).toBe('Backprop Lab');
      },
    );
  });

  it('a script still on its way (a slow line): the name and "Loading…", then after a few seconds what the app needs', async () => {
    await withScript(
      () => {
        // never answered
      },
      async (page) => {
        await expect
          .poll(() => page.locator('.boot').innerText(), { timeout: 10_000 })
          .toMatch(/Backprop Lab\s+Loading…/);
        // hidden at first (read only if the page is younger than the 8 s delay: a slow start would pass it)
        const early = await page.evaluate(() => Number(document.timeline.currentTime) < 7000);
        if (early) expect(await page.locator('.boot-late').isVisible()).toBe(false);
        await page.locator('.boot-late').waitFor({ state: 'visible', timeout: 30_000 });
        expect(await page.locator('.boot-late').innerText()).toMatch(NEEDS);
        expect(await page.locator('.boot-failed-text').isVisible()).toBe(false);
      },
    );
  });

  it('where the script runs, the app replaces the message', async () => {
    await withScript(
      (r) => r.continue(),
      async (page) => {
        await page.getByTestId('network-view').waitFor({ timeout: 60_000 });
        expect(await page.locator('.boot').count()).toBe(0);
      },
    );
  });
});

/**
 * A page translator, as Chrome's and Edge's do it: each text node it translates is replaced by
 * <font><font>its translation</font></font>, again as new text appears; text inside translate="no"
 * (or class "notranslate") is left alone. Here the "translation" is the same words, in new nodes.
 */
const TRANSLATOR = `(() => {
  function translate() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!n.data.trim() || !parent || parent.closest('font, script, style, [translate="no"], .notranslate')) continue;
      found.push(n);
    }
    for (const t of found) {
      const outer = document.createElement('font');
      const inner = document.createElement('font');
      inner.textContent = t.data;
      outer.append(inner);
      t.parentNode.replaceChild(outer, t);
    }
    window.__translatedNodes = (window.__translatedNodes || 0) + found.length;
  }
  translate();
  setInterval(translate, 250);
})()`;

describe('a page translator (Chrome, Edge) at work on the page', () => {
  const app = useReadyApp('', { width: 1440, height: 900 });
  const panelErrors = () => app.page.locator('[data-testid=panel-error]').count();

  beforeAll(async () => {
    app.translated = true;
    await app.page.evaluate(TRANSLATOR);
  });

  it('training plays on with no panel lost, and the counts shown keep up with it', async () => {
    await app.page.getByTestId('step-example').click();
    await app.page.getByTestId('play').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step >= 300, null, {
      timeout: 60_000,
    });
    // (Playwright's click on Pause waits for frames that come slowly while playing: pressButton)
    await pressButton(app.page, 'play');
    await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    await app.page.waitForTimeout(1000);
    expect(
      await app.page.evaluate(() => (window as unknown as { __translatedNodes: number }).__translatedNodes),
    ).toBeGreaterThan(100);
    expect(await panelErrors()).toBe(0);
    const shown = await app.page.getByTestId('step-count').innerText();
    const step = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    expect(Number(shown.replace(/,/g, ''))).toBe(step);
    expect(await app.page.getByTestId('saved-status').innerText()).toMatch(/^(saved at update [\d,]+|not saved yet)$/);
    // a line of several pieces (a number inside words): marked translate="no", so it stays live
    const { epoch, batch, done } = await app.page.evaluate(() => {
      const s = window.__lab!.store.getState().snapshot!;
      return { epoch: s.epoch, batch: s.batchSize, done: Math.floor((100 * s.positionInEpoch) / s.examplesPerEpoch) };
    });
    expect(done).toBeGreaterThan(0);
    expect((await app.page.getByTestId('epoch-count').innerText()).replace(/\s+/g, ' ')).toBe(
      `${epoch} ${done}% into epoch ${epoch + 1}`,
    );
    expect(await app.page.getByTestId('batch-progress').innerText()).toBe(`batch: 0 of ${batch} examples stepped`);
    // a number inside translated words (the nudges' "To lower the cost C on example #…") follows the example stepped
    await app.page.getByTestId('step-example').click();
    // the snapshot and the stepped example come on different ports, in either order: both here
    await app.page.waitForFunction(
      () => {
        const s = window.__lab!.store.getState();
        return s.snapshot!.batchStepped === 1 && s.lastExample !== null && !s.busy;
      },
      null,
      { timeout: 30_000 },
    );
    const image = (await app.page.getByTestId('current-example').innerText()).match(/training image (#\d+)/)![1];
    await expect
      .poll(() => app.page.getByTestId('nudges-intro').innerText())
      .toMatch(new RegExp(`example ${image}\\b`));
  });

  it('the lesson and the tabs change their words without losing a panel', async () => {
    for (const tab of ['chain-rule', 'activation', 'nudges', 'batch', 'surface', 'charts'])
      await app.page.getByTestId(`tab-${tab}`).click();
    await app.page.getByTestId('mode-lesson').click();
    // a trained network: the lesson asks first (its question card, then the step)
    await app.page.getByTestId('lesson-ask-start').click();
    await expect.poll(() => app.page.getByTestId('lesson-count').innerText()).toMatch(/step 1 of 15/);
    // every step's "Try it" words are its own, translated afresh (a paragraph kept from step to step stood
    // at an earlier step's words)
    const tryLine = () => app.page.locator('.lesson-try').first().innerText();
    await app.page.waitForTimeout(600);
    const seen = [await tryLine()];
    for (let i = 2; i <= 15; i++) {
      await app.page.getByTestId('lesson-next').click();
      await expect.poll(() => app.page.getByTestId('lesson-count').innerText()).toMatch(new RegExp(`step ${i} of 15`));
      await app.page.waitForTimeout(500);
      seen.push(await tryLine());
    }
    for (const line of seen) expect(line).toMatch(/^Try it:/);
    expect(new Set(seen).size).toBe(15);
    // the network's description follows the lecture's sigmoid neurons (it said relu's brightness)
    expect(await app.page.getByTestId('network-hint').innerText()).toContain(
      'Brightness is activation (0 black, 1 white)',
    );
    expect(await panelErrors()).toBe(0);
  });
});
