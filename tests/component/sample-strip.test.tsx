import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { STRIP_DIGIT } from '../../src/render/sample-strip';
import { useLab } from '../../src/store/lab-store';
import { SampleStrip } from '../../src/views/samples/SampleStrip';
import { stubCanvas2d } from '../helpers/canvas-stub';
import { stubObservers } from '../helpers/observer-stubs';

describe('SampleStrip', () => {
  const initial = useLab.getState();
  beforeEach(() => {
    stubCanvas2d();
    stubObservers();
    useLab.setState({ data: { kind: 'ready', fromCache: false, trainCount: 60_000 } });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    useLab.setState(initial, true);
  });

  it('is sized to its digits in the commit that shows it (undrawn for a frame, it was 300 x 150 and moved what lies below)', async () => {
    const labels = Uint8Array.from({ length: 12 }, (_, i) => i % 10);
    vi.spyOn(trainer, 'trainImages').mockResolvedValue({ pixels: new Uint8Array(12 * 784), labels });
    render(<SampleStrip />);
    const canvas = screen.getByTestId('sample-digits') as HTMLCanvasElement;
    expect(canvas.hidden).toBe(true);
    // the moment `hidden` goes (a microtask after the commit, before any later task such as
    // React's effects after a paint): the height it has then is the height the browser paints
    const heights: string[] = [];
    new MutationObserver(() => {
      if (!canvas.hidden) heights.push(canvas.style.height);
    }).observe(canvas, { attributes: true, attributeFilter: ['hidden'] });
    await waitFor(() => expect(screen.getAllByTestId('strip-digit')).toHaveLength(12));
    expect(heights).toEqual([`${STRIP_DIGIT + 16}px`]);
  });

  it('pages to the example stepped next, which the strip in index order rarely shows', async () => {
    const { syntheticSnapshot } = await import('../helpers/synthetic-snapshot');
    const base = syntheticSnapshot();
    const next = 13_984;
    useLab.setState({ snapshot: { ...base, playing: false, nextExample: { ...base.nextExample, index: next } } });
    const labels = Uint8Array.from({ length: 12 }, (_, i) => i % 10);
    const images = vi.spyOn(trainer, 'trainImages').mockResolvedValue({ pixels: new Uint8Array(12 * 784), labels });
    const { fireEvent } = await import('@testing-library/react');
    render(<SampleStrip />);
    await waitFor(() => expect(screen.getAllByTestId('strip-digit')).toHaveLength(12));
    const button = screen.getByTestId('strip-to-next') as HTMLButtonElement;
    expect(button.hidden).toBe(false);
    // written as the caption and the inspector write it, not grouped like a count
    expect(button.textContent).toBe('shuffled next: #13984');
    fireEvent.click(button);
    await waitFor(() => expect(images).toHaveBeenLastCalledWith(next, 12));
    // on the page now, ringed: the button goes
    await waitFor(() => expect((screen.getByTestId('strip-to-next') as HTMLButtonElement).hidden).toBe(true));
    expect(screen.getAllByTestId('strip-digit')[0].getAttribute('aria-pressed')).toBe('true');
    // the student's own pick, paged away from: theirs, not the shuffle's
    useLab.setState({
      picked: { index: 40_000, label: 3, sent: true },
      snapshot: { ...base, playing: false, nextExample: { ...base.nextExample, index: 40_000 } },
    });
    await waitFor(() => expect(screen.getByTestId('strip-to-next').textContent).toBe('your pick next: #40000'));
  });

  it('by keyboard is one Tab stop, the arrow keys moving between its digits (twelve stops lay before the inspector)', async () => {
    const { fireEvent } = await import('@testing-library/react');
    const labels = Uint8Array.from({ length: 12 }, (_, i) => i % 10);
    vi.spyOn(trainer, 'trainImages').mockResolvedValue({ pixels: new Uint8Array(12 * 784), labels });
    render(<SampleStrip />);
    await waitFor(() => expect(screen.getAllByTestId('strip-digit')).toHaveLength(12));
    const stops = () => screen.getAllByTestId('strip-digit').filter((b) => b.tabIndex === 0);
    expect(stops()).toHaveLength(1);
    const digits = screen.getAllByTestId('strip-digit');
    digits[0].focus();
    fireEvent.keyDown(digits[0], { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(digits[2]);
    expect(stops()).toEqual([digits[2]]);
    fireEvent.keyDown(digits[2], { key: 'End' });
    expect(document.activeElement).toBe(digits[11]);
    fireEvent.keyDown(digits[11], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(digits[11]);
    fireEvent.keyDown(digits[11], { key: 'Home' });
    expect(document.activeElement).toBe(digits[0]);
  });

  it('on a new page its Tab stop is the digit stepped next (ringed), else the first', async () => {
    const { fireEvent } = await import('@testing-library/react');
    const { syntheticSnapshot } = await import('../helpers/synthetic-snapshot');
    const base = syntheticSnapshot();
    useLab.setState({ snapshot: { ...base, playing: false, nextExample: { ...base.nextExample, index: 13_984 } } });
    const labels = Uint8Array.from({ length: 12 }, (_, i) => i % 10);
    vi.spyOn(trainer, 'trainImages').mockResolvedValue({ pixels: new Uint8Array(12 * 784), labels });
    render(<SampleStrip />);
    await waitFor(() => expect(screen.getAllByTestId('strip-digit')).toHaveLength(12));
    const stop = () => screen.getAllByTestId('strip-digit').findIndex((b) => b.tabIndex === 0);
    fireEvent.keyDown(screen.getAllByTestId('strip-digit')[0], { key: 'End' });
    expect(stop()).toBe(11);
    fireEvent.click(screen.getByTestId('strip-later'));
    await waitFor(() => expect(screen.getByTestId('strip-range').textContent).toMatch(/#12–23/));
    await waitFor(() => expect(stop()).toBe(0));
    fireEvent.click(screen.getByTestId('strip-to-next'));
    await waitFor(() => expect(screen.getAllByTestId('strip-digit')[0].getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(stop()).toBe(0));
  });
});
