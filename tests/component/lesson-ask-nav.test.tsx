/**
 * What the lesson's card waits for: the answer, while it asks whether to replace a trained network
 * (its step buttons wait for it), and the digits, while they download (its note says so: on a slow
 * line step 1 said "one example has been stepped for you" over a disabled Step example for a minute).
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { LessonPanel } from '../../src/views/lesson/LessonPanel';
import { stubObservers } from '../helpers/observer-stubs';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const initial = useLab.getState();
beforeEach(() => {
  stubObservers();
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  useLab.setState(initial, true);
});

it('Next, Previous and the step dots do nothing while the card asks (Next asked again, for step 2)', () => {
  const snapshot = syntheticSnapshot();
  const ask = { step: 1, within: false, trained: snapshot.step };
  useLab.setState({ snapshot, lesson: 1, lessonAsk: ask });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-ask')).toBeTruthy();
  const next = screen.getByTestId('lesson-next');
  expect(next.getAttribute('aria-disabled')).toBe('true');
  expect(screen.getByTestId('lesson-prev').getAttribute('aria-disabled')).toBe('true');
  fireEvent.click(next, { detail: 1 });
  fireEvent.click(screen.getByTestId('lesson-prev'), { detail: 1 });
  fireEvent.click(screen.getByRole('button', { name: /^Step 5:/ }), { detail: 1 });
  expect(useLab.getState().lesson).toBe(1);
  expect(useLab.getState().lessonAsk).toEqual(ask);
});

it('says what the student changed only once the network is built (while the data loaded, the defaults read as changes)', () => {
  // the app's defaults (ReLU, cross-entropy …), not yet replaced by the step's lecture settings
  useLab.setState({ snapshot: null, lesson: 0, lessonAsk: null, busy: false });
  const { rerender } = render(<LessonPanel />);
  expect(screen.queryByTestId('lesson-changed')).toBeNull();
  // built, and the student's own change (the defaults against the lecture's) is said
  useLab.setState({ snapshot: syntheticSnapshot() });
  rerender(<LessonPanel />);
  expect(screen.getByTestId('lesson-changed').textContent).toMatch(/^changed: activation relu/);
});

const progress = { loadedBytes: 1, totalBytes: 2, fromCache: false, filesRead: 0, filesUnpacked: 0, files: 4 };

it('says the step’s buttons work once the digits are in, while they download; then the step’s own note again', () => {
  useLab.setState({
    lesson: 0,
    snapshot: null,
    data: { kind: 'loading', progress },
    lessonAsk: null,
    lessonNote: 'the step’s own note',
  });
  render(<LessonPanel />);
  expect(screen.getByTestId('lesson-note').textContent).toMatch(
    /^Waiting for the digits: this step’s buttons work once they are in/,
  );
  act(() => useLab.setState({ data: { kind: 'error', message: 'Could not download' } }));
  expect(screen.getByTestId('lesson-note').textContent).toBe(
    'The digits could not be loaded: the message at the foot of the screen says why, with Retry.',
  );
  act(() =>
    useLab.setState({ data: { kind: 'ready', fromCache: false, trainCount: 50_000 }, snapshot: syntheticSnapshot() }),
  );
  expect(screen.getByTestId('lesson-note').textContent).toBe('the step’s own note');
});
