/**
 * Playing on for many epochs keeps the page's size: no array buffers kept per painting or per
 * worker call (a promise raced against a worker's `died` kept every edge painting's 1.9 MB: 420 MB
 * a minute), and the charts' marks bounded by their width, not one per epoch (they drew a line and
 * two dots for each). Sizes after a forced garbage collection, through the DevTools protocol.
 */
import { describe, expect, it } from 'vitest';
import { pressButton, useReadyApp } from './app';

const EPOCHS = 40;

describe('a long run', () => {
  const app = useReadyApp();

  it(`keeps the page's memory the same and the charts' marks within their width over ${EPOCHS} epochs of play`, async () => {
    const cdp = await app.context.newCDPSession(app.page);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
      return { buffersMB: (heap.backingStorageSize ?? 0) / 1e6, heapMB: heap.usedSize / 1e6 };
    };
    const epochAtLeast = (n: number, timeout: number) =>
      app.page.waitForFunction((e) => window.__lab!.store.getState().snapshot!.epoch >= e, n, {
        timeout,
        polling: 500,
      });
    await app.page.getByTestId('play').click();
    await epochAtLeast(2, 60_000);
    const before = await measure();
    const from = await app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch);
    await epochAtLeast(from + EPOCHS, 200_000);
    // (Playwright's click on Pause waits for frames that come slowly while playing: pressButton)
    await pressButton(app.page, 'play');
    await app.page.waitForFunction(() => !window.__lab!.store.getState().snapshot!.playing, null, { timeout: 30_000 });
    const after = await measure();
    const marks = await app.page.evaluate(() => {
      const plotWidth = (id: string) =>
        Number(document.querySelector(`[data-testid=${id}] .grid line`)?.getAttribute('x2') ?? NaN);
      return {
        costWidth: plotWidth('cost-chart'),
        epochLines: document.querySelectorAll('[data-testid=cost-chart] .epochs line').length,
        accuracyWidth: plotWidth('accuracy-chart'),
        dots: document.querySelectorAll('[data-testid=accuracy-chart] .validation circle.point').length,
        epochs: window.__lab!.store.getState().snapshot!.epoch,
      };
    });
    console.log(`over ${EPOCHS} epochs: ${JSON.stringify({ before, after, marks })}`);
    expect(before.buffersMB).toBeGreaterThan(0); // measured at all (the protocol says backing stores)
    expect(after.buffersMB - before.buffersMB).toBeLessThan(40);
    expect(after.heapMB - before.heapMB).toBeLessThan(20);
    // at least 8 px apart (the last dot may stand beside its neighbour)
    expect(marks.epochLines).toBeLessThanOrEqual(marks.costWidth / 8 + 1);
    expect(marks.dots).toBeLessThanOrEqual(marks.accuracyWidth / 8 + 2);
    expect(marks.epochs).toBeGreaterThan(Math.max(marks.costWidth, marks.accuracyWidth) / 8 + 2);
  }, 300_000);
});
