/**
 * A reload in the middle of step 9's experiment brings back the network it will put back. The
 * lesson takes that kept state once, on the step it belongs to; otherwise it is forgotten. Left
 * in the bridge (the student stayed in free play, or the lesson moved on), a later visit to step 9
 * adopted it, and moving on put back a network from long before.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { useLab } from '../../src/store/lab-store';
import { closeLesson, openLessonStep, stepSettings } from '../../src/views/lesson/open-step';
import { LESSON } from '../../src/views/lesson/steps';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const rateStep = LESSON.findIndex((s) => s.title === 'The learning rate');
const initial = useLab.getState();

let calls: string[];
/** The step of the experiment the saved session brought, until the lesson takes it. */
let resumed: number | null;

beforeEach(() => {
  calls = [];
  resumed = null;
  vi.spyOn(trainer, 'setSettings').mockImplementation(async (patch) => {
    useLab.setState((s) => ({ settings: { ...s.settings, ...patch } }));
    return true;
  });
  vi.spyOn(trainer, 'setSpeed').mockResolvedValue(undefined);
  vi.spyOn(trainer, 'stepExample').mockResolvedValue(undefined);
  vi.spyOn(trainer, 'pause').mockResolvedValue(undefined);
  vi.spyOn(trainer, 'markExperiment').mockImplementation(async () => void calls.push('mark'));
  vi.spyOn(trainer, 'endExperiment').mockImplementation(async () => (calls.push('end'), 120));
  vi.spyOn(trainer, 'forgetExperiment').mockImplementation(() => void calls.push('forget'));
  vi.spyOn(trainer, 'takeResumedExperiment').mockImplementation(() => {
    const kept = resumed;
    resumed = null;
    return kept;
  });
});

afterEach(() => {
  closeLesson();
  vi.restoreAllMocks();
  useLab.setState(initial, true);
});

/** The session a reload resumes: a trained network with `settings`, on step 9, mid-experiment. */
function reloadedOnRateStep(settings = stepSettings(rateStep)): void {
  const snap = syntheticSnapshot();
  const all = { ...snap.settings, ...settings };
  useLab.setState({ snapshot: { ...snap, settings: all }, settings: all, lastExample: null, probe: null });
  useLab.setState({ lesson: rateStep });
  resumed = rateStep;
  calls = [];
}

it('the step it belongs to takes it, keeps no other, and moving on puts it back', async () => {
  reloadedOnRateStep();
  await openLessonStep(rateStep, false, true);
  expect(calls).toEqual([]);
  await openLessonStep(rateStep + 1);
  expect(calls).toEqual(['end']);
});

it('staying in free play instead of a rebuild forgets it: a later visit to the step does not put it back', async () => {
  // the student changed the activation during the experiment: the step would rebuild, and asks
  reloadedOnRateStep({ ...stepSettings(rateStep), activation: 'relu' });
  await openLessonStep(rateStep, false, true);
  expect(useLab.getState().lessonAsk?.step).toBe(rateStep);
  expect(calls).toEqual(['forget']);
  closeLesson();
  // later, from free play, the lesson again: step 9 (trained, so it keeps nothing), then step 10
  await openLessonStep(rateStep, true);
  await openLessonStep(rateStep + 1);
  expect(calls).not.toContain('end');
});

it('a lesson that moves on before opening the step (a Retry after a failed start) puts it back then', async () => {
  reloadedOnRateStep();
  await openLessonStep(rateStep + 1);
  expect(calls).toEqual(['end']);
  // taken once: coming back to the step and leaving again puts nothing back
  calls = [];
  await openLessonStep(rateStep);
  await openLessonStep(rateStep + 1);
  expect(calls).toEqual(['mark', 'end']);
});

it('leaving the lesson before any step opened puts it back too, with a word', async () => {
  reloadedOnRateStep();
  closeLesson();
  await vi.waitFor(() => expect(calls).toEqual(['end']));
});

it('a step the student left while it was being kept keeps nothing, for no later visit', async () => {
  reloadedOnRateStep();
  resumed = null;
  await openLessonStep(rateStep - 1, true);
  let release = () => {};
  vi.mocked(trainer.markExperiment).mockImplementationOnce(
    () => new Promise<void>((resolve) => (release = () => (calls.push('mark'), resolve()))),
  );
  const opening = openLessonStep(rateStep);
  await vi.waitFor(() => expect(trainer.markExperiment).toHaveBeenCalled());
  const next = openLessonStep(rateStep + 1);
  release();
  await Promise.all([opening, next]);
  expect(calls).toEqual(['mark', 'forget']);
});

it('“Keep mine: free play” at the next step’s question keeps the student’s network, not the one from before the experiment', async () => {
  reloadedOnRateStep();
  resumed = null;
  // walked into step 9 from step 8: its experiment kept
  await openLessonStep(rateStep - 1, true);
  await openLessonStep(rateStep);
  expect(calls).toContain('mark');
  // during it, the student rebuilt the network with ReLU and trained it; Next asks first
  useLab.setState((s) => ({ settings: { ...s.settings, activation: 'relu' } }));
  await openLessonStep(rateStep + 1);
  expect(useLab.getState().lessonAsk?.within).toBe(true);
  closeLesson();
  await new Promise((r) => setTimeout(r, 10));
  expect(calls).not.toContain('end');
  expect(calls.at(-1)).toBe('forget');
});
