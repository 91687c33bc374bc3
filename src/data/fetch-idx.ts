/**
 * Fetches a gzip IDX file once and keeps it in Cache Storage, so a second visit
 * reads it locally; inflates it with DecompressionStream and reports progress.
 * Runs in the trainer worker (or any context with fetch, caches and streams).
 */
import { BROWSERS_NEEDED } from './browsers';
import { parseIdx, servedFileName } from './idx';
import { atMost, STALL_MS, withinStall } from './time-limit';

export const DATA_CACHE = 'backprop-lab-data-v2';

export { STALL_MS };

/**
 * A cached copy that sends nothing for this long has stalled: Cache Storage is local and answers
 * in milliseconds. The file is then downloaded instead. (Added for a restarted worker that stood
 * at "loading"; that one had in fact loaded: a late progress message said "loading" again.)
 */
export const CACHE_STALL_MS = 5_000;

/**
 * The most bytes a data file may hold, packed or unpacked: the largest, the training images, is
 * 47,040,016 unpacked. A 1 MB gzip file of zeros unpacks to 1 GB, which took 15 s and 3 GB of
 * memory before the IDX check refused it (a fuzzing review; the files come from the app's own
 * server, so this is for one that is misconfigured or tampered with).
 */
export const MAX_FILE_BYTES = 48 * 1024 * 1024;

/** A stream that went on past MAX_FILE_BYTES. */
class TooLarge extends Error {}

async function readAll(
  stream: ReadableStream<Uint8Array>,
  onChunk: (n: number) => void,
  stallMs = STALL_MS,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await withinStall(
      reader.read(),
      `no data arrived for ${stallMs / 1000} s (after ${total.toLocaleString('en-US')} bytes of this file): check the connection and retry`,
      () => void reader.cancel().catch(() => {}),
      stallMs,
    );
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total > MAX_FILE_BYTES) {
      void reader.cancel().catch(() => {});
      throw new TooLarge(
        `it holds more than ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes, more than any MNIST file`,
      );
    }
    onChunk(value.length);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** The cache's copies still being stored. */
const storing = new Set<Promise<void>>();

interface Fetched {
  response: Response;
  fromCache: boolean;
  /** Stops the download: the cache's copy fails too, so a partial file is never kept. */
  abort: () => void;
}

/**
 * A cache that does not answer within this long is passed over: the file is downloaded (and not
 * stored). Cache Storage answers in milliseconds, but a restarted worker once waited on it for
 * good and showed "loading" forever.
 */
export const CACHE_ANSWER_MS = 10_000;

/** The cache and its copy of `url`, if it answers within CACHE_ANSWER_MS. */
async function askCache(url: string): Promise<{ cache?: Cache; hit?: Response }> {
  if (typeof caches === 'undefined') return {};
  const asked = (async () => {
    const cache = await caches.open(DATA_CACHE);
    return { cache, hit: await cache.match(url) };
  })().catch(() => ({}));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ cache?: Cache; hit?: Response }>((resolve) => {
    timer = setTimeout(() => resolve({}), CACHE_ANSWER_MS);
  });
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}

/** `url` from the network: its headers within STALL_MS and an OK status, or an error that says which failed. */
async function fetchAnswered(
  url: string,
  cache?: RequestCache,
): Promise<{ response: Response; abort: AbortController }> {
  const abort = new AbortController();
  const response = await withinStall(
    fetch(url, { signal: abort.signal, ...(cache ? { cache } : {}) }),
    `the server did not answer for ${STALL_MS / 1000} s: check the connection and retry`,
    () => abort.abort(),
  );
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  return { response, abort };
}

async function cachedResponse(url: string): Promise<Fetched> {
  const { cache, hit } = await askCache(url);
  if (hit) return { response: hit, fromCache: true, abort: () => {} };
  const { response, abort } = await fetchAnswered(url);
  // The cache stores its copy while readIdx reads the same bytes (a tee of the body), not
  // before: a cache.put awaited here read the whole file before anything else could, so the
  // progress stood still until the end and a server that stopped mid-file was never given up.
  // A browser that refuses (quota, private mode) only means a download again next time.
  if (cache) {
    const stored = cache.put(url, response.clone()).catch(() => {});
    storing.add(stored);
    void stored.finally(() => storing.delete(stored));
  }
  return { response, fromCache: false, abort: () => abort.abort() };
}

/** `url` from the network, read whole (no cache): after a cached copy stalled. */
async function download(url: string, onChunk: (n: number) => void): Promise<Uint8Array> {
  const { response } = await fetchAnswered(url, 'no-store');
  if (!response.body) throw new Error('empty response');
  return readAll(response.body, onChunk);
}

export interface OpenedIdx {
  file: string;
  url: string;
  response: Response;
  fromCache: boolean;
  /** Compressed size from Content-Length, 0 if unknown. */
  size: number;
  /** Stops the download (and the cache's copy with it). */
  abort?: () => void;
}

/** Starts the download (or cache read) of one .gzip IDX file: headers only, so sizes are known up front. */
export async function openIdx(baseUrl: string, file: string): Promise<OpenedIdx> {
  const url = `${baseUrl}${file}.gzip`;
  try {
    const { response, fromCache, abort } = await cachedResponse(url);
    const size = Number(response.headers.get('content-length') ?? 0);
    return { file, url, response, fromCache, size, abort };
  } catch (e) {
    throw new Error(`Could not download ${servedFileName(file)}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

/**
 * Drops a cached copy (a file found corrupt, alone or beside the others). Only once no copy is
 * being stored: in Chromium a delete issued while another file's put was still running never
 * finished at times, and the corrupt file's message never came (the e2e test's truncated file).
 */
export async function forgetCached(url: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  await atMost(Promise.allSettled([...storing]), STALL_MS);
  await atMost(
    caches
      .open(DATA_CACHE)
      .then((c) => c.delete(url))
      .catch(() => {}),
    STALL_MS,
  );
}

/**
 * gzip bytes inflated by a DecompressionStream fed directly, not from a Blob's stream: in a
 * worker a Blob's bytes go to the browser process and come back, one more wait on a busy machine.
 */
function inflate(compressed: Uint8Array): ReadableStream<Uint8Array> {
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  // not awaited: a write completes only as its output is read; a corrupt input fails the read
  writer.write(compressed as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return ds.readable as ReadableStream<Uint8Array>;
}

/**
 * Reads and inflates an opened file, checking its IDX format; a corrupt cached copy is dropped.
 * `onRead` runs once its compressed bytes are all in (before they are inflated).
 */
export async function readIdx(
  opened: OpenedIdx,
  onChunk: (bytes: number) => void,
  onRead: () => void = () => {},
): Promise<Uint8Array> {
  const { file, url, response } = opened;
  let compressed: Uint8Array;
  try {
    if (!response.body) throw new Error('empty response');
    compressed = await readAll(response.body, onChunk, opened.fromCache ? CACHE_STALL_MS : STALL_MS);
  } catch (e) {
    opened.abort?.();
    try {
      // a cached copy that stalled: downloaded instead (the copy is kept; the cache, not it, stalled)
      if (!opened.fromCache) throw e;
      compressed = await download(url, onChunk);
    } catch (again) {
      if (!opened.fromCache) await forgetCached(url);
      throw new Error(
        `Could not download ${servedFileName(file)}: ${again instanceof Error ? again.message : String(again)}`,
        {
          cause: again,
        },
      );
    }
  }
  onRead();
  // a server that sent Content-Encoding: gzip has had the browser inflate it already
  const isGzip = compressed[0] === 0x1f && compressed[1] === 0x8b;
  let bytes: Uint8Array = compressed;
  // a safeguard: a browser without DecompressionStream is told so, and the cached copy kept (it was
  // called corrupt and deleted). In practice such a browser (Safari before 16.4) cannot parse the
  // app's script at all and stops at index.html's message; this is for one that can.
  if (isGzip && typeof DecompressionStream === 'undefined')
    throw new Error(
      `This browser cannot unpack the MNIST files (it has no DecompressionStream). Backprop Lab needs ${BROWSERS_NEEDED}.`,
    );
  if (isGzip)
    try {
      bytes = await readAll(inflate(compressed), () => {});
    } catch (e) {
      await forgetCached(url);
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(
        e instanceof TooLarge
          ? `${servedFileName(file)} is corrupt: unpacked, ${why}`
          : `${servedFileName(file)} is corrupt: not valid gzip data (${why})`,
        {
          cause: e,
        },
      );
    }
  try {
    parseIdx(bytes, servedFileName(file));
  } catch (e) {
    await forgetCached(url);
    throw e;
  }
  return bytes;
}
