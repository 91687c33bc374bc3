import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleGradient, neuronNudges } from '../../src/engine';
import { openApp, waitReady, type OpenedApp, pressButton } from './app';
import { parseShown } from '../../src/views/controls/format';

describe('charts after one epoch of real training', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp();
    await waitReady(app.page);
    const tab = app.page.getByTestId('tab-charts');
    if ((await tab.count()) > 0) await tab.click();
    await app.page.getByTestId('charts-panel').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction(
      () => {
        const s = window.__lab!.store.getState().snapshot;
        return !!s && s.epoch >= 1 && s.confusion !== null;
      },
      null,
      { timeout: 150_000 },
    );
  });
  afterAll(async () => {
    await app?.context.close();
  });

  it('draws the cost per update, raw and smoothed, with its axes', async () => {
    await app.page.waitForFunction(
      () => (document.querySelector('[data-testid=cost-chart] path.smoothed')?.getAttribute('d') ?? '').length > 200,
      null,
      { timeout: 30_000 },
    );
    const chart = await app.page.evaluate(() => {
      const svg = document.querySelector('[data-testid=cost-chart]')!;
      const box = svg.getBoundingClientRect();
      return {
        raw: svg.querySelector('path.raw')?.getAttribute('d')?.length ?? 0,
        ticks: svg.querySelectorAll('.x-axis .tick').length + svg.querySelectorAll('.y-axis .tick').length,
        epochMarks: svg.querySelectorAll('.epochs line').length,
        width: box.width,
        height: box.height,
      };
    });
    expect(chart.raw).toBeGreaterThan(200);
    expect(chart.ticks).toBeGreaterThan(4);
    expect(chart.epochMarks).toBeGreaterThanOrEqual(1);
    expect(chart.width).toBeGreaterThan(150);
    expect(chart.height).toBeGreaterThan(100);
    // the controls give the same trend as the chart's legend, beside the last batch's cost
    const trend = await app.page.getByTestId('cost-smoothed').innerText();
    expect(trend).toMatch(/^smoothed \d/);
    expect(await app.page.getByTestId('cost-chart').locator('.legend').textContent()).toContain(trend);
  });

  it('keeps a hovered point’s readout inside its chart (a long one ran over the next chart)', async () => {
    for (const id of ['cost-chart', 'accuracy-chart']) {
      const svg = app.page.getByTestId(id);
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      // just left and just right of the middle: the readout's two sides
      for (const at of [0.45, 0.55, 0.9]) {
        await app.page.mouse.move(box.x + box.width * at, box.y + box.height / 2);
        const label = svg.locator('[data-testid=chart-readout]');
        await expect.poll(() => label.textContent(), { timeout: 5_000 }).not.toBe('');
        const text = (await label.boundingBox())!;
        expect(text.x).toBeGreaterThanOrEqual(box.x - 0.5);
        expect(text.x + text.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
    }
    await app.page.mouse.move(0, 0);
  });

  it('shows the epoch on the accuracy chart with the store’s numbers, from the untrained network at epoch 0', async () => {
    // the untrained network's point, then the epoch's
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=accuracy-chart] .validation circle.point').length >= 2,
      null,
      { timeout: 30_000 },
    );
    const { record, untrained } = await app.page.evaluate(() => {
      const s = window.__lab!.store.getState().snapshot!;
      return { record: s.epochs.at(-1)!, untrained: s.untrained! };
    });
    expect(untrained.testAccuracy).toBeLessThan(0.3);
    const titles = await app.page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid=accuracy-chart] circle.point title'), (t) => t.textContent),
    );
    expect(titles).toContain(
      `epoch ${record.epoch}: validation accuracy ${(record.validationAccuracy * 100).toFixed(1)}%`,
    );
    expect(titles).toContain(`epoch ${record.epoch}: test accuracy ${(record.testAccuracy * 100).toFixed(1)}%`);
    expect(titles).toContain(`untrained (epoch 0): test accuracy ${(untrained.testAccuracy * 100).toFixed(1)}%`);
    const lr = await app.page.getByTestId('lr-chart').locator('.now-label').textContent();
    expect(lr).toMatch(/^now α = [0-9.]+(×10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$/);
  });

  it('draws every count inside its cell (bold three-digit counts ran 2 px past theirs)', async () => {
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=confusion-matrix] g.cell text:not(:empty)').length >= 10,
      null,
      { timeout: 30_000 },
    );
    const overflows = await app.page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGGElement>('[data-testid=confusion-matrix] g.cell'))
        .map((g) => {
          const text = g.querySelector('text')!;
          const rect = g.querySelector('rect')!;
          return { count: text.textContent ?? '', text: text.getBBox().width, cell: rect.getBBox().width };
        })
        .filter((c) => c.count !== '' && c.text > c.cell - 1),
    );
    expect(overflows).toEqual([]);
    // and as large as the card allows: with the hint above the matrix (not beside it), the cells were
    // 3 px smaller and the three- and four-digit counts 7.0 px at 1440x900 (8.1 px now)
    const smallest = await app.page.evaluate(() =>
      Math.min(
        ...Array.from(document.querySelectorAll<SVGTextElement>('[data-testid=confusion-matrix] g.cell text'), (t) =>
          t.textContent!.length >= 3 ? Number(t.getAttribute('font-size')) : Infinity,
        ),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(7.5);
  });

  it('names a hovered cell and shows the test digits behind a clicked one', async () => {
    const matrix = app.page.getByTestId('confusion-matrix');
    await app.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid=confusion-matrix] g.cell[data-label="1"][data-predicted="1"] text')
          ?.textContent ?? '') !== '',
      null,
      { timeout: 30_000 },
    );
    const count = Number(await matrix.locator('g.cell[data-label="1"][data-predicted="1"]').getAttribute('data-count'));
    expect(count).toBeGreaterThan(900); // ~1,135 ones in the test set, nearly all read correctly after an epoch
    // drawn whole, or in thousands where the cell is too small for four digits
    expect([String(count), `${(count / 1000).toFixed(1)}k`]).toContain(
      await matrix.locator('g.cell[data-label="1"][data-predicted="1"] text').textContent(),
    );
    const cell = matrix.locator('g.cell[data-label="1"][data-predicted="1"]');
    await cell.hover();
    await expect
      .poll(() => app.page.getByTestId('confusion-readout').textContent())
      .toMatch(/^true 1 read as 1: \d+ digits/);
    await cell.click();
    const digits = app.page.getByTestId('confusion-digits');
    await digits.locator('button.digit-thumb').first().waitFor({ timeout: 60_000 });
    expect(await digits.locator('button.digit-thumb').count()).toBeGreaterThan(1);
    // the thumbnails hold ink
    const ink = await digits
      .locator('button.digit-thumb canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let white = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 200) white++;
        return white;
      });
    expect(ink).toBeGreaterThan(20);

    // the digits at the screen's top, the network above it partly out of sight: a digit clicked
    // brings the whole network into view, where it is shown ("click one to see it in the network" showed nothing)
    await digits.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const networkOnScreen = () =>
      app.page.getByTestId('network-canvas').evaluate((c) => {
        const r = c.getBoundingClientRect();
        return (Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / r.height;
      });
    expect(await networkOnScreen()).toBeLessThan(0.99);
    await digits.locator('button.digit-thumb').first().click();
    await expect.poll(networkOnScreen).toBeGreaterThanOrEqual(0.99);
    await app.page.getByTestId('confusion-digit-output').waitFor({ timeout: 10_000 });
    const probe = await app.page.evaluate(() => window.__lab!.store.getState().probe?.label ?? '');
    expect(probe).toMatch(/^test #\d+$/);
    // the controls' example box (a training image) says it is not the digit the network shows
    expect(await app.page.getByTestId('example-while-probe').innerText()).toContain(`The network shows ${probe};`);
    expect(await app.page.getByTestId('confusion-digit-output').innerText()).toMatch(/, a 1: the network reads \d/);

    // "step" the test digit: its backprop (never an update) drives the nudges panel
    const step = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    await app.page.evaluate(() => window.__lab!.store.setState({ selectedNeuron: { layer: 3, index: 1 } }));
    await app.page.getByTestId('tab-nudges').click();
    const panel = app.page.getByTestId('nudges-panel');
    await panel.getByText(/a test digit: backprop shown, never trained on/).waitFor({ timeout: 10_000 });
    const got = await app.page.evaluate(() => {
      const p = window.__lab!.store.getState().probe!;
      const s = window.__lab!.store.getState().snapshot!;
      return { input: Array.from(p.input), params: Array.from(p.params), spec: s.spec };
    });
    const net = { spec: got.spec, params: Float32Array.from(got.params) };
    const { trace, delta } = exampleGradient(net, Float32Array.from(got.input), 1);
    const nudges = neuronNudges(net, trace, delta, 3, 1);
    expect(parseShown(await app.page.getByTestId('nudge-bias').innerText())).toBeCloseTo(nudges.bias, 3);
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step)).toBe(step);

    // the digit's output bars have their room, inside the card (they were a 12 px sliver, cut at its foot)
    const room = await app.page.evaluate(() => {
      const bars = document.querySelector('[data-testid=confusion-digit-output] .output-bars')!.getBoundingClientRect();
      const card = document.querySelector('.chart-card.confusion')!.getBoundingClientRect();
      return { height: bars.height, below: bars.bottom - card.bottom };
    });
    expect(room.height).toBeGreaterThanOrEqual(36);
    expect(room.below).toBeLessThanOrEqual(0);
    // closing the digits with × gives the focus back to the matrix (it fell to the page)
    await app.page.getByLabel('Close the digits').click();
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('confusion-matrix');
  });

  it('draws an epoch whose α₀ changed midway with both rates, the change where it happened', async () => {
    // into the second epoch, then a new α₀ about a fifth of the way through it. At 100 updates a
    // second an epoch (1,563 updates) takes 15 s, so the pause has 12 s to land inside it; at full
    // speed it had well under a second, and a page slowed by CI's load could pause in epoch 2
    await app.page.getByTestId('speed').selectOption('100');
    await pressButton(app.page, 'play');
    // paused from the page the moment a snapshot says so: an epoch takes about a second at full
    // speed, and the e2e's own waits and a press (each a round trip, polled on animation frames
    // that came 0.5-2 a second while training drew) missed the window or paused in epoch 2 (CI)
    await app.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const lab = window.__lab!;
          const due = (s: ReturnType<typeof lab.store.getState>) =>
            s.snapshot !== null &&
            s.snapshot.epoch === 1 &&
            s.snapshot.positionInEpoch / s.snapshot.examplesPerEpoch > 0.2;
          if (due(lab.store.getState())) return void lab.trainer.pause().then(() => resolve());
          const stop = lab.store.subscribe((s) => {
            if (!due(s)) return;
            stop();
            void lab.trainer.pause().then(() => resolve());
          });
        }),
    );
    await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch)).toBe(1);
    const rateBefore = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.learningRate);
    await app.page.getByTestId('learning-rate').fill('0.005');
    await app.page.getByTestId('learning-rate').press('Enter');
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.epochRates.length === 2, null, {
      timeout: 30_000,
    });
    // the used line's levels: epoch 0's α₀, epoch 1's rate before the change, the new one after
    const levels = async () =>
      app.page.evaluate(() => {
        const d = document.querySelector('[data-testid=lr-chart] path.used')?.getAttribute('d') ?? '';
        const points = Array.from(d.matchAll(/(-?[\d.]+(?:e-?\d+)?),(-?[\d.]+(?:e-?\d+)?)/g), (m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
        }));
        const ys: number[] = [];
        for (const p of points) if (ys.at(-1) !== p.y) ys.push(p.y);
        const lastLevel = points.find((p) => p.y === points.at(-1)!.y)!;
        // the x scale, from two of its ticks: x of epoch e
        const ticks = Array.from(document.querySelectorAll('[data-testid=lr-chart] .x-axis .tick'), (g) => ({
          e: Number(g.textContent),
          x: Number(/translate\(([-\d.]+)/.exec(g.getAttribute('transform') ?? '')?.[1] ?? NaN),
        }));
        const [a, b] = ticks;
        const tick = (e: number) => a.x + ((e - a.e) * (b.x - a.x)) / (b.e - a.e);
        return { ys, lastLevelX: lastLevel.x, epoch1: tick(1), epoch2: tick(2) };
      });
    await expect.poll(async () => (await levels()).ys.length, { timeout: 30_000 }).toBe(3);
    const got = await levels();
    // the new rate starts inside epoch 1, not at its start (drawn over the whole epoch before)
    expect(got.lastLevelX).toBeGreaterThan(got.epoch1 + 0.15 * (got.epoch2 - got.epoch1));
    expect(got.lastLevelX).toBeLessThan(got.epoch2);
    // lower after the change (0.005 · 0.7), higher before it
    expect(got.ys[2]).toBeGreaterThan(got.ys[1]);
    expect(rateBefore).toBeGreaterThan(0.005);
  });

  it('shows no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});
