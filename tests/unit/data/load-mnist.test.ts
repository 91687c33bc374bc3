import { afterEach, expect, it, vi } from 'vitest';
import { loadMnist, type LoadProgress } from '../../../src/data/load-mnist';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('reports nothing once the load has failed (a file still arriving said "loading" over the error)', async () => {
  let later: (() => void) | undefined;
  vi.stubGlobal('fetch', (url: string) => {
    if (url.includes('t10k-labels')) return Promise.resolve(new Response(new Uint8Array([0x1f, 0x8b, 1, 2, 3])));
    // the other files: a first chunk now, the rest after the failure
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x1f, 0x8b]));
        const previous = later;
        later = () => {
          previous?.();
          c.enqueue(new Uint8Array(100));
          c.close();
        };
      },
    });
    return Promise.resolve(new Response(body));
  });
  const reports: LoadProgress[] = [];
  let failedAt = -1;
  await expect(
    loadMnist('http://x/', (p) => reports.push(p)).catch((e: unknown) => {
      failedAt = reports.length;
      throw e;
    }),
  ).rejects.toThrow(/^t10k-labels-idx1-ubyte\.gzip \(the test labels\) is corrupt/);
  expect(failedAt).toBeGreaterThan(0);
  // the other files go on arriving and end: nothing more is said
  later!();
  await new Promise((r) => setTimeout(r, 50));
  expect(reports.length).toBe(failedAt);
});
