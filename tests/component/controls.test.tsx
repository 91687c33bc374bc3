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
