/** The cost surface in a real browser: it draws in 2D and 3D (canvas pixels) and follows training. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { paramIndex } from '../../src/engine';
import { parseShown } from '../../src/views/controls/format';
import { canvasStats, openApp, withApp, pressButton, waitReady, type OpenedApp } from './app';

/** Waits until no surface computation is running and a picture is shown. */
async function waitComputed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const p = document.querySelector('[data-testid=surface-progress]') as HTMLProgressElement | null;
      const cancel = document.querySelector('[data-testid=surface-cancel]') as HTMLButtonElement | null;
      return p !== null && p.value === 1 && cancel !== null && cancel.getAttribute('aria-disabled') === 'true';
    },
    null,
    { timeout: 60_000 },
  );
}

describe('cost surface: the real network in a real browser', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp();
    await waitReady(app.page);
    await app.page.getByTestId('tab-surface').click();
    await app.page.getByTestId('surface-panel').waitFor();
  });
  afterAll(async () => {
    await app?.context.close();
  });

  it('draws the 2D heat map with contours', async () => {
    await waitComputed(app.page);
    // drawn in a frame after the result (frames come slowly on a loaded machine): a log-scaled colour
    // map over a real surface covers the plot with many colours
    await expect
      .poll(
        async () => {
          const s = await canvasStats(app.page, '[data-testid=surface-canvas-2d]');
          return { coloured: s.coloured > s.total * 0.3, manyColours: s.colours > 40 };
        },
        { timeout: 30_000 },
      )
      .toEqual({ coloured: true, manyColours: true });
  });

  it('moves the current point (and follows) after training', async () => {
    const before = await app.page.getByTestId('surface-current').innerText();
    const pixels = await canvasStats(app.page, '[data-testid=surface-canvas-2d]');
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction(
      (text) => (document.querySelector('[data-testid=surface-current]')?.textContent ?? text) !== text,
      before,
      { timeout: 60_000 },
    );
    await waitComputed(app.page);
    // drawn in a frame after the result (a fixed 200 ms wait could end before it on a slow machine)
    await expect
      .poll(async () => (await canvasStats(app.page, '[data-testid=surface-canvas-2d]')).hash, { timeout: 15_000 })
      .not.toBe(pixels.hash);
    // the slice ends up through the epoch's last weights, with their cost: a picture begun mid-epoch
    // was left behind for good ("7.24 away from the slice"), and "now" could read "-"
    await app.page
      .getByTestId('surface-current')
      .getByText(/now at random direction 1 = 0, random direction 2 = 0 .* 0 away from the slice/)
      .waitFor({ timeout: 60_000 });
    const step = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    const now = app.page.getByTestId('surface-checkpoints').locator('.surface-now');
    await expect.poll(() => now.innerText()).toMatch(new RegExp(`^now ${step}\\s+\\d\\.\\d+\\s+0$`));
  });

  it('hovering the map names the cost there, in a tip that stays on the map, on whichever side has room', async () => {
    const canvas = app.page.getByTestId('surface-canvas-2d');
    // (the test before may leave it below the screen, where the pointer cannot reach it)
    await canvas.scrollIntoViewIfNeeded();
    await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = (await canvas.boundingBox())!;
    // the map in the canvas, as drawn (at equal scales it need not fill it)
    const [px, py, pw, ph] = (await canvas.getAttribute('data-plot'))!.split(',').map(Number);
    const tip = app.page.getByTestId('surface-tooltip');
    // the middle (the ring) and near the right edge, where the one-line tip ran over the colour bar
    for (const fx of [0.5, 0.95]) {
      await app.page.mouse.move(box.x + px + pw * fx, box.y + py + ph / 2);
      await tip.waitFor({ timeout: 10_000 });
      expect(await tip.innerText()).toMatch(
        /^C = \S+ \(nearest grid point\)\nrandom direction 1 = \S+\nrandom direction 2 = \S+$/,
      );
      const t = (await tip.boundingBox())!;
      expect(t.x).toBeGreaterThanOrEqual(box.x + px - 1);
      expect(t.x + t.width).toBeLessThanOrEqual(box.x + px + pw + 1);
    }
    await app.page.mouse.move(box.x - 40, box.y - 40);
    await tip.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('draws the 3D surface with WebGL and turns it by dragging', async () => {
    await app.page.getByTestId('surface-mode').selectOption('3d');
    const canvas = app.page.getByTestId('surface-canvas-3d');
    await canvas.waitFor();
    // the first software-WebGL draw (resize, mount, a frame, shader compile): waited for, not timed
    await expect
      .poll(
        async () => {
          const t = await canvasStats(app.page, '[data-testid=surface-canvas-3d]');
          return t.coloured > t.total * 0.1 && t.colours > 40;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const s = await canvasStats(app.page, '[data-testid=surface-canvas-3d]');
    expect(s.coloured).toBeGreaterThan(s.total * 0.1);
    expect(s.colours).toBeGreaterThan(40);
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 20, { steps: 5 });
    await app.page.mouse.up();
    await expect
      .poll(async () => (await canvasStats(app.page, '[data-testid=surface-canvas-3d]')).hash, { timeout: 15_000 })
      .not.toBe(s.hash);
  });

  it('names the 3D view’s directions on its floor, follows a turn, and shows the colour scale', async () => {
    const labelBox = async () => (await app.page.getByTestId('surface-axis-1').boundingBox())!;
    const canvas = (await app.page.getByTestId('surface-canvas-3d').boundingBox())!;
    const before = await labelBox();
    for (const b of [before, (await app.page.getByTestId('surface-axis-2').boundingBox())!]) {
      expect(b.x + b.width / 2).toBeGreaterThan(canvas.x);
      expect(b.x + b.width / 2).toBeLessThan(canvas.x + canvas.width);
      expect(b.y).toBeGreaterThan(canvas.y);
    }
    expect(await app.page.getByTestId('surface-axis-1').innerText()).toMatch(/direction 1/);
    // it says it can be turned, what the height is, and what the dot is
    expect(await app.page.getByTestId('surface-drag-hint').innerText()).toMatch(
      /drag \(or arrow keys\) to turn.*cost C.*current weights/,
    );
    await app.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(canvas.x + canvas.width / 2 - 150, canvas.y + canvas.height / 2, { steps: 5 });
    await app.page.mouse.up();
    const moved = (from: { x: number; y: number }) => async () => {
      const b = await labelBox();
      return Math.hypot(b.x - from.x, b.y - from.y);
    };
    await expect.poll(moved(before), { timeout: 15_000 }).toBeGreaterThan(5);
    const after = await labelBox();
    // and with the keyboard: Tab to the canvas, the arrow keys turn it
    await app.page.getByTestId('surface-canvas-3d').focus();
    for (let i = 0; i < 4; i++) await app.page.keyboard.press('ArrowRight');
    await expect.poll(moved(after), { timeout: 15_000 }).toBeGreaterThan(5);
    // the colour bar names costs from the top down, each placed at its height on the log scale
    const ticks = await app.page
      .getByTestId('surface-colour-bar')
      .locator('.tick')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', y: e.getBoundingClientRect().y })));
    const costs = ticks.map((t) => parseShown(t.text));
    expect(costs.length).toBeGreaterThanOrEqual(2);
    expect(costs[costs.length - 1]).toBeGreaterThan(0);
    for (let k = 1; k < ticks.length; k++) {
      expect(costs[k]).toBeLessThan(costs[k - 1]);
      expect(ticks[k].y).toBeGreaterThan(ticks[k - 1].y);
    }
  });

  it('updates the 3D picture after training steps', async () => {
    const before = await canvasStats(app.page, '[data-testid=surface-canvas-3d]');
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction(() => (window.__lab?.store.getState().snapshot?.epoch ?? 0) >= 2, null, {
      timeout: 60_000,
    });
    await waitComputed(app.page);
    // the recompute may start after this point: waited for by the picture, not by a fixed time
    await expect
      .poll(async () => (await canvasStats(app.page, '[data-testid=surface-canvas-3d]')).hash, { timeout: 60_000 })
      .not.toBe(before.hash);
  });

  it('races GD, mini-batch SGD and one-example SGD from the same start', async () => {
    await app.page.getByTestId('surface-mode').selectOption('2d');
    await app.page.getByTestId('surface-kind').selectOption('optimisers');
    await app.page.getByTestId('surface-compute').click();
    await app.page.getByTestId('surface-race').waitFor({ timeout: 60_000 });
    await waitComputed(app.page);
    const cards = await app.page.locator('.surface-race-card figcaption').allInnerTexts();
    expect(cards.map((t) => t.split('\n')[0].trim())).toEqual(['full-batch GD', 'mini-batch SGD', 'one-example SGD']);
    // "10,000 updates of 1", counts grouped as everywhere (it read "10000 updates of 1", and "1 updates")
    for (const card of cards) {
      const line = card.split('\n')[1].trim();
      expect(line).toMatch(/^(1 update|\d{1,3}(,\d{3})* updates) of \d{1,3}(,\d{3})*$/);
    }
    const s = await canvasStats(app.page, '[data-testid=surface-canvas-2d]');
    expect(s.colours).toBeGreaterThan(40);
    // the cheapest walk is said in words (the map's colours under the walks told the opposite)
    const finals = await app.page.locator('.surface-race-card').evaluateAll((figs) =>
      figs.map((f) => ({
        label: (f.querySelector('figcaption') as HTMLElement).innerText.split('\n')[0].trim(),
        c: f.querySelector('.surface-race-final')!.textContent!.match(/C = (\S+)/)![1],
      })),
    );
    const cheapest = finals.reduce((a, b) => (parseShown(b.c) < parseShown(a.c) ? b : a));
    expect(await app.page.getByTestId('race-winner').innerText()).toBe(
      `Lowest cost after the same examples: ${cheapest.label}, C = ${cheapest.c}.`,
    );
    // the cards' axis numbers are whole ("0.052" read ".052", cut at the card's edge)
    const cut = await app.page.locator('.surface-race-card svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const left = svg.getBoundingClientRect().left;
        return Array.from(svg.querySelectorAll('text'))
          .filter((t) => t.getBoundingClientRect().left < left - 0.5)
          .map((t) => t.textContent);
      }),
    );
    expect(cut).toEqual([]);
    // and no text lies on another ("C (log)" overprinted the top tick's number)
    const overlaps = await app.page.locator('.surface-race-card svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const boxes = Array.from(svg.querySelectorAll('text'), (t) => ({
          text: t.textContent,
          r: t.getBoundingClientRect(),
        }));
        return boxes.flatMap((a, i) =>
          boxes
            .slice(i + 1)
            .filter((b) => a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom)
            .map((b) => `${a.text} / ${b.text}`),
        );
      }),
    );
    expect(overlaps).toEqual([]);
    // in 3D too each walk's end is named with its cost, inside the picture (there the walks were
    // told apart by colour alone, which a colour-blind reader could not)
    await app.page.getByTestId('surface-mode').selectOption('3d');
    const notes = app.page.getByTestId('surface-end-note');
    await expect
      .poll(() => notes.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetWidth > 0).length))
      .toBe(3);
    const cost = (label: string) => finals.find((f) => f.label === label)!.c;
    expect((await notes.allInnerTexts()).map((t) => t.trim())).toEqual([
      `GD: C = ${cost('full-batch GD')}`,
      `mini-batch: C = ${cost('mini-batch SGD')}`,
      `one-example: C = ${cost('one-example SGD')}`,
    ]);
    const view = (await app.page.getByTestId('surface-canvas-3d').boundingBox())!;
    for (const box of await notes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.left).toBeGreaterThanOrEqual(view.x - 1);
      expect(box.right).toBeLessThanOrEqual(view.x + view.width + 1);
      expect(box.top).toBeGreaterThanOrEqual(view.y - 1);
      expect(box.bottom).toBeLessThanOrEqual(view.y + view.height + 1);
    }
    await app.page.getByTestId('surface-mode').selectOption('2d');
  });

  it('zooms the race’s map to the start, where GD’s few steps are (they lay under the start ring), the walks unchanged', async () => {
    const finals = () => app.page.locator('.surface-race-final').evaluateAll((els) => els.map((e) => e.textContent));
    const before = { map: await canvasStats(app.page, '[data-testid=surface-canvas-2d]'), finals: await finals() };
    await app.page.getByTestId('surface-near-start').check();
    await app.page.getByTestId('surface-compute').click();
    // computing (the race runs again, then the map), then done
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid=surface-cancel]')?.getAttribute('aria-disabled') !== 'true',
      null,
      { timeout: 30_000 },
    );
    await waitComputed(app.page);
    // drawn in a frame after the result
    await expect
      .poll(async () => (await canvasStats(app.page, '[data-testid=surface-canvas-2d]')).hash, { timeout: 30_000 })
      .not.toBe(before.map.hash);
    expect(await finals()).toEqual(before.finals);
    await app.page.getByTestId('surface-near-start').uncheck();
  });

  it('shows a too-high learning rate leaving the valley', async () => {
    // what the 2D map writes on its canvas (axes and colour bar)
    await app.page.evaluate(() => {
      const drawn: { text: string; left: number }[] = [];
      (window as unknown as { __drawn: typeof drawn }).__drawn = drawn;
      const original = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
        // where the text starts, in the canvas's own (unrotated) coordinates
        const w = this.measureText(String(text)).width;
        const m = this.getTransform();
        const at = m.a === 0 ? NaN : (m.e + m.a * x) / (window.devicePixelRatio || 1);
        const left =
          this.textAlign === 'right' || this.textAlign === 'end'
            ? at - w
            : this.textAlign === 'center'
              ? at - w / 2
              : at;
        drawn.push({ text: String(text), left: m.b === 0 ? left : NaN });
        return original.call(this, text, x, y, maxWidth);
      };
    });
    await app.page.getByTestId('surface-rate').selectOption('30');
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    await expect.poll(() => app.page.locator('.surface-diverged').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // the map (with the walks' end notes) is drawn in a frame after the result: wait for all three notes
    await expect
      .poll(
        () =>
          app.page.evaluate(
            () =>
              new Set(
                (window as unknown as { __drawn: { text: string }[] }).__drawn
                  .map((t) => /^([\w-]+): C = /.exec(t.text)?.[1])
                  .filter(Boolean),
              ).size,
          ),
        { timeout: 30_000 },
      )
      .toBe(3);
    // a walk that left the valley says it stopped short of the examples the others saw (the hint
    // promises each the same number)
    expect(await app.page.getByTestId('race-stopped').first().innerText()).toMatch(
      /^left the valley: learning rate too high; stopped after [\d,]+ of [\d,]+ examples$/,
    );
    // its huge costs are written as everywhere in the app (2×10⁶), not in d3's 2e+6
    const drawn = await app.page.evaluate(
      () => (window as unknown as { __drawn: { text: string; left: number }[] }).__drawn,
    );
    expect(drawn.filter((t) => /\d/.test(t.text)).length).toBeGreaterThan(5);
    expect(drawn.filter((t) => /\de[+-]?\d/.test(t.text))).toEqual([]);
    // and none is cut off at the canvas's left edge (1.5×10²² read ".5×10²²" in a fixed 50 px margin)
    expect(drawn.filter((t) => t.left < -0.5)).toEqual([]);
    // each walk's real cost is written at its end on the map, as its card says it
    const finals = (await app.page.locator('.surface-race-final').allInnerTexts()).map((t) => t.match(/^C = \S+/)![0]);
    expect(finals).toHaveLength(3);
    // (named by its walker: three bare "C = …" did not say whose each was)
    const notes = new Set(drawn.map((t) => t.text).filter((t) => /^[\w-]+: C = /.test(t)));
    expect([...new Set([...notes].map((t) => t.split(':')[0]))].sort()).toEqual(['GD', 'mini-batch', 'one-example']);
    for (const f of finals) expect([...notes].some((t) => t.endsWith(`: ${f}`))).toBe(true);
    // and the 3D view's colour bar has room for them (2.6×10¹⁵ was cut off at the panel's edge)
    await app.page.getByTestId('surface-mode').selectOption('3d');
    const bar = app.page.getByTestId('surface-colour-bar');
    await bar.waitFor({ timeout: 30_000 });
    const fits = await bar.evaluate((el) => {
      const box = el.closest('.surface-canvas-box')!.getBoundingClientRect();
      return Array.from(el.querySelectorAll('.tick'), (t) => ({
        text: t.textContent,
        over: t.getBoundingClientRect().right - box.right,
      }));
    });
    expect(fits.filter((t) => t.over > 0)).toEqual([]);
    await app.page.getByTestId('surface-mode').selectOption('2d');
  });

  it('says the picture is of the old slice when the slice changes, until Compute draws the new one', async () => {
    await app.page.getByTestId('surface-kind').selectOption('trajectory');
    const notice = app.page.getByTestId('surface-outdated');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(
      /still the “GD vs SGD” slice\. Press Compute to draw “training path \(PCA\)”/,
    );
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    // the new slice is the one drawn, and the notice is gone
    await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
    expect(await notice.count()).toBe(0);
  });

  it('says a “two weights” picture is of the old pair when another edge is clicked', async () => {
    await app.page.getByTestId('surface-kind').selectOption('weights');
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    // where the network is: the two weights' own values, by name (it read "d₁ = −0.504")
    const at = [paramIndex({ sizes: [784, 16, 16, 10] }, 3, 0, 0), paramIndex({ sizes: [784, 16, 16, 10] }, 3, 0, 1)];
    const [w1, w2] = await app.page.evaluate((i) => {
      const s = window.__lab!.store.getState().snapshot!;
      return [s.params[i[0]], s.params[i[1]]];
    }, at);
    const current = await app.page.getByTestId('surface-current').innerText();
    const value = (name: string) => parseShown(current.match(new RegExp(`${name} = (\\S+?),`))![1]);
    expect(value('w⁽³⁾₀,₀')).toBeCloseTo(w1, 2);
    expect(value('w⁽³⁾₀,₁')).toBeCloseTo(w2, 2);
    const notice = app.page.getByTestId('surface-outdated');
    expect(await notice.count()).toBe(0);
    // as clicking an edge in the network view does
    await app.page.evaluate(() => window.__lab!.store.setState({ selectedWeight: { layer: 2, to: 3, from: 4 } }));
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(/Press Compute to draw “two weights” for w⁽²⁾₃,₄ and w⁽³⁾₀,₀/);
    // the settings name the pair Compute will vary, in the lecture's notation
    expect(await app.page.getByTestId('surface-weights').innerText()).toMatch(
      /varies w⁽²⁾₃,₄ \(across\) and w⁽³⁾₀,₀ \(up\)/,
    );
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(0);
  });

  it('cancels a computation', async () => {
    await app.page.getByTestId('surface-kind').selectOption('random');
    await app.page.getByTestId('surface-compute').click();
    await app.page.getByTestId('surface-cancel').click();
    await expect.poll(() => app.page.getByTestId('surface-cancel').getAttribute('aria-disabled')).toBe('true');
  });

  it('a new network (another activation) gets a new slice centred on it', async () => {
    await app.page.getByTestId('surface-kind').selectOption('random');
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    await app.page.evaluate(() => window.__lab!.trainer.setSettings({ activation: 'tanh' }));
    // the following slice recomputes by itself: the live point sits at its centre again
    await app.page
      .getByTestId('surface-current')
      .getByText(/now at random direction 1 = 0, random direction 2 = 0 .* 0 away from the slice/)
      .waitFor({ timeout: 60_000 });
    expect(await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.spec.activation)).toBe('tanh');
  });

  it('a Reset takes away a training-path picture whose updates it undid', async () => {
    await app.page.getByTestId('surface-kind').selectOption('trajectory');
    const epoch = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch);
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction((e) => window.__lab!.store.getState().snapshot!.epoch > e, epoch, {
      timeout: 120_000,
    });
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
    expect(await app.page.getByTestId('surface-checkpoints').count()).toBe(1);
    await app.page.getByTestId('reset').click();
    // the undone path and its list went (they stood beside "fewer than 3 checkpoints")
    await expect.poll(() => app.page.locator('[data-shown-kind=trajectory]').count(), { timeout: 30_000 }).toBe(0);
    expect(await app.page.getByTestId('surface-checkpoints').count()).toBe(0);
  });

  it('a path too short to picture offers Play beside its reason, and the picture comes as training goes on', async () => {
    // (Compute again found the same one point and changed nothing on screen: a student's review)
    await app.page.getByTestId('surface-compute').click();
    await app.page
      .getByTestId('surface-empty')
      .getByText(/has 1 point so far/)
      .waitFor({ timeout: 30_000 });
    await pressButton(app.page, 'surface-short-play');
    // following training, the path is pictured once it has its points
    await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
    // where the weights are, by the axes' own names ("d₁ = −2.99" beside axes named PC1 and PC2)
    await app.page
      .getByTestId('surface-current')
      .getByText(/^now at PC1 = \S+, PC2 = \S+ along/)
      .waitFor({ timeout: 30_000 });
    await pressButton(app.page, 'play');
    await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    await waitComputed(app.page);
  });

  it('over another slice’s picture, a path too short says so, with Play, where “Press Compute” stood', async () => {
    await app.page.getByTestId('surface-kind').selectOption('random');
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    await app.page.getByTestId('reset').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step === 0, null, {
      timeout: 30_000,
    });
    await waitComputed(app.page);
    await app.page.getByTestId('surface-kind').selectOption('trajectory');
    const overlay = app.page.getByTestId('surface-outdated');
    await overlay.getByText(/Press Compute/).waitFor({ timeout: 30_000 });
    await app.page.getByTestId('surface-compute').click();
    // (it still said "Press Compute" after Compute, the reason in the narrow column: a UI check)
    await overlay.getByText(/has 1 point so far/).waitFor({ timeout: 30_000 });
    expect(await overlay.getByText(/Press Compute/).count()).toBe(0);
    await overlay.getByTestId('surface-short-play').waitFor({ timeout: 10_000 });
  });

  it('a Reset while the training path computes: the discarded run is not pictured when it ends', async () => {
    const epoch = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch);
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction((e) => window.__lab!.store.getState().snapshot!.epoch > e, epoch, {
      timeout: 120_000,
    });
    await app.page.getByTestId('surface-compute').click();
    // still computing: its Cancel is available
    await app.page.locator('[data-testid=surface-cancel]:not([aria-disabled=true])').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('reset').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.step === 0, null, {
      timeout: 30_000,
    });
    await app.page.locator('[data-testid=surface-cancel][aria-disabled=true]').waitFor({ timeout: 60_000 });
    // time for a late picture to land, had the old compute gone on
    await app.page.waitForTimeout(3000);
    expect(await app.page.locator('[data-shown-kind=trajectory]').count()).toBe(0);
  });

  it('an Undo while the Reset’s picture computes pictures the network brought back, not the reset one', async () => {
    await app.page.getByTestId('surface-kind').selectOption('random');
    const epoch = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch);
    await app.page.getByTestId('step-epoch').click();
    await app.page.waitForFunction((e) => window.__lab!.store.getState().snapshot!.epoch > e, epoch, {
      timeout: 120_000,
    });
    const trained = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    await app.page.getByTestId('surface-compute').click();
    await waitComputed(app.page);
    // Reset: following training, a picture of the fresh network starts; Undo before it ends
    await app.page.getByTestId('reset').click();
    await app.page.locator('[data-testid=surface-cancel]:not([aria-disabled=true])').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('undo-reset').click();
    await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.step === n, trained, {
      timeout: 30_000,
    });
    await waitComputed(app.page);
    // the picture is centred on the weights brought back (the reset ones' put them far off it), once
    // the recompute that follows training has begun and ended (it may begin after the wait above
    // returned: waited for, then read again once no picture is computing)
    const centred = app.page
      .getByTestId('surface-current')
      .getByText(/now at random direction 1 = 0, random direction 2 = 0 along/);
    await centred.waitFor({ timeout: 60_000 });
    await waitComputed(app.page);
    expect(await centred.count()).toBe(1);
  });

  it('an Undo after a Reset brings the training path’s picture back, following training', async () => {
    await app.page.getByTestId('surface-kind').selectOption('trajectory');
    await app.page.getByTestId('surface-compute').click();
    await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
    await waitComputed(app.page);
    const trained = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    await app.page.getByTestId('reset').click();
    // the undone path goes (and a new one has too few checkpoints)
    await expect.poll(() => app.page.locator('[data-shown-kind=trajectory]').count(), { timeout: 30_000 }).toBe(0);
    await app.page.locator('[data-testid=surface-cancel][aria-disabled=true]').waitFor({ timeout: 60_000 });
    await app.page.getByTestId('undo-reset').click();
    await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.step === n, trained, {
      timeout: 30_000,
    });
    // it stayed empty, saying "fewer than 3 checkpoints" of a network that has them
    await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
  });

  it('shows no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});

describe('the cost surface first opened after training', () => {
  it('opens on the training path (the slice that can show it), and keeps the slice the student picks', async () => {
    await withApp('', async (app) => {
      await waitReady(app.page);
      await app.page.getByTestId('step-epoch').click();
      await app.page.waitForFunction(() => (window.__lab!.store.getState().panelSnapshot?.epoch ?? 0) >= 1, null, {
        timeout: 90_000,
      });
      await app.page.getByTestId('tab-surface').click();
      const kind = app.page.getByTestId('surface-kind');
      expect(await kind.inputValue()).toBe('trajectory');
      await app.page.locator('[data-shown-kind=trajectory]').waitFor({ timeout: 60_000 });
      // its note is two lines at first, the rest on demand (seven lines filled the side)
      const hint = app.page.getByTestId('surface-hint');
      expect(await hint.innerText()).not.toMatch(/distance off the plane/);
      await hint.locator('summary').click();
      expect(await hint.innerText()).toMatch(/distance off the plane/);
      // chosen, it stays through the tabs
      await kind.selectOption('random');
      await app.page.getByTestId('tab-charts').click();
      await app.page.getByTestId('tab-surface').click();
      expect(await app.page.getByTestId('surface-kind').inputValue()).toBe('random');
      expect(app.errors).toEqual([]);
    });
  });
});
