import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { learningRateAt } from '../../src/engine';
import { cellAt, confusionLayout, describeCell } from '../../src/render/charts/confusion';
import {
  emaSmooth,
  learningRateSeries,
  MAX_RATE_POINTS,
  smoothingFor,
  thinForPixels,
} from '../../src/render/charts/series';
import { useLab } from '../../src/store/lab-store';
import { ChartsPanel } from '../../src/views/charts/ChartsPanel';
import { drawAccuracyChart } from '../../src/render/charts/accuracy-chart';
import { drawLearningRateChart } from '../../src/render/charts/lr-chart';
import { drawCostChart, logTicks } from '../../src/render/charts/cost-chart';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';
import { sig } from '../../src/protocol/numbers';
import { stubCanvas2d } from '../helpers/canvas-stub';

const bridge = vi.hoisted(() => ({
  confusionCell: vi.fn(async (_label: number, _predicted: number, _limit: number) => [3, 7]),
  testImages: vi.fn(async (indices: number[]) => ({
    pixels: new Uint8Array(indices.length * 784).fill(128),
    labels: new Uint8Array(indices.length).fill(4),
  })),
}));
vi.mock('../../src/bridge/trainer-bridge', () => ({ trainer: bridge }));

beforeAll(stubCanvas2d);

describe('emaSmooth', () => {
  it('matches the hand-worked debiased average', () => {
    // s1 = 1; s2 = (0.25 * 1 + 0.5 * 2) / 0.75; s3 = (0.125 * 1 + 0.25 * 2 + 0.5 * 3) / 0.875
    const s = emaSmooth([1, 2, 3], 0.5);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(1.25 / 0.75, 12);
    expect(s[2]).toBeCloseTo(2.125 / 0.875, 12);
  });

  it('equals the weighted mean with weights beta^(t - i) on random data', () => {
    const xs = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 3 + i / 10);
    const beta = 0.9;
    const s = emaSmooth(xs, beta);
    for (const t of [0, 5, 33, 59]) {
      let num = 0;
      let den = 0;
      for (let i = 0; i <= t; i++) {
        num += beta ** (t - i) * xs[i];
        den += beta ** (t - i);
      }
      expect(s[t]).toBeCloseTo(num / den, 10);
    }
  });

  it('keeps a constant constant and skips non-finite costs', () => {
    expect(Array.from(emaSmooth([2, 2, 2, 2], 0.95))).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 12)));
    const s = emaSmooth([1, Infinity, NaN, 1], 0.5);
    expect(Number.isNaN(s[1]) && Number.isNaN(s[2])).toBe(true);
    expect(s[3]).toBeCloseTo(1, 12);
  });

  it('smooths over about 2% of the points', () => {
    expect(smoothingFor(10)).toBe(0);
    // window 80 points: beta = 1 - 2 / 81
    expect(smoothingFor(4000)).toBeCloseTo(1 - 2 / 81, 12);
  });
});

describe('thinForPixels', () => {
  it('keeps every point when they fit, and the extremes of each column when not', () => {
    expect(thinForPixels([0, 1, 2], [5, 6, 7], (x) => x, 10)).toEqual([0, 1, 2]);
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const ys = xs.map((i) => (i === 437 ? 100 : i === 612 ? -100 : 0));
    const kept = thinForPixels(xs, ys, (x) => x / 100, 10);
    expect(kept.length).toBeLessThanOrEqual(30);
    expect(kept).toContain(437);
    expect(kept).toContain(612);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });
});

describe('learningRateSeries', () => {
  const settings = { learningRate: 0.1, schedule: 'exponential' as const, decay: 0.5, decayEvery: 1 };
  it('uses the recorded rates, the current one, then the schedule', () => {
    const s = learningRateSeries([{ epoch: 2, learningRate: 0.07 }], 2, [], 0.025, settings, 5);
    expect(s.used).toEqual([
      { epoch: 0, rate: 0.1 },
      { epoch: 1, rate: 0.07 },
      { epoch: 2, rate: 0.025 },
    ]);
    expect(s.next.map((p) => p.epoch)).toEqual([2, 3, 4]);
    expect(s.next[2].rate).toBeCloseTo(learningRateAt(0.1, { kind: 'exponential', decay: 0.5 }, 4), 12);
  });
  it('samples the schedule before the records of a network said to be trained 10⁹ epochs (it froze the page)', () => {
    const records = [1e9 - 1, 1e9].map((epoch) => ({ epoch, learningRate: 0.003 }));
    const s = learningRateSeries(records, 1e9, [], 0.003, settings, 1e9 + 5);
    expect(s.used.length).toBeLessThan(MAX_RATE_POINTS + 10);
    expect(s.used[0]).toEqual({ epoch: 0, rate: 0.1 });
    // every record is drawn, after the sampled schedule, in order
    expect(s.used.slice(-3)).toEqual([
      { epoch: 1e9 - 2, rate: 0.003 },
      { epoch: 1e9 - 1, rate: 0.003 },
      { epoch: 1e9, rate: 0.003 },
    ]);
    expect(s.used.every((p, i) => i === 0 || p.epoch > s.used[i - 1].epoch)).toBe(true);
  });
  it('draws a rate changed midway where it changed, in past epochs and the current one', () => {
    const records = [
      {
        epoch: 1,
        learningRate: 0.02,
        rates: [
          { share: 0, rate: 0.1 },
          { share: 0.25, rate: 0.02 },
        ],
      },
      { epoch: 2, learningRate: 0.01 },
    ];
    const now = [
      { share: 0, rate: 0.005 },
      { share: 0.5, rate: 0.3 },
    ];
    const s = learningRateSeries(records, 2, now, 0.3, settings, 5);
    expect(s.used).toEqual([
      { epoch: 0, rate: 0.1 },
      { epoch: 0.25, rate: 0.02 },
      // a record from before the rates were kept: its one rate over the whole epoch
      { epoch: 1, rate: 0.01 },
      { epoch: 2, rate: 0.005 },
      { epoch: 2.5, rate: 0.3 },
    ]);
    expect(s.next.map((p) => p.epoch)).toEqual([2.5, 3, 4]);
  });
  it('steps down every decayEvery epochs', () => {
    const s = learningRateSeries([], 0, [], 0.1, { ...settings, schedule: 'step', decayEvery: 2 }, 5);
    expect(s.next.map((p) => p.rate)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });
});

describe('confusion matrix hit-testing', () => {
  const layout = confusionLayout({ width: 320, height: 240 });
  it('maps a point to (true label = row, predicted = column)', () => {
    const { left, top, cell } = layout;
    expect(cellAt(layout, left + 9 * cell + cell / 2, top + 4 * cell + cell / 2)).toEqual({ label: 4, predicted: 9 });
    expect(cellAt(layout, left + 0.1, top + 0.1)).toEqual({ label: 0, predicted: 0 });
    expect(cellAt(layout, left + 10 * cell - 0.1, top + 10 * cell - 0.1)).toEqual({ label: 9, predicted: 9 });
    expect(cellAt(layout, left - 1, top + 5)).toBeNull();
    expect(cellAt(layout, left + 5, top + 10 * cell + 1)).toBeNull();
  });
  it('describes a cell as the lecture would say it', () => {
    const m = new Uint32Array(100);
    m[4 * 10 + 9] = 23;
    m[4 * 10 + 4] = 960;
    m[1 * 10 + 7] = 1;
    expect(describeCell(m, { label: 4, predicted: 9 })).toBe('true 4 read as 9: 23 digits');
    expect(describeCell(m, { label: 1, predicted: 7 })).toBe('true 1 read as 7: 1 digit');
    expect(describeCell(m, { label: 4, predicted: 4 })).toBe('true 4 read as 4: 960 digits (97.7% of the 4s)');
  });
});

describe('chart legends', () => {
  it('stay inside a narrow chart, shifted left rather than running into the next chart', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const record = { epoch: 1, validationAccuracy: 0.932, testAccuracy: 0.929 };
    drawAccuracyChart(svg, [record], { width: 230, height: 200 });
    const legend = svg.querySelector('g.legend')!;
    const entryX = (g: SVGSVGElement) =>
      Number(/translate\(([-\d.]+),/.exec(g.querySelector('g.legend g.entry')!.getAttribute('transform')!)![1]);
    const x = entryX(svg);
    const texts = [...legend.querySelectorAll('text')].map((t) => t.textContent!);
    expect(texts).toEqual(['validation 93.2%', 'test 92.9%']);
    // the same width estimate drawLegend lays the entries out with: swatch, gap, ~6 px a character
    const width = texts.reduce((w, t) => w + 30 + t.length * 6, -10);
    expect(x + width).toBeLessThanOrEqual(230);
    expect(x).toBeGreaterThanOrEqual(0);
    // with room to spare it starts at the plot's left edge, as before
    drawAccuracyChart(svg, [record], { width: 400, height: 200 });
    expect(entryX(svg)).toBe(44);
  });
});

describe('the accuracy chart’s epoch 0', () => {
  const svgText = (svg: SVGSVGElement) =>
    [...svg.querySelectorAll('text, title')].map((t) => t.textContent).join(' | ');

  it('is "untrained" only for the untrained network: an opened model at epoch 0 is not (it was called one)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const opened = { epoch: 0, validationAccuracy: 0.92, testAccuracy: 0.915 };
    drawAccuracyChart(svg, [opened], { width: 300, height: 200 }, null);
    expect(svgText(svg)).not.toMatch(/untrained/);
    expect(svgText(svg)).toMatch(/epoch 0: validation accuracy 92\.0%/);
    // opened at 80%, then an epoch to 95%: the bottom edge names no "untrained"
    drawAccuracyChart(
      svg,
      [
        { ...opened, validationAccuracy: 0.8, testAccuracy: 0.8 },
        { epoch: 1, validationAccuracy: 0.95, testAccuracy: 0.95 },
      ],
      { width: 300, height: 200 },
      null,
    );
    expect(svg.querySelector('.off-scale')?.textContent).toBe('');
  });

  it('keeps a trained point clear of the "untrained" note on the bottom edge (a wrecked epoch at 47% sat under it)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const untrained = { epoch: 0, validationAccuracy: 0.11, testAccuracy: 0.113 };
    // the learning-rate experiment: 92% after epoch 1, α = 20 wrecks it to 47%, then ~65%
    const acc = [0.92, 0.54, 0.47, 0.64, 0.64, 0.67, 0.67, 0.65];
    const records = acc.map((a, i) => ({ epoch: i + 1, validationAccuracy: a, testAccuracy: a - 0.005 }));
    drawAccuracyChart(svg, records, { width: 300, height: 220 }, untrained);
    const note = svg.querySelector('.off-scale')!;
    expect(note.textContent).toBe('↓ untrained: 11.3% test');
    const bottom = Number(
      svg
        .querySelector('.x-axis')!
        .getAttribute('transform')!
        .match(/,([\d.]+)\)/)![1],
    );
    const noteRight = 6 + note.textContent!.length * 7;
    // every drawn point left of the note's end stands above its 20 px band
    const near = [...svg.querySelectorAll<SVGCircleElement>('circle.point')].filter(
      (c) => Number(c.getAttribute('r')) > 0 && Number(c.getAttribute('cx')) < noteRight,
    );
    expect(near.length).toBeGreaterThan(2);
    for (const c of near) expect(bottom - Number(c.getAttribute('cy'))).toBeGreaterThanOrEqual(20);
  });

  it('with only the untrained network, the legend names no figure as the latest (it is no longer this network after an update)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const untrained = { epoch: 0, validationAccuracy: 0.098, testAccuracy: 0.101 };
    drawAccuracyChart(svg, [], { width: 300, height: 200 }, untrained);
    expect([...svg.querySelectorAll('g.legend text')].map((t) => t.textContent)).toEqual(['validation', 'test']);
    expect(svg.querySelector('.note')?.textContent).toBe('Epoch 0: untrained.');
    expect(svg.querySelector('circle.point title')?.textContent).toBe('untrained (epoch 0): validation accuracy 9.8%');
  });
});

describe('a long run (780 epochs of play: a DOM node per epoch had made thousands)', () => {
  const epochs = 780;
  const perEpoch = 1875;

  it('marks every epoch end while they stand apart, then every 2nd, 5th, 10th... at least 8 px apart', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const draw = (n: number) => {
      const steps = Array.from({ length: 400 }, (_, i) => Math.round(((i + 1) * n * perEpoch) / 400));
      const data = {
        steps,
        values: steps.map(() => 0.3),
        epochEnds: Array.from({ length: n }, (_, i) => ({ epoch: i + 1, step: (i + 1) * perEpoch })),
      };
      drawCostChart(svg, data, { width: 460, height: 220 }, { logScale: false });
      return [...svg.querySelectorAll('.epochs line')].map((l) => Number(l.getAttribute('x1')));
    };
    expect(draw(3)).toHaveLength(3);
    const xs = draw(epochs);
    const stride = Number(svg.querySelector('.epochs')?.getAttribute('data-stride'));
    expect([1, 2, 5, 10, 20, 50, 100, 200]).toContain(stride);
    expect(xs.length).toBe(Math.floor(epochs / stride));
    expect(xs.length).toBeLessThan(60);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(8 - 1e-9);
    // by epoch number, also when the history starts later (an opened model file at epoch 3)
    const late = Array.from({ length: epochs }, (_, i) => ({ epoch: i + 4, step: (i + 4) * perEpoch }));
    const steps = late.map((e) => e.step);
    drawCostChart(
      svg,
      { steps, values: steps.map(() => 0.3), epochEnds: late },
      { width: 460, height: 220 },
      {
        logScale: false,
      },
    );
    const k = Number(svg.querySelector('.epochs')?.getAttribute('data-stride'));
    const kept = [...svg.querySelectorAll('.epochs line')].map((l) => (l as unknown as { __data__: number }).__data__);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.every((step) => (step / perEpoch) % k === 0)).toBe(true);
  });

  it('draws a dot per epoch while they stand apart, then every 2nd, 5th, 10th... and always the latest', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const records = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ epoch: i + 1, validationAccuracy: 0.95, testAccuracy: 0.94 }));
    drawAccuracyChart(svg, records(5), { width: 300, height: 200 }, null);
    expect(svg.querySelectorAll('.validation circle.point')).toHaveLength(5);
    for (const n of [epochs, 41]) {
      drawAccuracyChart(svg, records(n), { width: 300, height: 200 }, null);
      const dots = [...svg.querySelectorAll('.validation circle.point')];
      const plotWidth = Number(svg.querySelector('.grid line')?.getAttribute('x2'));
      expect(dots.length).toBeLessThanOrEqual(plotWidth / 8 + 1);
      expect(dots.length).toBeGreaterThan(3);
      const cx = dots.map((d) => Number(d.getAttribute('cx')));
      for (let i = 1; i < cx.length; i++) expect(cx[i] - cx[i - 1]).toBeGreaterThanOrEqual(8 - 1e-9);
      const named = dots.map((d) => Number(/epoch (\d+)/.exec(d.querySelector('title')!.textContent!)![1]));
      expect(named.at(-1)).toBe(n);
      const stride = named[1] - named[0];
      expect([2, 5, 10, 20, 50, 100]).toContain(stride);
      expect(named.slice(0, -1).every((e) => e % stride === 0)).toBe(true);
    }
    // the line still goes through every epoch
    expect(svg.querySelector('.validation path.line')?.getAttribute('d')?.split('L')).toHaveLength(41);
  });
});

describe('ChartsPanel', () => {
  beforeEach(() => {
    const snapshot = syntheticSnapshot();
    useLab.setState({ snapshot, panelSnapshot: snapshot, probe: null });
    bridge.confusionCell.mockClear();
    bridge.testImages.mockClear();
  });
  afterEach(() => {
    useLab.setState({ snapshot: null, panelSnapshot: null, probe: null, earlierRun: null });
  });

  it('draws the four charts with axes, legends and a line for each student', async () => {
    render(<ChartsPanel />);
    expect(screen.getByTestId('charts-panel')).toBeTruthy();
    expect(screen.getByText(/gradient descent steps downhill/)).toBeTruthy();
    const cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.smoothed')?.getAttribute('d')?.length).toBeGreaterThan(100));
    expect(cost.querySelector('path.raw')?.getAttribute('d')?.length).toBeGreaterThan(100);
    expect(cost.querySelectorAll('.x-axis .tick').length).toBeGreaterThan(1);
    expect(cost.querySelectorAll('.y-axis .tick').length).toBeGreaterThan(1);
    expect(cost.querySelector('.x-title')?.textContent).toBe('update');
    // two epoch boundaries marked
    expect(cost.querySelectorAll('.epochs line').length).toBe(2);

    const accuracy = screen.getByTestId('accuracy-chart');
    // epochs 1 and 2, from the untrained network's epoch 0; validation and test each
    await waitFor(() => expect(accuracy.querySelectorAll('circle.point').length).toBe(6));
    expect(accuracy.querySelector('circle.point title')?.textContent).toBe(
      'untrained (epoch 0): validation accuracy 9.8%',
    );
    // the scale fits the trained epochs; the untrained point, far below, is written on the edge
    expect(Number(accuracy.querySelector('.y-axis .tick text')?.textContent?.replace('%', ''))).toBeGreaterThanOrEqual(
      85,
    );
    expect(accuracy.querySelector('.off-scale')?.textContent).toBe('↓ untrained: 10.1% test');
    // the dotted line is the true line's part on the scale: from where it crosses the bottom edge
    // (near epoch 1, as 10% -> 93% is steep), not from the untrained point clamped onto the edge
    const [from, to] = (accuracy.querySelector('.validation path.from-below')?.getAttribute('d') ?? '')
      .slice(1)
      .split('L')
      .map((p) => p.split(',').map(Number));
    const first = accuracy.querySelector<SVGCircleElement>('.validation circle.point:nth-of-type(2)')!;
    const bottom = Number(/,([\d.]+)\)/.exec(accuracy.querySelector('.x-axis')!.getAttribute('transform')!)![1]);
    expect(to[0]).toBeCloseTo(Number(first.getAttribute('cx')), 2);
    expect(to[1]).toBeCloseTo(Number(first.getAttribute('cy')), 2);
    expect(from[1]).toBeCloseTo(bottom, 2);
    expect(from[0]).toBeGreaterThan(0.8 * to[0]);
    expect(accuracy.querySelector('.validation circle.point')?.getAttribute('r')).toBe('0');
    expect(accuracy.textContent).toContain('validation 93.4%');
    expect(accuracy.textContent).toContain('test 93.0%');
    expect(Array.from(accuracy.querySelectorAll('.y-axis .tick text'), (t) => t.textContent)).toContain('100%');

    const lr = screen.getByTestId('lr-chart');
    await waitFor(() => expect(lr.querySelector('.now-label')?.textContent).toBe('now α = 0.064'));
    expect(lr.querySelector('path.used')?.getAttribute('d')).toBeTruthy();
    expect(lr.querySelector('path.next')?.getAttribute('d')).toBeTruthy();

    const matrix = screen.getByTestId('confusion-matrix');
    await waitFor(() => expect(matrix.querySelectorAll('g.cell').length).toBe(100));
    const cell49 = matrix.querySelector('g.cell[data-label="4"][data-predicted="9"]');
    expect(cell49?.textContent).toBe('23');
  });

  it('reads out the value under the pointer: the update and its cost, the epoch and its accuracies', async () => {
    const snapshot = useLab.getState().snapshot!;
    render(<ChartsPanel />);
    const cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.smoothed')?.getAttribute('d')?.length).toBeGreaterThan(100));
    // (jsdom lays nothing out: the SVG's left is 0, so clientX is x in the SVG; the plot runs from
    // 44 px in to 14 px before the right edge, where the last update is)
    const right = Number(cost.getAttribute('width')) - 14;
    fireEvent.pointerMove(cost, { clientX: right, clientY: 50 });
    const label = () => cost.querySelector('[data-testid=chart-readout]')?.textContent ?? null;
    const n = snapshot.costSteps.length;
    const smoothed = emaSmooth(Array.from(snapshot.costValues), smoothingFor(n));
    // (the synthetic history keeps a point per 7 updates, as a long run's does per 2, 4, …: each
    // point is the mean of its updates, said so: it read as the last update's own cost)
    const first = snapshot.costSteps[n - 2] + 1;
    expect(label()).toBe(
      `updates ${first.toLocaleString('en-US')}–${snapshot.costSteps[n - 1].toLocaleString('en-US')}: mean C = ${sig(snapshot.costValues[n - 1], 3)}, smoothed ${sig(smoothed[n - 1], 3)}`,
    );
    // past the plot: none
    fireEvent.pointerMove(cost, { clientX: right + 10, clientY: 50 });
    expect(cost.querySelector('g.readout')?.getAttribute('display')).toBe('none');
    fireEvent.pointerMove(cost, { clientX: right, clientY: 50 });
    fireEvent.pointerLeave(cost);
    expect(cost.querySelector('g.readout')?.getAttribute('display')).toBe('none');

    const accuracy = screen.getByTestId('accuracy-chart');
    await waitFor(() => expect(accuracy.querySelectorAll('circle.point').length).toBe(6));
    const readout = () => accuracy.querySelector('[data-testid=chart-readout]')?.textContent;
    // at the left edge, the untrained network
    fireEvent.pointerMove(accuracy, { clientX: 44, clientY: 50 });
    expect(readout()).toBe('untrained (epoch 0): validation 9.8%, test 10.1%');
    // at the right edge, the last epoch
    fireEvent.pointerMove(accuracy, { clientX: Number(accuracy.getAttribute('width')) - 14, clientY: 50 });
    const r = snapshot.epochs.at(-1)!;
    expect(readout()).toMatch(new RegExp(`^epoch ${r.epoch}: validation [\\d.]+%, test [\\d.]+%$`));
  });

  it('names a point of one update as that update, and says a long run’s points are means', async () => {
    const snapshot = useLab.getState().snapshot!;
    const one = {
      ...snapshot,
      costSteps: Float64Array.from([1, 2, 3, 4]),
      costValues: Float32Array.from([2.4, 2, 1.5, 1.2]),
    };
    useLab.setState({ snapshot: one, panelSnapshot: one });
    const { unmount } = render(<ChartsPanel />);
    let cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.smoothed')).toBeTruthy());
    expect(cost.textContent).toContain('each update');
    fireEvent.pointerMove(cost, { clientX: Number(cost.getAttribute('width')) - 14, clientY: 50 });
    expect(cost.querySelector('[data-testid=chart-readout]')?.textContent).toMatch(/^update 4: C = 1\.2, smoothed /);
    unmount();
    // a halved history: the first update alone, then pairs
    const halved = { ...one, costSteps: Float64Array.from([1, 3, 5, 7]), costFirsts: Float64Array.from([1, 2, 4, 6]) };
    useLab.setState({ snapshot: halved, panelSnapshot: halved });
    render(<ChartsPanel />);
    cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.smoothed')).toBeTruthy());
    expect(cost.textContent).toContain('mean of 2 updates');
    expect(cost.textContent).not.toContain('each update');
    fireEvent.pointerMove(cost, { clientX: Number(cost.getAttribute('width')) - 14, clientY: 50 });
    expect(cost.querySelector('[data-testid=chart-readout]')?.textContent).toMatch(
      /^updates 6–7: mean C = 1\.2, smoothed /,
    );
    fireEvent.pointerMove(cost, { clientX: 44, clientY: 50 });
    expect(cost.querySelector('[data-testid=chart-readout]')?.textContent).toMatch(/^update 1: C = 2\.4, /);
  });

  it('names each point by the updates the trainer averaged into it, gaps and all (not guessed from its neighbours)', async () => {
    const snapshot = useLab.getState().snapshot!;
    // pairs, then a divergence undone after update 7 (update 8 was undone) and update 9 alone
    const gapped = {
      ...snapshot,
      costSteps: Float64Array.from([1, 3, 5, 7, 9]),
      costFirsts: Float64Array.from([1, 2, 4, 6, 9]),
      costValues: Float32Array.from([2.4, 2, 1.5, 1.2, 1.1]),
    };
    useLab.setState({ snapshot: gapped, panelSnapshot: gapped });
    render(<ChartsPanel />);
    const cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.smoothed')).toBeTruthy());
    expect(cost.textContent).toContain('means of up to 2 updates');
    fireEvent.pointerMove(cost, { clientX: Number(cost.getAttribute('width')) - 14, clientY: 50 });
    expect(cost.querySelector('[data-testid=chart-readout]')?.textContent).toMatch(/^update 9: C = 1\.1, /);
    expect(cost.getAttribute('aria-label')).toMatch(/^Cost per update: C = 2\.4 at update 1, C = 1\.1 at update 9; /);
  });

  it('says in words what each chart shows (a screen reader gets no legend, no point)', async () => {
    const snapshot = useLab.getState().snapshot!;
    render(<ChartsPanel />);
    const n = snapshot.costSteps.length;
    const smoothed = emaSmooth(Array.from(snapshot.costValues), smoothingFor(n));
    expect(screen.getByTestId('cost-chart').getAttribute('aria-label')).toBe(
      `Cost per update: mean C = ${sig(snapshot.costValues[0], 3)} at updates 1–7, mean C = ${sig(snapshot.costValues[n - 1], 3)} at updates ${(snapshot.costSteps[n - 2] + 1).toLocaleString('en-US')}–${snapshot.costSteps[n - 1].toLocaleString('en-US')}; smoothed ${sig(smoothed[n - 1], 3)}.`,
    );
    expect(screen.getByTestId('accuracy-chart').getAttribute('aria-label')).toBe(
      'Accuracy per epoch, validation / test: untrained 9.8% / 10.1%; epoch 1 91.2% / 90.5%; epoch 2 93.4% / 93.0%.',
    );
    expect(screen.getByTestId('lr-chart').getAttribute('aria-label')).toMatch(
      /^Learning rate α: [\d.]+ at the start, [\d.]+ now; the schedule's next epochs [\d.]+, [\d.]+, [\d.]+\.$/,
    );
  });

  it('switches the cost axis to a log scale', async () => {
    render(<ChartsPanel />);
    fireEvent.click(screen.getByLabelText(/log scale/));
    const cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('.y-title')?.textContent).toBe('C (log)'));
  });

  it('draws the run a network replaced beside this one, on a scale of updates or of examples seen', async () => {
    const snapshot = useLab.getState().snapshot!;
    // this run: batch 32, 3,500 updates; the one before: batch 1, 5,000 updates (as many examples as 156 here)
    useLab.setState({
      earlierRun: {
        settings: { ...snapshot.settings, batchSize: 1, learningRate: 0.005, momentum: 0 },
        steps: Float64Array.from({ length: 200 }, (_, i) => (i + 1) * 25),
        values: Float32Array.from({ length: 200 }, (_, i) => 2.3 * Math.exp(-i / 40) + 0.2),
      },
    });
    render(<ChartsPanel />);
    const cost = screen.getByTestId('cost-chart');
    await waitFor(() => expect(cost.querySelector('path.earlier')?.getAttribute('d')?.length).toBeGreaterThan(100));
    // named by what set it apart, with its values
    expect(screen.getByTestId('cost-earlier-label').textContent).toBe(
      'before: learning rate 0.005, momentum 0, batch size 1',
    );
    expect(cost.textContent).toContain('before');
    // another batch size: the axis opens on examples seen (in updates, a GD run beside SGD's was a
    // one-pixel spike at 0)
    expect((screen.getByTestId('cost-x-axis') as HTMLSelectElement).value).toBe('examples');
    await waitFor(() => expect(cost.querySelector('.x-title')?.textContent).toBe('examples seen'));
    fireEvent.change(screen.getByTestId('cost-x-axis'), { target: { value: 'updates' } });
    await waitFor(() => expect(cost.querySelector('.x-title')?.textContent).not.toBe('examples seen'));
    // in updates, the earlier run's 5,000 updates reach past this run's
    const lastStep = snapshot.costSteps.at(-1)!;
    expect(lastStep).toBeLessThan(5000);
    const end = (d: string) => Math.max(...Array.from(d.matchAll(/[ML]([\d.]+),/g), (m) => Number(m[1])));
    const ends = () => ({
      now: end(cost.querySelector('path.raw')!.getAttribute('d')!),
      before: end(cost.querySelector('path.earlier')!.getAttribute('d')!),
    });
    expect(ends().before).toBeGreaterThan(ends().now);
    fireEvent.change(screen.getByTestId('cost-x-axis'), { target: { value: 'examples' } });
    await waitFor(() => expect(cost.querySelector('.x-title')?.textContent).toBe('examples seen'));
    // in examples seen, this run's updates count 32 each: it reaches past the earlier run's 5,000
    expect(lastStep * 32).toBeGreaterThan(5000);
    await waitFor(() => expect(ends().now).toBeGreaterThan(ends().before));
    // and it can be hidden
    fireEvent.click(screen.getByTestId('cost-earlier'));
    await waitFor(() => expect(cost.querySelector('path.earlier')?.getAttribute('d') ?? null).toBeNull());
  });

  it('does not draw a run of another cost function beside this one unless asked, and says why', async () => {
    const snapshot = useLab.getState().snapshot!;
    const other = snapshot.settings.loss === 'mse' ? 'categorical-ce' : 'mse';
    useLab.setState({
      earlierRun: {
        settings: { ...snapshot.settings, loss: other },
        steps: Float64Array.from({ length: 200 }, (_, i) => (i + 1) * 25),
        values: Float32Array.from({ length: 200 }, (_, i) => 0.1 * Math.exp(-i / 40) + 0.05),
      },
    });
    render(<ChartsPanel />);
    const cost = screen.getByTestId('cost-chart');
    const box = screen.getByTestId('cost-earlier') as HTMLInputElement;
    // the same batch size: the axis stays on updates
    expect((screen.getByTestId('cost-x-axis') as HTMLSelectElement).value).toBe('updates');
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('cost-earlier-label').textContent).toMatch(
      /^before: (squared error|categorical cross-entropy).*; another cost function, so its C is not comparable$/,
    );
    await waitFor(() => expect(cost.querySelector('path.raw')?.getAttribute('d')?.length).toBeGreaterThan(10));
    expect(cost.querySelector('path.earlier')?.getAttribute('d') ?? null).toBeNull();
    // asked for, it is drawn
    fireEvent.click(box);
    await waitFor(() => expect(cost.querySelector('path.earlier')?.getAttribute('d')?.length).toBeGreaterThan(100));
  });

  it('names the hovered cell and shows the test digits of a clicked one', async () => {
    render(<ChartsPanel />);
    const matrix = screen.getByTestId('confusion-matrix');
    // jsdom lays nothing out: the chart uses its fallback size and client = SVG coordinates
    const { left, top, cell } = confusionLayout({ width: 320, height: 240 });
    const at = { clientX: left + 9 * cell + cell / 2, clientY: top + 4 * cell + cell / 2 };
    fireEvent.pointerMove(matrix, at);
    expect(screen.getByTestId('confusion-readout').textContent).toBe('true 4 read as 9: 23 digits');
    fireEvent.click(matrix, at);
    expect(bridge.confusionCell).toHaveBeenCalledWith(4, 9, 24);
    // the hovered cell dashed, the chosen one a dark ring lined in white: in orange and amber they
    // were one colour to a red-green colour-blind reader (a colour-vision review)
    fireEvent.pointerMove(matrix, { clientX: left + 2 * cell + cell / 2, clientY: top + 7 * cell + cell / 2 });
    const outline = (name: string) => matrix.querySelector<SVGRectElement>(`rect.${name}`)!;
    await waitFor(() => expect(outline('hover')?.getAttribute('stroke-dasharray')).toBe('3 2'));
    expect(outline('selected').getAttribute('stroke-dasharray')).toBeNull();
    expect(outline('selected-inner').getAttribute('stroke')).toBe('white');
    expect(outline('selected-inner').getAttribute('display')).toBeNull();
    fireEvent.pointerMove(matrix, at);
    const digits = await screen.findByTestId('confusion-digits');
    await waitFor(() => expect(digits.querySelectorAll('button.digit-thumb').length).toBe(2));
    expect(bridge.testImages).toHaveBeenCalledWith([3, 7]);
    // still under the pointer, the cell clicked is named once, by its digits' heading (it was said twice)
    expect(screen.getAllByText('true 4 read as 9: 23 digits')).toHaveLength(1);
    expect(screen.getByTestId('confusion-readout').textContent).toBe('Its digits are shown beside; Esc closes them.');

    await act(async () => fireEvent.click(screen.getByLabelText('test #7, a 4')));
    const probe = useLab.getState().probe;
    expect(probe?.label).toBe('test #7');
    expect(probe?.input[0]).toBeCloseTo(128 / 255, 6);
    expect(screen.getByTestId('confusion-digit-output').textContent).toMatch(/test #7, a 4: the network reads \d/);

    // the cell is named once (in the digits' heading); the readout says what else can be done
    fireEvent.pointerLeave(matrix);
    expect(screen.getByTestId('confusion-readout').textContent).toBe('Another cell shows its digits; Esc closes them.');
    expect(screen.getAllByText('true 4 read as 9: 23 digits')).toHaveLength(1);
    // on a touch screen (no Esc key) it names the box's ×
    const matchMedia = window.matchMedia;
    window.matchMedia = ((q: string) =>
      ({ matches: q === '(pointer: coarse)' }) as MediaQueryList) as typeof matchMedia;
    try {
      fireEvent.pointerMove(matrix, at);
      fireEvent.pointerLeave(matrix);
      expect(screen.getByTestId('confusion-readout').textContent).toBe('Another cell shows its digits; × closes them.');
    } finally {
      window.matchMedia = matchMedia;
    }

    // new weights (a Step after the click): the readout and the network view's probe follow them
    const before = screen.getByTestId('confusion-digit-output').textContent;
    const old = useLab.getState().panelSnapshot!;
    // the output biases are the vector's last 10 numbers: make output 3 win
    const first = old.params.length - 10;
    const params = old.params.map((w, i) => (i >= first ? (i - first === 3 ? 50 : -50) : w));
    act(() => useLab.setState({ panelSnapshot: { ...old, params } }));
    expect(screen.getByTestId('confusion-digit-output').textContent).toMatch(/the network reads 3 /);
    expect(screen.getByTestId('confusion-digit-output').textContent).not.toBe(before);
    expect(useLab.getState().probe?.params).toBe(params);

    fireEvent.click(screen.getByLabelText('Close the digits'));
    expect(screen.queryByTestId('confusion-digits')).toBeNull();
    expect(useLab.getState().probe).toBeNull();
  });

  it('picks a cell with the keyboard', async () => {
    render(<ChartsPanel />);
    const matrix = screen.getByTestId('confusion-matrix');
    fireEvent.keyDown(matrix, { key: 'ArrowDown' });
    fireEvent.keyDown(matrix, { key: 'ArrowRight' });
    expect(screen.getByTestId('confusion-readout').textContent).toMatch(/^true 1 read as 1/);
    fireEvent.keyDown(matrix, { key: 'Enter' });
    expect(bridge.confusionCell).toHaveBeenCalledWith(1, 1, 24);
    const digits = await screen.findByTestId('confusion-digits');
    // Esc closes the digits again, and only that (prevented: the app's Esc would clear the
    // selection too); from inside the digits the focus goes back to the matrix, not the page
    const inside = digits.querySelector<HTMLElement>('button')!;
    inside.focus();
    expect(fireEvent.keyDown(inside, { key: 'Escape' })).toBe(false);
    expect(screen.queryByTestId('confusion-digits')).toBeNull();
    expect(document.activeElement).toBe(matrix);
  });

  it("an opened model file's network: says its costs are not in the file, then starts the axis with them", async () => {
    const opened = {
      ...syntheticSnapshot(),
      step: 11623,
      costSteps: new Float64Array(0),
      costValues: new Float32Array(0),
    };
    useLab.setState({ snapshot: opened, panelSnapshot: opened });
    const { rerender } = render(<ChartsPanel />);
    const cost = screen.getByTestId('cost-chart');
    // it said "No updates yet" beside a counter of 11,623
    await waitFor(() =>
      expect(cost.querySelector('.note')?.textContent).toContain('No costs of its 11,623 updates so far'),
    );
    const stepped = { ...opened, step: 11624, costSteps: Float64Array.of(11624), costValues: Float32Array.of(0.21) };
    act(() => useLab.setState({ snapshot: stepped, panelSnapshot: stepped }));
    rerender(<ChartsPanel />);
    // one point: a dot (a line of one point draws nothing), on an axis that starts with the costs, not at 0
    await waitFor(() => expect(cost.querySelector('circle.only-point')?.getAttribute('r')).toBe('3'));
    expect(cost.querySelector('.note')?.textContent).toBe('');
    const ticks = Array.from(cost.querySelectorAll('.x-axis .tick text'), (t) => t.textContent);
    expect(ticks).not.toContain('0');
    expect(ticks.length).toBeGreaterThan(0);
  });

  it('waits calmly before any training', async () => {
    useLab.setState({ panelSnapshot: null });
    render(<ChartsPanel />);
    await waitFor(() => expect(screen.getByTestId('cost-chart').textContent).toContain('No updates yet'));
    expect(screen.getByTestId('confusion-readout').textContent).toBe('Filled in after the first epoch.');
  });
});

describe('logTicks', () => {
  it('labels 1, 2 and 5 times a power of ten over two decades, only the powers over more', () => {
    const all = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
    expect(logTicks(all, [0.01, 1])).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks([0.001, 0.002, 0.005, 0.01, 0.1, 1, 2, 5], [0.001, 5])).toEqual([0.001, 0.01, 0.1, 1]);
    // within one decade every tick stays
    expect(logTicks([0.2, 0.3, 0.4, 0.5], [0.2, 0.5])).toEqual([0.2, 0.3, 0.4, 0.5]);
  });
});

/** Whether the label's box (11 px text, ~6.5 px a character) crosses the chart's solid rate curve. */
function labelOnCurve(svg: SVGSVGElement): boolean {
  const label = svg.querySelector('.now-label')!;
  const width = label.textContent!.length * 6.5;
  const x = Number(label.getAttribute('x'));
  const base = Number(label.getAttribute('y'));
  const [left, right] = label.getAttribute('text-anchor') === 'end' ? [x - width, x] : [x, x + width];
  const [top, bottom] = [base - 11, base + 3];
  const nums = (svg.querySelector('path.used')!.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
  const pts: [number, number][] = [];
  for (let k = 0; k + 1 < nums.length; k += 2) pts.push([nums[k], nums[k + 1]]);
  for (let k = 1; k < pts.length; k++) {
    const [[x1, y1], [x2, y2]] = [pts[k - 1], pts[k]];
    const xs = [Math.min(x1, x2), Math.max(x1, x2)];
    const ys = [Math.min(y1, y2), Math.max(y1, y2)];
    if (xs[1] >= left && xs[0] <= right && ys[1] >= top && ys[0] <= bottom) return true;
  }
  return false;
}

describe('the learning-rate chart’s “now α” label', () => {
  it('stays off the falling curve wherever training is (it sat on it, above-left of the dot)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const rates = Array.from({ length: 15 }, (_, e) => ({ epoch: e, rate: 0.02 * 0.7 ** e }));
    for (const at of [0, 2, 5, 8, 11, 14]) {
      const used = rates.slice(0, at + 1);
      drawLearningRateChart(
        svg,
        { used, next: rates.slice(at), progress: at + 0.5, currentRate: rates[at].rate },
        { width: 320, height: 160 },
      );
      expect(labelOnCurve(svg), `at epoch ${at}`).toBe(false);
    }
  });

  it('starts inside the plot in a narrow chart (it ran over the α axis: “how α = 0.0565”)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const rates = Array.from({ length: 16 }, (_, e) => ({ epoch: e, rate: 2 * 0.7 ** e }));
    const at = 10;
    drawLearningRateChart(
      svg,
      { used: rates.slice(0, at + 1), next: rates.slice(at), progress: at + 0.5, currentRate: rates[at].rate },
      { width: 180, height: 200 },
    );
    const label = svg.querySelector('.now-label')!;
    expect(label.getAttribute('text-anchor')).toBe('end');
    expect(Number(label.getAttribute('x')) - label.textContent!.length * 6.5).toBeGreaterThanOrEqual(0);
    expect(labelOnCurve(svg)).toBe(false);
  });
});
