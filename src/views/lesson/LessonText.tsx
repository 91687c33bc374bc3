/** The step's words on the card: its paragraphs and "Try it", in two columns where they fit (columns.ts). */
import { useMemo, useRef, type ReactNode } from 'react';
import { drawnTextWidth } from '../../render/charts/frame';
import { useElementSize } from '../charts/use-chart';
import { columnSplit, sentencesOf, type Sentence } from './columns';
import { StepButtons, useCardNotSticky } from './LessonDock';
import type { LessonStep } from './steps';
import { scrollBehavior } from '../motion';
import { useStepWords } from './touch-words';

/**
 * Two columns from this width on (each at least 380 px, ~55 characters, 28 px apart). From 420 px
 * (as the card's CSS columns were), a laptop at 150% zoom (853 x 533 px) had one column, and the card
 * took 317 of its 533 px.
 */
const TWO_COLUMNS = 2 * 380 + 28;
const GAP = 28;
/** The card's 14 px text: about 7.2 px a character where nothing can measure it (jsdom). */
const CHAR_PX = 7.2;
const measure = (text: string) => drawnTextWidth(text, 14) || text.length * CHAR_PX;
const TRY_LABEL = 'Try it: ';

/**
 * What a control pressed on the card changes, brought into view (the card is not sticky where it
 * has them), unless it is in view already: step 1's network, whole on a portrait tablet's screen
 * under the card, was centred at each Step example, and the page jumped 111 px (a tablet review).
 */
function showChanged(step: LessonStep): void {
  if (!step.controlsShow) return;
  const el = document.querySelector(step.controlsShow);
  if (!el) return;
  const r = el.getBoundingClientRect();
  const root = getComputedStyle(document.documentElement);
  // (the room the card and the lesson's bar leave: none, here, unless they stick)
  const top = parseFloat(root.scrollPaddingTop) || 0;
  const bottom = window.innerHeight - (parseFloat(root.scrollPaddingBottom) || 0);
  if (r.top >= top - 1 && r.bottom <= bottom + 1) return;
  // with the card's buttons (the one pressed, and Next on phones) above it where all fit: centred,
  // step 1's network left 16 px of a landscape phone's card in view, its Next cut off and no bar
  // (else Next alone: on a landscape phone the button pressed is one short scroll up)
  for (const sel of ['.lesson-panel .lesson-actions', '.lesson-panel .lesson-end']) {
    const end = document.querySelector(sel)?.getBoundingClientRect();
    if (end && end.top < r.top && r.bottom - end.top + 8 <= bottom - top) {
      window.scrollTo({ top: window.scrollY + end.top - top - 4, behavior: scrollBehavior() });
      return;
    }
  }
  el.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
}

export function LessonText({ step, note }: { step: LessonStep; note: string | null }) {
  const body = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(body, true);
  // where the card is not sticky, the controls may be far down the page: the card carries the
  // ones the step names
  const controls = useCardNotSticky() && (step.controls?.length ?? 0) > 0;
  const buttons = Boolean(step.action || step.play || controls);
  const words = useStepWords(step);
  // once per step and width (the card re-renders with every training update)
  const { sentences, split } = useMemo(() => {
    const sentences = sentencesOf([...words.text, TRY_LABEL + words.tryThis]);
    if (width < TWO_COLUMNS) return { sentences, split: sentences.length };
    // the card's buttons after "Try it"'s last words: about 150 px
    const endWidth = buttons ? 150 : 0;
    return { sentences, split: columnSplit(sentences, (width - GAP) / 2, measure, { endWidth }) };
  }, [words, width, buttons]);
  const tryPara = words.text.length;
  // (a text with nowhere to split stays one column)
  const two = split > 0 && split < sentences.length;

  /** Consecutive sentences of one paragraph as one <p> (a paragraph split between the columns is two). */
  const paras = (list: Sentence[]): ReactNode[] => {
    const groups: Sentence[][] = [];
    for (const s of list) {
      const last = groups[groups.length - 1];
      if (last && last[0].para === s.para) last.push(s);
      else groups.push([s]);
    }
    return groups.map((g) => {
      const { para, first } = g[0];
      const text = g.map((s) => s.text).join(' ');
      // (marked: the rest of the paragraph the first column ends with)
      const cont = first ? '' : ' lesson-cont';
      if (para !== tryPara) {
        return (
          <p key={`${step.title}.${para}.${first}`} className={cont || undefined}>
            {text}
          </p>
        );
      }
      const ends = g[g.length - 1] === sentences[sentences.length - 1];
      return (
        // keyed by the step, so each step's words are new nodes: a page translator translates them
        // afresh (kept, the mixed "Try it:" line showed the step before's words; live.tsx)
        <p key={`${step.title}.${para}.${first}`} className={`lesson-try${cont}`}>
          {first ? (
            <>
              <strong>Try it:</strong> {text.slice(TRY_LABEL.length)}
            </>
          ) : (
            text
          )}
          {ends && buttons && (
            // on the card, which stays on screen: the settings bar and Play may be scrolled away
            <span className="lesson-actions">
              <StepButtons step={step} testIdPrefix="lesson" controls={controls} onControl={() => showChanged(step)} />
            </span>
          )}
        </p>
      );
    });
  };
  const noteBox = note && (
    <p className="lesson-note" data-testid="lesson-note" role="status">
      {note}
    </p>
  );
  return (
    <div ref={body} className={two ? 'lesson-body lesson-two' : 'lesson-body'}>
      {two ? (
        <>
          <div className="lesson-column">{paras(sentences.slice(0, split))}</div>
          <div className="lesson-column">{paras(sentences.slice(split))}</div>
          {/* across both columns: under one, step 9's four-line note made the card 245 px tall at 1280x720 */}
          {noteBox}
        </>
      ) : (
        <>
          {paras(sentences)}
          {noteBox}
        </>
      )}
    </div>
  );
}
