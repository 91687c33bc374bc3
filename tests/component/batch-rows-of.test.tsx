/**
 * The weight table says whose parameters its rows in view are: with nothing selected it stays on
 * the batch's first digit's output neuron while the Nudges tab follows each example's, and the
 * two panels' numbers looked unrelated (a laptop review).
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { paramIndex } from '../../src/engine';
import { useLab } from '../../src/store/lab-store';
import { BatchTable } from '../../src/views/batch-table/BatchTable';
import { stubCanvas2d } from '../helpers/canvas-stub';
import { stubObservers } from '../helpers/observer-stubs';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();
beforeEach(() => {
  stubCanvas2d();
  stubObservers();
});
afterEach(() => {
  vi.unstubAllGlobals();
  useLab.setState(initial, true);
});

function scrollToParam(index: number) {
  const box = document.querySelector<HTMLElement>('.batch-scroll')!;
  const rowHeight = 20;
  Object.defineProperty(box, 'scrollTop', { configurable: true, value: index * rowHeight, writable: true });
  fireEvent.scroll(box);
}

/** The table with one stepped example, `example` changing the batch's first one; returns the snapshot. */
function renderWithOneColumn(example: { index?: number; label?: number }) {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 1 };
  const n = snapshot.params.length;
  const first = { ...snapshot.nextExample, ...example };
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    selectedNeuron: null,
    lastUpdate: null,
    batchColumns: [{ example: first, positionInBatch: 0, gradient: new Float32Array(n) }],
  });
  render(<BatchTable />);
  return snapshot;
}

it('names the neuron whose weights are in view, and says when it is the first column’s digit', () => {
  const snapshot = renderWithOneColumn({ label: 9 });
  const L = snapshot.spec.sizes.length - 1;
  scrollToParam(paramIndex(snapshot.spec, L, 9, 0));
  expect(screen.getByTestId('batch-rows-of').textContent).toBe(
    'rows here: the weights into output neuron 9, the first column’s digit (click a neuron for its own)',
  );
  scrollToParam(paramIndex(snapshot.spec, 1, 3, 5));
  expect(screen.getByTestId('batch-rows-of').textContent).toBe('rows here: the weights into layer 1 neuron 3');
});

it('writes each column’s rows in view in one notation ("+6.60×10⁻⁵" over "−0.000434" read as unrelated)', () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 1 };
  const n = snapshot.params.length;
  const gradient = new Float32Array(n);
  gradient.set([6.6e-5, -7.96e-5, -4.34e-4, -2.05e-4], 0);
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    selectedNeuron: null,
    lastUpdate: null,
    tableNudges: false,
    batchColumns: [{ example: snapshot.nextExample, positionInBatch: 0, gradient }],
  });
  render(<BatchTable />);
  scrollToParam(0);
  const cells = [...document.querySelectorAll('tbody tr')]
    .slice(1, 5)
    .map((row) => row.querySelectorAll('td')[0]?.textContent);
  expect(cells).toEqual(['+0.000066', '−0.000080', '−0.000434', '−0.000205']);
});

it('says how many rows the virtualised table has and where each row in the page stands, and names each example’s column in words', () => {
  const snapshot = renderWithOneColumn({ index: 4321, label: 7 });
  const n = snapshot.params.length;
  const L = snapshot.spec.sizes.length - 1;
  const at = paramIndex(snapshot.spec, L, 2, 0);
  scrollToParam(at);
  const table = document.querySelector('.batch-scroll table')!;
  expect(table.getAttribute('aria-rowcount')).toBe(String(n + 1));
  const rows = [...table.querySelectorAll('tbody tr[aria-rowindex]')];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(n);
  // every row in the page says its own place: the parameter's index + 2 (the header is row 1)
  for (const row of rows) {
    const index = Number(row.getAttribute('aria-rowindex')) - 2;
    expect(row.querySelector('th')!.textContent).toContain(index.toLocaleString('en-US'));
  }
  expect(rows.some((row) => row.getAttribute('aria-rowindex') === String(at + 2))).toBe(true);
  // the spacer rows are not rows to a screen reader
  for (const row of table.querySelectorAll('tbody tr:not([aria-rowindex])'))
    expect(row.getAttribute('aria-hidden')).toBe('true');
  expect(table.querySelector('thead th:nth-child(2)')!.textContent).toBe('example #4321, a 7');
});
