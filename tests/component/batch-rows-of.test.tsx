/**
 * The weight table says whose parameters its rows in view are: with nothing selected it stays on
 * the batch's first digit's output neuron while the Nudges tab follows each example's, and the
 * two panels' numbers looked unrelated (a laptop review).
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { paramIndex } from '../../src/engine';
import type { ExampleStep } from '../../src/protocol/snapshot';
import { useLab, type LabState } from '../../src/store/lab-store';
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

/** The table on a snapshot with nothing selected, no update applied, gradients shown, and `state`. */
function showTable(snapshot: ReturnType<typeof syntheticSnapshot>, state: Partial<LabState>) {
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    selectedNeuron: null,
    lastUpdate: null,
    tableNudges: false,
    ...state,
  });
  render(<BatchTable />);
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
    lastExample: {
      example: first,
      positionInBatch: 0,
      batchSize: 32,
      params: snapshot.params,
    } as unknown as ExampleStep,
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

it('says which neuron the inspector shows when the example just stepped is another digit than the first column’s', () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 2 };
  const n = snapshot.params.length;
  const L = snapshot.spec.sizes.length - 1;
  const column = (label: number, positionInBatch: number) => ({
    example: { ...snapshot.nextExample, index: 100 + positionInBatch, label },
    positionInBatch,
    gradient: new Float32Array(n),
  });
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    selectedNeuron: null,
    lastUpdate: null,
    batchColumns: [column(1, 0), column(4, 1)],
    // the inspector's example: the one just stepped
    lastExample: { ...column(4, 1), batchSize: 32, params: snapshot.params } as unknown as ExampleStep,
  });
  render(<BatchTable />);
  scrollToParam(paramIndex(snapshot.spec, L, 1, 0));
  expect(screen.getByTestId('batch-rows-of').textContent).toBe(
    'rows here: the weights into output neuron 1, the first column’s digit; the inspector shows output neuron 4, the digit of example #101 (click a neuron for one in both)',
  );
  // a test digit picked from the confusion matrix: the inspector's, named as such
  act(() =>
    useLab.setState({
      probe: {
        input: new Float32Array(784),
        spec: snapshot.spec,
        params: snapshot.params,
        label: 'test #45',
        trueLabel: 7,
      },
    }),
  );
  expect(screen.getByTestId('batch-rows-of').textContent).toBe(
    'rows here: the weights into output neuron 1, the first column’s digit; the inspector shows output neuron 7, the digit of test #45 (click a neuron for one in both)',
  );
});

it('writes each column’s rows in view in one notation ("+6.60×10⁻⁵" over "−0.000434" read as unrelated)', () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 1 };
  const n = snapshot.params.length;
  const gradient = new Float32Array(n);
  gradient.set([6.6e-5, -7.96e-5, -4.34e-4, -2.05e-4], 0);
  showTable(snapshot, { batchColumns: [{ example: snapshot.nextExample, positionInBatch: 0, gradient }] });
  scrollToParam(0);
  const cells = [...document.querySelectorAll('tbody tr')]
    .slice(1, 5)
    .map((row) => row.querySelectorAll('td')[0]?.textContent);
  expect(cells).toEqual(['+0.000066', '−0.000080', '−0.000434', '−0.000205']);
});

it('writes the examples’ columns and their average in one notation, so a row reads across to its average', () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 2 };
  const n = snapshot.params.length;
  const big = new Float32Array(n);
  const small = new Float32Array(n);
  big.set([-0.334, 0.1, 0.2, 0.05], 0);
  small.set([0.0194, 0.0012, -0.0031, 0.0004], 0);
  showTable(snapshot, {
    batchColumns: [
      { example: snapshot.nextExample, positionInBatch: 0, gradient: big },
      { example: { ...snapshot.nextExample, index: 7 }, positionInBatch: 1, gradient: small },
    ],
    lastExample: {
      example: { ...snapshot.nextExample, index: 7 },
      positionInBatch: 1,
      batchSize: 32,
      params: snapshot.params,
      runningAverage: big.map((g, r) => (g + small[r]) / 2),
    } as unknown as ExampleStep,
  });
  scrollToParam(0);
  const row = [...document.querySelectorAll('tbody tr')][1];
  const cells = [...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent);
  // (each column in its own: "−0.334" beside "+0.0194"), the average to the same places
  expect(cells).toEqual(['\u22120.334', '+0.019', '\u22120.157']);
  expect(screen.getByTestId('avg-0').textContent).toBe('\u22120.157');
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
