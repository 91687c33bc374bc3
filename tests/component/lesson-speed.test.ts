/**
 * Step 7 sets the speed to 100 updates a second for its Play; it is the step's, put back when the
 * lesson leaves the step (it stayed for the rest of the lesson and after it), unless the student
 * chose another speed meanwhile.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import type { Settings } from '../../src/protocol/settings';
import { useLab } from '../../src/store/lab-store';
import { closeLesson, openLessonStep, stepSettings } from '../../src/views/lesson/open-step';
import { LESSON } from '../../src/views/lesson/steps';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => {
  vi.restoreAllMocks();
  closeLesson();
});

const sgdStep = LESSON.findIndex((s) => s.title === 'Stochastic gradient descent');

/** A trainer whose settings the store takes at once, as the worker's snapshot would bring them. */
let pause: ReturnType<typeof vi.spyOn>;

function fakeTrainer(speed: Settings['speed'] = 'max'): Partial<Settings>[] {
  const patches: Partial<Settings>[] = [];
  vi.spyOn(trainer, 'setSettings').mockImplementation(async (patch) => {
    patches.push({ settings: patch } as Partial<Settings>);
    useLab.setState((s) => ({ settings: { ...s.settings, ...patch } }));
    return true;
  });
  // as the speed menu sets it (the settings' path ended a Reset's Undo on offer)
  vi.spyOn(trainer, 'setSpeed').mockImplementation(async (speed) => {
    patches.push({ speed });
    useLab.setState((s) => ({ settings: { ...s.settings, speed } }));
  });
  vi.spyOn(trainer, 'stepExample').mockResolvedValue(undefined);
  pause = vi.spyOn(trainer, 'pause').mockResolvedValue(undefined);
  const snap = syntheticSnapshot();
  const settings = { ...snap.settings, ...stepSettings(sgdStep - 1), speed };
  useLab.setState({ lesson: null });
  useLab.setState({ snapshot: { ...snap, settings }, settings, lastExample: null, probe: null });
  return patches;
}

it('puts the speed back on the next step, and on leaving the lesson', async () => {
  const patches = fakeTrainer();
  expect(LESSON[sgdStep].settings?.speed).toBe(100);
  await openLessonStep(sgdStep, true);
  expect(useLab.getState().settings.speed).toBe(100);
  await openLessonStep(sgdStep + 1, true);
  expect(useLab.getState().settings.speed).toBe('max');
  // the speed alone, by the speed's own path, and training not paused for it
  expect(patches).toEqual([{ speed: 100 }, { speed: 'max' }]);
  expect(pause).not.toHaveBeenCalled();
  // and from step 7 straight out of the lesson
  await openLessonStep(sgdStep, true);
  closeLesson();
  await vi.waitFor(() => expect(useLab.getState().settings.speed).toBe('max'));
});

it('left while playing at the step’s pace, the lesson pauses training before putting the full speed back', async () => {
  fakeTrainer();
  await openLessonStep(sgdStep, true);
  const snap = useLab.getState().snapshot!;
  useLab.setState({ snapshot: { ...snap, playing: true } });
  closeLesson();
  await vi.waitFor(() => expect(useLab.getState().settings.speed).toBe('max'));
  // (307 updates became 9,336 in 3 s at full speed: a teacher's review)
  expect(pause).toHaveBeenCalledTimes(1);
});

it('keeps a speed the student chose on the step', async () => {
  fakeTrainer();
  await openLessonStep(sgdStep, true);
  useLab.setState((s) => ({ settings: { ...s.settings, speed: 10 } }));
  await openLessonStep(sgdStep + 1, true);
  expect(useLab.getState().settings.speed).toBe(10);
});

it('opened at the step’s speed already (a link, a reload), leaving it puts back the default', async () => {
  fakeTrainer(100);
  await openLessonStep(sgdStep, true);
  await openLessonStep(sgdStep + 1, true);
  expect(useLab.getState().settings.speed).toBe('max');
});

it('a lesson left by other means (New session) forgets the speed from before', async () => {
  fakeTrainer(10);
  await openLessonStep(sgdStep, true);
  useLab.setState({ lesson: null });
  useLab.setState({ lesson: sgdStep + 1 });
  await openLessonStep(sgdStep + 1, true);
  // nothing kept to put back: the speed stays as it was
  expect(useLab.getState().settings.speed).toBe(100);
});

it('step 14 (the 3D surface) runs at 100 too, to be watched, and puts it back after; step 9 (α = 20) at full speed', async () => {
  fakeTrainer();
  vi.spyOn(trainer, 'markExperiment').mockResolvedValue(undefined);
  vi.spyOn(trainer, 'endExperiment').mockResolvedValue(null);
  const speed = () => useLab.getState().settings.speed;
  expect(LESSON.find((s) => s.title === 'The learning rate')!.settings?.speed).toBeUndefined();
  for (const title of ['The cost surface in 3D']) {
    const n = LESSON.findIndex((s) => s.title === title);
    await openLessonStep(n - 1, true);
    expect(speed(), title).toBe('max');
    await openLessonStep(n, true);
    expect(speed(), title).toBe(100);
    await openLessonStep(n + 1, true);
    expect(speed(), title).toBe('max');
  }
});

it('a reload on a later step still puts back the speed from before (the reloaded session kept 100)', async () => {
  fakeTrainer();
  await openLessonStep(sgdStep, true);
  expect(useLab.getState().settings.speed).toBe(100);
  // the page reloads: the module starts again, the saved session brings speed 100 back
  vi.resetModules();
  const reloaded = await import('../../src/views/lesson/open-step');
  const { useLab: store } = await import('../../src/store/lab-store');
  const { trainer: bridge } = await import('../../src/bridge/trainer-bridge');
  const speeds: unknown[] = [];
  vi.spyOn(bridge, 'setSettings').mockImplementation(async (patch) => {
    store.setState((s) => ({ settings: { ...s.settings, ...patch } }));
    return true;
  });
  vi.spyOn(bridge, 'setSpeed').mockImplementation(async (speed) => {
    speeds.push(speed);
    store.setState((s) => ({ settings: { ...s.settings, speed } }));
  });
  vi.spyOn(bridge, 'stepExample').mockResolvedValue(undefined);
  vi.spyOn(bridge, 'pause').mockResolvedValue(undefined);
  const snap = syntheticSnapshot();
  const settings = { ...snap.settings, ...reloaded.stepSettings(sgdStep + 1), speed: 100 as const };
  store.setState({ snapshot: { ...snap, settings }, settings, lastExample: null, probe: null, lesson: sgdStep + 1 });
  await reloaded.openLessonStep(sgdStep + 1, true, true);
  expect(speeds).toEqual(['max']);
  reloaded.closeLesson();
});
