/**
 * Playing on for many epochs keeps the page's size: no array buffers kept per painting or per
 * request (a promise raced against a worker's `died` kept every edge painting's 1.9 MB: 420 MB a
 * minute), no DOM nodes per epoch (the charts drew a line and two dots for each). Sizes after a
 * forced garbage collection, through the DevTools protocol.
 */
import { describe, expect, it } from 'vitest';
import { useReadyApp } from './app';

const EPOCHS = 30;

describe('a long run', () => {
  const app = useReadyApp();

  it(`keeps the page's memory and DOM the same size over ${EPOCHS} epochs of play`, async () => {
    const cdp = await app.context.newCDPSession(app.page);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
      const nodes = await app.page.evaluate(() => document.querySelectorAll('*').length);
      return { buffersMB: (heap.backingStorageSize ?? 0) / 1e6, heapMB: heap.usedSize / 1e6, nodes };
    };
    // a first epoch, so the charts have their lines and dots
    const epoch = () => app.page.evaluate(() => window.__lab!.store.getState().snapshot!.epoch);
    await app.page.getByTestId('play').click();
    await app.page.waitForFunction(() => window.__lab!.store.getState().snapshot!.epoch >= 2, null, {
      timeout: 120_000,
    });
    const before = await measure();
    const from = await epoch();
    await app.page.waitForFunction((n) => window.__lab!.store.getState().snapshot!.epoch >= n, from + EPOCHS, {
      timeout: 600_000,
      polling: 500,
    });
    await app.page.getByTestId('play').click();
    const after = await measure();
    const grew = {
      buffersMB: after.buffersMB - before.buffersMB,
      heapMB: after.heapMB - before.heapMB,
      nodes: after.nodes - before.nodes,
    };
    console.log(`over ${EPOCHS} epochs: ${JSON.stringify({ before, after, grew })}`);
    expect(before.buffersMB).toBeGreaterThan(0); // measured at all (the protocol says backing stores)
    expect(grew.buffersMB).toBeLessThan(40);
    expect(grew.heapMB).toBeLessThan(20);
    expect(grew.nodes).toBeLessThan(100);
  });
});
