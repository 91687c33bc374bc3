/** The guided lesson's card: the step's text, what to try, previous / next, back to free play. */
import { useLab } from '../../store/lab-store';
import { closeLesson, openLessonStep } from './open-step';
import { LESSON } from './steps';

export function LessonPanel() {
  const lesson = useLab((s) => s.lesson);
  if (lesson === null) return null;
  const n = Math.max(0, Math.min(LESSON.length - 1, lesson));
  const step = LESSON[n];
  return (
    <section className="lesson-panel" data-testid="lesson-panel" aria-label="Lesson" aria-live="polite">
      <div className="lesson-head">
        <span className="lesson-count" data-testid="lesson-count">
          Lesson · step {n + 1} of {LESSON.length}
        </span>
        <h2 data-testid="lesson-title">{step.title}</h2>
        <nav className="lesson-nav" aria-label="Lesson steps">
          <button
            type="button"
            data-testid="lesson-prev"
            disabled={n === 0}
            onClick={() => void openLessonStep(n - 1)}
            aria-label="Previous lesson step"
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="primary"
            data-testid="lesson-next"
            disabled={n === LESSON.length - 1}
            onClick={() => void openLessonStep(n + 1)}
            aria-label="Next lesson step"
          >
            Next ›
          </button>
          <button
            type="button"
            data-testid="lesson-exit"
            onClick={closeLesson}
            aria-label="Leave the lesson for free play"
          >
            Free play
          </button>
        </nav>
      </div>
      <div className="lesson-body">
        {step.text.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        <p className="lesson-try">
          <strong>Try it:</strong> {step.tryThis}
        </p>
      </div>
      <ol className="lesson-dots" aria-label="All steps">
        {LESSON.map((s, i) => (
          <li key={s.title}>
            <button
              type="button"
              aria-label={`Step ${i + 1}: ${s.title}`}
              aria-current={i === n ? 'step' : undefined}
              title={s.title}
              onClick={() => void openLessonStep(i)}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
