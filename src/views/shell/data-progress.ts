import type { LoadProgress } from '../../data/load-mnist';

/** Where a failed load is explained, for the panels that wait on it (the card at the screen's foot). */
export const LOAD_FAILED_WHERE = 'the message at the foot of the screen says why, with Retry';

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

/**
 * The download's pace over its last PACE_WINDOW_S seconds, leaving out its first second: after a
 * reload or a Retry, the files in Cache Storage and what the browser's HTTP cache kept arrive in a
 * burst (1.6-4.5 MB in a few hundred ms), and a pace from the first bytes said "about 15 s left"
 * where 48 s were.
 */
export class PaceMeter {
  private samples: { at: number; bytes: number }[] = [];
  private firstAt = -1;

  /** A report of `bytes` in so far, at `at` ms; fewer bytes than before (a new load) start again. */
  add(at: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && bytes < last.bytes) this.reset();
    if (bytes <= 0) return;
    if (this.firstAt < 0) this.firstAt = at;
    if (at - this.firstAt < BURST_S * 1000) return;
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1].at >= PACE_WINDOW_S * 1000) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
    this.firstAt = -1;
  }

  /** Bytes a second, or null with under PACE_MIN_S of samples. */
  bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || last.at - first.at < PACE_MIN_S * 1000 || last.bytes <= first.bytes) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}

/** The first second of a load (a burst from the caches) is left out of its pace. */
const BURST_S = 1;
/** The pace is taken over about this long... */
const PACE_WINDOW_S = 10;
/** ...and not before this long is measured. */
const PACE_MIN_S = 3;

/**
 * About how long the download has left at `bytesPerSecond`, and that it is usually the only time (a
 * minute of loading on a slow line said only "3.3 of 11.2 MB"). Nothing for a read of the saved
 * copy, an unknown size or pace, or under 5 s left.
 */
export function describeTimeLeft(p: LoadProgress | null, bytesPerSecond: number | null): string {
  if (!p || !bytesPerSecond || p.fromCache || p.totalBytes <= 0 || p.loadedBytes > p.totalBytes) return '';
  const left = (p.totalBytes - p.loadedBytes) / bytesPerSecond;
  if (left < 5) return '';
  const when = left < 60 ? `${Math.ceil(left / 5) * 5} s` : `${Math.ceil(left / 60)} min`;
  return `, about ${when} left (usually only this once: this browser keeps them)`;
}

/** Seconds with no byte in before the card says so (the download is given up at STALL_MS, 30 s). */
export const QUIET_NOTICE_S = 10;

/**
 * Said once nothing has arrived for a while: the bar stood still at "4.5 of 11.2 MB" for 30 s with
 * no word on a line that hung, and then failed. Nothing while the files are unpacked (no bytes come then).
 */
export function describeQuiet(p: LoadProgress | null, quietSeconds: number, stallSeconds: number): string {
  if (!p || quietSeconds < QUIET_NOTICE_S || (p.files > 0 && p.filesRead === p.files)) return '';
  return `. Nothing has arrived for ${Math.floor(quietSeconds)} s: the connection may be busy or down (if nothing comes by ${stallSeconds} s, it stops and offers Retry)`;
}
