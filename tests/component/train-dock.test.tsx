/**
 * Free play on small screens: while the controls' buttons are out of view, a bar at the screen's
 * foot has Play / Pause, Step example and Step batch, and the count and cost they change.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { Controls } from '../../src/views/controls/Controls';
import { TRAIN_DOCK_SCREENS } from '../../src/views/controls/TrainDock';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();

/** The controls' buttons in view (wholly, partly: a share, or not), on a screen where the bar may come (`small`) or not. */
function screenOf(small: boolean, buttonsInView: boolean | number): void {
  const ratio = typeof buttonsInView === 'number' ? buttonsInView : buttonsInView ? 1 : 0;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private readonly report: IntersectionObserverCallback) {}
      observe(): void {
        this.report(
          [{ isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry],
          this as never,
        );
      }
      disconnect(): void {}
    },
  );
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      disconnect(): void {}
    },
  );
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query === TRAIN_DOCK_SCREENS ? small : false,
    addEventListener() {},
    removeEventListener() {},
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  useLab.setState(initial, true);
});

it('comes when the controls’ buttons are scrolled away on a small screen, with Play and the steps working', () => {
  screenOf(true, false);
  const toggle = vi.spyOn(trainer, 'togglePlay').mockResolvedValue();
  const stepExample = vi.spyOn(trainer, 'stepExample').mockResolvedValue();
  const stepUpdate = vi.spyOn(trainer, 'stepUpdate').mockResolvedValue();
  useLab.setState({
    snapshot: { ...syntheticSnapshot(), playing: false, step: 1234, cost: 0.31234, batchStepped: 3, batchSize: 32 },
    busy: false,
    lesson: null,
  });
  render(<Controls />);
  const bar = screen.getByTestId('train-dock');
  // on the page's body: inside the panel, "fixed" sat at the panel's top where it is contained
  expect(bar.parentElement).toBe(document.body);
  // the test accuracy after the latest epoch too: while training plays the bar covers the
  // controls' numbers (a projector review)
  expect(screen.getByTestId('train-dock-numbers').textContent).toBe(
    'update 1,234 · cost 0.3123 · test 93.0% · 3/32 stepped',
  );
  fireEvent.click(screen.getByTestId('train-dock-play'));
  expect(toggle).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByTestId('train-dock-step-example'));
  expect(stepExample).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByTestId('train-dock-step-batch'));
  expect(stepUpdate).toHaveBeenCalledTimes(1);
});

it('says Pause while playing; before the first update, no cost and no accuracy', () => {
  screenOf(true, false);
  useLab.setState({
    snapshot: { ...syntheticSnapshot(), playing: true, step: 0, batchStepped: 0, epochs: [] },
    lesson: null,
  });
  render(<Controls />);
  expect(screen.getByTestId('train-dock-play').textContent).toBe('❚❚ Pause');
  expect(screen.getByTestId('train-dock-numbers').textContent).toBe('update 0');
});

it('before the first network, says what it waits for: the digits, or the message about their failure', () => {
  screenOf(true, false);
  const progress = { loadedBytes: 1, totalBytes: 2, fromCache: false, filesRead: 0, filesUnpacked: 0, files: 4 };
  useLab.setState({ snapshot: null, data: { kind: 'loading', progress }, lesson: null });
  const { unmount } = render(<Controls />);
  // it said "building the network…" for the minute a slow line took to bring the digits
  expect(screen.getByTestId('train-dock-numbers').textContent).toBe('waiting for the digits…');
  unmount();
  useLab.setState({ data: { kind: 'error', message: 'Could not download' } });
  render(<Controls />);
  expect(screen.getByTestId('train-dock-numbers').textContent).toBe(
    'no network: the message above says why, with Retry',
  );
});

it('while playing, says the numbers of the snapshot the panels show, as the controls do', () => {
  screenOf(true, false);
  const base = syntheticSnapshot();
  const shown = { ...base, playing: true, step: 3126, cost: 0.25, batchStepped: 0 };
  // the newest snapshot is an epoch further on than the panels' (they redraw at most every 250 ms)
  const newest = {
    ...shown,
    step: 4689,
    cost: 0.2,
    epochs: [...base.epochs, { ...base.epochs[1], epoch: 3, testAccuracy: 0.95 }],
  };
  useLab.setState({ snapshot: newest, panelSnapshot: shown, lesson: null });
  render(<Controls />);
  expect(screen.getByTestId('train-dock-numbers').textContent).toBe('update 3,126 · cost 0.25 · test 93.0%');
});

it('stays away while the controls’ buttons are in view, on a wide mouse screen, and in the lesson (it has its own bar)', () => {
  for (const [small, inView, lesson] of [
    [true, true, null],
    [false, false, null],
    [true, false, 2],
  ] as const) {
    screenOf(small, inView);
    useLab.setState({ snapshot: syntheticSnapshot(), lesson });
    const { unmount } = render(<Controls />);
    expect(screen.queryByTestId('train-dock')).toBeNull();
    unmount();
  }
});

it('comes while the buttons are only partly on screen (12 px of Play at a portrait tablet’s foot kept it away)', () => {
  screenOf(true, 0.3);
  useLab.setState({ snapshot: syntheticSnapshot(), lesson: null });
  render(<Controls />);
  expect(screen.getByTestId('train-dock')).toBeTruthy();
});
