import { afterEach, describe, expect, it, vi } from 'vitest';
import { openIdx, readIdx, STALL_MS } from '../../../src/data/fetch-idx';

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

describe('a download', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reports bytes as they arrive, and is cached only once read and checked', async () => {
    // a browser's cache.put reads the whole body before it resolves
    const put = vi.fn(async (_url: string, res: Response) => {
      await res.arrayBuffer();
    });
    vi.stubGlobal('caches', {
      open: async () => ({ match: async () => undefined, put, delete: async () => true }),
    });
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = c;
      },
    });
    vi.stubGlobal('fetch', async () => new Response(body, { headers: { 'content-length': '14' } }));
    // opening waited for the whole file (the cache's copy) before anything was read
    const opened = await openIdx('http://x/', 'labels');
    expect(opened.size).toBe(14);
    const chunks: number[] = [];
    const reading = readIdx(opened, (n) => chunks.push(n));
    // a 1-D IDX file of 6 labels: magic 0x00000801, count 6, then the bytes
    const file = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 6, 1, 2, 3, 4, 5, 6]);
    push.enqueue(file.slice(0, 10));
    await vi.waitFor(() => expect(chunks).toEqual([10]));
    expect(put).not.toHaveBeenCalled();
    push.enqueue(file.slice(10));
    push.close();
    expect(Array.from(await reading)).toEqual(Array.from(file));
    expect(put).toHaveBeenCalledTimes(1);
    const cached = put.mock.calls[0][1];
    expect(put.mock.calls[0][0]).toBe('http://x/labels.gzip');
    expect(cached.bodyUsed).toBe(true);
  });
});
