/**
 * The lesson on small screens. Where the card is not sticky (under 1024 x 700 it would cover
 * most of the screen), a step that scrolls to the charts or the surface leaves the card, and its
 * Play and Set buttons, far above. While the card is out of view, a bar at the bottom of the
 * screen keeps the step's buttons, a way back to its text, and Next.
 */
import { useEffect, useState, type MouseEvent, type RefObject } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { changedSettings, type Settings } from '../../protocol/settings';
import { useLab } from '../../store/lab-store';
import { runStepAction } from './open-step';
import { LESSON, type LessonStep } from './steps';

/** Where the card is not sticky (the complement of the sticky media query in styles.css). */
const CARD_NOT_STICKY = '(max-width: 1023px), (max-height: 699px)';

/** The step's suggested settings are already in place. */
function actionDone(patch: Partial<Settings>, settings: Settings): boolean {
  return Object.keys(changedSettings(patch, settings)).length === 0;
}

/** The step's own buttons (its suggested setting, Play / Pause), on the card and on the dock. */
export function StepButtons({ step, testIdPrefix }: { step: LessonStep; testIdPrefix: string }) {
  const settings = useLab((s) => s.settings);
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  const action = step.action;
  return (
    <>
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

export function LessonDock({
  card,
  step: n,
  go,
}: {
  card: RefObject<HTMLElement | null>;
  step: number;
  go: (i: number) => (e: MouseEvent) => void;
}) {
  const away = useCardAway(card);
  if (!away) return null;
  const step = LESSON[n];
  const last = n === LESSON.length - 1;
  return (
    <div className="lesson-dock" data-testid="lesson-dock" role="group" aria-label="Lesson step">
      <button
        type="button"
        className="lesson-dock-up"
        data-testid="lesson-dock-up"
        onClick={() => card.current?.scrollIntoView({ block: 'start' })}
        aria-label={`Step ${n + 1} of ${LESSON.length}: ${step.title}. Show the step's text`}
      >
        ↑ {n + 1}/{LESSON.length}
      </button>
      <span className="lesson-dock-buttons">
        <StepButtons step={step} testIdPrefix="lesson-dock" />
        {!last && (
          <button type="button" data-testid="lesson-dock-next" onClick={go(n + 1)} aria-label="Next lesson step">
            Next ›
          </button>
        )}
      </span>
    </div>
  );
}
