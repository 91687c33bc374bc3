import { afterEach, describe, expect, it, vi } from 'vitest';
import { readIdx, STALL_MS } from '../../../src/data/fetch-idx';

describe('a download that stops sending', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is given up after STALL_MS with a message that says so (it waited forever)', async () => {
    vi.useFakeTimers();
    let cancelled = false;
    // two bytes, then nothing: a server that hangs mid-file
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x1f, 0x8b]));
      },
      cancel() {
        cancelled = true;
      },
    });
    const opened = {
      file: 'train-images-idx3-ubyte',
      url: 'x',
      response: new Response(body),
      fromCache: false,
      size: 0,
    };
    const reading = readIdx(opened, () => {});
    const outcome = reading.then(
      () => 'read',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(STALL_MS - 1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await outcome).toMatch(
      /^Could not download train-images-idx3-ubyte\.gzip: no data arrived for 30 s \(after 2 bytes\): check the connection and retry$/,
    );
    expect(cancelled).toBe(true);
  });
});
