/**
 * A lesson step that selects the shown digit's output keeps following that digit: on step 5,
 * "Step epoch" ended on a 9 with output 1 still selected, and the nudges panel read 10⁻¹¹.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { selectNeuron, useLab } from '../../src/store/lab-store';
import { closeLesson, openLessonStep, stepSettings } from '../../src/views/lesson/open-step';
import { LESSON } from '../../src/views/lesson/steps';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

afterEach(() => {
  vi.restoreAllMocks();
  closeLesson();
});

const dataStep = LESSON.findIndex((s) => s.title === 'Data and batches');

function showing(label: number, step = dataStep) {
  const snap = syntheticSnapshot();
  return {
    ...snap,
    settings: { ...snap.settings, ...stepSettings(step) },
    nextExample: { ...snap.nextExample, label },
  };
}

/** Opens `step` (its settings already set, so nothing is rebuilt) on a snapshot showing a `label`. */
async function openShowing(label: number, step = dataStep): Promise<void> {
  vi.spyOn(trainer, 'setSettings').mockResolvedValue(true);
  vi.spyOn(trainer, 'stepExample').mockResolvedValue(undefined);
  const first = showing(label, step);
  useLab.setState({ snapshot: first, settings: first.settings, lastExample: null, probe: null, selectedNeuron: null });
  await openLessonStep(step, true);
}

it('follows the digit shown after the step’s pick, until the student picks a neuron', async () => {
  await openShowing(1);
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 1 });
  // Step epoch ends on a 9
  useLab.setState({ snapshot: showing(9) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 9 });
  // a neuron of the student's own stays
  selectNeuron({ layer: 2, index: 3 });
  useLab.setState({ snapshot: showing(4) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 2, index: 3 });
});

it('stops with the lesson', async () => {
  await openShowing(2);
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 2 });
  closeLesson();
  useLab.setState({ snapshot: showing(7) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 2 });
});

it('beside the weight table the selection stays, so its rows do (step 10 reads the update beside them)', async () => {
  const updateStep = LESSON.findIndex((s) => s.title === 'The SGD update');
  expect(LESSON[updateStep].bottom).toBe('batch');
  await openShowing(5, updateStep);
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 5 });
  useLab.setState({ snapshot: showing(8, updateStep) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 5 });
});

it('waits while the weight table is open, and stops at a weight the student picks', async () => {
  await openShowing(1);
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 1 });
  // the student opens the table: its rows would jump with each digit
  useLab.setState((s) => ({ tabs: { ...s.tabs, bottom: 'batch' } }));
  useLab.setState({ snapshot: showing(6) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 1 });
  useLab.setState((s) => ({ tabs: { ...s.tabs, bottom: 'charts' } }));
  useLab.setState({ snapshot: showing(6) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 6 });
  // a weight picked from the chain rule's list (the neuron stays) ends it
  useLab.setState({ selectedWeight: { layer: 3, to: 6, from: 2 } });
  useLab.setState({ snapshot: showing(3) });
  expect(useLab.getState().selectedNeuron).toEqual({ layer: 3, index: 6 });
  expect(useLab.getState().selectedWeight).toEqual({ layer: 3, to: 6, from: 2 });
});
