/**
 * The weight table's momentum part is known before Step batch (−α·μ·v from the velocity the batch
 * starts with): it filled only at Step batch, with the update.
 */
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings';
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

function withAhead(learningRate: number) {
  const base = syntheticSnapshot();
  const snapshot = {
    ...base,
    settings: { ...DEFAULT_SETTINGS, momentum: 0.9 },
    batchStepped: 1,
    learningRate: 0.02,
  };
  const n = snapshot.params.length;
  const values = Float32Array.from({ length: n }, (_, i) => ((i % 7) - 3) * 1e-4);
  useLab.setState({
    snapshot,
    panelSnapshot: snapshot,
    lastUpdate: null,
    batchColumns: [{ example: snapshot.nextExample, positionInBatch: 0, gradient: new Float32Array(n) }],
    momentumAhead: { values, learningRate, momentum: 0.9, update: snapshot.step },
  });
  return values;
}

it('shows the momentum part of the coming update from the batch’s first example, before Step batch', () => {
  const values = withAhead(0.02);
  render(<BatchTable />);
  expect(screen.getByTestId('momentum-ahead').textContent).toContain('known now');
  const cells = document.querySelectorAll<HTMLElement>('[data-testid^="momentum-"][data-value]');
  expect(cells.length).toBeGreaterThan(5);
  for (const c of cells) {
    const r = Number(c.dataset.testid!.slice('momentum-'.length));
    expect(Number(c.dataset.value)).toBe(values[r]);
  }
});

it('not once α has changed since the batch began (the update will use the new one)', () => {
  withAhead(0.03);
  render(<BatchTable />);
  expect(screen.queryByTestId('momentum-ahead')).toBeNull();
  expect(document.querySelectorAll('[data-testid^="momentum-"][data-value]').length).toBe(0);
});
