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

it('names the neuron whose weights are in view, and says when it is the first column’s digit', () => {
  const snapshot = { ...syntheticSnapshot(), batchStepped: 1 };
  const n = snapshot.params.length;
  const first = { ...snapshot.nextExample, label: 9 };
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    selectedNeuron: null,
    lastUpdate: null,
    batchColumns: [{ example: first, positionInBatch: 0, gradient: new Float32Array(n) }],
  });
  render(<BatchTable />);
  const L = snapshot.spec.sizes.length - 1;
  scrollToParam(paramIndex(snapshot.spec, L, 9, 0));
  expect(screen.getByTestId('batch-rows-of').textContent).toBe(
    'rows here: the weights into output neuron 9, the first column’s digit (click a neuron for its own)',
  );
  scrollToParam(paramIndex(snapshot.spec, 1, 3, 5));
  expect(screen.getByTestId('batch-rows-of').textContent).toBe('rows here: the weights into layer 1 neuron 3');
});
