/** The controls' numbers, against made-up snapshots. */
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { Controls } from '../../src/views/controls/Controls';
import { Presets } from '../../src/views/controls/Presets';
import { SessionMenu } from '../../src/views/shell/SessionMenu';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => {
  useLab.setState({ snapshot: null, panelSnapshot: null, busy: false });
  vi.restoreAllMocks();
});

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

it('at full-batch GD the epoch reads "1 update per epoch", not "0% into epoch 4" after every update', () => {
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
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 1 update per epoch');
  // on a line of its own: beside the count it ran past its column
  expect(screen.getByText('1 update per epoch').classList.contains('below')).toBe(true);
  // examples stepped into GD's one batch: how far the epoch is
  useLab.setState({ snapshot: at(50_000, 12_500) });
  rerender(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 25% into epoch 4');
  useLab.setState({ snapshot: at(32, 0) });
  rerender(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 0% into epoch 4');
  // 80 examples short of the epoch's end is not yet 100%
  useLab.setState({ snapshot: at(64, 49_920) });
  rerender(<Controls />);
  expect(screen.getByTestId('epoch-count').textContent).toBe('3 99% into epoch 4');
});

it('Play waits while the trainer is busy (New session trained the network it set aside); Pause never waits', () => {
  const toggle = vi.spyOn(trainer, 'togglePlay').mockResolvedValue();
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false }, busy: true });
  const { rerender } = render(<Controls />);
  const play = screen.getByTestId('play');
  expect(play.getAttribute('aria-disabled')).toBe('true');
  fireEvent.click(play);
  expect(toggle).not.toHaveBeenCalled();
  useLab.setState({ busy: false });
  rerender(<Controls />);
  fireEvent.click(screen.getByTestId('play'));
  expect(toggle).toHaveBeenCalledTimes(1);
  // playing (a Step epoch holds busy): Pause still works
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: true }, busy: true });
  rerender(<Controls />);
  expect(screen.getByTestId('play').getAttribute('aria-disabled')).toBeNull();
  fireEvent.click(screen.getByTestId('play'));
  expect(toggle).toHaveBeenCalledTimes(2);
});

it('before the first update the test accuracy is the untrained network’s, said as such; after it, measured after each epoch', () => {
  const base = syntheticSnapshot();
  useLab.setState({ snapshot: { ...base, step: 0, epoch: 0, epochs: [] } });
  const { rerender } = render(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toBe('10.1% untrained');
  // trained a little, no epoch ended: not the untrained figure any more
  useLab.setState({ snapshot: { ...base, step: 40, epoch: 0, epochs: [] } });
  rerender(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).not.toMatch(/%/);
  useLab.setState({ snapshot: base });
  rerender(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toBe('93.0%');
});

it('the test accuracy says when it was measured, and keeps its second line from loading on', () => {
  // loading: no network yet
  useLab.setState({ snapshot: null });
  const { rerender } = render(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toBe('-not built yet');
  expect(screen.queryByTestId('accuracy-when')).toBeNull();
  // updates made, no epoch yet: not a bare "-" (it read as a number lost)
  const base = syntheticSnapshot();
  useLab.setState({ snapshot: { ...base, step: 40, epochs: [] } });
  rerender(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toBe('-');
  expect(screen.getByTestId('accuracy-when').textContent).toBe('after the first epoch');
  // two epochs in
  useLab.setState({ snapshot: base });
  rerender(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toMatch(/%$/);
  expect(screen.getByTestId('accuracy-when').textContent).toBe('after epoch 2');
  // an opened model file saved in the middle of its first epoch: measured when opened, at its update
  const opened = { ...base.epochs.at(-1)!, epoch: 0, step: 1302, seconds: null, testAccuracy: 0.925 };
  useLab.setState({ snapshot: { ...base, step: 1302, epoch: 0, epochs: [opened] } });
  rerender(<Controls />);
  expect(screen.getByTestId('accuracy').textContent).toBe('92.5%');
  expect(screen.getByTestId('accuracy-when').textContent).toBe('at update 1,302');
});

it('gives the cost’s trend beside the last batch’s (one batch’s cost rose while accuracy rose, and read as "the cost now")', () => {
  const base = syntheticSnapshot();
  // a long run near 0.3, and a last batch that happened to cost 2
  const costValues = Float32Array.from({ length: 1000 }, (_, i) => (i === 999 ? 2 : 0.3));
  const costSteps = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
  useLab.setState({ snapshot: { ...base, cost: 2, costValues, costSteps } });
  render(<Controls />);
  expect(screen.getByTestId('cost').textContent).toBe('2');
  // the chart's smoothed line, an EMA over 2% of the points (window 20, weight 2/21 on the newest):
  // 0.3 + (2 - 0.3) * 2/21 = 0.462
  expect(screen.getByTestId('cost-smoothed').textContent).toBe('smoothed 0.462');
});

it('keeps the updates/s line’s place while paused (it came and went with Play, moving the page above the charts)', () => {
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: false }, busy: false });
  const { container, rerender } = render(<Controls />);
  expect(screen.queryByTestId('updates-per-second')).toBeNull();
  const idle = container.querySelector('.updates-rate.idle');
  expect(idle?.getAttribute('aria-hidden')).toBe('true');
  useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: true, updatesPerSecond: 123.4 } });
  rerender(<Controls />);
  expect(screen.getByTestId('updates-per-second').textContent).toBe('123 updates/s');
  expect(container.querySelectorAll('.updates-rate')).toHaveLength(1);
  expect(container.querySelector('.updates-rate.idle')).toBeNull();
});

it('before the first network, Play and the steps say why they are greyed out; once built, not', () => {
  useLab.setState({ snapshot: null });
  const { rerender } = render(<Controls />);
  for (const id of ['play', 'step-example', 'step-batch', 'step-epoch']) {
    expect(screen.getByTestId(id).getAttribute('title')).toBe('Works once the digits are in and the network is built');
    expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
  }
  useLab.setState({ snapshot: syntheticSnapshot() });
  rerender(<Controls />);
  expect(screen.getByTestId('play').getAttribute('title')).toBeNull();
  expect(screen.getByTestId('step-batch').getAttribute('title')).toBeNull();
  expect(screen.getByTestId('step-example').getAttribute('title')).not.toMatch(/Works once/);
});

it('before the first network, Save, Open, New session and Presets say why they are greyed out too', () => {
  useLab.setState({ snapshot: null });
  const menus = () => (
    <>
      <SessionMenu />
      <Presets />
    </>
  );
  const { rerender } = render(menus());
  for (const id of ['export-model', 'import-model', 'new-session', 'preset'])
    expect(screen.getByTestId(id).getAttribute('title')).toBe('Works once the digits are in and the network is built');
  useLab.setState({ snapshot: syntheticSnapshot() });
  rerender(menus());
  expect(screen.getByTestId('export-model').getAttribute('title')).toBeNull();
  expect(screen.getByTestId('new-session').getAttribute('title')).toMatch(/^Default settings and a fresh network/);
  expect(screen.getByTestId('preset').getAttribute('title')).toBe('Set all the training settings at once');
});
