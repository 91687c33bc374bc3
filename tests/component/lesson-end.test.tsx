/**
 * On a phone the card ends with its own way on: Next (named), or Free play on the last step. Step
 * 1's Step example showed the network and left only the card's tail on screen, its Next far above.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { openLessonStep } from '../../src/views/lesson/open-step';
import { LessonPanel } from '../../src/views/lesson/LessonPanel';
import { LESSON } from '../../src/views/lesson/steps';
import { stubObservers } from '../helpers/observer-stubs';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

vi.mock('../../src/views/lesson/open-step', async (original) => ({
  ...(await original<typeof import('../../src/views/lesson/open-step')>()),
  openLessonStep: vi.fn(() => Promise.resolve()),
}));

/** matchMedia for a screen of width x height: its (max|min)-(width|height) clauses, "," as or; anything else is false. */
function screenOf(width: number, height: number): void {
  const clause = (c: string) => {
    const parts = [...c.matchAll(/\((min|max)-(width|height):\s*(\d+)px\)/g)];
    if (parts.length === 0 || c.replace(/\((min|max)-(width|height):\s*\d+px\)|and|\s/g, '') !== '') return false;
    return parts.every(([, kind, dim, px]) => {
      const v = dim === 'width' ? width : height;
      return kind === 'max' ? v <= Number(px) : v >= Number(px);
    });
  };
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.split(',').some(clause),
    addEventListener() {},
    removeEventListener() {},
  }));
}

const initial = useLab.getState();
beforeEach(() => {
  stubObservers();
  useLab.setState({ snapshot: syntheticSnapshot(), busy: false, lessonAsk: null, lessonNote: null });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.mocked(openLessonStep).mockClear();
  useLab.setState(initial, true);
});

it('a phone’s card ends with Next, naming the next step, and it opens that step', () => {
  screenOf(390, 844);
  useLab.setState({ lesson: 0 });
  render(<LessonPanel />);
  const next = screen.getByTestId('lesson-end-next');
  expect(next.textContent).toBe(`Next: ${LESSON[1].title} ›`);
  fireEvent.click(next);
  expect(openLessonStep).toHaveBeenCalledWith(1);
  expect(screen.queryByTestId('lesson-end-exit')).toBeNull();
});

it('so does a landscape phone’s', () => {
  screenOf(844, 390);
  useLab.setState({ lesson: 3 });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-end-next').textContent).toBe(`Next: ${LESSON[4].title} ›`);
});

it('the last step’s card ends with Free play, which finishes the lesson', () => {
  screenOf(390, 844);
  useLab.setState({ lesson: LESSON.length - 1, snapshot: { ...syntheticSnapshot(), step: 0 } });
  render(<LessonPanel />);
  expect(screen.queryByTestId('lesson-end-next')).toBeNull();
  fireEvent.click(screen.getByTestId('lesson-end-exit'));
  expect(useLab.getState().lesson).toBeNull();
});

it('a tablet’s or a laptop’s card (also at 150% zoom) has its Next at the top only (the whole card is on screen there)', () => {
  for (const [w, h] of [
    [768, 1024],
    [853, 533],
    [1280, 800],
  ]) {
    screenOf(w, h);
    useLab.setState({ lesson: 0 });
    const { unmount } = render(<LessonPanel />);
    expect(screen.getByTestId('lesson-next')).toBeTruthy();
    expect(screen.queryByTestId('lesson-end-next')).toBeNull();
    unmount();
  }
});

it('not while the card asks whether to replace a trained network', () => {
  screenOf(390, 844);
  useLab.setState({ lesson: 1, lessonAsk: { step: 1, within: false, trained: 5 } });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-ask')).toBeTruthy();
  expect(screen.queryByTestId('lesson-end-next')).toBeNull();
});

it('a focus lost with the step left (its Play, gone with it) goes to the new step’s title, not the page', async () => {
  const { act } = await import('@testing-library/react');
  screenOf(1440, 900);
  useLab.setState({ lesson: 6 });
  render(<LessonPanel />);
  const gone = document.createElement('button');
  document.body.append(gone);
  gone.focus();
  gone.remove();
  expect(document.activeElement).toBe(document.body);
  act(() => useLab.setState({ lesson: 7 }));
  expect(document.activeElement).toBe(screen.getByTestId('lesson-title'));
  // where the focus still is, it stays
  const kept = document.createElement('button');
  document.body.append(kept);
  kept.focus();
  act(() => useLab.setState({ lesson: 8 }));
  expect(document.activeElement).toBe(kept);
  kept.remove();
});
