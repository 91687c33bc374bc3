import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { useLab } from '../../src/store/lab-store';
import { DataStatusPanel } from '../../src/views/shell/DataStatus';
import { stubObservers } from '../helpers/observer-stubs';

const initial = useLab.getState();
afterEach(() => useLab.setState(initial, true));

const loading = (loadedBytes: number) => ({
  kind: 'loading' as const,
  progress: { loadedBytes, totalBytes: 11_243_332, fromCache: false, filesRead: 0, filesUnpacked: 0, files: 4 },
});

it('says what is loading once; the megabytes, changing many times a second, are shown but not said at each change', () => {
  useLab.setState({ data: loading(1_000_000) });
  render(<DataStatusPanel />);
  const live = screen.getByRole('status');
  expect(live.textContent).toBe('Loading 70,000 real handwritten digits (MNIST)');
  expect(screen.getByTestId('data-loading').textContent).toMatch(/: 1\.0 of 11\.2 MB$/);
  act(() => useLab.setState({ data: loading(3_200_000) }));
  expect(screen.getByTestId('data-loading').textContent).toMatch(/: 3\.2 of 11\.2 MB$/);
  expect(screen.getByRole('status').textContent).toBe('Loading 70,000 real handwritten digits (MNIST)');
  // the bar holds the progress for a reader who asks
  expect(Number(screen.getByLabelText('Data download progress').getAttribute('value'))).toBeCloseTo(3.2 / 11.24, 2);
});

describe('a load that failed', () => {
  beforeEach(() => stubObservers());
  const failed = {
    kind: 'error' as const,
    message: 'Could not download train-images-idx3-ubyte.gzip: Failed to fetch',
  };
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('is said where the progress was, at the foot of the screen, for a student scrolled down to the draw pad', () => {
    useLab.setState({ data: failed });
    const { container } = render(<DataStatusPanel />);
    // the slot is fixed at the foot; at the page's top, the error went unseen below the fold
    expect(screen.getByTestId('data-error').parentElement).toBe(container.querySelector('.data-status-slot'));
    expect(screen.getByTestId('data-error').textContent).toMatch(
      /^The digits could not be loaded\. Could not download train-images-idx3-ubyte\.gzip: Failed to fetch\. Retry$/,
    );
  });

  it('counts the Retries that failed again (the same message looked as if Retry did nothing), and forgets them once loaded', async () => {
    const retry = vi.spyOn(trainer, 'retry').mockResolvedValue();
    useLab.setState({ data: failed });
    render(<DataStatusPanel />);
    fireEvent.click(screen.getByTestId('retry-load'));
    act(() => useLab.setState({ data: loading(0) }));
    act(() => useLab.setState({ data: failed }));
    expect(screen.getByTestId('data-error').textContent).toMatch(/Failed to fetch\. Tried again once\.Retry$/);
    fireEvent.click(screen.getByTestId('retry-load'));
    expect(screen.getByTestId('data-error').textContent).toMatch(/Tried again 2 times\./);
    expect(retry).toHaveBeenCalledTimes(2);
    act(() => useLab.setState({ data: { kind: 'ready', fromCache: false, trainCount: 50_000 } }));
    act(() => useLab.setState({ data: failed }));
    expect(screen.getByTestId('data-error').textContent).not.toMatch(/Tried again/);
  });

  it('offline: says so, and loads by itself when the browser is back online', () => {
    const retry = vi.spyOn(trainer, 'retry').mockResolvedValue();
    vi.stubGlobal('navigator', { ...navigator, onLine: false });
    useLab.setState({ data: failed });
    render(<DataStatusPanel />);
    expect(screen.getByTestId('data-error').textContent).toMatch(
      /^This device is offline\. The digits could not be loaded\. .* It loads by itself when the connection is back\.Retry$/,
    );
    act(() => void window.dispatchEvent(new Event('online')));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('an engine that failed to start is not tried again on its own when the browser comes online', () => {
    const retry = vi.spyOn(trainer, 'retry').mockResolvedValue();
    useLab.setState({ data: { kind: 'error', message: 'The training engine stopped.', engine: true } });
    render(<DataStatusPanel />);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(retry).not.toHaveBeenCalled();
  });
});

it('says when nothing has arrived for 10 s, though no progress message comes to say it (the bar stood still for 30 s)', () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  try {
    useLab.setState({ data: loading(4_500_000) });
    render(<DataStatusPanel />);
    act(() => void vi.advanceTimersByTime(9_000));
    expect(screen.getByTestId('data-loading').textContent).not.toMatch(/Nothing has arrived/);
    act(() => void vi.advanceTimersByTime(3_000));
    expect(screen.getByTestId('data-loading').textContent).toMatch(
      /: 4\.5 of 11\.2 MB\. Nothing has arrived for 12 s: the connection may be busy or down \(if nothing comes by 30 s, it stops and offers Retry\)$/,
    );
    // bytes again: the notice goes
    act(() => useLab.setState({ data: loading(4_600_000) }));
    expect(screen.getByTestId('data-loading').textContent).not.toMatch(/Nothing has arrived/);
  } finally {
    vi.useRealTimers();
  }
});
