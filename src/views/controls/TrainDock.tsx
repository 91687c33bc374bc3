/**
 * Free play on small screens: the controls are one panel of a long page there, and a student who
 * scrolled to the network above them, or to the charts below, had no Play (the Space key is a
 * keyboard's). While the controls' buttons are out of view, a bar at the bottom of the screen has
 * Play / Pause, Step example and Step batch, and the count and the cost they change.
 * The lesson has its own bar (LessonDock), with the step's buttons.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useLab } from '../../store/lab-store';
import { useHeightVar } from '../shell/use-height-var';
import { useMedia } from '../use-media';
import { count, percent, sig } from './format';
import { PlayButton } from './PlayButton';
import { StepButton } from './StepButton';

/** Where the page is one column (or short), or a finger has no Space key: the bar may come. */
export const TRAIN_DOCK_SCREENS = '(max-width: 1023px), (max-height: 699px), (pointer: coarse)';

/**
 * Whether the element is not wholly on the screen: 12 px of the Play row at a portrait tablet's
 * foot kept the bar away, with no Play to see or tap (a tablet review).
 */
function useOutOfView(element: RefObject<HTMLElement | null>): boolean {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const el = element.current;
    // (none where nothing can tell: the controls are taken as in view)
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        setAway(!e.isIntersecting || e.intersectionRatio < 0.99);
      },
      { threshold: [0, 0.99] },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [element]);
  return away;
}

export function TrainDock({ buttons }: { buttons: RefObject<HTMLElement | null> }) {
  const screen = useMedia(TRAIN_DOCK_SCREENS);
  const away = useOutOfView(buttons);
  if (!screen || !away) return null;
  // on the page's body: inside the controls panel (contained where it sits in a row), "fixed"
  // placed it at the panel's top
  return createPortal(<TrainBar />, document.body);
}

/**
 * The count, the last batch's cost once there is one, the test accuracy after the latest epoch once
 * there is one (a projector review: while training played the bar covered the controls' numbers,
 * and the accuracy, what the class watches rise, was off the screen), and the examples of the
 * batch stepped so far.
 */
function numbers(snap: {
  step: number;
  cost: number | null;
  batchStepped: number;
  batchSize: number;
  epochs: readonly { testAccuracy: number }[];
}): string {
  const parts = [`update ${count(snap.step)}`];
  if (snap.step > 0 && snap.cost !== null) parts.push(`cost ${sig(snap.cost)}`);
  const latest = snap.epochs.at(-1);
  if (latest) parts.push(`test ${percent(latest.testAccuracy)}`);
  if (snap.batchStepped > 0) parts.push(`${count(snap.batchStepped)}/${count(snap.batchSize)} stepped`);
  return parts.join(' · ');
}

function TrainBar() {
  const bar = useRef<HTMLDivElement>(null);
  // the page's last lines and the data notice keep clear of the bar (as of the lesson's)
  useHeightVar(bar, '--lesson-dock-height');
  // at the panels' pace while playing, as the controls' numbers
  const snapshot = useLab((s) => (s.snapshot?.playing ? (s.panelSnapshot ?? s.snapshot) : s.snapshot));
  // "building the network…" for the minute a slow line takes to bring the digits, and after they failed
  const data = useLab((s) => s.data.kind);
  const waiting =
    data === 'loading'
      ? 'waiting for the digits…'
      : data === 'error'
        ? 'no network: the message above says why, with Retry'
        : 'building the network…';
  return (
    <div ref={bar} className="train-dock" data-testid="train-dock" role="group" aria-label="Training">
      <span className="train-dock-numbers" data-testid="train-dock-numbers" translate="no">
        {snapshot ? numbers(snapshot) : waiting}
      </span>
      <span className="train-dock-buttons">
        <StepButton kind="example" testId="train-dock-step-example" />
        <StepButton kind="batch" testId="train-dock-step-batch" />
        <PlayButton testId="train-dock-play" />
      </span>
    </div>
  );
}
