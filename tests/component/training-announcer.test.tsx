import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { EPOCH_SAID_EVERY_MS, TrainingAnnouncer } from '../../src/views/controls/TrainingAnnouncer';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();
afterEach(() => {
  useLab.setState(initial, true);
  vi.useRealTimers();
});

it('while playing says an epoch’s end at most once in a while (at speed max they came every 0.7 s)', () => {
  vi.useFakeTimers({ toFake: ['performance'] });
  const base = syntheticSnapshot();
  const record = base.epochs[base.epochs.length - 1];
  let snapshot = { ...base, playing: true };
  useLab.setState({ snapshot });
  render(<TrainingAnnouncer />);
  const status = screen.getByTestId('training-status');
  const endEpoch = () => {
    const epoch = snapshot.epoch + 1;
    snapshot = {
      ...snapshot,
      epoch,
      step: snapshot.step + 100,
      epochs: [...snapshot.epochs, { ...record, epoch, testAccuracy: 0.9 + epoch / 1000 }],
    };
    act(() => useLab.setState({ snapshot }));
  };
  endEpoch();
  const first = status.textContent;
  expect(first).toMatch(/^Epoch \d+ done: test accuracy/);
  vi.advanceTimersByTime(700);
  endEpoch();
  expect(status.textContent).toBe(first);
  vi.advanceTimersByTime(EPOCH_SAID_EVERY_MS);
  endEpoch();
  expect(status.textContent).not.toBe(first);
  expect(status.textContent).toMatch(/^Epoch \d+ done/);
  // paused, each epoch stepped is said
  snapshot = { ...snapshot, playing: false };
  act(() => useLab.setState({ snapshot }));
  expect(status.textContent).toMatch(/^Paused at update/);
  endEpoch();
  expect(status.textContent).toMatch(/^Epoch \d+ done/);
});
