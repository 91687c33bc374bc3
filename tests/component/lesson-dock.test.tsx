/**
 * On a phone the lesson's card is far above what a step shows: the bar at the bottom keeps the
 * step's "Try it", its whole text in place, the controls it names, and the card's notes.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { useLab } from '../../src/store/lab-store';
import { LessonPanel } from '../../src/views/lesson/LessonPanel';
import { LESSON } from '../../src/views/lesson/steps';
import { barWords, stepWords } from '../../src/views/lesson/touch-words';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();

/** The card scrolled wholly out of view, on a screen where it is not sticky (or is, `narrow` false). */
function screenOf(narrow: boolean): void {
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private readonly report: IntersectionObserverCallback) {}
      observe(): void {
        this.report([{ isIntersecting: false } as IntersectionObserverEntry], this as never);
      }
      disconnect(): void {}
    },
  );
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      disconnect(): void {}
    },
  );
  vi.stubGlobal('matchMedia', () => ({ matches: narrow, addEventListener() {}, removeEventListener() {} }));
}

beforeEach(() => useLab.setState({ snapshot: syntheticSnapshot(), busy: false, lessonAsk: null, lessonNote: null }));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  useLab.setState(initial, true);
});

const weightTable = LESSON.findIndex((s) => s.title === 'The weight-matrix update');
/** Step n's "Try it" as the bar on a phone says it (tapped, and nothing "below"). */
const barTry = (n: number) => barWords(stepWords(LESSON[n], true)).tryThis;

it('shows the step’s “Try it” on the bar, and its whole text in place when opened', () => {
  screenOf(true);
  useLab.setState({ lesson: weightTable });
  render(<LessonPanel />);
  const step = LESSON[weightTable];
  // (the table is above the bar: "the table", where the card says "the table below")
  expect(step.tryThis).toContain('the table below');
  expect(screen.getByTestId('lesson-dock-try').textContent).toBe(
    `Try it: ${step.tryThis.replace('the table below', 'the table')}`,
  );
  expect(screen.getByTestId('lesson-panel').textContent).toContain('the table below');
  expect(screen.queryByTestId('lesson-dock-sheet')).toBeNull();
  const more = screen.getByTestId('lesson-dock-more');
  expect(more.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(more);
  const sheet = screen.getByTestId('lesson-dock-sheet');
  expect(more.getAttribute('aria-expanded')).toBe('true');
  expect(sheet.textContent).toContain(`Step ${weightTable + 1} of ${LESSON.length} · ${step.title}`);
  for (const paragraph of step.text) expect(sheet.textContent).toContain(paragraph);
  expect(sheet.textContent).toContain(barTry(weightTable));
  // folded again
  fireEvent.click(more);
  expect(screen.queryByTestId('lesson-dock-sheet')).toBeNull();
});

it('a new step starts folded: its own "Try it" on the bar', () => {
  screenOf(true);
  useLab.setState({ lesson: weightTable });
  const { rerender } = render(<LessonPanel />);
  fireEvent.click(screen.getByTestId('lesson-dock-more'));
  expect(screen.getByTestId('lesson-dock-sheet')).toBeTruthy();
  act(() => useLab.setState({ lesson: weightTable + 1 }));
  rerender(<LessonPanel />);
  expect(screen.queryByTestId('lesson-dock-sheet')).toBeNull();
  // (a narrow screen here is a touch screen too: "click" said as "tap")
  expect(screen.getByTestId('lesson-dock-try').textContent).toContain(barTry(weightTable + 1));
});

it('carries the controls the step names, which step the network (the controls are far down a phone’s page)', () => {
  screenOf(true);
  const stepUpdate = vi.spyOn(trainer, 'stepUpdate').mockResolvedValue();
  const stepExample = vi.spyOn(trainer, 'stepExample').mockResolvedValue();
  useLab.setState({ lesson: weightTable });
  render(<LessonPanel />);
  fireEvent.click(screen.getByTestId('lesson-dock-step-batch'));
  expect(stepUpdate).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByTestId('lesson-dock-step-example'));
  expect(stepExample).toHaveBeenCalledTimes(1);
  // on the card as well (its "Try it" names them)
  expect(screen.getByTestId('lesson-step-batch')).toBeTruthy();
  // and not while playing: the same rule as the controls'
  act(() => useLab.setState({ snapshot: { ...syntheticSnapshot(), playing: true } }));
  fireEvent.click(screen.getByTestId('lesson-dock-step-batch'));
  expect(stepUpdate).toHaveBeenCalledTimes(1);
  expect(screen.getByTestId('lesson-dock-step-batch').getAttribute('aria-disabled')).toBe('true');
});

it('leaves the controls off a sticky card (beside the controls panel) and shows no bar there', () => {
  screenOf(false);
  useLab.setState({ lesson: weightTable });
  render(<LessonPanel />);
  expect(screen.queryByTestId('lesson-step-batch')).toBeNull();
  expect(screen.queryByTestId('lesson-dock')).toBeNull();
});

it('says the card’s note on the bar, above “Try it” (the card, a live region, is away)', () => {
  screenOf(true);
  const note = 'The cost has risen since you set α to 20.';
  useLab.setState({ lesson: weightTable, lessonNote: note });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-dock-note').textContent).toBe(note);
  // the step's task still said (in the note's place, the step after an experiment showed none)
  expect(screen.getByTestId('lesson-dock-try').textContent).toContain(barTry(weightTable));
  fireEvent.click(screen.getByTestId('lesson-dock-more'));
  expect(screen.getByTestId('lesson-dock-sheet').textContent).toContain(note);
});

it('a control pressed on the card brings what it changes into view (step 1’s network was 400 px below the screen)', () => {
  screenOf(true);
  const stepExample = vi.spyOn(trainer, 'stepExample').mockResolvedValue();
  const network = document.createElement('div');
  network.dataset.testid = 'network-view';
  network.scrollIntoView = vi.fn();
  network.getBoundingClientRect = () => new DOMRect(0, window.innerHeight + 400, 700, 450);
  document.body.append(network);
  try {
    useLab.setState({ lesson: 0 });
    render(<LessonPanel />);
    fireEvent.click(screen.getByTestId('lesson-step-example'));
    expect(stepExample).toHaveBeenCalledTimes(1);
    expect(network.scrollIntoView).toHaveBeenCalledTimes(1);
  } finally {
    network.remove();
  }
});

it('a control pressed on the card leaves the page where it is when what it changes is in view (it jumped 111 px)', () => {
  screenOf(true);
  vi.spyOn(trainer, 'stepExample').mockResolvedValue();
  const network = document.createElement('div');
  network.dataset.testid = 'network-view';
  network.scrollIntoView = vi.fn();
  network.getBoundingClientRect = () => new DOMRect(0, 300, 700, Math.max(1, window.innerHeight - 320));
  document.body.append(network);
  try {
    useLab.setState({ lesson: 0 });
    render(<LessonPanel />);
    fireEvent.click(screen.getByTestId('lesson-step-example'));
    expect(network.scrollIntoView).not.toHaveBeenCalled();
    // and partly below the screen: brought up
    network.getBoundingClientRect = () => new DOMRect(0, 300, 700, window.innerHeight);
    fireEvent.click(screen.getByTestId('lesson-step-example'));
    expect(network.scrollIntoView).toHaveBeenCalledTimes(1);
  } finally {
    network.remove();
  }
});

it('on a touch screen the steps say “tap”, on the card and on the bar (“Click” meant nothing on a phone)', () => {
  screenOf(true);
  const updating = LESSON.findIndex((s) => s.title === 'Updating a neuron');
  expect(LESSON[updating].tryThis).toMatch(/Click another output/);
  useLab.setState({ lesson: updating });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-dock-try').textContent).toMatch(/^Try it: .*Tap another output/);
  // the bar says where the class is
  expect(screen.getByTestId('lesson-dock-count').textContent).toBe(`step ${updating + 1}/${LESSON.length}`);
  expect(screen.getByTestId('lesson-panel').textContent).toMatch(/Try it: .*Tap another output/);
  expect(screen.getByTestId('lesson-panel').textContent).not.toMatch(/click/i);
});

it('every step says “tap” on a touch screen, in its text as in its “Try it”, on the card and in the opened bar', () => {
  screenOf(true);
  // (four steps ask to click; a step's text may too, as well as its "Try it")
  expect(LESSON.filter((s) => /\bclick\b/i.test([...s.text, s.tryThis].join(' '))).length).toBeGreaterThan(2);
  for (let n = 0; n < LESSON.length; n++) {
    useLab.setState({ lesson: n });
    const { unmount } = render(<LessonPanel />);
    fireEvent.click(screen.getByTestId('lesson-dock-more'));
    expect(screen.getByTestId('lesson-panel').textContent, `step ${n + 1}'s card`).not.toMatch(/\bclick/i);
    expect(screen.getByTestId('lesson-dock-sheet').textContent, `step ${n + 1}'s bar`).not.toMatch(/\bclick/i);
    // nor the keyboard's ways, written for keyboard-only readers
    expect(screen.getByTestId('lesson-panel').textContent, `step ${n + 1}'s card`).not.toMatch(/keyboard:/);
    unmount();
  }
});

it('the bar names the table, charts and surface without “below”: there they are above it', () => {
  screenOf(true);
  for (let n = 0; n < LESSON.length; n++) {
    useLab.setState({ lesson: n });
    const { unmount } = render(<LessonPanel />);
    fireEvent.click(screen.getByTestId('lesson-dock-more'));
    expect(screen.getByTestId('lesson-dock-sheet').textContent, `step ${n + 1}`).not.toMatch(
      /\b(table|charts?|surface|race) below/,
    );
    unmount();
  }
});

it('the bar goes back a step as well as on (a presenter had to scroll up to the card for Previous)', () => {
  screenOf(true);
  // an untrained network: nothing for a step to ask about before it rebuilds it
  useLab.setState({ lesson: weightTable, snapshot: { ...syntheticSnapshot(), step: 0 } });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-dock-previous').getAttribute('aria-label')).toBe('Previous lesson step');
  fireEvent.click(screen.getByTestId('lesson-dock-previous'));
  expect(useLab.getState().lesson).toBe(weightTable - 1);
  // the opened sheet names the step it goes back to (the row's button is hidden on a phone)
  fireEvent.click(screen.getByTestId('lesson-dock-more'));
  const back = screen.getByTestId('lesson-dock-sheet-previous');
  expect(back.textContent).toBe(`‹ Previous step: ${LESSON[weightTable - 2].title}`);
  fireEvent.click(back);
  expect(useLab.getState().lesson).toBe(weightTable - 2);
});

it('the first step’s bar has no Previous', () => {
  screenOf(true);
  useLab.setState({ lesson: 0 });
  render(<LessonPanel />);
  expect(screen.queryByTestId('lesson-dock-previous')).toBeNull();
  fireEvent.click(screen.getByTestId('lesson-dock-more'));
  expect(screen.queryByTestId('lesson-dock-sheet-previous')).toBeNull();
});

it('the last step’s bar finishes the lesson with Free play, where the others have Next (it had neither)', () => {
  screenOf(true);
  useLab.setState({ lesson: LESSON.length - 1, snapshot: { ...syntheticSnapshot(), step: 0 } });
  render(<LessonPanel />);
  expect(screen.queryByTestId('lesson-dock-next')).toBeNull();
  fireEvent.click(screen.getByTestId('lesson-dock-exit'));
  expect(useLab.getState().lesson).toBeNull();
});

it('the steps that ask for a click also say the keyboard’s way (a keyboard-only reader was told only to click)', () => {
  screenOf(false);
  const asking = LESSON.filter((s) => /\b(click|drag)\b/i.test(s.tryThis));
  expect(asking.length).toBeGreaterThan(3);
  for (const step of asking) expect(step.tryThis, step.title).toMatch(/\(keyboard: [^)]+\)/);
  useLab.setState({ lesson: LESSON.indexOf(asking[0]) });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-panel').textContent).toMatch(/\(keyboard: /);
});
