import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';

/** Shows the MNIST download's progress, or what went wrong with a retry button. */
export function DataStatusPanel() {
  const data = useLab((s) => s.data);
  if (data.kind === 'loading') {
    const p = data.progress;
    const fraction = p && p.totalBytes > 0 ? p.loadedBytes / p.totalBytes : 0;
    return (
      <div className="data-status" data-testid="data-loading" role="status">
        <span>
          Loading 70,000 real handwritten digits (MNIST)
          {p ? `: ${(p.loadedBytes / 1e6).toFixed(1)} of ${(p.totalBytes / 1e6).toFixed(1)} MB` : '…'}
        </span>
        <progress max={1} value={fraction} aria-label="Data download progress" />
      </div>
    );
  }
  if (data.kind === 'error') {
    return (
      <div className="data-status error" data-testid="data-error" role="alert">
        <span>The digits could not be loaded. {data.message}</span>
        <button type="button" data-testid="retry-load" onClick={() => void trainer.retry().catch(() => {})}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
