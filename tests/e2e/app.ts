/** Shared e2e helpers: open the app in a fresh Chromium and wait for it to be ready. */
import { afterAll, beforeAll, beforeEach, inject, onTestFailed } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchOptions } from '../helpers/browser';
import { plainNumberText } from '../../src/views/controls/format';

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** URLs of every request the page (and its workers) made. */
  requests: string[];
  /**
   * A page translator is at work (the translator's own tests): nodes may be moved under React.
   * Otherwise the block fails if React ever met a node out of place (translator-guard.ts would
   * hide such a bug, which used to throw).
   */
  translated?: boolean;
}

export async function openApp(path = '', options: LaunchOptions = {}): Promise<OpenedApp> {
  const context = await launchBrowser(options);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  // a test that fails says what the page logged as errors (a panel's drawing error, caught by its
  // boundary, took the Step epoch button away once on CI, and the failure said only "waiting for")
  try {
    onTestFailed(() => {
      if (errors.length) console.error(`Page errors: ${errors.join(' | ')}`);
    });
  } catch {
    // opened in a beforeAll (useReadyApp): no test to hook
  }
  await page.goto(inject('baseUrl') + path);
  return { context, page, errors, requests };
}

/**
 * React met this many nodes not where it left them (0 where the page cannot say): a bug unless a
 * page translator is at work (translator-guard.ts hides it, where it used to throw).
 */
async function translatorMoves(app: OpenedApp): Promise<number> {
  if (app.translated || !app.page) return 0;
  // a page that no longer answers is not held on to until the test's time runs out
  let timer: ReturnType<typeof setTimeout> | undefined;
  const asked = app.page.evaluate(() => window.__lab?.translatorMoves() ?? 0).catch(() => 0);
  const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), 5_000)));
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}

function failOnMoves(moves: number): void {
  if (moves) throw new Error(`React met ${moves} node(s) not where it left them, with no page translator at work`);
}

/**
 * For one test: opens the app (not waiting until it is ready), runs `body`, and closes the browser
 * however `body` ends; then fails if React met a node out of place.
 */
export async function withApp(path: string, body: (app: OpenedApp) => Promise<void>): Promise<void>;
export async function withApp(
  path: string,
  options: LaunchOptions,
  body: (app: OpenedApp) => Promise<void>,
): Promise<void>;
export async function withApp(
  path: string,
  optionsOrBody: LaunchOptions | ((app: OpenedApp) => Promise<void>),
  maybeBody?: (app: OpenedApp) => Promise<void>,
): Promise<void> {
  const body = typeof optionsOrBody === 'function' ? optionsOrBody : maybeBody!;
  const app = await openApp(path, typeof optionsOrBody === 'function' ? {} : optionsOrBody);
  let moves = 0;
  try {
    await body(app);
    moves = await translatorMoves(app);
  } finally {
    await app.context.close();
  }
  failOnMoves(moves);
}

/**
 * For a describe block: opens the app before its tests (waiting until it is ready) and
 * closes the browser after them. The returned object is filled in by beforeAll.
 */
export function useReadyApp(path = '', options: LaunchOptions = {}): OpenedApp {
  const app = {} as OpenedApp;
  beforeAll(async () => {
    Object.assign(app, await openApp(path, options));
    await waitReady(app.page);
  });
  // each test of the block: a failure prints the page's errors (openApp's hook needs a test)
  beforeEach(({ onTestFailed: failed }) => {
    failed(() => {
      if (app.errors?.length) console.error(`Page errors: ${app.errors.join(' | ')}`);
    });
  });
  afterAll(async () => {
    const moves = app.page ? await translatorMoves(app) : 0;
    await app.context?.close();
    failOnMoves(moves);
  });
  return app;
}

/**
 * Waits until the data is ready again (after a restarted worker loaded it); if it never is, the
 * error says where the app stood: the data state, the notices, errors and the last requests.
 */
export async function waitDataReady(app: OpenedApp, timeout = 90_000): Promise<void> {
  try {
    await app.page.waitForFunction(() => window.__lab!.store.getState().data.kind === 'ready', null, { timeout });
  } catch (e) {
    const state = await app.page
      .evaluate(() => {
        const s = window.__lab!.store.getState();
        return JSON.stringify({ data: s.data, busy: s.busy, step: s.snapshot?.step ?? null });
      })
      .catch((err: unknown) => `(state unreadable: ${String(err)})`);
    const notices = await app.page
      .getByTestId('notices')
      .innerText()
      .catch(() => '');
    const message =
      `The data was not ready within ${timeout} ms. State: ${state}. Notices: ${notices}. ` +
      `Errors: ${app.errors.join(' | ') || 'none'}. Last requests: ${app.requests.slice(-6).join(' ')}`;
    // also in the log: a failure that passes on its retry is otherwise reported only as "(retry x1)"
    console.error(message);
    throw new Error(message, { cause: e });
  }
}

/**
 * Waits until a restarted worker has loaded the data and built its network again. The data is
 * ready before the network is: a crash test that went on at that point crashed a worker still
 * being restarted, which the app rightly reports with Retry instead of restarting in a loop.
 */
export async function waitRestarted(app: OpenedApp, timeout = 90_000): Promise<void> {
  await waitDataReady(app, timeout);
  // the restart's own promise (start() returns the one under way)
  await app.page.evaluate(() => window.__lab!.trainer.start());
}

/**
 * Waits for `condition` in the page; if it never holds, the error says where the app stood (as
 * waitDataReady's does): a crash test that timed out once on CI said only "Timeout 90000ms".
 */
export async function waitApp(
  app: OpenedApp,
  condition: (arg: number) => boolean,
  what: string,
  timeout = 90_000,
  /** Passed to `condition` in the page (a step count, say). */
  arg = 0,
): Promise<void> {
  try {
    await app.page.waitForFunction(condition, arg, { timeout });
  } catch (e) {
    const state = await app.page
      .evaluate(() => {
        const s = window.__lab!.store.getState();
        return JSON.stringify({
          data: s.data,
          busy: s.busy,
          step: s.snapshot?.step ?? null,
          playing: s.snapshot?.playing ?? null,
          fault: s.snapshot?.fault ?? null,
          notices: s.notices.map((n) => n.text),
        });
      })
      .catch((err: unknown) => `(state unreadable: ${String(err)})`);
    const message =
      `Not ${what} within ${timeout} ms. State: ${state}. Errors: ${app.errors.join(' | ') || 'none'}. ` +
      `Last requests: ${app.requests.slice(-6).join(' ')}`;
    console.error(message);
    throw new Error(message, { cause: e });
  }
}

/** Waits until no request to the worker is under way (the store's `busy`), saying where the app stood if it never is. */
export async function waitIdle(app: OpenedApp, timeout = 30_000): Promise<void> {
  await waitApp(app, () => !window.__lab!.store.getState().busy, 'idle', timeout);
}

/** Waits until the data is loaded and the network has been built. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__lab?.store.getState().snapshot !== null, null, { timeout: 90_000 });
}

export async function readNumber(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  // the app writes negatives with a typographic minus (U+2212), tiny values as 1.8×10⁻⁵
  return Number(plainNumberText(text).replace(/[^0-9.eE+-]/g, ''));
}

/**
 * Pixel statistics of the canvas at `selector` (2D or WebGL, copied through a 2D canvas):
 * painted (any opacity), coloured (painted and not near-white), distinct colours, a hash.
 */
export async function canvasStats(
  page: Page,
  selector: string,
): Promise<{ painted: number; coloured: number; colours: number; total: number; hash: number }> {
  return page.evaluate((sel) => {
    const source = document.querySelector(sel) as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const seen = new Set<number>();
    let painted = 0;
    let coloured = 0;
    let hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
      if (a > 0) painted++;
      if (a > 0 && !(r > 245 && g > 245 && b > 245)) coloured++;
      seen.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
      hash = (hash * 31 + r + 7 * g + 13 * b) | 0;
    }
    return { painted, coloured, colours: seen.size, total: d.length / 4, hash };
  }, selector);
}

/**
 * Presses the button `testId` with the mouse at its centre (or a finger, `how` = 'tap'): Play or
 * Pause while training plays. The mouse goes through the browser's input as a student's does, to
 * the same handler.
 * Playwright's own click waits for the button to hold still over animation frames, and with the
 * software renderer drawing every snapshot the frames came at 0.5-3 a second: a click on Pause
 * waited past its 30 s in "scrolling into view" (CI, twice).
 */
export async function pressButton(page: Page, testId: string, how: 'click' | 'tap' = 'click'): Promise<void> {
  // Found, and its box read, by polling in the page (Runtime.evaluate runs between the page's
  // tasks): a locator's waitFor and boundingBox wait on the page's animation frames, and at α = 20
  // in the learning-rate lesson those came at ~3 a second here; boundingBox on a visible Pause ran
  // past its 30 s on CI, twice. Playwright's click waits for an enabled button and the mouse must
  // too: Play is aria-disabled while the trainer applies a setting, and a press just after a
  // learning rate's Enter fell there, did nothing, and the test waited 60 s for a divergence
  const until = Date.now() + 30_000;
  let state: PressTarget;
  for (;;) {
    state = await page.evaluate(readPressTarget, testId);
    if (state.kind === 'ready') break;
    if (Date.now() > until) throw new Error(`pressButton: ${testId} was ${state.kind} for 30 s`);
    await page.waitForTimeout(50);
  }
  const { x, y, width, height, viewWidth, viewHeight } = state;
  const onScreen = y >= 0 && y + height <= viewHeight && x >= 0 && x + width <= viewWidth;
  // (off screen: Playwright's click, which scrolls to it; a scroll run in the page from here
  // waited 30 s on the α = 20 steps, CI)
  const button = page.getByTestId(testId);
  if (!onScreen) return how === 'tap' ? button.tap() : button.click();
  if (how === 'tap') await page.touchscreen.tap(x + width / 2, y + height / 2);
  else await page.mouse.click(x + width / 2, y + height / 2);
}

type PressTarget =
  | { kind: 'missing' | 'hidden' | 'disabled' }
  | { kind: 'ready'; x: number; y: number; width: number; height: number; viewWidth: number; viewHeight: number };

/** Runs in the page: where the button `testId` is, if it is there, shown and enabled. */
function readPressTarget(testId: string): PressTarget {
  const found = document.querySelectorAll(`[data-testid="${testId}"]`);
  if (found.length !== 1) return { kind: 'missing' };
  const el = found[0] as HTMLButtonElement;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return { kind: 'hidden' };
  if (el.disabled || el.getAttribute('aria-disabled') === 'true') return { kind: 'disabled' };
  return {
    kind: 'ready',
    x: r.x,
    y: r.y,
    width: r.width,
    height: r.height,
    viewWidth: window.innerWidth,
    viewHeight: window.innerHeight,
  };
}
