import { afterEach, expect, it, vi } from 'vitest';
import { loadPretrained } from '../../../src/data/pretrained';
import { STALL_MS } from '../../../src/data/time-limit';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it('gives up on a pretrained model that never arrives, with a message to retry (the pad waited for good)', async () => {
  vi.useFakeTimers();
  let aborted = false;
  vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
    init.signal?.addEventListener('abort', () => (aborted = true));
    return new Promise<Response>(() => {});
  });
  const outcome = loadPretrained('http://x/models/pretrained.json').then(
    () => 'loaded',
    (e: Error) => e.message,
  );
  await vi.advanceTimersByTimeAsync(STALL_MS - 1000);
  expect(aborted).toBe(false);
  await vi.advanceTimersByTimeAsync(2000);
  expect(await outcome).toBe(
    'pretrained.json: could not be fetched: the server did not answer for 30 s (check the connection and retry)',
  );
  expect(aborted).toBe(true);
});

it('and on one whose body stops halfway', async () => {
  vi.useFakeTimers();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"format":'));
    },
  });
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(body)));
  const outcome = loadPretrained('http://x/models/pretrained.json').then(
    () => 'loaded',
    (e: Error) => e.message,
  );
  await vi.advanceTimersByTimeAsync(STALL_MS + 1000);
  expect(await outcome).toMatch(/did not answer for 30 s/);
});
