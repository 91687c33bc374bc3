import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { describeProgress, describeSource } from './data-progress';

/** Shows the MNIST download's progress, or what went wrong with a retry button. */
export function DataStatusPanel() {
  const data = useLab((s) => s.data);
  if (data.kind === 'loading') {
    const { text, fraction } = describeProgress(data.progress);
    // at the foot of the screen, out of the page's flow: in it, going when the data was ready, it moved
    // everything below it (the draw pad under the pen of a student already drawing)
    return (
      <div className="data-status-slot">
        <div className="data-status" data-testid="data-loading">
          <span>
            {/* said once (a live region): the megabytes, changing many times a second on a slow line,
                were said again at each change (116 times in 47 s; a screen-reader review); the bar
                holds the progress for a reader who asks */}
            <span role="status">{describeSource(data.progress)}</span>
            <span aria-hidden="true">{text}</span>
          </span>
          {/* no value: an indeterminate bar, where the size is unknown */}
          <progress max={1} value={fraction ?? undefined} aria-label="Data download progress" />
        </div>
      </div>
    );
  }
  if (data.kind === 'error') {
    return (
      <div className="data-status error" data-testid="data-error" role="alert">
        <span>{data.engine ? data.message : `The digits could not be loaded. ${data.message}`}</span>
        <button type="button" data-testid="retry-load" onClick={() => void trainer.retry().catch(() => {})}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
