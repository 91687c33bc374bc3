/** The guided lesson's card: the step's text, what to try, previous / next, back to free play. */
import { useEffect, useRef, type MouseEvent } from 'react';
import { LOAD_FAILED_WHERE } from '../shell/data-progress';
import { focusTestId } from '../controls/focus';
import { count } from '../controls/format';
import { useHeightVar } from '../shell/use-height-var';
import { useLab, type LabState } from '../../store/lab-store';
import { closeLesson, openLessonStep } from './open-step';
import { focusLessonTitle, recoverLessonFocus, takeTitleFocus } from './lesson-focus';
import { LECTURE, LESSON } from './steps';
import { LessonDock } from './LessonDock';
import { useMedia } from '../use-media';
import { LessonText } from './LessonText';
import { changedSettings, describeSettings, type Settings } from '../../protocol/settings';

/**
 * Where the card ends with its own Next too: phones, either way up (the card is not sticky there,
 * and it is taller than the screen is, or nearly). On a portrait tablet, or a laptop at 150% zoom
 * (853 x 533), the whole card fits on the screen, its Next at the top is in view with its end, and a
 * second one cost the network 45 px.
 */
const END_NEXT = '(max-width: 599px), (max-height: 499px)';

/** Back to free play from the card: the card goes, the focus moves to the header's Free play (not to the page). */
function leaveLesson(): void {
  closeLesson();
  focusTestId('mode-free');
}

/** What the lesson's card says while there is no network yet, by the data's state (null once ready). */
function dataWaitNote(data: LabState['data']['kind']): string | null {
  // short, the point first: the phone's bar shows two lines of it
  if (data === 'loading' || data === 'idle')
    return 'Waiting for the digits: this step’s buttons work once they are in (the bar at the foot of the screen says how far).';
  if (data === 'error') return `The digits could not be loaded: ${LOAD_FAILED_WHERE}.`;
  return null;
}

export function LessonPanel() {
  const lesson = useLab((s) => s.lesson);
  const ask = useLab((s) => s.lessonAsk);
  // the updates it would replace: trained on while asked, the network's own count (replaced
  // meanwhile, the count it was asked with)
  const liveStep = useLab((s) => s.snapshot?.step ?? 0);
  // before the first network, the step's buttons wait for the digits: said on the card (step 1 said
  // "one example has been stepped for you" over a disabled Step example for a minute on a slow line)
  const note = useLab((s) => (s.snapshot === null ? (dataWaitNote(s.data.kind) ?? s.lessonNote) : s.lessonNote));
  const startButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask !== null) startButton.current?.focus({ preventScroll: true });
  }, [ask]);
  const settings = useLab((s) => s.settings);
  const card = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // (not while the card asks first: its answer has the focus, the title takes it after a yes)
  useEffect(() => {
    if (lesson !== null && ask === null && takeTitleFocus()) title.current?.focus({ preventScroll: true });
    else if (lesson !== null) recoverLessonFocus();
  }, [lesson, ask]);
  /** Opens step i; a mouse click (detail > 0, not Enter or Space) hands the focus to the title. */
  const go = (i: number) => (e: MouseEvent) => {
    // not while the card asks whether to replace the network: Next asked again, for step 2, and
    // the lesson began past step 1 (a student's review)
    if (useLab.getState().lessonAsk !== null) return;
    if (e.detail > 0 && i !== n) focusLessonTitle();
    void openLessonStep(i);
  };
  // the row of controls, network and inspector shrinks by the card (and its margin): the network stays whole
  useHeightVar(card, '--lesson-height', 10, lesson !== null);
  // what the student changed is said once the network is built and the step has set its settings:
  // while the data loaded, the defaults read as "you changed activation to relu, …" for seconds
  const settled = useLab((s) => s.snapshot !== null && !s.busy);
  const endNext = useMedia(END_NEXT);
  if (lesson === null) return null;
  const n = Math.max(0, Math.min(LESSON.length - 1, lesson));
  const step = LESSON[n];
  // what the student has changed since the step set the lecture's settings (the next step sets them again)
  // not the speed: one the student chose on a step stays after it (open-step.ts)
  const changedKeys = (
    Object.keys(changedSettings({ ...LECTURE, ...step.settings }, settings)) as (keyof Settings)[]
  ).filter((k) => k !== 'speed');
  // "learning rate 20", not "learning rate to 20": the line has room for about 60 characters at
  // 1280 px ("you changed learning rate to 20, schedule to constant (until the …" was cut off)
  const changed = describeSettings(Object.fromEntries(changedKeys.map((k) => [k, settings[k]])), ' ');
  // the lecture gives σ and (a − y)² only; the batch and the rates are this app's choice, said as
  // such, in as few words as fit the card's line at 1280 px ("(this app’s choice)" was cut off there)
  // pieces that wrap apart where the line is short (1024 px), never within one (inline blocks: WebKit
  // did not break at the space between two nowrap spans, and ran 4 px past the box)
  const lectureLine = (
    <>
      <span className="piece">lecture: σ, (a−y)²;</span> <span className="piece">ours: batch {LECTURE.batchSize},</span>{' '}
      <span className="piece">α₀ = {LECTURE.learningRate}</span>
    </>
  );
  const lectureWhole =
    'σ and the squared error (a − y)² are the lecture’s; the batch size and the learning rate are this app’s choice (the lecture gives none)';
  const trainedTo = liveStep > 0 ? liveStep : (ask?.trained ?? 0);
  return (
    <section ref={card} className="lesson-panel" data-testid="lesson-panel" aria-label="Lesson">
      {/* only the step's name is announced (N and P keep the focus where it is); the whole card
          as a live region re-read its text and its buttons' changes on every Next */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="lesson-announce">
        {ask === null ? `Lesson step ${n + 1} of ${LESSON.length}: ${step.title}` : ''}
      </p>
      <div className="lesson-head">
        <span className="lesson-count" data-testid="lesson-count" translate="no">
          {/* (the word goes where the head's line is short: Previous / Next went to a line of their own) */}
          <span className="lesson-word">Lesson · </span>step {n + 1} of {LESSON.length}
        </span>
        <h2 ref={title} tabIndex={-1} data-testid="lesson-title">
          {step.title}
        </h2>
        {changed !== '' && ask === null && settled ? (
          // in place of the lecture's settings, not after them: the sticky card grew a line over the step's charts
          <span
            className="lesson-settings"
            data-testid="lesson-changed"
            title={`The lesson’s network: ${lectureWhole}. The next step sets it again; Reset undoes training done with yours.`}
          >
            changed: {changed} · until Next
          </span>
        ) : (
          <span
            className="lesson-settings lesson-lecture"
            data-testid="lesson-settings"
            title={`${lectureWhole}. Set when the lesson opened; Free play keeps them until you change them.`}
          >
            {lectureLine}
          </span>
        )}
        <ol className="lesson-dots" aria-label="All steps">
          {LESSON.map((s, i) => (
            <li key={s.title}>
              <button
                type="button"
                aria-label={`Step ${i + 1}: ${s.title}`}
                aria-current={i === n ? 'step' : undefined}
                title={s.title}
                onClick={go(i)}
              />
            </li>
          ))}
        </ol>
        <nav className="lesson-nav" aria-label="Lesson steps">
          <button
            type="button"
            data-testid="lesson-prev"
            // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page
            aria-disabled={n === 0 || ask !== null || undefined}
            onClick={(e) => n > 0 && go(n - 1)(e)}
            aria-label="Previous lesson step"
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="primary"
            data-testid="lesson-next"
            aria-disabled={n === LESSON.length - 1 || ask !== null || undefined}
            onClick={(e) => n < LESSON.length - 1 && go(n + 1)(e)}
            aria-label="Next lesson step"
          >
            Next ›
          </button>
          <button
            type="button"
            data-testid="lesson-exit"
            onClick={leaveLesson}
            aria-label="Free play: leave the lesson"
          >
            Free play
          </button>
        </nav>
      </div>
      {ask !== null ? (
        // a trained network would be replaced: asked first, with a way to keep it
        <div
          className="lesson-body lesson-ask"
          data-testid="lesson-ask"
          role="alertdialog"
          aria-label={ask.within ? 'Replace your network?' : 'Start the lesson?'}
        >
          <p>
            {ask.within ? 'This step uses' : 'The lesson uses'} the lecture’s network, started fresh:{' '}
            {LECTURE.activation} neurons, cost (a − y)², batch {LECTURE.batchSize}, α₀ = {LECTURE.learningRate}. Your
            network, trained for {count(trainedTo)} update{trainedTo === 1 ? '' : 's'}, would be replaced. To keep it,
            use “Save model” (top right) first.
          </p>
          <p>
            <button
              type="button"
              className="primary"
              ref={startButton}
              data-testid="lesson-ask-start"
              onClick={() => {
                // the button goes with the question: the focus goes to the step's title
                focusLessonTitle();
                void openLessonStep(ask.step, true);
              }}
            >
              {ask.within ? 'Use the lecture’s network' : 'Start the lesson'}
            </button>{' '}
            <button type="button" data-testid="lesson-ask-stay" onClick={leaveLesson}>
              {ask.within ? 'Keep mine: free play' : 'Stay in free play'}
            </button>
          </p>
        </div>
      ) : (
        <LessonText step={step} note={note} />
      )}
      {ask === null && endNext && (
        // the way on where the reading ends: on a phone, step 1's Step example showed the network
        // and left the card's tail on screen, its Next 340 px above it, and no lesson bar (which
        // comes only when the whole card has gone; a phone review)
        <p className="lesson-end">
          {n < LESSON.length - 1 ? (
            <button type="button" className="primary" data-testid="lesson-end-next" onClick={go(n + 1)}>
              {`Next: ${LESSON[n + 1].title} ›`}
            </button>
          ) : (
            <button type="button" className="primary" data-testid="lesson-end-exit" onClick={leaveLesson}>
              Free play: finish the lesson
            </button>
          )}
        </p>
      )}
      {ask === null && <LessonDock card={card} step={n} go={go} note={note} leave={leaveLesson} />}
    </section>
  );
}
