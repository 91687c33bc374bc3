import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { DataStatusPanel } from '../../src/views/shell/DataStatus';

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
