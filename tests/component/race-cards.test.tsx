/**
 * The GD vs SGD race's small charts are drawn at their card's share of the row: scaled down from a
 * fixed 144 px, their 10-11 px words were 7-8 px on a tablet's and a phone's side column.
 */
import { render } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { SurfacePath } from '../../src/protocol/surface-api';
import { RaceCurves } from '../../src/views/surface/SurfaceSide';

/** The race row `width` px wide (ResizeObserver reports it). */
function rowOf(width: number): void {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly report: ResizeObserverCallback) {}
      observe(): void {
        this.report([{ contentRect: { width, height: 300 } } as ResizeObserverEntry], this as never);
      }
      disconnect(): void {}
    },
  );
}

const walk = (name: string, label: string, batchSize: number): SurfacePath => ({
  name,
  label,
  diverged: false,
  batchSize,
  points: [0, 500, 1000].map((step, k) => ({ step, alpha: k, beta: 0, distance: 0, cost: 2 / (k + 1) })),
});
const paths = [
  walk('gd', 'full-batch GD', 1000),
  walk('minibatch', 'mini-batch SGD', 16),
  walk('sgd', 'one-example SGD', 1),
];

afterEach(() => vi.unstubAllGlobals());

/** Each chart's drawn width (its viewBox) and where its axis name is centred. */
function charts(container: HTMLElement) {
  return [...container.querySelectorAll<SVGSVGElement>('svg[role="img"]')].map((svg) => ({
    width: svg.viewBox.baseVal.width,
    nameX: Number([...svg.querySelectorAll('text')].find((t) => t.textContent === 'examples seen')!.getAttribute('x')),
  }));
}

it('three cards in a 316 px row are drawn 102 px wide, their axis name centred on the card (it ran off its right edge)', () => {
  rowOf(316);
  const { container } = render(<RaceCurves paths={paths} />);
  expect(charts(container)).toEqual(Array(3).fill({ width: 102, nameX: 51 }));
});

it('a wide row draws them at most 160 px, the axis name centred under the plot', () => {
  rowOf(900);
  const { container } = render(<RaceCurves paths={paths} />);
  // plot from x = 44 to 160 - 8
  expect(charts(container)).toEqual(Array(3).fill({ width: 160, nameX: (44 + 152) / 2 }));
});
