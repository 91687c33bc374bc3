import type { LoadProgress } from '../../data/load-mnist';

/**
 * The download's progress in words and as a fraction; null fraction when the size is unknown
 * (a server that sends no Content-Length): then only what has arrived is said.
 */
export function describeProgress(p: LoadProgress | null): { text: string; fraction: number | null } {
  if (!p) return { text: '…', fraction: null };
  const mb = (n: number) => (n / 1e6).toFixed(1);
  if (p.totalBytes <= 0 || p.loadedBytes > p.totalBytes)
    return { text: `: ${mb(p.loadedBytes)} MB so far`, fraction: null };
  return {
    text: `: ${mb(p.loadedBytes)} of ${mb(p.totalBytes)} MB`,
    fraction: Math.min(1, p.loadedBytes / p.totalBytes),
  };
}
