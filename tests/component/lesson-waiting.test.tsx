/**
 * Before the first network the lesson's buttons wait for the digits: the card says so. On a slow
 * line step 1 said "one example has been stepped for you" over a disabled Step example for a minute.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useLab } from '../../src/store/lab-store';
import { LessonPanel } from '../../src/views/lesson/LessonPanel';
import { stubObservers } from '../helpers/observer-stubs';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

vi.mock('../../src/views/lesson/open-step', async (original) => ({
  ...(await original<typeof import('../../src/views/lesson/open-step')>()),
  openLessonStep: vi.fn(() => Promise.resolve()),
}));

const initial = useLab.getState();
const progress = { loadedBytes: 1, totalBytes: 2, fromCache: false, filesRead: 0, filesUnpacked: 0, files: 4 };
beforeEach(() => {
  stubObservers();
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  useLab.setState(initial, true);
});

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
