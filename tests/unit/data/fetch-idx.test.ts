import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROWSERS_NEEDED } from '../../../src/data/browsers';
import {
  MAX_FILE_BYTES,
  CACHE_ANSWER_MS,
  CACHE_STALL_MS,
  openIdx,
  readIdx,
  STALL_MS,
  type OpenedIdx,
} from '../../../src/data/fetch-idx';

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
      /^Could not download train-images-idx3-ubyte\.gzip \(the training images\): no data arrived for 30 s \(after 2 bytes of this file\): check the connection and retry$/,
    );
    expect(cancelled).toBe(true);
  });
});

/** A cache like a browser's: put reads the whole body before it resolves. */
function stubCache() {
  const stored = new Map<string, Uint8Array>();
  const put = vi.fn(async (url: string, res: Response) => {
    stored.set(url, new Uint8Array(await res.arrayBuffer()));
  });
  const del = vi.fn(async (url: string) => stored.delete(url));
  vi.stubGlobal('caches', {
    open: async () => ({ match: async () => undefined, put, delete: del }),
  });
  return { stored, put, del };
}

/** A response body the test feeds by hand, and the fetch that serves it (its abort signal kept). */
function stubDownload(size: number) {
  let push!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      push = c;
    },
  });
  const signals: AbortSignal[] = [];
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    if (init?.signal) {
      signals.push(init.signal);
      init.signal.addEventListener('abort', () => push.error(new DOMException('aborted', 'AbortError')));
    }
    return new Response(body, { headers: { 'content-length': String(size) } });
  });
  return { push: () => push, signals };
}

// a 1-D IDX file of 6 labels: magic 0x00000801, count 6, then the bytes
const LABELS = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 6, 1, 2, 3, 4, 5, 6]);

/** 'read', or the message readIdx failed with. */
function readOutcome(opened: OpenedIdx): Promise<string> {
  return readIdx(opened, () => {}).then(
    () => 'read',
    (e: Error) => e.message,
  );
}

describe('a download being cached', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('reports bytes as they arrive while the cache stores its copy (the progress stood still until the end)', async () => {
    const cache = stubCache();
    const download = stubDownload(LABELS.length);
    // opening returns with the headers: it used to wait for the cache to read the whole file
    const opened = await openIdx('http://x/', 'labels');
    expect(opened.size).toBe(14);
    const chunks: number[] = [];
    const reading = readIdx(opened, (n) => chunks.push(n));
    download.push().enqueue(LABELS.slice(0, 10));
    await vi.waitFor(() => expect(chunks).toEqual([10]));
    download.push().enqueue(LABELS.slice(10));
    download.push().close();
    expect(Array.from(await reading)).toEqual(Array.from(LABELS));
    expect(cache.put).toHaveBeenCalledTimes(1);
    expect(Array.from(cache.stored.get('http://x/labels.gzip') ?? [])).toEqual(Array.from(LABELS));
  });

  it('a server that stops mid-file is given up, the download stopped and nothing kept', async () => {
    vi.useFakeTimers();
    const cache = stubCache();
    const download = stubDownload(1000);
    const opened = await openIdx('http://x/', 'labels');
    const outcome = readOutcome(opened);
    download.push().enqueue(LABELS.slice(0, 10));
    await vi.advanceTimersByTimeAsync(STALL_MS + 1000);
    expect(await outcome).toMatch(/no data arrived for 30 s \(after 10 bytes of this file\)/);
    expect(download.signals[0].aborted).toBe(true);
    expect(cache.stored.size).toBe(0);
  });

  it('a copy that reads but is not IDX is deleted after the cache stored it, not before', async () => {
    const cache = stubCache();
    const download = stubDownload(4);
    const opened = await openIdx('http://x/', 'labels');
    const outcome = readOutcome(opened);
    download.push().enqueue(new Uint8Array([9, 9, 9, 9]));
    download.push().close();
    expect(await outcome).not.toBe('read');
    expect(cache.put).toHaveBeenCalledTimes(1);
    expect(cache.del).toHaveBeenCalledWith('http://x/labels.gzip');
    expect(cache.stored.size).toBe(0);
  });

  it('a cache that never answers is passed over: the file is downloaded (a restarted worker showed "loading" for good)', async () => {
    vi.useFakeTimers();
    let opens = 0;
    vi.stubGlobal('caches', {
      open: () => {
        opens++;
        return new Promise(() => {});
      },
    });
    const download = stubDownload(LABELS.length);
    const opening = openIdx('http://x/', 'labels');
    let opened: OpenedIdx | undefined;
    void opening.then((o) => (opened = o));
    await vi.advanceTimersByTimeAsync(CACHE_ANSWER_MS - 1000);
    expect(opened).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2000);
    expect(opens).toBe(1);
    expect(opened).toMatchObject({ fromCache: false, size: LABELS.length });
    const reading = readIdx(opened!, () => {});
    download.push().enqueue(LABELS);
    download.push().close();
    expect(Array.from(await reading)).toEqual(Array.from(LABELS));
  });
});

describe('a cached copy that stops part-way', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is downloaded instead after CACHE_STALL_MS (a restarted worker stood at "loading" for good)', async () => {
    vi.useFakeTimers();
    const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);
    const gz = new Uint8Array(
      await new Response(new Blob([labels]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return Promise.resolve(new Response(gz));
    });
    // the cache's body: its first bytes, then nothing
    const stalled = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(gz.slice(0, 4));
      },
    });
    const opened = {
      file: 'train-labels-idx1-ubyte',
      url: 'u',
      response: new Response(stalled),
      fromCache: true,
      size: 0,
    };
    const reading = readIdx(opened, () => {});
    await vi.advanceTimersByTimeAsync(CACHE_STALL_MS + 100);
    vi.useRealTimers();
    expect(Array.from(await reading)).toEqual(Array.from(labels));
    expect(fetched).toEqual(['u']);
  });
});

describe('unpacking a file read whole', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(
      await new Response(
        new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip')),
      ).arrayBuffer(),
    );
  }

  it('inflates it without a Blob (its bytes went to the browser process and back), after saying it is read', async () => {
    const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);
    const gz = await gzip(labels);
    // a Blob's bytes go to the browser process and back: the file is inflated without one
    vi.stubGlobal(
      'Blob',
      class {
        constructor() {
          throw new Error('no Blob here');
        }
      },
    );
    const steps: string[] = [];
    const opened = { file: 'train-labels-idx1-ubyte', url: 'u', response: new Response(gz), fromCache: false, size: 0 };
    const bytes = await readIdx(
      opened,
      (n) => steps.push(`chunk ${n}`),
      () => steps.push('read'),
    );
    expect(Array.from(bytes)).toEqual(Array.from(labels));
    expect(steps).toEqual([`chunk ${gz.length}`, 'read']);
  });

  it('a corrupt one fails at once with a message that says so', async () => {
    const gz = await gzip(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]));
    const corrupt = gz.slice();
    corrupt.fill(0x55, 10, corrupt.length - 8);
    const opened = {
      file: 'train-labels-idx1-ubyte',
      url: 'u',
      response: new Response(corrupt),
      fromCache: false,
      size: 0,
    };
    await expect(readIdx(opened, () => {})).rejects.toThrow(
      /^train-labels-idx1-ubyte\.gzip \(the training labels\) is corrupt: not valid gzip data/,
    );
  });

  // a fuzzing review: 1 MB of gzip unpacked to 1 GB (15 s, 3 GB of memory) before the IDX check
  it('one that unpacks past MAX_FILE_BYTES is refused while it unpacks, not after', async () => {
    const zeros = new Uint8Array(MAX_FILE_BYTES + 1024 * 1024);
    const gz = await gzip(zeros);
    expect(gz.length).toBeLessThan(1024 * 1024);
    const opened = { file: 'train-images-idx3-ubyte', url: 'u', response: new Response(gz), fromCache: false, size: 0 };
    await expect(readIdx(opened, () => {})).rejects.toThrow(
      /^train-images-idx3-ubyte\.gzip \(the training images\) is corrupt: unpacked, it holds more than 50,331,648 bytes, more than any MNIST file$/,
    );
  });
});

describe('a browser that runs the app but has no DecompressionStream (a safeguard)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says the browser is too old, naming the versions, and keeps the cached copy (it called the file corrupt)', async () => {
    const cache = stubCache();
    const download = stubDownload(4);
    vi.stubGlobal('DecompressionStream', undefined);
    const opened = await openIdx('http://x/', 'labels');
    const outcome = readOutcome(opened);
    download.push().enqueue(new Uint8Array([0x1f, 0x8b, 8, 0]));
    download.push().close();
    expect(await outcome).toBe(
      `This browser cannot unpack the MNIST files (it has no DecompressionStream). Backprop Lab needs ${BROWSERS_NEEDED}.`,
    );
    expect(await outcome).toMatch(/Safari 16\.4/);
    expect(cache.del).not.toHaveBeenCalled();
  });
});
