/**
 * The lesson on small screens. Where the card is not sticky (under 1024 x 700 it would cover
 * most of the screen), a step that scrolls to the charts, the table or the surface leaves the
 * card far above. While the card is out of view, a bar at the bottom of the screen keeps the
 * step with the student: its "Try it", the whole step's words a tap away (read in place, without
 * leaving what the step shows), its buttons and Next.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { changedSettings, type Settings } from '../../protocol/settings';
import { useLab } from '../../store/lab-store';
import { useHeightVar } from '../shell/use-height-var';
import { StepButton } from '../controls/StepButton';
import { useMedia } from '../use-media';
import { runStepAction } from './open-step';
import { barWords, useStepWords } from './touch-words';
import { LESSON, type LessonStep } from './steps';

/** Where the card is not sticky (the complement of the sticky media query in styles.css). */
const CARD_NOT_STICKY = '(max-width: 1023px), (max-height: 699px)';

/** The card is not sticky here: the controls panel may be far down the page. */
export function useCardNotSticky(): boolean {
  return useMedia(CARD_NOT_STICKY);
}

/** The step's suggested settings are already in place. */
function actionDone(patch: Partial<Settings>, settings: Settings): boolean {
  return Object.keys(changedSettings(patch, settings)).length === 0;
}

/**
 * The step's own buttons (its suggested setting, Play / Pause), on the card and on the dock; with
 * `controls`, also the training controls the step names (Step example, …), for small screens.
 */
export function StepButtons({
  step,
  testIdPrefix,
  controls = false,
  onControl,
}: {
  step: LessonStep;
  testIdPrefix: string;
  controls?: boolean;
  /** After one of the controls is pressed. */
  onControl?: () => void;
}) {
  const settings = useLab((s) => s.settings);
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  const action = step.action;
  return (
    <>
      {controls &&
        step.controls?.map((kind) => (
          <StepButton key={kind} kind={kind} testId={`${testIdPrefix}-step-${kind}`} onPress={onControl} />
        ))}
      {action && (
        <button
          type="button"
          data-testid={`${testIdPrefix}-action`}
          // aria-disabled once done, not disabled: the focus stays on the button
          aria-disabled={actionDone(action.settings, settings) || undefined}
          onClick={() => {
            if (!actionDone(action.settings, settings)) void runStepAction(step);
          }}
        >
          {action.label}
        </button>
      )}
      {step.play && (
        <button
          type="button"
          className="primary"
          data-testid={`${testIdPrefix}-play`}
          aria-label={playing ? 'Pause training' : 'Play: train continuously'}
          onClick={() => void trainer.togglePlay()}
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
      )}
    </>
  );
}

/** Whether the element is scrolled (wholly) out of the screen and the card is not sticky there. */
function useCardAway(card: RefObject<HTMLElement | null>): boolean {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const el = card.current;
    if (!el) return;
    const query = window.matchMedia(CARD_NOT_STICKY);
    let outOfView = false;
    const update = () => setAway(query.matches && outOfView);
    const observer = new IntersectionObserver((entries) => {
      outOfView = !entries[entries.length - 1].isIntersecting;
      update();
    });
    observer.observe(el);
    query.addEventListener('change', update);
    return () => {
      observer.disconnect();
      query.removeEventListener('change', update);
    };
  }, [card]);
  return away;
}

interface DockProps {
  card: RefObject<HTMLElement | null>;
  /** The card's note (the network put back, the cost rising): said on the bar too. */
  note: string | null;
  go: (i: number) => (e: MouseEvent) => void;
  /** Leaves the lesson for free play (the last step's way on). */
  leave: () => void;
}

export function LessonDock({ step: n, ...props }: DockProps & { step: number }) {
  const away = useCardAway(props.card);
  if (!away) return null;
  // (keyed by the step: a new step starts folded, its "Try it" on the bar)
  return <DockBar key={n} n={n} {...props} />;
}

function DockBar({ card, note, n, go, leave }: DockProps & { n: number }) {
  const [open, setOpen] = useState(false);
  const bar = useRef<HTMLDivElement>(null);
  // the page's last lines, the data notice and focus scrolling keep clear of the bar
  useHeightVar(bar, '--lesson-dock-height');
  const step = LESSON[n];
  const last = n === LESSON.length - 1;
  const words = useStepWords(step);
  const { text, tryThis } = useMemo(() => barWords(words), [words]);
  return (
    <div
      ref={bar}
      className={open ? 'lesson-dock open' : 'lesson-dock'}
      data-testid="lesson-dock"
      role="group"
      aria-label="Lesson step"
    >
      {open ? (
        // the whole step, read where the student is: "↑" to the card left what the step shows
        // 3,500 px below, and nothing led back down (a review on a phone)
        <div className="lesson-dock-sheet" id="lesson-dock-sheet" data-testid="lesson-dock-sheet">
          <h2>
            Step {n + 1} of {LESSON.length} · {step.title}
          </h2>
          {text.map((t) => (
            <p key={t}>{t}</p>
          ))}
          <p className="lesson-try">
            <strong>Try it:</strong> {tryThis}
          </p>
          {note && <p className="lesson-dock-note">{note}</p>}
          {n > 0 && (
            <p>
              <button type="button" className="link" data-testid="lesson-dock-sheet-previous" onClick={go(n - 1)}>
                ‹ Previous step: {LESSON[n - 1].title}
              </button>
            </p>
          )}
          <p>
            <button
              type="button"
              className="link"
              data-testid="lesson-dock-card"
              onClick={() => card.current?.scrollIntoView({ block: 'start' })}
            >
              ↑ Up to the lesson’s card: every step, Free play
            </button>
          </p>
        </div>
      ) : (
        <>
          {/* the card's word, above the step's own (in its place, step 10 showed no task at all) */}
          {note && (
            <p className="lesson-dock-note" data-testid="lesson-dock-note">
              {note}
            </p>
          )}
          <p className="lesson-dock-try" data-testid="lesson-dock-try">
            <strong>Try it:</strong> {tryThis}
          </p>
        </>
      )}
      <div className="lesson-dock-row">
        <button
          type="button"
          className="lesson-dock-more"
          data-testid="lesson-dock-more"
          aria-expanded={open}
          aria-controls={open ? 'lesson-dock-sheet' : undefined}
          onClick={() => setOpen(!open)}
          aria-label={`Step ${n + 1} of ${LESSON.length}: ${step.title}. ${open ? 'Fold' : 'Read'} the step’s text`}
        >
          {/* said in words: "▴ 7/15" read as "previous step" or "scroll up" (a review on a phone) */}
          {open ? '▾ Hide' : '▴ Read'}
        </button>
        {/* where the class is, beside the button rather than on it (a teacher's review at 125%) */}
        <span className="lesson-dock-count" data-testid="lesson-dock-count" aria-hidden="true" translate="no">
          step {n + 1}/{LESSON.length}
        </span>
        <span className="lesson-dock-buttons">
          <StepButtons step={step} testIdPrefix="lesson-dock" controls />
          {/* a presenter's way back without the card (a teacher's review); a phone's row has no
              room for it, and its sheet has one */}
          {n > 0 && (
            <button
              type="button"
              className="lesson-dock-previous"
              data-testid="lesson-dock-previous"
              onClick={go(n - 1)}
              aria-label="Previous lesson step"
            >
              ‹ Previous
            </button>
          )}
          {!last ? (
            <button type="button" data-testid="lesson-dock-next" onClick={go(n + 1)} aria-label="Next lesson step">
              Next ›
            </button>
          ) : (
            // the last step's way on, as on the card ("Then press “Free play” to finish the lesson"):
            // the bar had none, and on a phone the card was 1,100 px up the page
            <button
              type="button"
              data-testid="lesson-dock-exit"
              onClick={leave}
              aria-label="Free play: leave the lesson"
            >
              Free play
            </button>
          )}
        </span>
      </div>
    </div>
  );
}
