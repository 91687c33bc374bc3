/** Issue 8 in Chromium: shared links, saved sessions, model files, keyboard, lesson, CSP, PNG. */
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { forwardTrace } from '../../src/engine';
import { computeLayout, edgeAt } from '../../src/render/network-layout';
import { parseShown } from '../../src/protocol/numbers';
import { LESSON } from '../../src/views/lesson/steps';
import {
  openApp,
  withApp,
  readNumber,
  useReadyApp,
  waitApp,
  waitIdle,
  waitReady,
  type OpenedApp,
  pressButton,
} from './app';

const stepCount = (app: OpenedApp) => readNumber(app.page, 'step-count');

async function waitStep(app: OpenedApp, n: number): Promise<void> {
  await app.page.waitForFunction((k) => window.__lab!.store.getState().snapshot?.step === k, n, { timeout: 60_000 });
}

/** Steps `n` batches from update 0, one at a time, each counted before the next. */
async function stepBatches(app: OpenedApp, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await app.page.getByTestId('step-batch').click();
    await waitStep(app, i);
  }
}

/** A cheap fingerprint of all the weights, computed in the page. */
const paramsSum = (app: OpenedApp) =>
  app.page.evaluate(() => {
    const p = window.__lab!.store.getState().snapshot!.params;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i] * ((i % 7) + 1);
    return s;
  });

/**
 * Trains `updates` batches on a fresh page, waits for their save, and opens the same page afresh
 * (as from elsewhere, not a hash change) with `hash`; returns the URL opened and when (ms).
 */
async function savedThenOpened(
  app: OpenedApp,
  updates: number,
  hash: string,
): Promise<{ url: URL; reopenedAt: number }> {
  await waitReady(app.page);
  await stepBatches(app, updates);
  await app.page.getByTestId('saved-status').getByText(`saved at update ${updates}`).waitFor({ timeout: 30_000 });
  const url = new URL(app.page.url());
  url.hash = hash;
  const reopenedAt = Date.now();
  await app.page.goto('about:blank');
  await app.page.goto(url.href);
  await waitReady(app.page);
  return { url, reopenedAt };
}

describe('a shared link', () => {
  it('restores the settings it names, and a malformed value falls back with a notice', async () => {
    await withApp('#activation=sigmoid&loss=mse&lr=1.5&batch=8&momentum=banana', async (app) => {
      await waitReady(app.page);
      const settings = await app.page.evaluate(() => window.__lab!.store.getState().settings);
      expect(settings).toMatchObject({ activation: 'sigmoid', loss: 'mse', learningRate: 1.5, batchSize: 8 });
      expect(settings.momentum).toBe(0.9);
      const spec = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.spec);
      expect(spec).toMatchObject({ activation: 'sigmoid', loss: 'mse' });
      expect(await app.page.getByTestId('learning-rate').inputValue()).toBe('1.5');
      await app.page
        .getByTestId('notices')
        .getByText(/momentum "banana" is not valid \(use a number from 0 \(none\) to 0\.99\); using 0\.9/)
        .waitFor();
      // changing a setting rewrites the hash, so the link is always shareable
      await app.page.getByTestId('learning-rate').fill('0.75');
      await app.page.getByTestId('learning-rate').press('Enter');
      await app.page.waitForFunction(() => location.hash.includes('lr=0.75'), null, { timeout: 10_000 });
      expect(app.errors).toEqual([]);
    });
  });

  it('a lesson link says which of its settings the lesson does not use (they went without a word)', async () => {
    await withApp('#lesson=3&hidden=32&activation=relu&lr=2', async (app) => {
      await waitReady(app.page);
      const notice = app.page.getByTestId('notices').getByText(/^The link set /);
      await notice.waitFor({ timeout: 30_000 });
      const text = await notice.innerText();
      expect(text).toMatch(/hidden layers to 32/);
      expect(text).toMatch(/activation to relu/);
      // α₀ = 2 is the lecture's own: used, so not named
      expect(text).not.toMatch(/learning rate/);
      expect(text).toMatch(/the lesson uses the lecture’s network and settings instead/);
      await app.page.waitForFunction(
        () => window.__lab!.store.getState().snapshot!.spec.sizes.join('-') === '784-16-16-10',
        null,
        { timeout: 30_000 },
      );
    });
  });
});

describe('a lesson link with no saved session', () => {
  it('starts on the lecture’s network: the first one built (it was the defaults’ relu network, rebuilt at once)', async () => {
    await withApp('#lesson=2&lr=0.5', async (app) => {
      // every network the page is shown, from the first snapshot on
      await app.page.waitForFunction(() => window.__lab !== undefined, null, { timeout: 30_000 });
      await app.page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        window.__lab!.store.subscribe((s, prev) => {
          if (s.snapshot && s.snapshot.spec !== prev.snapshot?.spec)
            seen.push(`${s.snapshot.spec.activation} ${s.snapshot.spec.loss}`);
        });
      });
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('Updating a neuron').waitFor({ timeout: 30_000 });
      await app.page.waitForFunction(
        () => !window.__lab!.store.getState().busy && window.__lab!.store.getState().lastExample !== null,
        null,
        { timeout: 30_000 },
      );
      const seen = await app.page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      expect(seen[0]).toBe('sigmoid mse');
      expect(new Set(seen)).toEqual(new Set(['sigmoid mse']));
      const settings = await app.page.evaluate(() => window.__lab!.store.getState().settings);
      expect({ lr: settings.learningRate, batch: settings.batchSize }).toEqual({ lr: 2, batch: 16 });
      // the link's α₀ = 0.5 is not the lesson's: said so, as before
      await app.page
        .getByTestId('notices')
        .getByText(/^The link set learning rate to 0.5/)
        .waitFor({ timeout: 30_000 });
    });
  });
});

describe('a neuron picked while a lesson step opens', () => {
  it('stays picked: the step’s own pick, made when its network was built, replaced it', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      await app.page.evaluate(async () => {
        const arrived = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
        // step 4 rebuilds the network as the lecture's, then picks the digit's output neuron
        location.hash = '#lesson=4';
        await arrived;
        await new Promise((r) => setTimeout(r, 0));
        window.__lab!.store.setState({ selectedNeuron: { layer: 2, index: 3 }, selectedWeight: null });
      });
      await app.page.getByTestId('lesson-title').getByText('Updating the whole network').waitFor({ timeout: 30_000 });
      await app.page.waitForFunction(
        () => {
          const s = window.__lab!.store.getState();
          return !s.busy && s.snapshot?.spec.activation === 'sigmoid' && s.lastExample !== null;
        },
        null,
        { timeout: 30_000 },
      );
      // two frames: where the step's delayed scroll to its panel ran
      await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await app.page.evaluate(() => window.__lab!.store.getState().selectedNeuron)).toEqual({
        layer: 2,
        index: 3,
      });
    });
  });
});

describe('a new α₀ after some epochs', () => {
  it('says the schedule has lowered it, and “Keep α at α₀” trains at it (α₀ = 50 at epoch 27 gave α = 0.0033 without a word)', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      for (let e = 1; e <= 2; e++) {
        await app.page.getByTestId('step-epoch').click();
        await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.epoch === n, e, {
          timeout: 60_000,
        });
        await waitIdle(app);
      }
      await app.page.getByTestId('learning-rate').fill('0.05');
      await app.page.getByTestId('learning-rate').press('Enter');
      const notice = app.page.getByTestId('notices').getByText(/^α₀ = 0\.05 is where the schedule starts/);
      await notice.waitFor({ timeout: 30_000 });
      const now = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.learningRate);
      // 0.05 × 0.7² = 0.0245, named
      expect(now).toBeCloseTo(0.0245, 6);
      expect(await notice.innerText()).toMatch(/after 2 epochs it has lowered α to 0\.0245/);
      await app.page.getByTestId('rate-keep-start').click();
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.learningRate === 0.05, null, {
        timeout: 30_000,
      });
      expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.schedule)).toBe('constant');
    });
  });
});

describe('a projector zoomed to 125% (1280x720 seen as 1024x576)', () => {
  it('in the lesson the digit strip makes way (not cut to a sliver), and the activation panel fits its width', async () => {
    await withApp('#lesson=12', { width: 1024, height: 576, deviceScaleFactor: 1.25 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').waitFor({ timeout: 30_000 });
      // nothing of the network panel is cut off at its bottom edge
      const cut = () =>
        app.page.evaluate(() => {
          const panel = document.querySelector('.network-panel')!.getBoundingClientRect();
          return [
            ...document.querySelectorAll('.network-panel .sample-strip, .network-panel [data-testid=network-view]'),
          ]
            .filter((e) => (e as HTMLElement).offsetParent !== null)
            .map((e) => Math.round(e.getBoundingClientRect().bottom - panel.bottom))
            .filter((over) => over > 0);
        });
      expect(await cut()).toEqual([]);
      expect(await app.page.getByTestId('sample-strip').isVisible()).toBe(false);
      // the network's legend in two lines at most, the rest left to the card (it took four, ~70 px)
      const legend = () =>
        app.page.getByTestId('network-hint').evaluate((el) => {
          const style = getComputedStyle(el);
          const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
          return { lines: Math.round(el.getBoundingClientRect().height / line), text: (el as HTMLElement).innerText };
        });
      expect((await legend()).lines).toBeLessThanOrEqual(2);
      expect((await legend()).text).toMatch(/blue positive, orange negative/);
      // step 15's activation curves and z = w·a + b fit the inspector's width (they ran 8-13 px past it)
      await app.page.getByTestId('tab-activation').click();
      await app.page.getByTestId('activation-z').waitFor({ timeout: 30_000 });
      const past = await app.page.evaluate(() => {
        const edge = document.querySelector('.inspector')!.getBoundingClientRect().right;
        return [...document.querySelectorAll('.inspector .act-plot svg, .inspector .weight-name > span')]
          .map((e) => Math.round(e.getBoundingClientRect().right - edge))
          .filter((over) => over > 0);
      });
      expect(past).toEqual([]);
      // free play has the room again
      await app.page.getByTestId('mode-free').click();
      await app.page.getByTestId('sample-strip').waitFor({ timeout: 30_000 });
      expect(await cut()).toEqual([]);
      expect((await legend()).text).toMatch(/^784 pixels → 16 → 16 → 10 outputs/);
      expect(app.errors).toEqual([]);
    });
  });
});

describe('a projector zoomed to 125%, the learning-rate step', () => {
  it('brings the learning-rate chart into sight above the lesson’s bar (the bar covered it)', async () => {
    await withApp('#lesson=9', { width: 1024, height: 576, deviceScaleFactor: 1.25 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-dock').waitFor({ timeout: 30_000 });
      const gap = () =>
        app.page.evaluate(() => {
          const chart = document.querySelector('[data-testid=lr-chart]')!.getBoundingClientRect();
          const bar = document.querySelector('[data-testid=lesson-dock]')!.getBoundingClientRect();
          return { above: bar.top - chart.bottom, top: chart.top };
        });
      await expect.poll(async () => (await gap()).above, { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
      expect((await gap()).top).toBeGreaterThanOrEqual(0);
      expect(app.errors).toEqual([]);
    });
  });
});

describe('the step schedule', () => {
  it('shows its "every (epochs)" beside the factor, and a change there reaches the trainer', async () => {
    await withApp('#schedule=step&decay=0.5&decayEvery=2', async (app) => {
      await waitReady(app.page);
      expect(await app.page.getByTestId('decay-every').inputValue()).toBe('2');
      await app.page.getByTestId('decay-every').fill('3');
      await app.page.getByTestId('decay-every').press('Enter');
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.settings.decayEvery === 3, null, {
        timeout: 30_000,
      });
      // an exponential schedule has no "every"
      await app.page.getByTestId('schedule').selectOption('exponential');
      await app.page.getByTestId('decay-every').waitFor({ state: 'detached', timeout: 30_000 });
      expect(app.errors).toEqual([]);
    });
  });
});

describe('“saved at update N”', () => {
  const app = useReadyApp();

  it('no longer names a network that Reset or a rebuilding setting replaced, until the next autosave', async () => {
    const status = app.page.getByTestId('saved-status');
    await stepBatches(app, 3);
    await status.getByText('saved at update 3').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('reset').click();
    await waitStep(app, 0);
    // it said "saved at update 3" beside a network at update 0 until the next autosave
    expect(await status.innerText()).toMatch(/^(not saved yet|saved at update 0)$/);
    await status.getByText('saved at update 0').waitFor({ timeout: 30_000 });
    await stepBatches(app, 2);
    await status.getByText('saved at update 2').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('activation').selectOption('sigmoid');
    await app.page.getByTestId('confirm-reset-yes').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.spec.activation === 'sigmoid');
    expect(await status.innerText()).toMatch(/^(not saved yet|saved at update 0)$/);
  });
});

describe('the saved session after an epoch', () => {
  it('a reload shows the epoch’s confusion matrix beside its accuracy (it said "filled in after the first epoch")', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('step-epoch').click();
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.confusion != null, null, {
        timeout: 120_000,
      });
      const matrix = () =>
        app.page.evaluate(() => {
          const s = window.__lab!.store.getState().snapshot!;
          return { step: s.step, confusion: s.confusion ? Array.from(s.confusion) : null };
        });
      const before = await matrix();
      await app.page
        .getByTestId('saved-status')
        .getByText(`saved at update ${before.step}`)
        .waitFor({ timeout: 30_000 });
      await app.page.reload();
      await waitReady(app.page);
      expect(await matrix()).toEqual(before);
      await app.page.getByTestId('tab-charts').click();
      const card = app.page.locator('.chart-card.confusion');
      await expect.poll(() => card.innerText(), { timeout: 30_000 }).not.toMatch(/after the first epoch/);
      expect(app.errors).toEqual([]);
    });
  });
});

describe('the welcome back notice', () => {
  it('goes when the resumed network is replaced (it said "resumed at update 2" beside "updates 0")', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      await stepBatches(app, 2);
      await app.page.getByTestId('saved-status').getByText('saved at update 2').waitFor({ timeout: 30_000 });
      await app.page.reload();
      await waitReady(app.page);
      const welcome = app.page.getByTestId('notices').getByText(/resumed your session at update 2/);
      await welcome.waitFor({ timeout: 30_000 });
      await app.page.getByTestId('reset').click();
      await waitStep(app, 0);
      // (soon: by itself it goes 15 s after it came)
      await welcome.waitFor({ state: 'detached', timeout: 5_000 });
      expect(app.errors).toEqual([]);
    });
  });
});

describe('the Undo of a reset', () => {
  it('its "Undone: back at update 2" goes when the network is reset again', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      await stepBatches(app, 2);
      await app.page.getByTestId('reset').click();
      await waitStep(app, 0);
      await app.page.getByTestId('undo-reset').click();
      await waitStep(app, 2);
      const undone = app.page.getByTestId('notices').getByText('Undone: back at update 2.');
      await undone.waitFor({ timeout: 30_000 });
      await app.page.getByTestId('reset').click();
      await waitStep(app, 0);
      // (soon: by itself it goes 15 s after it came)
      await undone.waitFor({ state: 'detached', timeout: 5_000 });
      expect(app.errors).toEqual([]);
    });
  });
});

describe('two tabs', () => {
  it('keep their own saves: a reload resumes its own tab’s network, a new tab the latest', async () => {
    const a = await openApp();
    try {
      const pageA = a.page;
      await waitReady(pageA);
      const stepTo = async (page: typeof pageA, n: number) => {
        await page.getByTestId('step-batch').click();
        await page.waitForFunction((k) => window.__lab!.store.getState().snapshot?.step === k, n, { timeout: 60_000 });
        await page.getByTestId('saved-status').getByText(`saved at update ${n}`).waitFor({ timeout: 30_000 });
      };
      /** The update count the page shows once it is ready (after a load or reload). */
      const readyStep = async (page: typeof pageA) => {
        await waitReady(page);
        return page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
      };
      await stepTo(pageA, 1);
      await stepTo(pageA, 2);
      // a second tab starts from the latest save, A's, then trains on its own
      const pageB = await a.context.newPage();
      await pageB.goto(inject('baseUrl'));
      expect(await readyStep(pageB)).toBe(2);
      await stepTo(pageB, 3);
      await stepTo(pageB, 4);
      await stepTo(pageB, 5);
      await stepTo(pageA, 3);
      await stepTo(pageB, 6);
      // B saved last; A's reload resumes A's network (update 3), not B's (update 6)
      await pageA.reload();
      expect(await readyStep(pageA)).toBe(3);
      await pageB.reload();
      expect(await readyStep(pageB)).toBe(6);
      // a new tab goes on from the latest save of any tab
      const pageC = await a.context.newPage();
      await pageC.goto(inject('baseUrl'));
      expect(await readyStep(pageC)).toBe(6);
      // reloaded before it trains, it is still there (a new tab owned no save until it trained,
      // and its reload gave a fresh network)
      await pageC.reload();
      expect(await readyStep(pageC)).toBe(6);
      // all closed, a next visit goes on from the latest; reloaded, the same
      await Promise.all([pageA.close(), pageB.close(), pageC.close()]);
      const pageD = await a.context.newPage();
      await pageD.goto(inject('baseUrl'));
      expect(await readyStep(pageD)).toBe(6);
      await pageD.reload();
      expect(await readyStep(pageD)).toBe(6);
    } finally {
      await a.context.close();
    }
  });
});

describe('the saved session', () => {
  const app = useReadyApp();

  it('a reload resumes at the same update with the same weights', async () => {
    await stepBatches(app, 3);
    await app.page.getByTestId('saved-status').getByText('saved at update 3').waitFor({ timeout: 30_000 });
    const before = await paramsSum(app);
    await app.page.reload();
    await waitReady(app.page);
    expect(await stepCount(app)).toBe(3);
    expect(await paramsSum(app)).toBe(before);
    await app.page
      .getByTestId('notices')
      .getByText(/resumed your session at update 3/)
      .waitFor();
  });

  it('a corrupt model file is refused with its name and the reason, and nothing changes', async () => {
    const step = await stepCount(app);
    const before = await paramsSum(app);
    await app.page.getByTestId('import-file').setInputFiles({
      name: 'broken-model.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"backprop-lab-export","version":1,"spec":{"sizes":[784,16,16,10]'),
    });
    await app.page
      .getByTestId('notices')
      .getByText(
        /Could not open broken-model\.json: it is not a Backprop Lab model: its text is not valid JSON.*unchanged/,
      )
      .waitFor({ timeout: 10_000 });
    expect(await stepCount(app)).toBe(step);
    expect(await paramsSum(app)).toBe(before);
  });

  it('an exported model imports back to the same weights and update', async () => {
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('export-model').click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    const before = await paramsSum(app);
    const step = await stepCount(app);
    await app.page.getByTestId('step-batch').click();
    await waitStep(app, step + 1);
    await app.page.getByTestId('import-file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await waitStep(app, step);
    expect(await paramsSum(app)).toBeCloseTo(before, 6);
    await app.page
      .getByTestId('notices')
      .getByText(
        /Opened backprop-lab-model.*: a 784-16-16-10 network with relu hidden layers and categorical cross-entropy, at update \d+\. Its cost history and its place in an epoch are not in the file: training goes on from the start of an epoch\. It replaced yours \(update \d+\)\./,
      )
      .waitFor();
    // the network it replaced comes back with Undo
    await app.page.getByTestId('undo-reset').click();
    await waitStep(app, step + 1);
  });

  it('an edited address that rebuilds a trained network offers Undo, which brings it back', async () => {
    const step = await stepCount(app);
    expect(step).toBeGreaterThan(0);
    const before = await paramsSum(app);
    await app.page.evaluate(() => (location.hash = '#hidden=24'));
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.spec.sizes.join('-') === '784-24-10');
    await app.page
      .getByTestId('notices')
      .getByText(/The address asked for hidden layers to 24: a new network replaced yours \(update \d+\)/)
      .waitFor({ timeout: 30_000 });
    // a second edit of the untrained replacement keeps the Undo (it threw the trained network away)
    await app.page.evaluate(() => (location.hash = '#hidden=32'));
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.spec.sizes.join('-') === '784-32-10');
    await app.page.getByTestId('undo-reset').click();
    await waitStep(app, step);
    expect(await paramsSum(app)).toBe(before);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.spec.sizes.join('-'))).toBe(
      '784-16-16-10',
    );
    // and the address follows the network brought back
    await app.page.waitForFunction(() => !location.hash.includes('hidden='), null, { timeout: 10_000 });
  });

  it('a link that rebuilds the saved network says so (not "resumed") and offers Undo', async () => {
    const step = await stepCount(app);
    await app.page.getByTestId('saved-status').getByText(`saved at update ${step}`).waitFor({ timeout: 30_000 });
    const url = new URL(app.page.url());
    url.hash = '#hidden=32';
    // opened afresh (from elsewhere), not a hash change on the open page
    await app.page.goto('about:blank');
    await app.page.goto(url.href);
    await waitReady(app.page);
    await app.page
      .getByTestId('notices')
      .getByText(/The link asked for hidden layers to 32: a new network replaced your saved one \(update \d+\)/)
      .waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('notices').innerText()).not.toMatch(/resumed your session/);
    // left without Undo, after more than an auto-save's 3 s: the trained network is still saved
    // (it was saved over at once, and lost)
    await app.page.waitForTimeout(4000);
    await app.page.goto('about:blank');
    await app.page.goto(url.href);
    await waitReady(app.page);
    await app.page
      .getByTestId('notices')
      .getByText(`a new network replaced your saved one (update ${step.toLocaleString('en-US')})`)
      .waitFor({ timeout: 30_000 });
    await app.page.getByTestId('undo-reset').click();
    await waitStep(app, step);
  });

  it('"new session" starts fresh with the default settings, and Undo brings the trained network back', async () => {
    const step = (await stepCount(app)) + 1;
    await app.page.getByTestId('step-batch').click();
    await waitStep(app, step);
    const before = await paramsSum(app);
    let asked = false;
    app.page.once('dialog', (d) => {
      asked = true;
      void d.dismiss();
    });
    await app.page.getByTestId('new-session').click();
    await waitStep(app, 0);
    expect(asked).toBe(false);
    expect(await app.page.getByTestId('saved-status').innerText()).toMatch(/not saved|saved at update 0/);
    await app.page
      .getByTestId('notices')
      .getByText(`Your network (update ${step.toLocaleString('en-US')}) was set aside`)
      .waitFor({ timeout: 30_000 });
    // a second New session, of the untrained network, keeps that Undo (it dropped it, and the network)
    await app.page.getByTestId('new-session').click();
    await waitIdle(app);
    await app.page.getByTestId('undo-reset').click();
    await waitStep(app, step);
    expect(await paramsSum(app)).toBe(before);
    await app.page.getByTestId('notices').getByText(`Your session is back: back at update ${step}`).waitFor();
    // and kept: the Undo saved it at once
    await app.page.getByTestId('saved-status').getByText(`saved at update ${step}`).waitFor({ timeout: 30_000 });
  });

  it('a preset sets the lecture’s network at once and offers Undo for the trained one', async () => {
    const step = await stepCount(app);
    expect(step).toBeGreaterThan(0);
    const before = await paramsSum(app);
    await app.page.getByTestId('activation').selectOption('tanh');
    await app.page.getByTestId('confirm-reset').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('preset').click();
    await app.page.getByTestId('preset-0').click();
    await app.page.waitForFunction(
      () => {
        const s = window.__lab!.store.getState();
        return s.settings.activation === 'sigmoid' && s.settings.loss === 'mse' && s.snapshot?.step === 0;
      },
      null,
      { timeout: 30_000 },
    );
    const settings = await app.page.evaluate(() => window.__lab!.store.getState().settings);
    expect(settings).toMatchObject({ batchSize: 16, learningRate: 2, momentum: 0, hiddenLayers: [16, 16] });
    // the question asked before the preset (tanh, on the trained network) went with it, and the
    // box shows the preset's sigmoid (Start over put tanh on top of the preset)
    expect(await app.page.getByTestId('confirm-reset').count()).toBe(0);
    expect(await app.page.getByTestId('activation').inputValue()).toBe('sigmoid');
    // the list closed, the focus back on its button
    expect(await app.page.getByTestId('preset-0').count()).toBe(0);
    expect(await app.page.getByTestId('preset').getAttribute('aria-expanded')).toBe('false');
    await app.page.getByTestId('undo-reset').click();
    await waitStep(app, step);
    expect(await paramsSum(app)).toBe(before);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.activation)).toBe('relu');
    // a preset that changes nothing says so (it was silent): the defaults, twice
    for (let i = 0; i < 2; i++) {
      await app.page.getByTestId('preset').click();
      await app.page.getByTestId('preset-1').click();
      await app.page.waitForFunction(
        () => {
          const s = window.__lab!.store.getState().settings;
          return s.activation === 'relu' && s.learningRate === 0.02 && s.batchSize === 32 && s.momentum === 0.9;
        },
        null,
        { timeout: 30_000 },
      );
    }
    await app.page.getByTestId('notices').getByText('Those are the settings in use already.').waitFor();
  });

  it('shows no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});

describe('the GD vs SGD presets', () => {
  const app = useReadyApp();

  async function preset(n: number, batchSize: number) {
    await app.page.getByTestId('preset').click();
    await app.page.getByTestId(`preset-${n}`).click();
    await app.page.waitForFunction(
      (b) => window.__lab!.store.getState().snapshot?.settings.batchSize === b,
      batchSize,
      {
        timeout: 30_000,
      },
    );
  }
  async function stepEpochs(epochs: number): Promise<number> {
    for (let i = 0; i < epochs; i++) {
      const was = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epochs.length);
      await app.page.getByTestId('step-epoch').click();
      await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.epochs.length > n, was, {
        timeout: 120_000,
      });
    }
    return app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epochs.at(-1)!.testAccuracy);
  }

  // with the defaults' momentum and α, batch 1 turned every ReLU of a layer off (9.7% after an
  // epoch) and batch 50,000 froze under the ×0.7 decay: a teacher could not show either end
  it('one-example SGD learns in one epoch of 50,000 updates', async () => {
    await preset(2, 1);
    expect(await stepEpochs(1)).toBeGreaterThan(0.85);
    expect(await stepCount(app)).toBe(50_000);
    expect(await app.page.getByTestId('batch-progress').innerText()).toMatch(/of 1 example stepped/);
  });

  it('full-batch GD takes one update an epoch and still gets somewhere in ten', async () => {
    await preset(3, 50_000);
    // the SGD run it replaced stays on the cost chart to compare with
    const earlier = app.page
      .getByTestId('charts-panel')
      .getByText('before: learning rate 0.005, schedule exponential, momentum 0, batch size 1');
    await earlier.waitFor({ timeout: 30_000 });
    expect(await stepEpochs(10)).toBeGreaterThan(0.5);
    expect(await stepCount(app)).toBe(10);
    // on a scale of examples seen, GD's 10 updates (500,000 examples) reach past SGD's 50,000
    await app.page.getByTestId('cost-x-axis').selectOption('examples');
    const chart = app.page.getByTestId('cost-chart');
    await expect.poll(() => chart.locator('.x-title').textContent()).toBe('examples seen');
    const ends = await chart.evaluate((svg) => {
      const end = (sel: string) =>
        Math.max(
          ...Array.from(
            svg
              .querySelector(sel)!
              .getAttribute('d')!
              .matchAll(/[ML]([\d.]+),/g),
            (m) => +m[1],
          ),
        );
      return { gd: end('path.raw'), sgd: end('path.earlier') };
    });
    expect(ends.gd).toBeGreaterThan(5 * ends.sgd);
  });
});

describe('keyboard, lesson, pictures and the content security policy', () => {
  const app = useReadyApp();

  it('space plays and pauses, → steps an example, shift+→ a batch, ? lists the shortcuts', async () => {
    const step = await stepCount(app);
    // counted from where the page is: the examples of this batch stepped so far (a retry runs on the same
    // page, after the first attempt's steps; the table keeps a Step batch's columns until the next starts)
    const columns = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.batchStepped);
    await app.page.locator('body').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('ArrowRight');
    await app.page.waitForFunction((n) => window.__lab!.store.getState().batchColumns.length === n + 1, columns, {
      timeout: 30_000,
    });
    expect(await stepCount(app)).toBe(step);
    await app.page.keyboard.press('Shift+ArrowRight');
    await waitStep(app, step + 1);
    await app.page.keyboard.press(' ');
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.playing === true, null, {
      timeout: 30_000,
    });
    await app.page.keyboard.press(' ');
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.playing === false, null, {
      timeout: 30_000,
    });
    await app.page.keyboard.press('?');
    const help = app.page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.innerText()).toMatch(/Space[\s\S]*play \/ pause[\s\S]*Shift \+ →/);
    // and what a mouse or a finger does (a phone has no keys to press)
    expect(await app.page.getByTestId('help-pointer').innerText()).toMatch(
      /Click \(tap\) a neuron[\s\S]*Click an edge/,
    );
    await app.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('a refused setting says what is allowed and keeps the old value; a decimal comma is read', async () => {
    const lr = app.page.getByTestId('learning-rate');
    await lr.fill('abc');
    await lr.blur();
    const error = app.page.getByTestId('settings-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toMatch(
      /Learning rate “abc” is not allowed: use a number from 0\.00001 to 100\. Kept 0\.02\./,
    );
    expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.learningRate)).toBe(0.02);
    // refused on Enter, then left without an edit (a click on Play): the message stays. It went, the
    // page moved up under the pointer, and the click landed on another button or on nothing
    await lr.fill('abc');
    await lr.press('Enter');
    await error.waitFor({ timeout: 30_000 });
    await lr.blur();
    await app.page.waitForTimeout(300);
    expect(await error.isVisible()).toBe(true);
    await lr.fill('0,05');
    await lr.blur();
    await error.waitFor({ state: 'detached', timeout: 30_000 });
    await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 0.05, null, {
      timeout: 30_000,
    });
    await lr.fill('0.02');
    await lr.blur();
    await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 0.02, null, {
      timeout: 30_000,
    });
  });

  it('every lesson step renders, sets its views, and next / previous walk the steps', async () => {
    // free play points a newcomer to the lesson; the link starts it at step 1 and goes away
    await app.page.getByTestId('start-lesson').click();
    // the network here is trained: the lesson asks before it replaces it with the lecture's
    const ask = app.page.getByTestId('lesson-ask');
    await ask.waitFor({ timeout: 30_000 });
    expect(await ask.innerText()).toMatch(/Your network, trained for [\d,]+ updates, would be replaced/);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.activation)).toBe('relu');
    // staying keeps it; asking again and saying yes starts the lesson
    await app.page.getByTestId('lesson-ask-stay').click();
    await app.page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step)).toBeGreaterThan(0);
    await app.page.getByTestId('start-lesson').click();
    await app.page.getByTestId('lesson-ask-start').click();
    await app.page.getByTestId('lesson-count').getByText('step 1 of').waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('start-lesson').count()).toBe(0);
    // the lecture's network starts fresh, and so does its cost chart: no grey "before" line of free play
    await app.page.waitForFunction(
      () => window.__lab!.store.getState().snapshot!.settings.activation === 'sigmoid',
      null,
      {
        timeout: 30_000,
      },
    );
    await expect
      .poll(() => app.page.evaluate(() => window.__lab!.store.getState().earlierRun), { timeout: 10_000 })
      .toBeNull();
    const titles: string[] = [];
    const title = app.page.getByTestId('lesson-title');
    await title.waitFor();
    const count = Number((await app.page.getByTestId('lesson-count').innerText()).match(/of (\d+)/)![1]);
    expect(count).toBe(15);
    for (let i = 0; i < count; i++) {
      await app.page
        .getByTestId('lesson-count')
        .getByText(`step ${i + 1} of`)
        .waitFor({ timeout: 30_000 });
      titles.push(await title.innerText());
      await waitIdle(app, 60_000);
      if (i === 0) {
        // the lesson card takes room from the top row, not from the network: it stays whole on
        // screen (once the card's height is known, a frame or two after it appears)
        await app.page.waitForFunction(
          () => document.querySelector('[data-testid=network-view]')!.getBoundingClientRect().bottom <= innerHeight,
          null,
          { timeout: 30_000 },
        );
        // also on a small laptop screen, where the settings bar wraps to two lines and the card is taller
        await app.page.setViewportSize({ width: 1024, height: 768 });
        await app.page.waitForFunction(
          () => {
            const r = document.querySelector('[data-testid=network-view]')!.getBoundingClientRect();
            return r.bottom <= innerHeight && r.top >= 0 && r.height >= 200;
          },
          null,
          { timeout: 30_000 },
        );
        await app.page.setViewportSize({ width: 1440, height: 900 });
      }
      if (titles[i] === 'The weight-matrix update') {
        // a step about the table scrolls it into view
        await app.page.waitForFunction(
          () => {
            const r = document.querySelector('[data-testid=batch-table]')?.getBoundingClientRect();
            // and the lesson's words stay on screen above it
            const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
            return r !== undefined && r.top >= 0 && r.top < innerHeight - 60 && card.top >= 0 && card.bottom <= r.top;
          },
          null,
          { timeout: 30_000 },
        );
        // the step's Try it: step the batch; the next step then explains the digit now shown
        const before = await stepCount(app);
        await app.page.getByTestId('step-batch').click();
        await waitStep(app, before + 1);
      }
      if (titles[i] === 'The final equation') {
        // the row of the weight the chain-rule tab explains is outlined, and in the table's view
        const rowInView = () =>
          app.page.waitForFunction(
            () => {
              const row = document.querySelector('[data-testid=chain-row]')?.getBoundingClientRect();
              const head = document.querySelector('.batch-scroll thead')!.getBoundingClientRect();
              const box = document.querySelector('.batch-scroll')!.getBoundingClientRect();
              return row !== undefined && row.top >= head.bottom - 1 && row.bottom <= box.bottom + 1;
            },
            null,
            { timeout: 30_000 },
          );
        await rowInView();
        // beside it, the chain-rule product (its tab is scrolled away above) equals the row's last column
        const compare = async () => {
          const note = await app.page.getByTestId('chain-note').innerText();
          const cells = app.page.getByTestId('chain-row').locator('td');
          const columns = await app.page.evaluate(() => window.__lab!.store.getState().batchColumns.length);
          const last = Number(await cells.nth(columns - 1).getAttribute('data-value'));
          return { note, last, row: await app.page.getByTestId('chain-row').locator('th').innerText() };
        };
        const first = await compare();
        // shown to 3 significant digits
        const product = parseShown(first.note.match(/product (\S+) on/)![1]);
        expect(Math.abs(product - first.last)).toBeLessThanOrEqual(0.006 * Math.abs(first.last) + 1e-12);
        // and that cell, the note's example's column in the outlined row, is outlined too
        expect(Number(await app.page.locator('td.chain-cell').getAttribute('data-value'))).toBe(first.last);
        expect(await app.page.locator('thead th.chain-col').count()).toBe(1);
        // stepping another example keeps the same weight (it jumped to each example's strongest input)
        const before = await stepCount(app);
        const stepped = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.batchStepped);
        await app.page.getByTestId('step-example').click();
        await app.page.waitForFunction(
          (n) => window.__lab!.store.getState().snapshot!.batchStepped === n + 1,
          stepped,
          { timeout: 30_000 },
        );
        expect(await stepCount(app)).toBe(before);
        await rowInView();
        expect((await compare()).row).toBe(first.row);
        // after Step batch the product is the next example's, not in these columns: no note
        await app.page.getByTestId('step-batch').click();
        await waitStep(app, before + 1);
        await expect.poll(() => app.page.getByTestId('chain-note').count(), { timeout: 30_000 }).toBe(0);
      }
      if (titles[i] === 'Updating the whole network') {
        // the output neuron explained is the shown digit's, not the digit stepped before the update
        const explained = async () => {
          const hint = await app.page.getByTestId('nudges-panel').locator('p.hint').first().innerText();
          const [, digit, output] = hint.match(/\(a (\d)\)[\s\S]*output neuron “(\d)”/) ?? [];
          return digit !== undefined && output === digit;
        };
        await expect.poll(explained, { timeout: 30_000 }).toBe(true);
        // the step stepped an example of the next batch (the last one was applied by Step batch),
        // so the network view draws nudges for the step to talk about (it showed none)
        // (read from the snapshot, which may come after the step's reply)
        await expect
          .poll(() => app.page.evaluate(() => window.__lab!.store.getState().snapshot!.batchStepped), {
            timeout: 30_000,
          })
          .toBe(1);
        // the summed-wishes bars the step asks about are scrolled into the inspector's view
        await app.page.waitForFunction(
          () => {
            const bars = document.querySelector('[data-testid=summed-wishes]')?.getBoundingClientRect();
            const panel = document.querySelector('.inspector')!.getBoundingClientRect();
            return bars !== undefined && bars.top >= panel.top && bars.top < panel.bottom - 40;
          },
          null,
          { timeout: 30_000 },
        );
      }
      if (titles[i] === 'The learning rate') {
        // an experiment: α = 20 and a batch; moving on puts back the network from before it
        const before = await app.page.evaluate(() => {
          const s = window.__lab!.store.getState().snapshot!;
          return { step: s.step, first: s.params[0] };
        });
        // the card's own button sets it (the settings bar is scrolled away with the charts in view)
        await app.page.getByTestId('lesson-action').click();
        await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 20, null, {
          timeout: 30_000,
        });
        expect(await app.page.getByTestId('lesson-action').getAttribute('aria-disabled')).toBe('true');
        // and its own Play / Pause
        await pressButton(app.page, 'lesson-play');
        await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.step > n, before.step, {
          timeout: 30_000,
        });
        await pressButton(app.page, 'lesson-play');
        await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, {
          timeout: 30_000,
        });
        await app.page.getByTestId('lesson-next').click();
        // said on the card, on screen, although the next step scrolls to the table (a notice at the
        // top of the page was 400 px above the screen)
        const note = app.page.getByTestId('lesson-note');
        await note
          .getByText('The lesson put back the network from before your experiment')
          .waitFor({ timeout: 30_000 });
        await expect
          .poll(async () => {
            const box = await note.boundingBox();
            return box !== null && box.y >= 0 && box.y + box.height <= app.page.viewportSize()!.height;
          })
          .toBe(true);
        const after = await app.page.evaluate(() => {
          const s = window.__lab!.store.getState();
          return { step: s.snapshot!.step, first: s.snapshot!.params[0], lr: s.settings.learningRate };
        });
        expect(after).toEqual({ ...before, lr: 2 });
        // Next is pressed: on to the next step
        continue;
      }
      // the surface steps choose their slice
      const slice = { 'GD vs SGD': 'optimisers', 'The cost surface in 3D': 'trajectory' }[titles[i]];
      if (slice)
        await app.page.waitForFunction(
          (want) => document.querySelector<HTMLSelectElement>('[data-testid=surface-kind]')?.value === want,
          slice,
          { timeout: 30_000 },
        );
      if (titles[i] === 'GD vs SGD') {
        // the race runs at a rate all three walkers survive from the trained network
        await app.page.waitForFunction(
          () => document.querySelector<HTMLSelectElement>('[data-testid=surface-rate]')?.value === '0.5',
          null,
          { timeout: 30_000 },
        );
      }
      if (i < count - 1) {
        await app.page.getByTestId('lesson-next').click();
        // once, in a full CI run, the card stayed at step 7 after this click: what the app held is
        // printed, and Next clicked again, so the walk goes on to test the steps after it
        const moved = await app.page
          .getByTestId('lesson-count')
          .getByText(`step ${i + 2} of`)
          .waitFor({ timeout: 15_000 })
          .then(
            () => true,
            () => false,
          );
        if (!moved) {
          const held = await app.page.evaluate(() => {
            const s = window.__lab!.store.getState();
            return { lesson: s.lesson, ask: s.lessonAsk, busy: s.busy, playing: s.snapshot?.playing };
          });
          console.warn(`lesson walk: Next at step ${i + 1} did not move the card (${JSON.stringify(held)}); again`);
          await app.page.getByTestId('lesson-next').click();
        }
      }
    }
    expect(new Set(titles).size).toBe(count);
    expect(titles[0]).toBe('An example network');
    expect(titles.at(-1)).toBe('How bias and activations work');
    // the lesson runs on the lecture's network and opened the activation panel last
    const s = await app.page.evaluate(() => window.__lab!.store.getState());
    expect(s.settings).toMatchObject({ activation: 'sigmoid', loss: 'mse' });
    expect(await app.page.getByTestId('tab-activation').getAttribute('aria-selected')).toBe('true');
    expect(await app.page.evaluate(() => location.hash)).toContain('lesson=15');
    // a setting the student changes is named beside the lecture's, and the next step sets it back
    expect(await app.page.getByTestId('lesson-changed').count()).toBe(0);
    await app.page.getByTestId('learning-rate').fill('20');
    await app.page.getByTestId('learning-rate').press('Enter');
    await expect.poll(() => app.page.getByTestId('lesson-changed').count(), { timeout: 30_000 }).toBe(1);
    expect(await app.page.getByTestId('lesson-changed').innerText()).toMatch(
      /^changed: learning rate 20 · until Next$/,
    );
    await app.page.getByTestId('lesson-prev').click();
    await app.page.getByTestId('lesson-count').getByText('step 14 of').waitFor();
    // Space after a clicked Previous plays (it used to press Previous again: step 7 says "press Space")
    await app.page.keyboard.press(' ');
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    expect(await app.page.getByTestId('lesson-count').innerText()).toMatch(/step 14 of/);
    await app.page.keyboard.press(' ');
    await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    // and → still steps an example with the title focused
    await app.page.keyboard.press('ArrowRight');
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.batchStepped === 1, null, {
      timeout: 30_000,
    });
    await expect.poll(() => app.page.getByTestId('lesson-changed').count(), { timeout: 30_000 }).toBe(0);
    await app.page.getByTestId('mode-free').click();
    await app.page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
  });

  it('saves a panel as a PNG picture of what is drawn', async () => {
    /** Clicks a panel's PNG button and returns the downloaded file's bytes. */
    const savePng = async (name: string) => {
      const [download] = await Promise.all([
        app.page.waitForEvent('download'),
        app.page.getByTestId(`save-png-${name}`).click(),
      ]);
      return readFile((await download.path())!);
    };
    const png = await savePng('network');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // a blank panel compresses to a few kB; the drawn network is far larger
    expect(png.length).toBeGreaterThan(30_000);

    // the charts are SVG: cloned with their styles into the picture
    await app.page.getByTestId('tab-charts').click();
    await app.page.getByTestId('lr-chart').locator('path.next').waitFor({ timeout: 30_000 });
    const charts = await savePng('charts');
    expect(charts.subarray(1, 4).toString()).toBe('PNG');
    expect(charts.length).toBeGreaterThan(15_000);
  });

  it('runs under a CSP that forbids eval, and asks for nothing but its own files', async () => {
    const csp = await app.page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // an inline script and a string timer (eval) are refused, and the page hears why
    const probe = await app.page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const w = window as unknown as { __inline?: number; __timer?: number };
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.head.append(script);
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__timer = 1', 0);
      await new Promise((r) => setTimeout(r, 300));
      return { inline: w.__inline ?? 0, timer: w.__timer ?? 0, violations };
    });
    expect(probe.inline).toBe(0);
    expect(probe.timer).toBe(0);
    expect(probe.violations.some((d) => d.startsWith('script-src'))).toBe(true);
    const origin = new URL(inject('baseUrl')).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
    expect(foreign).toEqual([]);
  });

  // a meta tag cannot say frame-ancestors, and the workers take their policy from their own
  // responses: the server sends it as a header too, and the build writes it for static hosts
  it('sends its policy as headers too, to the page and to the trainer worker, and writes them to _headers', async () => {
    const got = await app.page.evaluate(async () => {
      const worker = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .find((n) => /\/assets\/trainer\.worker-[^/]*\.js$/.test(n));
      const csp = async (url: string) => (await fetch(url)).headers.get('content-security-policy');
      return {
        page: await csp(location.href),
        worker: worker ? await csp(worker) : 'no trainer worker script loaded',
        file: await (await fetch('/_headers')).text(),
      };
    });
    expect(got.page).toMatch(/frame-ancestors 'none'/);
    expect(got.page).toMatch(/script-src 'self';/);
    expect(got.worker).toBe(got.page);
    expect(got.file).toContain(`Content-Security-Policy: ${got.page}`);
    expect(got.file).toMatch(/Cross-Origin-Opener-Policy: same-origin/);
  });

  it('shows no console errors', () => {
    // the CSP test's own inline script and string timer are reported as violations on purpose
    expect(app.errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
  });
});

describe('a tablet: 1024 x 1366, touch only', () => {
  it('on stacked panels, a tapped neuron says its explanation is below, on which tab, and goes there', async () => {
    await withApp('', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const canvas = app.page.getByTestId('network-canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      const neuron = computeLayout([784, 16, 16, 10], box.width, box.height).neurons[2][3];
      await app.page.touchscreen.tap(box.x + neuron.x, box.y + neuron.y);
      const chip = app.page.getByTestId('inspector-below');
      await chip.waitFor({ timeout: 10_000 });
      expect(await chip.innerText()).toBe('This neuron is explained below, on the Nudges tab ↓');
      // at the screen's foot, clear of the diagram (it hung across its bottom edge, over the layer labels),
      // and above free play's training bar there (the Play row is at the screen's foot)
      const clear = await app.page.evaluate(() => {
        const c = document.querySelector('[data-testid=inspector-below]')!.getBoundingClientRect();
        const net = document.querySelector('[data-testid=network-canvas]')!.getBoundingClientRect();
        const bar = document.querySelector('[data-testid=train-dock]')?.getBoundingClientRect();
        return { gap: c.top - net.bottom, below: (bar ? bar.top : innerHeight) - c.bottom };
      });
      expect(clear.gap).toBeGreaterThan(0);
      expect(clear.below).toBeGreaterThanOrEqual(0);
      expect(clear.below).toBeLessThan(40);
      await chip.tap();
      await app.page.waitForFunction(
        () => {
          const top = document.querySelector('.inspector')!.getBoundingClientRect().top;
          return top >= 0 && top < innerHeight / 2;
        },
        null,
        { timeout: 10_000 },
      );
      await chip.waitFor({ state: 'detached', timeout: 10_000 });
      expect(app.errors).toEqual([]);
    });
  });

  it('portrait, step 4: the summed wishes’ heading is not under the inspector’s tabs; boxes beside their labels; “tap”', async () => {
    await withApp('#lesson=4', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const wishes = app.page.getByTestId('summed-wishes');
      await wishes.waitFor({ timeout: 30_000 });
      // the step scrolled to the summed wishes: nothing of the inspector's tabs over their top (the
      // tabs stuck to the top of the screen and covered the heading and row 0)
      await expect
        .poll(() => wishes.evaluate((el) => Math.round(el.getBoundingClientRect().top)), { timeout: 30_000 })
        .toBeLessThan(100);
      // (the smooth scroll at rest)
      await app.page.waitForTimeout(1500);
      const covered = await app.page.evaluate(() => {
        const tabs = document.querySelector('.inspector .tabs')!.getBoundingClientRect();
        const top = document.querySelector('[data-testid=summed-wishes]')!.getBoundingClientRect().top;
        return tabs.bottom > top && tabs.top < top + 20;
      });
      expect(covered).toBe(false);
      // with the sentence that explains them (it was 32 px above the screen)
      const caption = await app.page.evaluate(
        () =>
          document.querySelector('[data-testid=summed-wishes]')!.previousElementSibling!.getBoundingClientRect().top,
      );
      expect(caption).toBeGreaterThanOrEqual(0);
      // a checkbox a finger can see beside its label (13 x 36, its text under it)
      const boxes = await app.page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { w: r.width, h: r.height };
          }),
      );
      expect(boxes.length).toBeGreaterThan(0);
      for (const b of boxes) {
        expect(b.w).toBeGreaterThanOrEqual(20);
        expect(b.h).toBeLessThanOrEqual(24);
      }
      // the network's legend and the strip say "tap"
      expect(await app.page.getByTestId('network-hint').innerText()).toMatch(/Tap a neuron or an edge/);
      expect(app.errors).toEqual([]);
    });
  });

  it('portrait, step 13: the weight table’s panel at the screen’s top, the outlined row above the bar', async () => {
    await withApp('#lesson=13', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const row = app.page.getByTestId('chain-row');
      await row.waitFor({ timeout: 30_000 });
      await app.page.getByTestId('lesson-dock').waitFor({ timeout: 30_000 });
      // the page reaches far enough for the panel's top to come to the screen's top (it ended, and
      // the panel stopped ~400 px down with the outlined row under the bar)
      const place = () =>
        app.page.evaluate(() => {
          const panel = document.querySelector('[data-testid=bottom-panel]')!.getBoundingClientRect();
          const row = document.querySelector('[data-testid=chain-row]')!.getBoundingClientRect();
          const bar = document.querySelector('[data-testid=lesson-dock]')!.getBoundingClientRect();
          return { panelTop: Math.round(panel.top), rowBelowBar: Math.round(row.bottom - bar.top) };
        });
      await expect.poll(async () => (await place()).panelTop, { timeout: 30_000 }).toBeLessThan(20);
      await expect.poll(async () => (await place()).rowBelowBar, { timeout: 30_000 }).toBeLessThan(0);
      expect((await place()).panelTop).toBeGreaterThanOrEqual(0);
      // and the table fills the panel: more than its 300 px
      const tableHeight = await app.page.evaluate(() => document.querySelector('.batch-scroll')!.clientHeight);
      expect(tableHeight).toBeGreaterThan(450);
      // "how to read the table" is a line a finger can hit (14 px tall before)
      const help = await app.page.evaluate(
        () => document.querySelector('.batch-more-help > summary')!.getBoundingClientRect().height,
      );
      expect(help).toBeGreaterThanOrEqual(26);
      expect(app.errors).toEqual([]);
    });
  });

  it('portrait, step 9: the confusion matrix takes its card’s width, its counts legible', async () => {
    await withApp('#lesson=9', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const matrix = app.page.getByTestId('confusion-matrix');
      await matrix.waitFor({ timeout: 30_000 });
      // beside its words it was ~190 px square in a two-column charts tab, its counts 6-7 px
      await expect
        .poll(() => matrix.evaluate((el) => Math.round(el.getBoundingClientRect().width)), { timeout: 30_000 })
        .toBeGreaterThan(280);
      const place = await app.page.evaluate(() => {
        const m = document.querySelector('[data-testid=confusion-matrix]')!.getBoundingClientRect();
        const card = document.querySelector('.chart-card.confusion')!.getBoundingClientRect();
        const readout = document.querySelector('[data-testid=confusion-readout]')!.getBoundingClientRect();
        return { right: m.right, cardRight: card.right, readoutTop: readout.top, bottom: m.bottom };
      });
      // inside its card, and what a cell holds below it
      expect(place.right).toBeLessThanOrEqual(place.cardRight + 0.5);
      expect(place.readoutTop).toBeGreaterThanOrEqual(place.bottom - 0.5);
      expect(app.errors).toEqual([]);
    });
  });

  it('portrait, step 2: the inspector follows the network, the neuron’s wish on the screen with them', async () => {
    await withApp('#lesson=2', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const desired = app.page.getByTestId('nudge-desired');
      await desired.waitFor({ timeout: 30_000 });
      // (the step's scroll to its card at rest)
      await app.page.waitForTimeout(1500);
      const place = await app.page.evaluate(() => {
        const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        return {
          network: box('.network-panel'),
          inspector: box('.inspector'),
          desired: box('[data-testid=nudge-desired]'),
          card: box('[data-testid=lesson-panel]'),
        };
      });
      // the controls came between them, and the wish was ~1,600 px down the page
      expect(place.inspector.top - place.network.bottom).toBeLessThan(20);
      expect(place.card.top).toBeGreaterThanOrEqual(0);
      expect(place.desired.bottom).toBeLessThanOrEqual(1024);
      expect(app.errors).toEqual([]);
    });
  });

  it('landscape tablet, step 2: the network has the room the header’s settings took', async () => {
    await withApp('#lesson=2', { width: 1024, height: 768, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const canvas = app.page.getByTestId('network-canvas');
      await canvas.waitFor({ timeout: 30_000 });
      // the header scrolled away and the strip and long legend gone: the network was 422x240 px
      // (outputs 14.5 px apart) under two rows of settings and a 250 px card
      await expect
        .poll(() => canvas.evaluate((el) => Math.round(el.getBoundingClientRect().height)), { timeout: 30_000 })
        .toBeGreaterThan(350);
      const place = await app.page.evaluate(() => {
        const net = document.querySelector('[data-testid=network-canvas]')!.getBoundingClientRect();
        const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
        return { top: net.top, bottom: net.bottom, cardBottom: card.bottom };
      });
      // whole on the screen, below the card
      expect(place.top).toBeGreaterThanOrEqual(place.cardBottom);
      expect(place.bottom).toBeLessThanOrEqual(768);
      // the dots' targets side by side, none over the next
      const dots = await app.page.evaluate(() =>
        [...document.querySelectorAll('.lesson-dots button')].map((b) => b.getBoundingClientRect()),
      );
      for (let i = 1; i < dots.length; i++)
        if (Math.abs(dots[i].top - dots[i - 1].top) < 1)
          expect(dots[i].left).toBeGreaterThanOrEqual(dots[i - 1].right - 0.5);
      expect(app.errors).toEqual([]);
    });
  });

  for (const [w, h] of [
    [390, 844],
    [844, 390],
  ]) {
    it(`phone ${w}x${h}, step 9: the learning-rate chart above the lesson’s bar`, async () => {
      await withApp('#lesson=9', { width: w, height: h, hasTouch: true }, async (app) => {
        await waitReady(app.page);
        await app.page.getByTestId('lr-chart').waitFor({ timeout: 30_000 });
        await app.page.getByTestId('lesson-dock').waitFor({ timeout: 30_000 });
        // it lay wholly under the bar (783-1034 px, the bar's top at 724)
        const below = () =>
          app.page.evaluate(() => {
            const c = document.querySelector('[data-testid=lr-chart]')!.getBoundingClientRect();
            const bar = document.querySelector('[data-testid=lesson-dock]')!.getBoundingClientRect();
            return Math.round(c.bottom - bar.top);
          });
        await expect.poll(below, { timeout: 30_000 }).toBeLessThanOrEqual(0);
        await app.page.waitForTimeout(1500);
        expect(await below()).toBeLessThanOrEqual(0);
        expect(app.errors).toEqual([]);
      });
    });
  }

  for (const [w, h] of [
    [390, 844],
    [844, 390],
  ]) {
    it(`phone ${w}x${h}, step 1: after Step example, the network whole and the card's Next on screen`, async () => {
      await withApp('#lesson=1', { width: w, height: h, hasTouch: true }, async (app) => {
        await waitReady(app.page);
        await app.page.getByTestId('lesson-step-example').tap();
        // centred, the network left the card's tail on screen, its Next 340 px above (and on a
        // landscape phone 16 px of the card, Next cut off, and no lesson bar)
        const place = () =>
          app.page.evaluate(() => {
            const r = (id: string) => document.querySelector(`[data-testid=${id}]`)?.getBoundingClientRect() ?? null;
            const inView = (b: DOMRect | null) => b !== null && b.top >= 0 && b.bottom <= innerHeight;
            return { net: inView(r('network-view')), next: inView(r('lesson-end-next')) };
          });
        await expect.poll(place, { timeout: 30_000 }).toEqual({ net: true, next: true });
        await app.page.waitForTimeout(1000);
        expect(await place()).toEqual({ net: true, next: true });
        await app.page.getByTestId('lesson-end-next').tap();
        await expect
          .poll(() => app.page.evaluate(() => window.__lab!.store.getState().lesson), { timeout: 30_000 })
          .toBe(1);
        expect(app.errors).toEqual([]);
      });
    });
  }

  it('phone, step 15: the lesson bar’s sheet has finger-sized links (they were 20 px tall)', async () => {
    await withApp('#lesson=15', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      await app.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await app.page.getByTestId('lesson-dock').waitFor({ timeout: 30_000 });
      await app.page.getByTestId('lesson-dock-more').tap();
      const sheet = app.page.getByTestId('lesson-dock-sheet');
      await sheet.waitFor({ timeout: 30_000 });
      for (const id of ['lesson-dock-sheet-previous', 'lesson-dock-card']) {
        const box = (await app.page.getByTestId(id).boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
      }
      expect(app.errors).toEqual([]);
    });
  });

  it('phone, step 8: the race’s map and its results line above the lesson’s bar', async () => {
    await withApp('#lesson=8', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('race-winner').waitFor({ timeout: 60_000 });
      await app.page.getByTestId('lesson-dock').waitFor({ timeout: 30_000 });
      // the surface's settings came first: the map and the results lay under the bar (914-942 px, the bar at 724)
      const below = () =>
        app.page.evaluate(() => {
          const w = document.querySelector('[data-testid=race-winner]')!.getBoundingClientRect();
          const bar = document.querySelector('[data-testid=lesson-dock]')!.getBoundingClientRect();
          return Math.round(w.bottom - bar.top);
        });
      await expect.poll(below, { timeout: 30_000 }).toBeLessThanOrEqual(0);
      await app.page.waitForTimeout(1500);
      expect(await below()).toBeLessThanOrEqual(0);
      expect(app.errors).toEqual([]);
    });
  });

  it('phone, free play: scrolled to the charts, the training bar plays and pauses', async () => {
    await withApp('', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      // on a line of its own, a finger's target (it was 14 px tall)
      expect((await app.page.getByTestId('go-charts').boundingBox())!.height).toBeGreaterThanOrEqual(36);
      await app.page.getByTestId('go-charts').tap();
      // the controls' Play scrolled away, and no Space key on a phone: nothing could play here
      const bar = app.page.getByTestId('train-dock');
      await bar.waitFor({ timeout: 30_000 });
      await app.page.getByTestId('train-dock-play').tap();
      const state = () => app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      await expect.poll(async () => (await state()).step, { timeout: 60_000 }).toBeGreaterThan(0);
      // (Playwright's tap on Pause waits for frames that come slowly while playing: pressButton)
      await pressButton(app.page, 'train-dock-play', 'tap');
      await expect.poll(async () => (await state()).playing, { timeout: 30_000 }).toBe(false);
      await expect(bar.textContent()).resolves.toMatch(/update [\d,]+ · cost /);
      // back up to the controls: the bar goes
      await app.page.getByTestId('play').scrollIntoViewIfNeeded();
      await expect.poll(() => bar.count(), { timeout: 30_000 }).toBe(0);
      expect(app.errors).toEqual([]);
    });
  });

  it('landscape tablet, step 4: the summed wishes do not scroll inside the scrolling inspector', async () => {
    await withApp('#lesson=4', { width: 1024, height: 768, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const bars = app.page.locator('.inspector .bars').first();
      await bars.waitFor({ timeout: 30_000 });
      // a box of 220 px in the inspector's own scroll: a finger in it scrolled the box, then nothing
      const inner = () =>
        bars.evaluate((el) => ({
          overflow: getComputedStyle(el).overflowY,
          hidden: el.scrollHeight - el.clientHeight,
        }));
      await expect.poll(inner, { timeout: 30_000 }).toEqual({ overflow: 'visible', hidden: 0 });
      expect(app.errors).toEqual([]);
    });
  });

  it('stacked (a laptop at 200% zoom), Tab follows the panels as the eye reads them, in free play and in the lesson', async () => {
    await withApp('', { width: 800, height: 600 }, async (app) => {
      await waitReady(app.page);
      /** The panels in the DOM's order, and the same sorted by where they are on the screen. */
      const orders = () =>
        app.page.evaluate(() => {
          const panels = [...document.querySelectorAll<HTMLElement>('.layout > .panel')];
          // (the draw pad's panel is named by the section inside it)
          const name = (p: HTMLElement) =>
            p.getAttribute('aria-label') ?? p.querySelector('section[aria-label]')?.getAttribute('aria-label') ?? '';
          // stacked, the controls panel is display: contents (its draw pad is placed by the grid): its own part
          const top = (p: HTMLElement) =>
            (getComputedStyle(p).display === 'contents'
              ? p.querySelector('.controls-main')!
              : p
            ).getBoundingClientRect().top;
          return { dom: panels.map(name), seen: [...panels].sort((a, b) => top(a) - top(b)).map(name) };
        });
      // the canvas the network is drawn on, marked: the panels move in the DOM, the canvas is kept
      await app.page.evaluate(() => {
        (document.querySelector('[data-testid=network-canvas]') as HTMLElement & { mark?: number }).mark = 7;
        (document.querySelector('[data-testid=draw-pad]') as HTMLElement & { mark?: number }).mark = 9;
      });
      const free = await orders();
      // the draw pad after the inspector, where the grid shows it (inside the controls, Tab reached it first)
      expect(free.dom).toEqual(['The network', 'Training controls', 'Inspector', 'Draw a digit', 'Charts and tables']);
      expect(free.dom).toEqual(free.seen);
      // from the network's last stop (the digit strip's arrows), Tab reaches the controls next, not the inspector
      await app.page.getByTestId('network-canvas').focus();
      let reached = '';
      for (let i = 0; i < 30 && !reached; i++) {
        await app.page.keyboard.press('Tab');
        reached = await app.page.evaluate(() => {
          const f = document.activeElement;
          return f?.closest('.controls-panel') ? 'controls' : f?.closest('.inspector') ? 'inspector' : '';
        });
      }
      expect(reached).toBe('controls');

      await app.page.getByTestId('mode-lesson').click();
      await waitApp(app, () => window.__lab?.store.getState().lesson === 0, 'the lesson open');
      const lesson = await orders();
      expect(lesson.dom).toEqual([
        'The network',
        'Inspector',
        'Training controls',
        'Draw a digit',
        'Charts and tables',
      ]);
      expect(lesson.dom).toEqual(lesson.seen);

      // side by side again: the controls first, as the eye reads a row from the left
      await app.page.getByTestId('mode-free').click();
      await app.page.setViewportSize({ width: 1440, height: 900 });
      await waitApp(
        app,
        () => document.querySelector('.layout > .panel')?.getAttribute('aria-label') === 'Training controls',
        'the controls first',
      );
      const kept = await app.page.evaluate(() => {
        const pad = document.querySelector('[data-testid=draw-pad]') as HTMLElement & { mark?: number };
        return {
          network: (document.querySelector('[data-testid=network-canvas]') as HTMLElement & { mark?: number }).mark,
          // the draw pad's node moved back into the controls, itself (with its drawing), not made again
          pad: pad.mark,
          padInControls: pad.closest('.controls-panel') !== null,
        };
      });
      expect(kept).toEqual({ network: 7, pad: 9, padInControls: true });
      expect(app.errors).toEqual([]);
    });
  });

  it('a laptop at 150% zoom (853 x 533): the card in two columns, with no second Next', async () => {
    await withApp('#lesson=2', { width: 853, height: 533, deviceScaleFactor: 1.5 }, async (app) => {
      await waitReady(app.page);
      // one column, the card took 317 of the 533 px (a generous wait that says where the app stood:
      // under CI's load this test's first attempt failed once, its error not kept, and the retry
      // took 33 s where it takes 1.5 s alone)
      await waitApp(app, () => document.querySelector('.lesson-panel .lesson-two') !== null, 'two columns', 90_000);
      expect(await app.page.getByTestId('lesson-end-next').count()).toBe(0);
      expect(app.errors).toEqual([]);
    });
  });

  it('portrait tablet, free play: at the page top, Play a few px into the screen, the training bar has Play', async () => {
    await withApp('', { width: 768, height: 1024, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      // 12 px of the controls' Play row at the screen's foot kept the bar away
      const play = (await app.page.getByTestId('play').boundingBox())!;
      expect(play.y + play.height).toBeGreaterThan(1024);
      await app.page.getByTestId('train-dock-play').waitFor({ timeout: 30_000 });
      expect(app.errors).toEqual([]);
    });
  });

  it('landscape tablet, step 9: the learning-rate chart whole below the card', async () => {
    await withApp('#lesson=9', { width: 1024, height: 768, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const chart = app.page.getByTestId('lr-chart');
      await chart.waitFor({ timeout: 30_000 });
      // below the sticky card it showed 113 of its 266 px, the rest under the screen's foot
      const place = () =>
        app.page.evaluate(() => {
          const c = document.querySelector('[data-testid=lr-chart]')!.getBoundingClientRect();
          const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
          return { top: Math.round(c.top - card.bottom), below: Math.round(c.bottom - innerHeight) };
        });
      await expect.poll(async () => (await place()).below, { timeout: 30_000 }).toBeLessThanOrEqual(0);
      // (the smooth scroll at rest)
      await app.page.waitForTimeout(1500);
      const at = await place();
      expect(at.below).toBeLessThanOrEqual(0);
      expect(at.top).toBeGreaterThanOrEqual(0);
      expect(app.errors).toEqual([]);
    });
  });

  it('fits the width, and taps step, switch tabs and select a neuron', async () => {
    await withApp('', { width: 1024, height: 1366, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await app.page.getByTestId('step-example').tap();
      await app.page.waitForFunction(() => window.__lab!.store.getState().batchColumns.length === 1, null, {
        timeout: 30_000,
      });
      await app.page.getByTestId('tab-chain-rule').tap();
      expect(await app.page.getByTestId('tab-chain-rule').getAttribute('aria-selected')).toBe('true');
      // tap output neuron 7 where the network view draws it
      const canvas = app.page.getByTestId('network-canvas');
      const box = (await canvas.boundingBox())!;
      const layout = computeLayout([784, 16, 16, 10], box.width, box.height);
      const neuron = layout.neurons[3][7];
      await app.page.touchscreen.tap(box.x + neuron.x, box.y + neuron.y);
      await app.page.waitForFunction(
        () => {
          const n = window.__lab!.store.getState().selectedNeuron;
          return n?.layer === 3 && n.index === 7;
        },
        null,
        { timeout: 10_000 },
      );
      // back on Nudges: the edge's tap below must bring the chain rule
      await app.page.getByTestId('tab-nudges').tap();
      expect(await app.page.getByTestId('tab-nudges').getAttribute('aria-selected')).toBe('true');
      // a tap 7-9 px off the nearest edge picks it (a mouse needs 4 px; a fingertip lands wider; the
      // margins allow for the tap's rounding to whole pixels)
      // (measured again once the view has kept its size for half a second: it was still settling)
      let now = (await canvas.boundingBox())!;
      await expect
        .poll(
          async () => {
            const was = now;
            await app.page.waitForTimeout(500);
            now = (await canvas.boundingBox())!;
            return now.width === was.width && now.height === was.height;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      const settled = computeLayout([784, 16, 16, 10], now.width, now.height);
      let spot: { x: number; y: number } | null = null;
      const from = settled.neurons[2];
      const to = settled.neurons[3];
      for (let x = from[0].x + 20; x < to[0].x - 20 && !spot; x += 1)
        for (let y = from[0].y; y < from.at(-1)!.y && !spot; y += 1)
          if (edgeAt(settled, { x, y }, 7) === null && edgeAt(settled, { x, y }, 9) !== null) spot = { x, y };
      expect(spot).not.toBeNull();
      const aimed = edgeAt(settled, spot!, 9)!;
      await app.page.touchscreen.tap(now.x + spot!.x, now.y + spot!.y);
      await expect
        .poll(() => app.page.evaluate(() => window.__lab!.store.getState().selectedWeight), { timeout: 10_000 })
        .toEqual(aimed);
      // and the inspector explains it (it stayed on Nudges, and the tap seemed to do nothing)
      await expect
        .poll(() => app.page.getByTestId('tab-chain-rule').getAttribute('aria-selected'), { timeout: 10_000 })
        .toBe('true');
      expect(await app.page.getByTestId('chain-weight').innerText()).toContain(`to output “${aimed.to}”`);
      expect(await app.page.getByTestId('chain-from').inputValue()).toBe(String(aimed.from));
      expect(app.errors).toEqual([]);
    });
  });
});

/**
 * In the lesson's step 2, the student changes the activation to ReLU (at update 0 a change asks
 * nothing) and trains `updates` batches of it.
 */
async function trainReluInLesson(app: OpenedApp, updates: number): Promise<void> {
  await waitReady(app.page);
  await app.page
    .getByTestId('lesson-title')
    .getByText('An example network')
    .waitFor({ timeout: 60_000 })
    .catch(async (e: unknown) => {
      // (once, in a full CI run, the card's title never showed: where the app stood then)
      const state = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        return {
          hash: location.hash,
          lesson: s.lesson,
          ask: s.lessonAsk,
          title: document.querySelector('[data-testid=lesson-title]')?.textContent ?? null,
          data: s.data.kind,
          notices: s.notices.map((n) => n.text),
        };
      });
      throw new Error(`${String(e)}\nThe app: ${JSON.stringify(state)}\nErrors: ${JSON.stringify(app.errors)}`);
    });
  await app.page.getByTestId('activation').selectOption('relu');
  // (generous waits, each saying where the app stood: one attempt in a full CI run took 38 s, its
  // error not kept, and these two waited on the default 30 s)
  await waitApp(app, () => window.__lab!.store.getState().snapshot!.spec.activation === 'relu', 'the relu network');
  for (let i = 1; i <= updates; i++) {
    await app.page.getByTestId('step-batch').click();
    await waitApp(app, (n) => window.__lab!.store.getState().snapshot!.step === n, `update ${i}`, 90_000, i);
  }
}

describe('a learning rate too high for the lecture’s network', () => {
  it('says on the lesson card that the cost rose since α₀ went to 20 (it climbed from 0.12 to 0.5 without a word)', async () => {
    await withApp('#lesson=9', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('step-epoch').click();
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.epoch === 1, null, {
        timeout: 120_000,
      });
      await app.page.getByTestId('lesson-action').click();
      await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 20, null, {
        timeout: 30_000,
      });
      // held at 20 after the epoch trained (the 0.7 schedule made it 14, and 0.4 after 11 epochs)
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.learningRate === 20, null, {
        timeout: 30_000,
      });
      await pressButton(app.page, 'lesson-play');
      const note = app.page.getByTestId('lesson-note');
      await note
        .getByText(
          /^The cost has risen since you set learning rate to 20, schedule to constant \(update 3,125\): about [\d.]+ on average before, about [\d.]+ by update [\d,]+\./,
        )
        .waitFor({
          timeout: 120_000,
        });
      // said, not acted on: training goes on
      expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.fault)).toBeNull();
      expect(app.errors).toEqual([]);
    });
  });
});

describe('a link’s settings over a resumed session', () => {
  it('a bad value keeps the saved network’s own: nothing rebuilt, and the notice names the value in use', async () => {
    // a trained 64-64-64-64 network went, rebuilt as the defaults' 16-16, and the notice said the link asked for it
    await withApp('#hidden=32-16', async (app) => {
      await savedThenOpened(app, 2, '#hidden=128-128');
      await app.page
        .getByTestId('notices')
        .getByText(/hidden layers "128-128" is not valid .*; using 32-16\./)
        .waitFor({ timeout: 30_000 });
      const s = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      expect([s.step, s.spec.sizes.join('-')]).toEqual([2, '784-32-16-10']);
      expect(await app.page.getByTestId('notices').innerText()).not.toMatch(/replaced your saved one/);
      expect(app.errors).toEqual([]);
    });
  });

  it('are saved with it: a reload without the link keeps them (the save held the old ones)', async () => {
    await withApp('', async (app) => {
      const { url, reopenedAt } = await savedThenOpened(app, 2, '#lr=0.5&momentum=0.5');
      await app.page.waitForFunction(
        () => window.__lab!.store.getState().snapshot?.settings.learningRate === 0.5,
        null,
        {
          timeout: 30_000,
        },
      );
      // its save (waited for: a fixed 1.5 s stood in for it), then the same page without the link
      await app.page.waitForFunction(
        (t) => {
          const saved = window.__lab!.store.getState().saved;
          return saved !== null && saved.at > t;
        },
        reopenedAt,
        { timeout: 30_000 },
      );
      url.hash = '';
      await app.page.goto('about:blank');
      await app.page.goto(url.href);
      await waitReady(app.page);
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot?.step === 2, null, {
        timeout: 30_000,
      });
      const s = await app.page.evaluate(() => window.__lab!.store.getState().settings);
      expect([s.learningRate, s.momentum]).toEqual([0.5, 0.5]);
    });
  });
});

/** Until the lesson card says it put back the network from before the experiment (says where the app stood if not). */
function waitPutBack(app: OpenedApp): Promise<void> {
  return waitApp(
    app,
    () =>
      (document.querySelector('[data-testid=lesson-note]')?.textContent ?? '').includes(
        'The lesson put back the network from before your experiment',
      ),
    'told the network was put back',
    30_000,
  );
}

describe('a link straight to the learning-rate experiment', () => {
  it('puts back the network from before it on Next, as the card promises (it went on with the wrecked one)', async () => {
    await withApp('#lesson=9', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The learning rate').waitFor({ timeout: 30_000 });
      await waitIdle(app);
      const before = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.params[0]);
      await app.page.getByTestId('lesson-action').click();
      // (each wait says where the app stood if it times out: this test failed once in CI, its first
      // attempt's error not kept)
      await waitApp(app, () => window.__lab!.store.getState().settings.learningRate === 20, 'at α = 20', 30_000);
      await pressButton(app.page, 'lesson-play');
      await waitApp(app, () => window.__lab!.store.getState().snapshot!.step > 20, 'past update 20', 30_000);
      await pressButton(app.page, 'lesson-play');
      await waitApp(app, () => window.__lab!.store.getState().snapshot!.playing === false, 'paused', 30_000);
      await app.page.getByTestId('lesson-next').click();
      await waitPutBack(app);
      const after = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        return {
          step: s.snapshot!.step,
          first: s.snapshot!.params[0],
          lr: s.settings.learningRate,
          schedule: s.settings.schedule,
        };
      });
      expect(after).toEqual({ step: 0, first: before, lr: 2, schedule: 'exponential' });
    });
  });
});

describe('a reload in the middle of the learning-rate experiment', () => {
  it('still puts back the network from before it on Next (the reload kept the wrecked one as “before”)', async () => {
    await withApp('#lesson=9', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The learning rate').waitFor({ timeout: 30_000 });
      await waitIdle(app);
      const before = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.params[0]);
      await app.page.getByTestId('lesson-action').click();
      await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 20, null, {
        timeout: 30_000,
      });
      await pressButton(app.page, 'lesson-play');
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step > 20, null, {
        timeout: 30_000,
      });
      await pressButton(app.page, 'lesson-play');
      // the paused network saved (and with it, the state the experiment puts back)
      await app.page.waitForFunction(
        () => {
          const s = window.__lab!.store.getState();
          return s.snapshot !== null && !s.snapshot.playing && s.saved?.step === s.snapshot.step;
        },
        null,
        { timeout: 30_000 },
      );
      await app.page.reload();
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The learning rate').waitFor({ timeout: 30_000 });
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step > 20, null, {
        timeout: 30_000,
      });
      await waitIdle(app);
      await app.page.getByTestId('lesson-next').click();
      await app.page
        .getByTestId('lesson-note')
        .getByText('The lesson put back the network from before your experiment')
        .waitFor({ timeout: 30_000 });
      const after = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        return { step: s.snapshot!.step, first: s.snapshot!.params[0] };
      });
      expect(after).toEqual({ step: 0, first: before });
      expect(app.errors).toEqual([]);
    });
  });
});

describe('a crash during the lesson’s experiment', () => {
  it('still puts back the network from before the experiment on Next (the crashed worker took it along)', async () => {
    await withApp('#lesson=8', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-next').click();
      await app.page.getByTestId('lesson-action').waitFor({ timeout: 30_000 });
      // the step's own calls answered (on a slow machine `before` was read ahead of them)
      await waitIdle(app);
      const before = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState().snapshot!;
        return { step: s.step, first: s.params[0] };
      });
      await app.page.getByTestId('lesson-action').click();
      // (each wait says where the app stood if it times out: this test was retried once in CI, its
      // first attempt's error not kept)
      await waitApp(app, () => window.__lab!.store.getState().settings.learningRate === 20, 'at α = 20', 30_000);
      await pressButton(app.page, 'lesson-play');
      await waitApp(
        app,
        (n) => window.__lab!.store.getState().snapshot!.step > n + 20,
        '20 updates on',
        30_000,
        before.step,
      );
      await pressButton(app.page, 'lesson-play');
      await waitApp(app, () => !window.__lab!.store.getState().snapshot!.playing, 'paused', 30_000);
      await app.page.evaluate(() => window.__lab!.trainer.crashForTest());
      await waitApp(
        app,
        () =>
          /restarted from the last auto-save/.test(document.querySelector('[data-testid=notices]')?.textContent ?? ''),
        'told the worker restarted',
        60_000,
      );
      await waitReady(app.page);
      await waitApp(app, () => window.__lab!.store.getState().data.kind === 'ready', 'data ready again', 60_000);
      await app.page.getByTestId('lesson-next').click();
      await waitPutBack(app);
      const after = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        return { step: s.snapshot!.step, first: s.snapshot!.params[0], lr: s.settings.learningRate };
      });
      expect(after).toEqual({ ...before, lr: 2 });
    });
  });
});

describe('the lesson’s last step, how bias and activations work', () => {
  it('opens on a first-layer neuron on the steep part of its curve, the nearest z = 0 for the digit shown (one at z = −9 sat off the plot)', async () => {
    await withApp('#lesson=14', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-next').click();
      await app.page.getByTestId('activation-panel').waitFor({ timeout: 30_000 });
      await app.page.waitForFunction(() => window.__lab!.store.getState().selectedNeuron?.layer === 1, null, {
        timeout: 30_000,
      });
      const index = await app.page.evaluate(() => window.__lab!.store.getState().selectedNeuron!.index);
      // the engine's z for every first-layer neuron on the digit the page shows
      const shown = await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        const ex = s.lastExample?.example ?? s.snapshot!.nextExample;
        return { params: Array.from(s.snapshot!.params), pixels: Array.from(ex.pixels), spec: s.snapshot!.spec };
      });
      const { z } = forwardTrace(
        { spec: shown.spec, params: Float32Array.from(shown.params) },
        Float32Array.from(shown.pixels, (p) => p / 255),
      );
      const nearest = Array.from(z[1]).reduce((best, v, j, all) => (Math.abs(v) < Math.abs(all[best]) ? j : best), 0);
      expect(index).toBe(nearest);
      await expect.poll(() => app.page.getByTestId('activation-offscale').count(), { timeout: 10_000 }).toBe(0);
      expect(await app.page.locator('.bias-what-if label').innerText()).toMatch(
        /^what if the bias changed by Δb = 0\?/,
      );
    });
  });
});

describe('a reload in the lesson', () => {
  it('on the α₀ = 20 step, the address the app wrote (lr=20) is not reported as a link’s setting the lesson does not use', async () => {
    await withApp('#lesson=8', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-next').click();
      await app.page.getByTestId('lesson-action').waitFor({ timeout: 30_000 });
      await app.page.getByTestId('lesson-action').click();
      await app.page.waitForFunction(() => location.hash.includes('lr=20'), null, { timeout: 30_000 });
      await pressButton(app.page, 'lesson-play');
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step > 10, null, {
        timeout: 30_000,
      });
      await pressButton(app.page, 'lesson-play');
      await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, {
        timeout: 30_000,
      });
      const step = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
      await app.page.waitForFunction((n) => window.__lab!.store.getState().saved?.step === n, step, {
        timeout: 30_000,
      });
      expect(new URL(app.page.url()).hash).toMatch(/lr=20/);
      await app.page.reload();
      await waitReady(app.page);
      await app.page
        .getByTestId('notices')
        .getByText(/^Welcome back: resumed your session/)
        .waitFor({ timeout: 30_000 });
      // the step opened again: its own α₀ = 2, set after any notice about the link
      await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 2, null, {
        timeout: 30_000,
      });
      expect(await app.page.getByTestId('notices').innerText()).not.toMatch(/The link set/);
    });
  });

  it('asks before Next rebuilds a network the student changed and trained within the lesson (it was replaced without a word)', async () => {
    await withApp('#lesson=1', async (app) => {
      await trainReluInLesson(app, 1);
      await app.page.getByTestId('lesson-next').click();
      await app.page.getByTestId('lesson-ask').waitFor({ timeout: 60_000 });
      const s = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      expect([s.step, s.spec.activation]).toEqual([1, 'relu']);
      // asked as a step of the lesson already open, not as the lesson's start
      expect(await app.page.getByTestId('lesson-ask-start').textContent()).toBe('Use the lecture’s network');
      expect(await app.page.getByTestId('lesson-ask-stay').textContent()).toBe('Keep mine: free play');
      // yes: the lecture's network, fresh, on the next step
      await app.page.getByTestId('lesson-ask-start').click();
      await app.page.waitForFunction(
        () => window.__lab!.store.getState().snapshot!.spec.activation === 'sigmoid',
        null,
        {
          timeout: 30_000,
        },
      );
      expect(app.errors).toEqual([]);
    });
  });

  it('asks before the step rebuilds a trained network the student changed (it was replaced, "resumed")', async () => {
    await withApp('#lesson=1', async (app) => {
      await trainReluInLesson(app, 3);
      await app.page.getByTestId('saved-status').getByText('saved at update 3').waitFor({ timeout: 30_000 });
      await app.page.reload();
      await waitReady(app.page);
      await app.page.getByTestId('lesson-ask').waitFor({ timeout: 30_000 });
      expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step)).toBe(3);
      // a reload enters the lesson anew
      expect(await app.page.getByTestId('lesson-ask-start').textContent()).toBe('Start the lesson');
      // staying keeps the network
      await app.page.getByTestId('lesson-ask-stay').click();
      await app.page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
      const s = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      expect([s.step, s.spec.activation]).toEqual([3, 'relu']);
      // a lesson step typed into the address asks the same (the card opened on the relu network)
      await app.page.evaluate(() => (location.hash = '#activation=relu&lesson=3'));
      await app.page.getByTestId('lesson-ask').waitFor({ timeout: 30_000 });
      expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step)).toBe(3);
      expect(app.errors).toEqual([]);
    });
  });
  it('a lesson link that would rebuild a saved trained network asks first, naming its updates (it was replaced, then "trained for 0 updates")', async () => {
    await withApp('', async (app) => {
      await savedThenOpened(app, 3, '#hidden=32&lesson=3');
      const ask = app.page.getByTestId('lesson-ask');
      await ask.waitFor({ timeout: 30_000 });
      expect(await ask.innerText()).toMatch(/Your network, trained for 3 updates, would be replaced/);
      const s = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      expect([s.step, s.spec.sizes.join('-')]).toEqual([3, '784-16-16-10']);
      expect(await app.page.getByTestId('notices').innerText()).not.toMatch(/replaced your saved one/);
      // and the link's hidden=32, which neither the lesson nor the saved network takes, is named (it went unsaid)
      await app.page
        .getByTestId('notices')
        .getByText(/The link set hidden layers to 32; .* staying in free play keeps your saved network as it is/)
        .waitFor({ timeout: 10_000 });
      // the same typed into the address of the open page: asked, not rebuilt first
      await app.page.getByTestId('lesson-ask-stay').click();
      await app.page.getByTestId('lesson-panel').waitFor({ state: 'detached' });
      await app.page.evaluate(() => (location.hash = '#hidden=32&lesson=3'));
      await ask.waitFor({ timeout: 30_000 });
      expect(await ask.innerText()).toMatch(/Your network, trained for 3 updates, would be replaced/);
      const t = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!);
      expect([t.step, t.spec.sizes.join('-')]).toEqual([3, '784-16-16-10']);
      expect(await app.page.getByTestId('notices').innerText()).not.toMatch(/a new network replaced yours/);
      expect(app.errors).toEqual([]);
    });
  });
});

describe('a 1280 x 720 projector', () => {
  const TOP_ROW = ['.controls-panel', '.network-panel', '.inspector'];

  it('a card step gives the network most of the row: the digit strip and the long legend give way (it had 265 px)', async () => {
    await withApp('#lesson=2', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText(LESSON[1].title).waitFor({ timeout: 30_000 });
      const view = app.page.getByTestId('network-view');
      await expect.poll(async () => (await view.boundingBox())?.height ?? 0, { timeout: 30_000 }).toBeGreaterThan(350);
      const box = (await view.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      expect(await app.page.getByTestId('sample-strip').isVisible()).toBe(false);
    });
  });

  it.each([
    [1280, 720],
    [1024, 768],
  ])(
    'the lesson card’s settings line is whole beside every step’s title at %ix%i (“(this app’s choice)” was lost past its end at 1280, “ours: batch 16, α₀ = 2” at 1024)',
    async (width, height) => {
      await withApp('#lesson=1', { width, height }, async (app) => {
        await waitReady(app.page);
        const settings = app.page.getByTestId('lesson-settings');
        await settings.waitFor({ timeout: 30_000 });
        expect((await settings.innerText()).replace(/\s+/g, ' ')).toBe('lecture: σ, (a−y)²; ours: batch 16, α₀ = 2');
        const cut: string[] = [];
        const lines = new Set<number>();
        for (let n = 1; n <= LESSON.length; n++) {
          // an edited address opens the step as its buttons do
          await app.page.evaluate((k) => (location.hash = `#lesson=${k}`), n);
          await app.page
            .getByTestId('lesson-title')
            .getByText(LESSON[n - 1].title)
            .waitFor({ timeout: 30_000 });
          const [wide, tall, lineCount] = await settings.evaluate((e) => [
            e.scrollWidth - e.clientWidth,
            e.scrollHeight - e.clientHeight,
            Math.round(e.clientHeight / parseFloat(getComputedStyle(e).lineHeight)),
          ]);
          if (wide > 0 || tall > 0) cut.push(`step ${n}: ${wide} px wide, ${tall} px tall`);
          lines.add(lineCount);
        }
        expect(cut).toEqual([]);
        // at 1280 it stays one line beside every title (the sticky card does not grow)
        if (width === 1280) expect([...lines]).toEqual([1]);
      });
    },
  );

  it('the card’s Play and “Set α₀ to 20” leave the page where the step put it (a click scrolled the chart off the screen)', async () => {
    // (the step's scroll to the chart at once: a smooth one's end, under CI's load, could come after
    // the page had seemed still for 400 ms)
    await withApp('#lesson=9', { width: 1280, height: 720, reducedMotion: true }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The learning rate').waitFor({ timeout: 30_000 });
      await waitIdle(app);
      // the step's own scroll to the chart has ended
      let y = -1;
      await expect
        .poll(async () => {
          const was = y;
          await app.page.waitForTimeout(400);
          y = await app.page.evaluate(() => scrollY);
          return y === was;
        })
        .toBe(true);
      expect(y).toBeGreaterThan(100);
      for (const id of ['lesson-action', 'lesson-play']) {
        await app.page.getByTestId(id).click();
        await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        expect(await app.page.evaluate(() => scrollY), id).toBe(y);
      }
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.playing, null, {
        timeout: 30_000,
      });
      expect(await app.page.evaluate(() => scrollY)).toBe(y);
      await pressButton(app.page, 'lesson-play');
    });
  });

  it('the controls’ “untrained” accuracy at update 0 is whole inside the panel (it read “untraine”)', async () => {
    await withApp('#lesson=1', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      const accuracy = app.page.getByTestId('accuracy');
      await accuracy.getByText('untrained').waitFor({ timeout: 30_000 });
      const fit = await app.page.evaluate(() => {
        const panel = document.querySelector<HTMLElement>('.controls-panel')!;
        const word = [...document.querySelectorAll('[data-testid=accuracy] small')].at(-1)!;
        return {
          over: panel.scrollWidth - panel.clientWidth,
          right: word.getBoundingClientRect().right,
          edge: panel.getBoundingClientRect().right,
        };
      });
      expect(fit.over, JSON.stringify(fit)).toBeLessThanOrEqual(0);
      expect(fit.right, JSON.stringify(fit)).toBeLessThanOrEqual(fit.edge);
    });
  });

  it('the chain rule’s equation breaks between its factors, never inside a fraction (“∂a⁽²⁾₅/” | “∂z⁽²⁾₅”)', async () => {
    await withApp('#lesson=12', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      const line = app.page.locator('.eq-line');
      await line.waitFor({ timeout: 30_000 });
      const rects = await line.evaluate((e) => [...e.querySelectorAll('.term')].map((t) => t.getClientRects().length));
      // ∂C/∂w =, then three factors (or two, folded)
      expect(rects.length).toBeGreaterThanOrEqual(3);
      expect(rects.every((n) => n === 1)).toBe(true);
    });
  });

  it('the lesson card’s two columns balance (step 6’s long paragraph, kept whole, left the first half empty)', async () => {
    await withApp('#lesson=6', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('Cost functions').waitFor({ timeout: 30_000 });
      const { body, text, line } = await app.page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('[data-testid=lesson-panel] .lesson-body')!;
        let total = 0;
        for (const p of el.querySelectorAll('p')) for (const r of p.getClientRects()) total += r.height;
        return {
          body: el.getBoundingClientRect().height,
          text: total,
          line: parseFloat(getComputedStyle(el).fontSize) * 1.45,
        };
      });
      // two columns of text as even as whole lines and the paragraphs' margins allow
      expect(body, JSON.stringify({ body, text, line })).toBeLessThanOrEqual(text / 2 + 1.5 * line);
      // and the second column starts a sentence, the first ends one (steps 5, 8 and 13 began their
      // second column mid-sentence: "us how well the network reads digits it has not seen.")
      const columnEnds = () =>
        app.page
          .locator('.lesson-column')
          .evaluateAll((cols) =>
            cols.map((c) => [c.querySelector('p')!.textContent!, c.querySelector('p:last-of-type')!.textContent!]),
          );
      for (const step of ['Cost functions', 'Data and batches']) {
        if (step !== 'Cost functions') {
          await app.page.getByTestId('lesson-prev').click();
          await app.page.getByTestId('lesson-title').getByText(step).waitFor({ timeout: 30_000 });
        }
        const cols = await columnEnds();
        expect(cols, step).toHaveLength(2);
        expect(cols[0][1], step).toMatch(/[.!?][”’)]?$/);
        expect(cols[1][0], step).toMatch(/^(Try it:|[A-Z0-9“‘(])/);
      }
    });
  });

  it('the table’s Step batch leaves the page where it is (it scrolled 13-28 px, the table moving under the eyes)', async () => {
    // step 10 scrolls to the weight table with the top row's foot still on screen, where the browser's
    // scroll anchoring took its anchor from the controls, whose boxes change at every Step batch
    await withApp('#lesson=10', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      await waitIdle(app);
      // the step opened again without smooth scrolling, whose end under a loaded CI machine could
      // come after the page had seemed still (the test passed only on its retry once)
      await app.page.emulateMedia({ reducedMotion: 'reduce' });
      for (const n of [9, 10]) {
        await app.page.evaluate((k) => (location.hash = `#lesson=${k}`), n);
        await app.page.getByTestId('lesson-count').getByText(`step ${n} of`).waitFor({ timeout: 30_000 });
      }
      await waitIdle(app);
      // past the second in which the step scrolls again as its card settles
      await app.page.waitForTimeout(1500);
      // every scroll from here on, for a failure's message
      await app.page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __scrolls: string[] }).__scrolls = seen;
        const t0 = performance.now();
        addEventListener('scroll', () => seen.push(`${Math.round(performance.now() - t0)} ms: ${scrollY}`));
      });
      // the page still for half a second
      let scrolled = -1;
      await expect
        .poll(
          async () => {
            const a = await app.page.evaluate(() => scrollY);
            await app.page.waitForTimeout(500);
            scrolled = await app.page.evaluate(() => scrollY);
            return a === scrolled;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      expect(scrolled).toBeGreaterThan(0);
      const before = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
      for (let k = 1; k <= 2; k++) {
        await app.page.getByTestId('bottom-panel').getByRole('button', { name: 'Step batch' }).click();
        await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.step === n, before + k, {
          timeout: 30_000,
        });
        await app.page.waitForTimeout(500);
        const scrolls = await app.page.evaluate(() => (window as unknown as { __scrolls: string[] }).__scrolls);
        expect(await app.page.evaluate(() => scrollY), `Step batch ${k}; scrolls ${scrolls.join(', ')}`).toBe(scrolled);
      }
      expect(app.errors).toEqual([]);
    });
  });

  it('the keyboard focus is never hidden under the sticky lesson card', async () => {
    await withApp('#lesson=3', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      // the step scrolled down to the table; walking back up the inspector's buttons (the
      // summed wishes) scrolled them inside their panel but left them under the card.
      // First the step's own scroll to the table ends (it scrolls again while the card settles, up
      // to a second after the step opens, which moved the page under a focus placed meanwhile)
      await waitIdle(app);
      await app.page.waitForTimeout(2500);
      await app.page.getByTestId('tab-batch').focus();
      const hidden: string[] = [];
      for (let i = 0; i < 25; i++) {
        await app.page.keyboard.press('Shift+Tab');
        // (the page may still be settling from the step's own scroll: each focus gets 3 s to show)
        const r = await app.page
          .waitForFunction(
            () => {
              const a = document.activeElement as HTMLElement;
              const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
              return a.closest('[data-testid=lesson-panel]') || a.getBoundingClientRect().top >= card.bottom - 1;
            },
            null,
            { timeout: 3000 },
          )
          .then(
            () => '',
            () =>
              app.page.evaluate(() => {
                const a = document.activeElement as HTMLElement;
                const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
                return `${a.getAttribute('aria-label') ?? a.textContent}: top ${a.getBoundingClientRect().top}, card to ${card.bottom}`;
              }),
          );
        if (r) hidden.push(r);
      }
      expect(hidden).toEqual([]);
      expect(app.errors).toEqual([]);
    });
  });

  it('every lesson step shows what it talks about whole: the top row, or the panel it scrolls to', async () => {
    const app = await openApp('#lesson=1', { width: 1280, height: 720 });
    /** Where the card's Next is on screen at each step. */
    const nextTops: number[] = [];
    try {
      await waitReady(app.page);
      for (let i = 0; i < LESSON.length; i++) {
        if (i > 0) await app.page.getByTestId('lesson-next').click();
        await app.page
          .getByTestId('lesson-count')
          .getByText(`step ${i + 1} of`)
          .waitFor({ timeout: 30_000 });
        await waitIdle(app, 60_000);
        // below the sticky card and above the screen's bottom edge (the bottom panel stopped 49 px
        // short of it when the card's height changed after the scroll; the longest step's card
        // pushed the top row 21 px past it)
        const parts = LESSON[i].showBottom ? ['[data-testid=bottom-panel]'] : TOP_ROW;
        const outside = () =>
          app.page.evaluate((selectors) => {
            const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
            return selectors.flatMap((sel) => {
              const r = document.querySelector(sel)!.getBoundingClientRect();
              return r.top >= card.bottom - 1 && r.bottom <= innerHeight + 1
                ? []
                : [`${sel} ${Math.round(r.top)}..${Math.round(r.bottom)}`];
            });
          }, parts);
        await expect.poll(outside, { timeout: 10_000, message: LESSON[i].title }).toEqual([]);
        nextTops.push(
          Math.round(await app.page.getByTestId('lesson-next').evaluate((el) => el.getBoundingClientRect().top)),
        );
        if (LESSON[i].title === 'GD vs SGD') {
          // the race's three cards, side by side in their box (the third wrapped out of sight)
          await app.page.getByTestId('surface-compute').click();
          await expect.poll(() => app.page.locator('.surface-race-card').count(), { timeout: 60_000 }).toBe(3);
          const hidden = await app.page.evaluate(() => {
            const box = document.querySelector('[data-testid=surface-race]')!.getBoundingClientRect();
            return Array.from(document.querySelectorAll('.surface-race-card'), (c) => c.getBoundingClientRect())
              .filter((r) => r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.right > box.right + 1)
              .map(
                (r) =>
                  `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.bottom)} in ${Math.round(box.top)}..${Math.round(box.bottom)}`,
              );
          });
          expect(hidden).toEqual([]);
        }
      }
      // once the card sticks at the top (a step about the bottom panel), its Next stays there: a
      // step about the top row scrolled back to 0 and brought Next ~96 px lower, and a quick second
      // click on Next pressed the header's New session, now under the pointer
      const stuckFrom = nextTops.findIndex((t) => t < 40);
      expect(stuckFrom, nextTops.join(', ')).toBeGreaterThanOrEqual(0);
      expect(
        nextTops.slice(stuckFrom).filter((t) => t >= 40),
        nextTops.join(', '),
      ).toEqual([]);
      expect(app.errors).toEqual([]);
    } finally {
      await app.context.close();
    }
  });

  it('Lesson pressed as soon as the app is ready opens step 1 with the top row below the card (the draw pad’s hold scrolled it under)', async () => {
    await withApp('', { width: 1280, height: 800 }, async (app) => {
      await waitReady(app.page);
      // within the draw pad's hold (1.5 s after the network arrives), which kept the pad where it
      // was when the card appeared above it: the page went 98 px down and the card covered the
      // inspector's tabs and the network's caption
      await app.page.getByTestId('mode-lesson').click();
      await app.page.getByTestId('lesson-count').getByText('step 1 of').waitFor({ timeout: 30_000 });
      await waitIdle(app, 60_000);
      const covered = () =>
        app.page.evaluate((selectors) => {
          const card = document.querySelector('[data-testid=lesson-panel]')!.getBoundingClientRect();
          return selectors.flatMap((sel) => {
            const r = document.querySelector(sel)!.getBoundingClientRect();
            return r.top >= card.bottom - 1
              ? []
              : [`${sel} top ${Math.round(r.top)} under the card to ${Math.round(card.bottom)}`];
          });
        }, TOP_ROW);
      await expect.poll(covered, { timeout: 10_000 }).toEqual([]);
      // and it stays so once the hold would have ended
      await app.page.waitForTimeout(2_000);
      expect(await covered()).toEqual([]);
      expect(app.errors).toEqual([]);
    });
  });

  it('the controls’ numbers stay inside their panel beside a long one (a tiny example cost cut the other column)', async () => {
    await withApp('', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('step-example').click();
      await app.page.getByTestId('example-cost').waitFor({ timeout: 30_000 });
      // as a trained network's example reads: "this example: 5.224×10⁻⁵"
      await app.page.evaluate(() => {
        const s = window.__lab!.store.getState();
        window.__lab!.store.setState({ lastExample: { ...s.lastExample!, cost: 5.224e-5 } });
      });
      await expect.poll(() => app.page.getByTestId('example-cost').innerText(), { timeout: 10_000 }).toMatch(/10/);
      const over = await app.page.evaluate(() => {
        const panel = document.querySelector('.readouts')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.readouts dt, .readouts dd'))
          .filter((e) => e.getBoundingClientRect().right > panel.right + 0.5 || e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent);
      });
      expect(over).toEqual([]);
      expect(app.errors).toEqual([]);
    });
  });

  it('the settings stay on one line with the step schedule’s two fields (the batch size wrapped onto a second)', async () => {
    await withApp('#schedule=step&decay=0.5&decayEvery=2', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('decay-every').waitFor();
      const tops = await app.page.evaluate(() =>
        Array.from(document.querySelectorAll('.settings-bar .field')).map((f) => f.getBoundingClientRect().top),
      );
      expect(tops.length).toBe(9);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(4);
      expect(app.errors).toEqual([]);
    });
  });

  it('in free play, a notice takes its room from the top row: the network and the panels stay whole on screen', async () => {
    await withApp('', { width: 1280, height: 720 }, async (app) => {
      await waitReady(app.page);
      const lowest = () =>
        app.page.evaluate(
          (selectors) =>
            Math.max(...selectors.map((sel) => document.querySelector(sel)!.getBoundingClientRect().bottom)),
          TOP_ROW,
        );
      await expect.poll(lowest, { timeout: 10_000 }).toBeLessThanOrEqual(720);
      const before = await app.page.evaluate(() => document.querySelector('.network-panel')!.clientHeight);
      await app.page.evaluate(() =>
        window.__lab!.store.setState({
          notices: [
            { id: 1e6, tone: 'warning', text: 'A notice two lines tall on a narrow screen, or one line here.' },
          ],
        }),
      );
      await app.page.locator('.notice').waitFor();
      // (it pushed the row 40 px past the screen's bottom edge)
      await expect.poll(lowest, { timeout: 10_000 }).toBeLessThanOrEqual(720);
      expect(await app.page.evaluate(() => document.querySelector('.network-panel')!.clientHeight)).toBeLessThan(
        before,
      );
      expect(app.errors).toEqual([]);
    });
  });
});

describe('a phone: 390 x 844, touch only', () => {
  it('the digit strip: its caption whole, ‹ › big enough for a finger, a tapped digit stepped next', async () => {
    await withApp('', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const range = app.page.getByTestId('strip-range');
      await expect.poll(() => range.innerText(), { timeout: 30_000 }).toMatch(/tap one to step it next/);
      // (cut to "click one…" before)
      expect(await range.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      for (const id of ['strip-earlier', 'strip-later']) {
        const box = (await app.page.getByTestId(id).boundingBox())!;
        // (26 x 36 px before)
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(40);
      }
      await app.page.getByTestId('strip-later').tap();
      await expect.poll(() => range.innerText(), { timeout: 30_000 }).not.toMatch(/#0–/);
      const digit = app.page.getByTestId('strip-digit').first();
      await digit.scrollIntoViewIfNeeded();
      await digit.tap();
      await expect.poll(() => digit.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
      expect(app.errors).toEqual([]);
    });
  });

  it('on a phone the settings fold behind one line that names them, and unfold with a tap', async () => {
    await withApp('', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const toggle = app.page.getByTestId('settings-toggle');
      expect(await toggle.innerText()).toMatch(/Settings\s+16-16 relu · cross-entropy · α₀ 0\.02 · batch 32/);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await app.page.getByTestId('hidden-layers').isVisible()).toBe(false);
      // the network starts higher on the first screen (the eight fields put its top ~520 px down, and
      // its last outputs below the fold)
      expect((await app.page.getByTestId('network-view').boundingBox())!.y).toBeLessThan(420);
      expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await toggle.tap();
      await app.page.getByTestId('hidden-layers').waitFor({ timeout: 10_000 });
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      // a setting changed there is named on the folded line
      await app.page.getByTestId('batch-size').fill('64');
      await app.page.getByTestId('batch-size').press('Enter');
      await expect.poll(() => toggle.innerText(), { timeout: 30_000 }).toMatch(/batch 64/);
      await toggle.tap();
      await app.page.getByTestId('hidden-layers').waitFor({ state: 'hidden', timeout: 10_000 });
      expect(app.errors).toEqual([]);
    });
  });

  it('on a phone Presets, the session’s buttons and ? share one row under the title, their names whole', async () => {
    await withApp('', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const ids = ['preset', 'export-model', 'import-model', 'new-session', 'help'];
      const boxes = await Promise.all(ids.map(async (id) => (await app.page.getByTestId(id).boundingBox())!));
      // (a row each, the header took 240 of the 844 px; a student's review)
      for (const b of boxes) expect(Math.abs(b.y + b.height / 2 - (boxes[0].y + boxes[0].height / 2))).toBeLessThan(2);
      for (let k = 1; k < boxes.length; k++)
        expect(boxes[k].x).toBeGreaterThanOrEqual(boxes[k - 1].x + boxes[k - 1].width);
      expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBeLessThanOrEqual(390);
      const saveBox = boxes[1];
      const status = (await app.page.getByTestId('saved-status').boundingBox())!;
      expect(status.y).toBeGreaterThanOrEqual(saveBox.y + saveBox.height - 1);
      // the short words are what shows; the names stay whole
      expect(await app.page.getByTestId('export-model').innerText()).toBe('Save');
      await app.page.getByRole('button', { name: 'Save model' }).waitFor({ timeout: 10_000 });
      await app.page.getByRole('button', { name: 'New session' }).waitFor({ timeout: 10_000 });
      expect((await app.page.locator('.app-header').boundingBox())!.height).toBeLessThan(200);
      expect(app.errors).toEqual([]);
    });
  });

  it('on a projector at 150% zoom (853x480) the settings fold as on a phone; at 853x900 they do not', async () => {
    await withApp('', { width: 853, height: 480, deviceScaleFactor: 1.5 }, async (app) => {
      await waitReady(app.page);
      const toggle = app.page.getByTestId('settings-toggle');
      // two rows of fields took 90 of the 480 px on every screen
      expect(await toggle.isVisible()).toBe(true);
      expect(await app.page.getByTestId('hidden-layers').isVisible()).toBe(false);
      await toggle.click();
      await app.page.getByTestId('hidden-layers').waitFor({ timeout: 10_000 });
      await app.page.setViewportSize({ width: 853, height: 900 });
      await toggle.waitFor({ state: 'hidden', timeout: 10_000 });
      expect(await app.page.getByTestId('hidden-layers').isVisible()).toBe(true);
      expect(app.errors).toEqual([]);
    });
  });

  it('on a phone: buttons a fingertip can hit, and the lesson’s Next in the same place on every step', async () => {
    await withApp('#lesson=2', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const title = app.page.getByTestId('lesson-title');
      await title.getByText('Updating a neuron').waitFor({ timeout: 30_000 });
      // every button of the controls and the card's navigation is 44 px tall at least (36 before)
      const heights = await app.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.controls button:not(.link), .lesson-nav button')].map(
          (b) => `${b.dataset.testid ?? b.textContent}: ${Math.round(b.getBoundingClientRect().height)}`,
        ),
      );
      expect(heights.length).toBeGreaterThan(5);
      expect(heights.filter((h) => Number(h.split(': ')[1]) < 44)).toEqual([]);
      const nextFromCardTop = () =>
        app.page.evaluate(
          () =>
            document.querySelector('[data-testid="lesson-next"]')!.getBoundingClientRect().top -
            document.querySelector('[data-testid="lesson-panel"]')!.getBoundingClientRect().top,
        );
      const onStep2 = await nextFromCardTop();
      // step 3's title did not fit beside "step 3 of 15": Next moved down 26 px under the finger
      await app.page.getByTestId('lesson-next').tap();
      await title.getByText('The weight-matrix update').waitFor({ timeout: 30_000 });
      expect(await nextFromCardTop()).toBe(onStep2);
      expect(app.errors).toEqual([]);
    });
  });

  it('a summed-wishes bar tapped shows the picked neuron’s panel from its top, the page scrolled to it', async () => {
    await withApp('#lesson=4', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      // the step opened: its example stepped and its neuron picked (a tap before that raced them)
      await app.page.waitForFunction(
        () => {
          const s = window.__lab!.store.getState();
          return !s.busy && s.lastExample !== null && s.selectedNeuron?.layer === 3;
        },
        null,
        { timeout: 30_000 },
      );
      const bars = app.page.getByTestId('summed-wishes');
      await bars.waitFor({ timeout: 30_000 });
      await bars.scrollIntoViewIfNeeded();
      await bars.locator('button').nth(3).tap();
      await app.page.waitForFunction(() => window.__lab!.store.getState().selectedNeuron?.index === 3, null, {
        timeout: 30_000,
      });
      // (the panel's top, with the neuron's name and wish, was 180 px above the screen)
      await expect
        .poll(() => app.page.evaluate(() => document.querySelector('.inspector')!.getBoundingClientRect().top), {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(-1);
      expect(app.errors).toEqual([]);
    });
  });

  it('a lesson step about the table scrolls it to the top of the screen (the card is not sticky here)', async () => {
    await withApp('#lesson=3', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The weight-matrix update').waitFor({ timeout: 30_000 });
      // at the top, or whole on screen where the page ends below it (it stopped two thirds of the way
      // down, its table below the fold: the sticky card's height was kept as a scroll margin)
      await app.page.waitForFunction(
        () => {
          const r = document.querySelector('[data-testid=bottom-panel]')!.getBoundingClientRect();
          return r.top >= -12 && (r.top <= 12 || r.bottom <= innerHeight + 1);
        },
        null,
        { timeout: 30_000 },
      );
      expect(app.errors).toEqual([]);
    });
  });

  it('a step that scrolls to the charts keeps its buttons on a bar at the bottom while the card is away', async () => {
    // (scrolls at once: a smooth one still under way, under CI's load, moved the page after it was read)
    await withApp('#lesson=9', { width: 390, height: 844, hasTouch: true, reducedMotion: true }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').getByText('The learning rate').waitFor({ timeout: 30_000 });
      // the step scrolled to the charts, the card (and its Set α₀ and Play) ~3,000 px above
      const dock = app.page.getByTestId('lesson-dock');
      await dock.waitFor({ timeout: 30_000 });
      expect(
        await app.page.getByTestId('lesson-panel').evaluate((el) => el.getBoundingClientRect().bottom),
      ).toBeLessThan(0);
      const box = (await dock.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
      expect(box.x + box.width).toBeLessThanOrEqual(390 + 1);
      // on a 360 px phone too, Next whole on screen and nothing wider than the page
      await app.page.setViewportSize({ width: 360, height: 800 });
      await expect
        .poll(async () => {
          const next = (await app.page.getByTestId('lesson-dock-next').boundingBox())!;
          return next.x + next.width <= 360 && next.y + next.height <= 800;
        })
        .toBe(true);
      // once the panels have followed the new width (their drawings are resized a frame later)
      await expect.poll(() => app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await app.page.setViewportSize({ width: 390, height: 844 });
      await app.page.getByTestId('lesson-dock-action').tap();
      await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 20, null, {
        timeout: 30_000,
      });
      expect(await app.page.getByTestId('lesson-dock-action').getAttribute('aria-disabled')).toBe('true');
      await pressButton(app.page, 'lesson-dock-play', 'tap');
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
      await pressButton(app.page, 'lesson-dock-play', 'tap');
      await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, {
        timeout: 30_000,
      });
      // the step's words in place: the page stays where the step put it. First the page at rest:
      // the width changes above re-ran the step's reveal (the panel changed height within its
      // 10 s), and under CI's load its smooth scroll was still under way here (it ended at 4452,
      // every failure, after `at` was read)
      await expect
        .poll(
          () =>
            app.page.evaluate(async () => {
              const before = scrollY;
              await new Promise((r) => setTimeout(r, 300));
              return scrollY === before;
            }),
          { timeout: 15_000 },
        )
        .toBe(true);
      const at = await app.page.evaluate(() => scrollY);
      await app.page.getByTestId('lesson-dock-more').tap();
      const sheet = app.page.getByTestId('lesson-dock-sheet');
      await sheet.getByText('Step 9 of 15 · The learning rate').waitFor({ timeout: 30_000 });
      const sheetBox = (await sheet.boundingBox())!;
      expect(sheetBox.y).toBeGreaterThanOrEqual(0);
      expect(await app.page.evaluate(() => scrollY)).toBe(at);
      // and up to the card: on screen, the bar gone
      await app.page.getByTestId('lesson-dock-card').tap();
      await dock.waitFor({ state: 'detached', timeout: 30_000 });
      // (the scroll up may still be gliding when the bar goes: the card comes to rest at the top)
      await expect
        .poll(() => app.page.getByTestId('lesson-panel').evaluate((el) => el.getBoundingClientRect().top), {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(-1);
      expect(app.errors).toEqual([]);
    });
  });

  it('a divergence, with Play tapped far down the page: its message scrolls into sight, its text on whole lines', async () => {
    await withApp('#lr=100', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      const play = app.page.getByTestId('play');
      await play.scrollIntoViewIfNeeded();
      expect(await app.page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
      await play.tap();
      const fault = app.page.getByTestId('fault');
      await fault.waitFor({ timeout: 60_000 });
      // in sight (the student saw only the stopped Play, 1,500 px below it)
      await expect
        .poll(
          async () => {
            const box = (await fault.boundingBox())!;
            return box.y >= 0 && box.y < 844;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      // its text the banner's width, the buttons under it (beside it, the text was ~75 px wide)
      const text = (await fault.locator('p').first().boundingBox())!;
      expect(text.width).toBeGreaterThan(300);
      const button = (await app.page.getByTestId('lower-lr').boundingBox())!;
      expect(button.y).toBeGreaterThanOrEqual(text.y + text.height - 1);
      expect(app.errors).toEqual([]);
    });
  });

  it('fits the width with every panel, the trained charts included', async () => {
    await withApp('', { width: 390, height: 844, hasTouch: true }, async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('step-epoch').tap();
      await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.epochs.length > 0, null, {
        timeout: 90_000,
      });
      // nothing runs off the right edge (the tab labels and the confusion matrix's side text did)
      const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const tabs = await app.page.getByTestId('tab-surface').boundingBox();
      expect(tabs!.x + tabs!.width).toBeLessThanOrEqual(390);
      // the confusion matrix is drawn whole: its last row lies inside the bottom panel
      const matrix = (await app.page.getByTestId('confusion-matrix').boundingBox())!;
      const panel = (await app.page.getByTestId('bottom-panel').boundingBox())!;
      expect(matrix.width).toBeGreaterThan(250);
      expect(matrix.y + matrix.height).toBeLessThanOrEqual(panel.y + panel.height);
      // stacked in reading order: network, Play, the inspector's nudges, then the draw pad
      const top = (testId: string) =>
        app.page.evaluate((id) => document.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect().top, testId);
      const order = [
        await top('network-view'),
        await top('play'),
        await top('tab-nudges'),
        await top('draw-pad'),
        await top('bottom-panel'),
      ];
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // the inspector follows the controls closely (the draw pad sat between them, ~700 px)
      expect(order[2] - order[1]).toBeLessThan(700);
      // the network is tall enough for a finger: 16 neurons ~24 px apart (12 px at its 240 px before)
      expect((await app.page.getByTestId('network-view').boundingBox())!.height).toBeGreaterThanOrEqual(400);
      // a narrow window (two charts a row): the confusion matrix shrinks beside its digits' column
      // instead of pushing it off the right edge (it ran 12 px over at 820)
      for (const width of [820, 900, 1100]) {
        await app.page.setViewportSize({ width, height: 844 });
        await expect
          .poll(() => app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
          .toBeLessThanOrEqual(0);
        expect((await app.page.getByTestId('confusion-matrix').boundingBox())!.width).toBeGreaterThan(180);
      }
      expect(app.errors).toEqual([]);
    });
  });
});

describe('keyboard only and screen readers', () => {
  const app = useReadyApp();
  const focusedTestId = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  it('a pressed step button keeps the focus, so Space presses it again instead of playing', async () => {
    const status = app.page.getByTestId('training-status');
    // counted from where the page is (a retry runs on the same page, after the first attempt's steps)
    const stepped = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.batchStepped);
    await app.page.getByTestId('step-example').focus();
    await app.page.keyboard.press('Enter');
    await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.batchStepped === n + 1, stepped, {
      timeout: 30_000,
    });
    // a screen reader hears what happened
    await expect
      .poll(() => status.innerText(), { timeout: 30_000 })
      .toMatch(/^Stepped example #\d+, a \d: the network reads \d \([^)]+\); cost /);
    expect(await focusedTestId()).toBe('step-example');
    await waitIdle(app);
    await app.page.keyboard.press(' ');
    await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.batchStepped === n + 2, stepped, {
      timeout: 30_000,
    });
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.playing)).toBe(false);
    expect(await focusedTestId()).toBe('step-example');
    // Step batch: the update is said too
    await app.page.getByTestId('step-batch').focus();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^Update applied: batch cost/);
    expect(await focusedTestId()).toBe('step-batch');
  });

  it('the tabs are one Tab stop; ← and → choose the tab and take the focus', async () => {
    await app.page.getByTestId('tab-nudges').click();
    await app.page.getByTestId('tab-nudges').focus();
    expect(await app.page.getByTestId('tab-chain-rule').getAttribute('tabindex')).toBe('-1');
    await app.page.keyboard.press('ArrowRight');
    expect(await app.page.getByTestId('tab-chain-rule').getAttribute('aria-selected')).toBe('true');
    expect(await focusedTestId()).toBe('tab-chain-rule');
    await app.page.keyboard.press('End');
    expect(await focusedTestId()).toBe('tab-activation');
    await app.page.keyboard.press('ArrowRight');
    expect(await focusedTestId()).toBe('tab-nudges');
    // the arrows chose tabs, they did not step the network
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.batchStepped)).toBe(0);
  });

  it('the shortcuts dialog keeps the focus, gives it back, and can turn the single-key shortcuts off', async () => {
    await app.page.getByTestId('help').focus();
    await app.page.keyboard.press('Enter');
    const dialog = app.page.getByTestId('help-overlay');
    await dialog.waitFor();
    // opened at its top, on the dialog itself (on Close, its last control, a screen reader began at the end)
    await expect.poll(focusedTestId).toBe('help-overlay');
    await app.page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('shortcuts-on');
    for (let i = 0; i < 5; i++) {
      await app.page.keyboard.press('Tab');
      expect(await app.page.evaluate(() => !!document.activeElement?.closest('[data-testid=help-overlay]'))).toBe(true);
    }
    // off: E no longer steps an epoch
    await app.page.getByTestId('shortcuts-on').uncheck();
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedTestId()).toBe('help');
    const before = await stepCount(app);
    await app.page.getByTestId('tab-nudges').focus();
    await app.page.keyboard.press('e');
    await app.page.waitForTimeout(500);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().busy)).toBe(false);
    expect(await stepCount(app)).toBe(before);
    // remembered on this browser; and back on
    expect(await app.page.evaluate(() => localStorage.getItem('backprop-lab:shortcuts'))).toBe('off');
    await app.page.evaluate(() => window.__lab!.store.setState({ helpOpen: true }));
    await app.page.getByTestId('shortcuts-on').check();
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  /** Batch size 16 typed and entered on the trained network: "start over?" asks. */
  async function askBatch16() {
    expect(await stepCount(app)).toBeGreaterThan(0);
    const batch = app.page.getByTestId('batch-size');
    await batch.fill('16');
    await batch.press('Enter');
    const confirm = app.page.getByTestId('confirm-reset');
    await confirm.waitFor({ timeout: 30_000 });
    return { batch, confirm };
  }

  it('Enter in a field whose change rebuilds the network asks, and does not answer the question itself', async () => {
    const { batch, confirm } = await askBatch16();
    await app.page.waitForTimeout(300);
    expect(await confirm.count()).toBe(1);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.batchSize)).toBe(32);
    // the field shows the value asked about while the question waits, as the menus do (it went back
    // to 32 while the question named 16), marked as not yet applied; Keep training puts it back
    expect(await batch.inputValue()).toBe('16');
    expect(await batch.getAttribute('data-pending')).toBe('true');
    await app.page.getByTestId('confirm-reset-no').click();
    await expect.poll(() => batch.inputValue()).toBe('32');
    expect(await batch.getAttribute('data-pending')).toBeNull();
    await confirm.waitFor({ state: 'detached' });
  });

  it('a second change while “start over?” waits joins the question; one that needs no rebuild applies', async () => {
    const { batch, confirm } = await askBatch16();
    await app.page.getByTestId('activation').selectOption('tanh');
    // both asked about (the second replaced the first, whose field went back to 32 without a word)
    await expect.poll(() => confirm.innerText()).toMatch(/Changing batch size to 16, activation to tanh builds/);
    expect(await batch.inputValue()).toBe('16');
    expect(await batch.getAttribute('data-pending')).toBe('true');
    // α₀ needs no new network: applied at once, and the question stays (it went away, and relu came back)
    const rate = app.page.getByTestId('learning-rate');
    await rate.fill('0.03');
    await rate.press('Enter');
    await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 0.03);
    expect(await confirm.count()).toBe(1);
    expect(await app.page.getByTestId('activation').inputValue()).toBe('tanh');
    // the activation set back to the one in use is no longer asked about
    await app.page.getByTestId('activation').selectOption('relu');
    await expect.poll(() => confirm.innerText()).toMatch(/Changing batch size to 16 builds/);
    await app.page.getByTestId('confirm-reset-no').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await batch.inputValue()).toBe('32');
    await rate.fill('0.02');
    await rate.press('Enter');
    await app.page.waitForFunction(() => window.__lab!.store.getState().settings.learningRate === 0.02);
  });

  it('a setting that rebuilds the network asks, with the focus on the question; Esc keeps training', async () => {
    expect(await stepCount(app)).toBeGreaterThan(0);
    await app.page.getByTestId('activation').focus();
    await app.page.getByTestId('activation').selectOption('tanh');
    const confirm = app.page.getByTestId('confirm-reset');
    await confirm.waitFor({ timeout: 30_000 });
    expect(await confirm.innerText()).toMatch(/Changing activation to tanh builds a new network/);
    // the select shows the value asked about while the question is open
    expect(await app.page.getByTestId('activation').inputValue()).toBe('tanh');
    // on the safe answer
    await expect.poll(focusedTestId, { timeout: 10_000 }).toBe('confirm-reset-no');
    await app.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focusedTestId()).toBe('activation');
    expect(await app.page.evaluate(() => window.__lab!.store.getState().settings.activation)).toBe('relu');
    expect(await app.page.getByTestId('activation').inputValue()).toBe('relu');
  });

  it('the first Tab stop skips the header to the network, whose keys then work', async () => {
    // a fresh page: Tab starts from its top
    await app.page.reload();
    await waitReady(app.page);
    await app.page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('skip-to-network');
    const link = (await app.page.getByTestId('skip-to-network').boundingBox())!;
    expect(link.y).toBeGreaterThanOrEqual(0);
    await app.page.keyboard.press('Enter');
    expect(await focusedTestId()).toBe('network-canvas');
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => app.page.getByTestId('network-cursor').innerText()).toMatch(/^output neuron 0/);
    // the address (which holds the settings) is untouched
    expect(new URL(app.page.url()).hash).not.toContain('network');
  });

  it('two more skip links lead to the inspector and to the charts, past ~45 Tab stops', async () => {
    await app.page.reload();
    await waitReady(app.page);
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('skip-to-inspector');
    await app.page.keyboard.press('Enter');
    expect(await focusedTestId()).toMatch(/^tab-(nudges|chain-rule|activation)$/);
    await app.page.reload();
    await waitReady(app.page);
    for (let i = 0; i < 3; i++) await app.page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('skip-to-charts');
    await app.page.keyboard.press('Enter');
    expect(await focusedTestId()).toMatch(/^tab-(charts|batch|surface)$/);
    // and in sight
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement!.getBoundingClientRect().top), { timeout: 10_000 })
      .toBeLessThan(900);
  });
});

describe('a free-play link opened over a session saved in the lesson', () => {
  it('opens free play with the link’s settings, a bad value as its notice says, not the saved lesson step', async () => {
    await withApp('#lesson=4', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('lesson-title').waitFor({ timeout: 30_000 });
      await app.page.getByTestId('step-example').first().click();
      await app.page.getByTestId('saved-status').getByText('saved at update 0').waitFor({ timeout: 30_000 });
      await app.page.waitForFunction(() => window.__lab!.store.getState().lastExample !== null, null, {
        timeout: 30_000,
      });
      // the same browser opens a free-play link (a bad α among its settings)
      await app.page.evaluate(() => history.replaceState(null, '', '#activation=tanh&loss=binary-ce&lr=abc'));
      await app.page.reload();
      await waitReady(app.page);
      await app.page.waitForFunction(
        () => window.__lab!.store.getState().snapshot?.settings.activation === 'tanh',
        null,
        { timeout: 30_000 },
      );
      const s = await app.page.evaluate(() => {
        const st = window.__lab!.store.getState();
        return { lesson: st.lesson, settings: st.snapshot!.settings, hash: location.hash };
      });
      // it stayed at step 4 with the lecture's σ and (a − y)², and said "using 0.02" beside α = 2; a bad
      // value now changes nothing (as in an edited address), and the notice names the α in use
      expect(s.lesson).toBeNull();
      expect(s.settings.loss).toBe('binary-ce');
      expect(s.settings.learningRate).toBe(2);
      expect(s.hash).not.toMatch(/lesson=/);
      await app.page.getByText(/learning rate "abc" is not valid .*; using 2\./).waitFor({ timeout: 30_000 });
      expect(app.errors).toEqual([]);
    });
  });
});
