/** The controls' numbers, against made-up snapshots. */
import { render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { Controls } from '../../src/views/controls/Controls';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => useLab.setState({ snapshot: null, panelSnapshot: null }));

it('says when the schedule has lowered α under a thousandth of α₀ (playing on changes almost nothing)', () => {
  const base = syntheticSnapshot();
  const at = (learningRate: number) => ({ ...base, learningRate, settings: { ...base.settings, learningRate: 0.02 } });
  useLab.setState({ snapshot: at(0.02 * 0.7 ** 10) });
  const { rerender } = render(<Controls />);
  expect(screen.queryByTestId('lr-faded')).toBeNull();
  useLab.setState({ snapshot: at(0.02 * 0.7 ** 25) });
  rerender(<Controls />);
  expect(screen.getByTestId('lr-faded').textContent).toMatch(/barely move/);
});

it('at full-batch GD the epoch reads "one update each", not "0% done" after every update', () => {
  const base = syntheticSnapshot();
  const at = (batchSize: number, positionInEpoch: number) => ({
    ...base,
    epoch: 3,
    batchSize,
    positionInEpoch,
    examplesPerEpoch: 50_000,
  });
  useLab.setState({ snapshot: at(50_000, 0) });
  const { rerender } = render(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 · one update each');
  // examples stepped into GD's one batch: how far the epoch is
  useLab.setState({ snapshot: at(50_000, 12_500) });
  rerender(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 · 25% done');
  useLab.setState({ snapshot: at(32, 0) });
  rerender(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 · 0% done');
});
