import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import {
  describeProgress,
  describeQuiet,
  describeSource,
  describeTimeLeft,
  describeTries,
  PaceMeter,
} from './data-progress';
import { STALL_MS } from '../../data/time-limit';
import { useHeightVar } from './use-height-var';

/** A message ended as a sentence, so what is said after it reads as another ("…: Failed to fetch. Tried again once."). */
function sentence(message: string): string {
  return /[.!?]\)?$/.test(message.trim()) ? message : `${message}.`;
}

/**
 * Since when the loaded bytes have stood at `bytes` (null: not loading), re-rendered every second
 * while they do: no progress message comes to re-render the card when nothing arrives.
 */
function useQuiet(bytes: number | null): { since: number } | null {
  const [quiet, setQuiet] = useState<{ bytes: number; since: number } | null>(null);
  if (bytes === null ? quiet !== null : quiet?.bytes !== bytes)
    setQuiet(bytes === null ? null : { bytes, since: performance.now() });
  const [, tick] = useState(0);
  useEffect(() => {
    if (bytes === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [bytes]);
  return quiet;
}

/**
 * A download that failed is tried again when the browser comes back online (a student's line
 * dropped: the message stayed up after the connection returned, waiting for Retry).
 */
function useRetryWhenOnline(failed: boolean, retry: () => void): void {
  useEffect(() => {
    if (!failed) return;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [failed, retry]);
}

const watchOnline = (changed: () => void) => {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
};

/** Whether the browser says it is offline, as it changes. */
function useOffline(): boolean {
  return useSyncExternalStore(watchOnline, () => navigator.onLine === false);
}

/** Shows the MNIST download's progress, or what went wrong with a retry button. */
export function DataStatusPanel() {
  const data = useLab((s) => s.data);
  /** Retries pressed since the digits last loaded: the same message again looked as if Retry did nothing. */
  const [tries, setTries] = useState(0);
  if (data.kind === 'ready' && tries > 0) setTries(0);
  // (one function for the component's life: the listener is not re-added at every render)
  const [retry] = useState(() => () => {
    setTries((n) => n + 1);
    void trainer.retry().catch(() => {});
  });
  useRetryWhenOnline(data.kind === 'error' && !data.engine, retry);
  const isOffline = useOffline();
  const errorCard = useRef<HTMLDivElement>(null);
  // the page's last lines are not hidden under the error, which stays until the digits load
  useHeightVar(errorCard, '--data-error-height', 16, data.kind === 'error');
  /** The download's pace (a new load, a Retry: measured again). */
  const pace = useRef(new PaceMeter());
  const loaded = data.kind === 'loading' ? (data.progress?.loadedBytes ?? 0) : 0;
  if (data.kind !== 'loading') pace.current.reset();
  else pace.current.add(performance.now(), loaded);
  const quiet = useQuiet(data.kind === 'loading' ? loaded : null);
  if (data.kind === 'loading') {
    const { text, fraction } = describeProgress(data.progress);
    const quietFor = quiet ? (performance.now() - quiet.since) / 1000 : 0;
    const stalled = describeQuiet(data.progress, quietFor, STALL_MS / 1000);
    // at the foot of the screen, out of the page's flow: in it, going when the data was ready, it moved
    // everything below it (the draw pad under the pen of a student already drawing)
    return (
      <div className="data-status-slot" key="loading">
        <div className="data-status" data-testid="data-loading">
          <span>
            {/* said once (a live region): the megabytes, changing many times a second on a slow line,
                were said again at each change (116 times in 47 s; a screen-reader review); the bar
                holds the progress for a reader who asks */}
            {/* a stall is said once too, without its seconds (the card's own words count them) */}
            <span role="status">
              {describeSource(data.progress)}
              {stalled ? <span className="visually-hidden">: nothing has arrived for a while</span> : null}
            </span>
            <span aria-hidden="true">
              {text}
              {stalled || describeTimeLeft(data.progress, pace.current.bytesPerSecond())}
            </span>
          </span>
          {/* no value: an indeterminate bar, where the size is unknown */}
          <progress max={1} value={fraction ?? undefined} aria-label="Data download progress" />
        </div>
      </div>
    );
  }
  if (data.kind === 'error') {
    const offline = !data.engine && isOffline;
    // in the progress's place at the foot of the screen: at the top of the page, a student scrolled
    // down to the draw pad saw the progress go and never saw why (a phone, on a slow line)
    return (
      <div className="data-status-slot" key="error">
        <div className="data-status error" data-testid="data-error" role="alert" ref={errorCard}>
          <span>
            {data.engine
              ? data.message
              : `${offline ? 'This device is offline. ' : ''}The digits could not be loaded. ${sentence(data.message)}`}
            {data.engine ? null : <span className="data-tries"> {describeTries(tries, offline)}</span>}
          </span>
          <button type="button" data-testid="retry-load" onClick={retry}>
            Retry
          </button>
        </div>
      </div>
    );
  }
  return null;
}
