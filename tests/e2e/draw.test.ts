import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, waitReady, withApp, type OpenedApp } from './app';
import { DIGIT_STROKES, armStrokeTimer, drawDigitStrokes, readStrokeLatency } from './draw-strokes';
import { launchBrowser } from '../helpers/browser';
import type { BrowserContext, Route } from 'playwright-core';

describe('draw a digit: the pretrained network reads handwriting in Chromium', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp();
    // the pretrained network loads by itself, before (and without) any training
    await app.page.getByTestId('draw-pad').waitFor({ state: 'visible', timeout: 60_000 });
    await app.page.waitForFunction(() => !document.body.textContent?.includes('loading the pretrained network'), null, {
      timeout: 60_000,
    });
  });
  afterAll(async () => {
    await app?.context.close();
  });

  it('the controls’ “the charts below” link scrolls the charts into view (nothing at 1280x720 said they were there)', async () => {
    const { page } = app;
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 720 });
    const chartsTop = () =>
      page.evaluate(() => document.querySelector('[data-testid=bottom-panel]')!.getBoundingClientRect().top);
    // below the fold (the top row is as tall as the screen under the header)
    // (the header's height var is whole pixels, the header may not be: a fraction under 720)
    // (polled: the row's height follows the header's and the notices' measured heights a frame after a
    // resize, or a notice's coming and going; in one CI run under load it read 716 for a while)
    await expect
      .poll(chartsTop, { timeout: 30_000 })
      .toBeGreaterThan(719)
      .catch(async (e: Error) => {
        // what the layout was made of, for a failure's message
        const layout = await page.evaluate(() => {
          const v = (n: string) => getComputedStyle(document.documentElement).getPropertyValue(n);
          const h = (s: string) => document.querySelector(s)?.getBoundingClientRect().height ?? null;
          return JSON.stringify({
            header: [v('--header-height'), h('.app-header')],
            notices: [
              v('--notices-height'),
              h('[data-testid=notices]'),
              document.querySelector('[data-testid=notices]')?.textContent,
            ],
            lesson: v('--lesson-height'),
          });
        });
        throw new Error(`${e.message}; ${layout}`);
      });
    await page.getByTestId('go-charts').click();
    // scrolled to (as far as the page goes): its top on screen, with room below it
    await expect.poll(chartsTop, { timeout: 30_000 }).toBeLessThan(720 - 200);
    expect(await chartsTop()).toBeGreaterThanOrEqual(0);
    // the focus follows to the panel's open tab (left on the link, off screen, the next Tab went back up to Play)
    const focusedTab = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a?.getAttribute('role') === 'tab' && a.closest('[data-testid=bottom-panel]') !== null;
      });
    expect(await focusedTab()).toBe(true);
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.setViewportSize(before);
  });

  it('the controls’ “draw a digit” link scrolls the pad into view', async () => {
    const { page } = app;
    const before = page.viewportSize()!;
    // at 1280x800 the pad starts below the fold of the controls panel
    await page.setViewportSize({ width: 1280, height: 800 });
    const padInView = () =>
      page.evaluate(() => {
        const pad = document.querySelector('[data-testid=draw-pad]')!.getBoundingClientRect();
        const panel = document.querySelector('.controls-panel')!.getBoundingClientRect();
        return pad.top >= panel.top - 1 && pad.bottom <= Math.min(panel.bottom, innerHeight) + 1;
      });
    await expect.poll(padInView, { timeout: 10_000 }).toBe(false);
    // the page at its top, settled (the test before scrolls back smoothly; CI caught it 28 px down)
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('go-draw').click();
    await expect.poll(padInView, { timeout: 30_000 }).toBe(true);
    // and what it reads with it: all ten output bars (digit 9's was below the panel's fold, under
    // the four-line caption; a laptop review)
    const lastBarBelow = () =>
      page.evaluate(() => {
        const bars = document.querySelectorAll('[data-testid=draw-outputs] li');
        const last = bars[bars.length - 1].getBoundingClientRect();
        const panel = document.querySelector('.controls-panel')!.getBoundingClientRect();
        return Math.round(last.bottom - Math.min(panel.bottom, innerHeight));
      });
    await expect.poll(lastBarBelow, { timeout: 30_000 }).toBeLessThanOrEqual(0);
    // by scrolling the controls alone: the page kept its header (it scrolled it away)
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // a shorter window, where the section is taller than the panel: the bars still in, the pad's
    // top too (CI's run once left digit 9's bar 4 px under the fold)
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.evaluate(() => document.querySelector('.controls-panel')!.scrollTo({ top: 0, behavior: 'instant' }));
    await page.getByTestId('go-draw').click();
    await expect.poll(lastBarBelow, { timeout: 30_000 }).toBeLessThanOrEqual(0);
    await expect.poll(padInView, { timeout: 30_000 }).toBe(true);
    await page.setViewportSize(before);
  });

  it('shows no prediction before anything is drawn', async () => {
    expect((await app.page.getByTestId('prediction').innerText()).trim()).toBe('');
    await expect(app.page.getByText('draw something').isVisible()).resolves.toBe(true);
  });

  it('reads at least nine of the ten digits drawn with the mouse, soon after each stroke', async () => {
    const { page } = app;
    const pad = page.getByTestId('draw-pad');
    const read: number[] = [];
    const latencies: { dom: number; frame: number }[] = [];
    for (let digit = 0; digit <= 9; digit++) {
      await page.getByTestId('clear-drawing').click();
      await drawDigitStrokes(page, pad, DIGIT_STROKES[digit], () => armStrokeTimer(page));
      latencies.push(await readStrokeLatency(page));
      read.push(Number((await page.getByTestId('prediction').innerText()).trim()));
    }
    const right = read.filter((r, digit) => r === digit).length;
    const dom = latencies.map((l) => l.dom).sort((a, b) => a - b);
    const frame = latencies.map((l) => l.frame).sort((a, b) => a - b);
    console.log(
      `draw pad: read ${read.join(' ')} for 0-9 (${right}/10 right); stroke end to prediction in the DOM: ` +
        `median ${dom[5].toFixed(1)} ms, max ${dom[9].toFixed(1)} ms; to the next frame: median ${frame[5].toFixed(1)} ms, max ${frame[9].toFixed(1)} ms`,
    );
    expect(right).toBeGreaterThanOrEqual(9);
    // the network view says which network reads the drawing: not the one being trained
    expect(await page.evaluate(() => window.__lab!.store.getState().probe?.label)).toBe(
      `your drawing, read by the pretrained network as ${read[9]}`,
    );
  }, 480_000);

  it('clearing empties the prediction and asks for a drawing again', async () => {
    const { page } = app;
    await drawDigitStrokes(page, page.getByTestId('draw-pad'), DIGIT_STROKES[7]);
    expect((await page.getByTestId('prediction').innerText()).trim()).toMatch(/^\d$/);
    // the inspector says it still explains a training example while the network shows the drawing
    await page.getByTestId('probe-note').waitFor({ timeout: 30_000 });
    await page.getByTestId('clear-drawing').click();
    expect((await page.getByTestId('prediction').innerText()).trim()).toBe('');
    await expect.poll(() => page.getByTestId('probe-note').count(), { timeout: 30_000 }).toBe(0);
    await expect(page.getByText('draw something').isVisible()).resolves.toBe(true);
  });

  it('Step example shows the example stepped, and training on does not bring the drawing back; drawing again does', async () => {
    const { page } = app;
    const probe = () => page.evaluate(() => window.__lab!.store.getState().probe?.label ?? null);
    // read by the network being trained, whose every update changes it
    await page.getByLabel('the network you are training').check();
    await drawDigitStrokes(page, page.getByTestId('draw-pad'), DIGIT_STROKES[3]);
    await expect.poll(probe, { timeout: 30_000 }).toMatch(/^your drawing/);
    await page.getByTestId('step-example').click();
    await expect.poll(probe, { timeout: 30_000 }).toBeNull();
    // an update changes the network the drawing is read by: it stayed in the view over each example
    const step = await page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    await page.getByTestId('step-batch').click();
    await page.waitForFunction((s) => window.__lab!.store.getState().snapshot!.step > s, step, { timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(await probe()).toBeNull();
    await page.getByTestId('clear-drawing').click();
    await drawDigitStrokes(page, page.getByTestId('draw-pad'), DIGIT_STROKES[4]);
    await expect.poll(probe, { timeout: 30_000 }).toMatch(/^your drawing/);
    await page.getByTestId('clear-drawing').click();
    await expect.poll(probe, { timeout: 30_000 }).toBeNull();
    await page.getByLabel('pretrained network').check();
  });

  it('puts a chosen test digit on the pad from the keyboard, reads it, and offers Teach it', async () => {
    const { page } = app;
    await page.getByTestId('clear-drawing').click();
    await page.getByTestId('load-test-digit').focus();
    await page.getByTestId('load-test-digit').selectOption('7');
    await expect.poll(() => page.getByTestId('load-note').innerText(), { timeout: 30_000 }).toMatch(/a 7: draw on it/);
    // the network reads the test image itself, exactly as in testing (read back from the pad, scaled
    // up, centred and scaled down again, it changed: test image #18, a 3, was read as an 8)
    const index = Number(/test image #(\d+)/.exec(await page.getByTestId('load-note').innerText())![1]);
    // the probe is published a little after the note (two effects later): its label names the image
    await expect
      .poll(() => page.evaluate(() => window.__lab!.store.getState().probe?.label), { timeout: 30_000 })
      .toMatch(new RegExp(`^test image #${index} `));
    const gap = await page.evaluate(async (k) => {
      const image = (await window.__lab!.trainer.testImages([k]))!;
      const input = window.__lab!.store.getState().probe!.input;
      let most = 0;
      for (let i = 0; i < 784; i++) most = Math.max(most, Math.abs(input[i] - image.pixels[i] / 255));
      return most;
    }, index);
    expect(gap).toBeLessThan(1e-6);
    // and the network view names it so, not "your drawing"
    await expect
      .poll(() => page.evaluate(() => window.__lab!.store.getState().probe?.label), { timeout: 30_000 })
      .toMatch(new RegExp(`^test image #${index} \\(a 7\\), read by the pretrained network as \\d$`));
    // the first 7s of the test set are read right by the pretrained network
    await expect.poll(() => page.getByTestId('prediction').innerText(), { timeout: 30_000 }).toBe('7');
    // a screen reader hears it whole, not a bare "7"
    expect(await page.getByTestId('prediction-said').textContent()).toMatch(/^It reads 7 \((>99\.9|\d{1,2}\.\d)%\)\.$/);
    await page.locator('.draw-teach > summary').waitFor({ timeout: 30_000 });
    // Teach it starts on the test digit's own label
    expect(await page.getByTestId('teach-label-7').getAttribute('aria-pressed')).toBe('true');
    // its output wishes are named for a screen reader ("7 +1.00" ran digit and value together)
    await page.locator('.draw-teach > summary').click();
    expect(await page.locator('.teach-wishes button').nth(7).getAttribute('aria-label')).toMatch(
      /^output 7: wish (\+\d\.\d{2,3}|0)$/,
    );
    await page.locator('.draw-teach > summary').click();
    // the pad itself shows the digit (white ink on black), not an empty pad
    const ink = await page.getByTestId('draw-pad').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 128) lit++;
      return lit / (d.length / 4);
    });
    expect(ink).toBeGreaterThan(0.05);
    // "another 7" takes the next 7 of the test set
    const first = await page.getByTestId('load-note').innerText();
    await page.getByTestId('load-another').click();
    await expect.poll(() => page.getByTestId('load-note').innerText(), { timeout: 30_000 }).not.toBe(first);
    expect(await page.getByTestId('load-note').innerText()).toMatch(/a 7: draw on it/);
    // the arrow keys on the list step through the digits
    await page.getByTestId('load-test-digit').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('load-note').innerText(), { timeout: 30_000 }).toMatch(/a 8: draw on it/);
    await page.getByTestId('clear-drawing').click();
    expect(await page.getByTestId('load-note').count()).toBe(0);
  });

  it('draws the pad at the size it is shown, and keeps the drawing when the window changes size', async () => {
    const { page } = app;
    const before = page.viewportSize()!;
    const pad = page.getByTestId('draw-pad');
    // the canvas's width in CSS pixels, the width it is shown at, and the share of the pad inked
    const measure = () =>
      pad.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let lit = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 128) lit++;
        return { drawn: c.width / devicePixelRatio, shown: c.getBoundingClientRect().width, ink: lit / (d.length / 4) };
      });
    const strokes = () => page.getByTestId('prediction').getAttribute('data-strokes');
    const probeInput = () => page.evaluate(() => Array.from(window.__lab!.store.getState().probe?.input ?? []));
    try {
      await page.getByTestId('clear-drawing').click();
      // a 236 px canvas was shown in the 234 px the column leaves (210 below 1280 px): resampled, softened
      for (const [width, side] of [
        [1440, 234],
        [1100, 210],
      ]) {
        await page.setViewportSize({ width, height: 900 });
        await expect.poll(async () => (await measure()).drawn, { timeout: 10_000 }).toBe(side);
        expect((await measure()).shown).toBeCloseTo(side, 1);
      }
      const count = await strokes();
      await drawDigitStrokes(page, pad, DIGIT_STROKES[7]);
      await expect.poll(strokes, { timeout: 30_000 }).not.toBe(count);
      const read = await probeInput();
      expect(read.length).toBe(784);
      const inked = (await measure()).ink;
      expect(inked).toBeGreaterThan(0.05);
      // wider again: a new canvas at the new size, with the drawing still on it (a canvas that
      // changes size is cleared), and the network's reading as it was
      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(async () => (await measure()).drawn, { timeout: 10_000 }).toBe(234);
      expect((await measure()).ink).toBeGreaterThan(inked * 0.8);
      expect(await probeInput()).toEqual(read);
      // a zoom (a new device pixel ratio) draws it again at the new resolution, not stretched
      const cdp = await page.context().newCDPSession(page);
      const zoom = () =>
        cdp.send('Emulation.setDeviceMetricsOverride', {
          width: 1440,
          height: 900,
          deviceScaleFactor: 2,
          mobile: false,
        });
      try {
        await zoom();
        // the page's ratio and the pad's pixels read together: a failure says which did not change.
        // Playwright's own session holds a ratio-1 override too, and could (it is not known to) put
        // it back over this one; the zoom is then asked for again. The pad is judged only once the
        // page reads 2.
        await expect
          .poll(
            async () => {
              const now = await pad.evaluate((c: HTMLCanvasElement) => ({ ratio: devicePixelRatio, width: c.width }));
              if (now.ratio !== 2) await zoom();
              return now;
            },
            { timeout: 10_000 },
          )
          .toEqual({ ratio: 2, width: 2 * 234 });
        expect((await measure()).ink).toBeGreaterThan(inked * 0.8);
      } finally {
        await cdp.send('Emulation.clearDeviceMetricsOverride');
        await cdp.detach();
      }
      // a size that comes while a stroke is under way: the stroke goes on and is read (a new pad
      // mid-stroke lost the rest of the stroke and its reading)
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId('clear-drawing').click();
      const cleared = await strokes();
      await drawDigitStrokes(page, pad, DIGIT_STROKES[7], async () => {
        await page.setViewportSize({ width: 1100, height: 900 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      });
      await expect.poll(strokes, { timeout: 30_000 }).not.toBe(cleared);
      await expect.poll(async () => (await measure()).drawn, { timeout: 10_000 }).toBe(210);
      expect((await measure()).ink).toBeGreaterThan(0.05);
      await page.getByTestId('clear-drawing').click();
    } finally {
      await page.setViewportSize(before);
    }
  });

  it('after a zoom every fixed-size picture is drawn again at the new resolution, not stretched', async () => {
    const { page } = app;
    // canvas pixels per CSS pixel of the pictures whose CSS size a zoom does not change
    const ratios = () =>
      page.evaluate(() => {
        const of = (q: string) => {
          const c = document.querySelector(q) as HTMLCanvasElement | null;
          if (!c) return q;
          return Math.round((c.width / c.getBoundingClientRect().width) * 100) / 100;
        };
        return [
          of('[data-testid=network-canvas]'),
          of('[data-testid=current-example] canvas'),
          of('[data-testid=sample-digits]'),
          of('[data-testid=draw-pad]'),
          of('canvas[aria-label="The 28x28 image the network sees"]'),
        ];
      });
    await page.locator('[data-testid=current-example] canvas').waitFor({ timeout: 60_000 });
    await expect.poll(ratios, { timeout: 30_000 }).toEqual([1, 1, 1, 1, 1]);
    const cdp = await page.context().newCDPSession(page);
    try {
      const { width, height } = page.viewportSize()!;
      await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 2, mobile: false });
      await expect.poll(ratios, { timeout: 10_000 }).toEqual([2, 2, 2, 2, 2]);
    } finally {
      await cdp.send('Emulation.clearDeviceMetricsOverride');
      await cdp.detach();
      await page.setViewportSize(page.viewportSize()!);
    }
  });

  it('on a large monitor the side panels, the pad and the pictures below take more of the room', async () => {
    const { page } = app;
    const before = page.viewportSize()!;
    const sizes = () =>
      page.evaluate(() => {
        const width = (q: string) => Math.round(document.querySelector(q)!.getBoundingClientRect().width);
        const pad = document.querySelector('[data-testid=draw-pad]') as HTMLCanvasElement;
        return {
          inspector: width('.inspector'),
          pad: width('[data-testid=draw-pad]'),
          padPixels: pad.width / devicePixelRatio,
          chart: Math.round(document.querySelector('.chart-card')!.getBoundingClientRect().height),
        };
      });
    try {
      // a 1920x1080 monitor gave the inspector 340 px (18%) and all the rest to the network; a
      // maximised browser there has a window ~930 px tall
      for (const height of [1080, 930]) {
        await page.setViewportSize({ width: 1920, height });
        await expect.poll(sizes, { timeout: 10_000 }).toEqual({ inspector: 440, pad: 274, padPixels: 274, chart: 380 });
      }
      // a laptop keeps its layout
      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(sizes, { timeout: 10_000 }).toEqual({ inspector: 340, pad: 234, padPixels: 234, chart: 300 });
    } finally {
      await page.setViewportSize(before);
    }
  });

  it('shows no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});

/** The app opened at `path`, once its network is built: `body` runs on it, and the page logs no errors. */
async function withNetwork(path: string, body: (app: OpenedApp) => Promise<void>): Promise<void> {
  await withApp(path, async (app) => {
    await app.page.waitForFunction(() => window.__lab?.store.getState().snapshot != null, null, { timeout: 90_000 });
    await body(app);
    expect(app.errors).toEqual([]);
  });
}

/** The network view's caption, as shown. */
const networkHint = (app: OpenedApp) => app.page.getByTestId('network-hint').innerText();

/**
 * Reloads the page with the training images held back (the data stays loading, as on a slow line,
 * and nothing is cached), runs `body` while it loads, then lets them come.
 */
async function whileTrainingImagesHeld(app: OpenedApp, body: () => Promise<void>): Promise<void> {
  const { page, context } = app;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await held;
    await route.continue().catch(() => {});
  };
  await context.route('**/data/train-images-idx3-ubyte.gzip', hold);
  try {
    await page.evaluate(() => caches.delete('backprop-lab-data-v2'));
    await page.reload();
    await page.waitForFunction(() => window.__lab?.store.getState().data.kind === 'loading', null, {
      timeout: 30_000,
    });
    await body();
  } finally {
    release();
    await context.unroute('**/data/train-images-idx3-ubyte.gzip', hold);
  }
}

describe('a test digit chosen while the digits still download', () => {
  it('is told to wait at once, and nothing is put on the pad later over what was drawn since (the way there is shown)', () =>
    withApp('', async (app) => {
      const { page } = app;
      await waitReady(page);
      await whileTrainingImagesHeld(app, async () => {
        // the empty network's place points to the pad, whose network is there already
        await page.getByTestId('waiting-go-draw').click();
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 })
          .toBe('draw-a-digit-title');
        await page.getByTestId('load-test-digit').selectOption('3');
        await expect
          .poll(() => page.getByTestId('load-note').innerText(), { timeout: 10_000 })
          .toBe('The test digits are still downloading: choose one again once they are in.');
      });
      await waitReady(page);
      // the wait is over: its note goes, and nothing comes after it (it waited for the data, then
      // put test image #18, a 3, on the pad over the student's drawing)
      await expect.poll(() => page.getByTestId('load-note').count(), { timeout: 10_000 }).toBe(0);
      await page.waitForTimeout(1_000);
      expect(await page.getByTestId('load-note').count()).toBe(0);
      expect(await page.getByTestId('load-test-digit').inputValue()).toBe('');
    }));
});

describe('a lesson link whose student draws while the digits download', () => {
  it('opens its step when they arrive without pulling the page away from the pad, back to the card', () =>
    withApp('#lesson=1', { width: 390, height: 844, hasTouch: true }, async (app) => {
      const { page } = app;
      await waitReady(page);
      await whileTrainingImagesHeld(app, async () => {
        const pad = page.getByTestId('draw-pad');
        await pad.scrollIntoViewIfNeeded();
        await drawDigitStrokes(page, pad, DIGIT_STROKES[7]);
        await expect
          .poll(() => page.evaluate(() => window.__lab!.store.getState().probe?.label ?? null), { timeout: 30_000 })
          .toMatch(/^your drawing/);
        expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
      });
      await waitReady(page);
      // the step has opened: its settings are the lecture's
      await page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 2, null, {
        timeout: 30_000,
      });
      await page.waitForTimeout(1_500);
      // it scrolled back to the card (2176 -> 152 px), the pad 2,886 px below the screen's top (the
      // page grows above the pad as the network's panels come: scrollY moves, the pad stays in view)
      const top = await page.getByTestId('draw-pad').evaluate((e) => e.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(844 - 100);
    }));
});

describe('the draw panel where the stacked layout gives it the page’s width', () => {
  it('a projector at 150% (853x480): what the network reads and its bars sit beside the pad, not under the fold', () =>
    withApp('', { width: 853, height: 480, deviceScaleFactor: 1.5 }, async (app) => {
      const { page } = app;
      const pad = page.getByTestId('draw-pad');
      await pad.waitFor({ timeout: 60_000 });
      // (a test digit is chosen once the digits are in; before, the panel says to choose again then)
      await waitReady(page);
      await page.getByTestId('load-test-digit').selectOption('7');
      await expect.poll(() => page.getByTestId('prediction').innerText(), { timeout: 30_000 }).toBe('7');
      const box = async (selector: string) => (await page.locator(selector).last().boundingBox())!;
      const padBox = (await pad.boundingBox())!;
      const reads = await box('[data-testid=prediction]');
      const lastBar = await box('.draw-bars li');
      // (the pad sat at the left of an empty half, "it reads" and the ten bars under it)
      expect(reads.x).toBeGreaterThan(padBox.x + padBox.width);
      expect(lastBar.x).toBeGreaterThan(padBox.x + padBox.width);
      expect(lastBar.y + lastBar.height).toBeLessThanOrEqual(padBox.y + padBox.height + 40);
      expect(app.errors).toEqual([]);
    }));
});

describe('a drawing read by a network of other sizes than the one trained', () => {
  it('says the network view cannot show it there, instead of claiming it does', () =>
    withNetwork('#hidden=32', async (app) => {
      // (the first 7s of the test set are read right by the pretrained network)
      await app.page.getByTestId('load-test-digit').selectOption('7');
      await expect.poll(() => app.page.getByTestId('prediction').innerText(), { timeout: 30_000 }).toBe('7');
      const note = app.page.getByTestId('probe-note');
      await expect
        .poll(() => note.innerText(), { timeout: 30_000 })
        .toMatch(/read by a 784-16-16-10 network, which the network view cannot draw over yours \(784-32-10\)/);
      // and the view goes on showing the training example: a resize draws it again (it drew nothing
      // while such a probe was there, and stayed blank when the probe came before the network)
      const view = app.page.getByTestId('network-view');
      const drawn = Number(await view.getAttribute('data-drawn'));
      const size = app.page.viewportSize()!;
      await app.page.setViewportSize({ width: size.width - 40, height: size.height });
      await expect
        .poll(async () => Number(await view.getAttribute('data-drawn')), { timeout: 30_000 })
        .toBeGreaterThan(drawn);
    }));
});

describe('the network view’s caption with a drawing on the pretrained network', () => {
  it('says how the brightness of the network drawn reads (ReLU), not the settings’ (sigmoid)', () =>
    withNetwork('#activation=sigmoid&loss=mse', async (app) => {
      const hint = () => networkHint(app);
      expect(await hint()).toMatch(/Brightness is activation \(0 black, 1 white\)/);
      // (the first 7s of the test set are read right by the pretrained network, a ReLU one)
      await app.page.getByTestId('load-test-digit').selectOption('7');
      await expect.poll(() => app.page.getByTestId('prediction').innerText(), { timeout: 30_000 }).toBe('7');
      await expect.poll(hint, { timeout: 10_000 }).toMatch(/hidden 0 black, white at max\(1, layer’s largest\)/);
      // read by the sigmoid network being trained: its own caption again
      await app.page.getByRole('radio', { name: 'the network you are training' }).check();
      await expect.poll(hint, { timeout: 10_000 }).toMatch(/Brightness is activation \(0 black, 1 white\)/);
    }));
});

describe('the network view’s caption for wide layers', () => {
  it('says the edges of 64-neuron layers blur together, and how to see one neuron’s (a 16-16 network’s does not)', () =>
    withNetwork('#hidden=64-16', async (app) => {
      const hint = () => networkHint(app);
      expect(await hint()).toMatch(
        /thicker is larger \(at 64 a layer they blur together: pick a neuron to see its own\)\./,
      );
      await app.page.evaluate(() => (location.hash = '#hidden=16-16'));
      await expect.poll(hint, { timeout: 30_000 }).toMatch(/thicker is larger\. Brightness/);
    }));
});

describe('the draw pad stays put while the app loads', () => {
  /** The app in `context`, its training images held back until `release()`; resolves once the pad shows. */
  async function openHoldingTrainingData(context: BrowserContext) {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/data/train-images*', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(inject('baseUrl'));
    const pad = page.getByTestId('draw-pad');
    await pad.waitFor({ state: 'visible', timeout: 60_000 });
    return { page, pad, release };
  }

  it('nothing above it moves from the moment it appears until the network is built (a stroke under way went astray)', async () => {
    // a student can draw as soon as the pretrained network is loaded, seconds before the training
    // data is: the controls filling in moved the pad 182 px down mid-stroke, the loading banner going 33 px up
    const context = await launchBrowser();
    try {
      const { page, release } = await openHoldingTrainingData(context);
      // from here on, every frame: the pad's highest and lowest top on screen
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid=draw-pad]')!;
        // and the digit strip's heights (above the pad on a phone: its undrawn canvas was 150 px, then 72)
        const strip = document.querySelector('[data-testid=sample-strip]')!;
        const seen = { low: Infinity, high: -Infinity, strips: [] as number[], moves: [] as string[] };
        (window as unknown as { __padTops: typeof seen }).__padTops = seen;
        let last = NaN;
        const start = performance.now();
        const watch = () => {
          const top = el.getBoundingClientRect().top;
          seen.low = Math.min(seen.low, top);
          seen.high = Math.max(seen.high, top);
          const h = Math.round(strip.getBoundingClientRect().height);
          if (!seen.strips.includes(h)) seen.strips.push(h);
          // what the page was doing when the pad moved, for a failure's message (it failed in CI
          // runs under load, and passed every time alone)
          if (top !== last && !Number.isNaN(last)) {
            const ids = [...document.querySelectorAll('[data-testid]')]
              .map((e) => e.getAttribute('data-testid'))
              .filter((id) => /loading|waiting|notice|current-example|error/.test(id ?? ''));
            seen.moves.push(
              `${Math.round(performance.now() - start)} ms: ${last} -> ${top}, scrollY ${window.scrollY}, strip ${h}, ${ids.join(' ')}`,
            );
          }
          last = top;
          requestAnimationFrame(watch);
        };
        watch();
      });
      await page.getByTestId('data-loading').waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => !document.body.textContent?.includes('loading the pretrained network'), null, {
        timeout: 60_000,
      });
      // the network's empty area says what comes there (it was blank)
      expect(await page.getByTestId('network-waiting').innerText()).toMatch(
        /The network is drawn here once the digits have loaded/,
      );
      release();
      await page.getByTestId('current-example').waitFor({ timeout: 90_000 });
      await page.getByTestId('network-waiting').waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByTestId('data-loading').waitFor({ state: 'detached', timeout: 30_000 });
      // the untrained network's accuracy ("untrained") comes with the first snapshot too; a few frames more
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const tops = await page.evaluate(
        () =>
          (window as unknown as { __padTops: { low: number; high: number; strips: number[]; moves: string[] } })
            .__padTops,
      );
      // printed as well: a run that passes on its retry shows no error, so the log is the only trace
      if (tops.high - tops.low >= 0.5 || tops.strips.length !== 1)
        console.warn(
          `draw pad moved (${tops.low} .. ${tops.high}, strips ${tops.strips.join(', ')}):\n${tops.moves.join('\n')}`,
        );
      expect(tops.high - tops.low, tops.moves.join('\n')).toBeLessThan(0.5);
      expect(tops.strips, tops.moves.join('\n')).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('on a phone too, where the network\u2019s panels arrive above it (the inspector pushed it ~960 px down)', async () => {
    const context = await launchBrowser({ width: 390, height: 844 });
    try {
      const { page, pad, release } = await openHoldingTrainingData(context);
      await page.waitForFunction(() => !document.body.textContent?.includes('loading the pretrained network'), null, {
        timeout: 60_000,
      });
      // a student scrolls to the pad and draws while the training data loads
      await pad.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // where the pad is painted: read after each layout that changed the page's height (a
      // ResizeObserver made now runs after the app's, which scrolls the shift back before paint;
      // an animation frame's read comes before that layout)
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid=draw-pad]')!;
        const seen = { low: Infinity, high: -Infinity, changes: 0 };
        (window as unknown as { __padTops: typeof seen }).__padTops = seen;
        const note = () => {
          const top = el.getBoundingClientRect().top;
          seen.low = Math.min(seen.low, top);
          seen.high = Math.max(seen.high, top);
          seen.changes++;
        };
        note();
        new ResizeObserver(note).observe(document.body);
      });
      release();
      await page.getByTestId('current-example').waitFor({ timeout: 90_000 });
      // the inspector's panels come with the first snapshot, and the observer reports at a frame after
      // (frames come slowly on a loaded machine): wait for the page to have grown above the pad
      await page.waitForFunction(
        () => (window as unknown as { __padTops: { changes: number } }).__padTops.changes > 2,
        null,
        { timeout: 30_000 },
      );
      await page.waitForTimeout(500);
      const tops = await page.evaluate(
        () => (window as unknown as { __padTops: { low: number; high: number; changes: number } }).__padTops,
      );
      expect(tops.changes).toBeGreaterThan(2); // the page did grow above it
      expect(tops.high - tops.low).toBeLessThan(1);
    } finally {
      await context.close();
    }
  }, 180_000);
});
