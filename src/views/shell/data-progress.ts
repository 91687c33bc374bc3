import type { LoadProgress } from '../../data/load-mnist';

/** What is being loaded: a download, or this browser's saved copy (a second visit read "Loading … 10.0 of 11.2 MB" as if downloading). */
export function describeSource(p: LoadProgress | null): string {
  return p?.fromCache
    ? 'Reading the 70,000 handwritten digits (MNIST) this browser saved'
    : 'Loading 70,000 real handwritten digits (MNIST)';
}

/**
 * The download's progress in words and as a fraction; null fraction when the size is unknown
 * (a server that sends no Content-Length): then only what has arrived is said.
 */
export function describeProgress(p: LoadProgress | null): { text: string; fraction: number | null } {
  if (!p) return { text: '…', fraction: null };
  // every byte in: inflating 11 MB into 55 takes a moment, and a stop there is not the download's
  if (p.files > 0 && p.filesRead === p.files)
    return {
      text: p.filesUnpacked < p.files ? `: unpacking (${p.filesUnpacked} of ${p.files} files done)` : ': unpacked',
      fraction: 1,
    };
  const mb = (n: number) => (n / 1e6).toFixed(1);
  if (p.totalBytes <= 0 || p.loadedBytes > p.totalBytes)
    return { text: `: ${mb(p.loadedBytes)} MB so far`, fraction: null };
  return {
    text: `: ${mb(p.loadedBytes)} of ${mb(p.totalBytes)} MB`,
    fraction: Math.min(1, p.loadedBytes / p.totalBytes),
  };
}

/**
 * Said after the load's error: how often Retry failed (the same message again looked as if Retry
 * did nothing), and, offline, that the load starts again by itself.
 */
export function describeTries(retries: number, offline: boolean): string {
  const tried = retries === 0 ? '' : `Tried again ${retries === 1 ? 'once' : `${retries} times`}.`;
  const back = offline ? 'It loads by itself when the connection is back.' : '';
  return [tried, back].filter(Boolean).join(' ');
}

/** Where the download's pace is measured from: the first report with bytes in, and when it came. */
export interface PaceStart {
  at: number;
  bytes: number;
}

/**
 * About how long the download has left, at its pace since `start`, and that it is the only time
 * (a minute of loading on a slow line said only "3.3 of 11.2 MB"). Nothing for a read of the saved
 * copy, an unknown size, under 3 s of pace, or under 5 s left.
 */
export function describeTimeLeft(p: LoadProgress | null, start: PaceStart | null, now: number): string {
  if (!p || !start || p.fromCache || p.totalBytes <= 0 || p.loadedBytes > p.totalBytes) return '';
  const seconds = (now - start.at) / 1000;
  const moved = p.loadedBytes - start.bytes;
  if (seconds < 3 || moved <= 0) return '';
  const left = (p.totalBytes - p.loadedBytes) / (moved / seconds);
  if (left < 5) return '';
  const when = left < 60 ? `${Math.ceil(left / 5) * 5} s` : `${Math.round(left / 60)} min`;
  return `, about ${when} left (only this once: this browser keeps them)`;
}

/** Seconds with no byte in before the card says so (the download is given up at STALL_MS, 30 s). */
export const QUIET_NOTICE_S = 10;

/**
 * Said once nothing has arrived for a while: the bar stood still at "4.5 of 11.2 MB" for 30 s with
 * no word on a line that hung, and then failed. Nothing while the files are unpacked (no bytes come then).
 */
export function describeQuiet(p: LoadProgress | null, quietSeconds: number, stallSeconds: number): string {
  if (!p || quietSeconds < QUIET_NOTICE_S || (p.files > 0 && p.filesRead === p.files)) return '';
  return `. Nothing has arrived for ${Math.floor(quietSeconds)} s: the connection may be busy or down (given up at ${stallSeconds} s, with Retry)`;
}
