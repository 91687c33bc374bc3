/**
 * The learning-rate step's "Set α to 20" keeps the network first when nothing kept it yet (a link
 * straight to the step on a trained network), so moving on puts back the network and settings the
 * card promises; before, α 20 and its constant schedule stayed after the lesson.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { trainer } from '../../src/bridge/trainer-bridge';
import { useLab } from '../../src/store/lab-store';
import { closeLesson, runStepAction } from '../../src/views/lesson/open-step';
import { LESSON } from '../../src/views/lesson/steps';

afterEach(() => {
  vi.restoreAllMocks();
  useLab.setState({ lesson: null });
});

const rateStep = LESSON.findIndex((s) => s.title === 'The learning rate');

function spyTrainer(): string[] {
  const calls: string[] = [];
  vi.spyOn(trainer, 'markExperiment').mockImplementation(async () => void calls.push('mark'));
  vi.spyOn(trainer, 'setSettings').mockImplementation(
    async (patch) => (calls.push(`set ${JSON.stringify(patch)}`), true),
  );
  vi.spyOn(trainer, 'endExperiment').mockImplementation(async () => (calls.push('end'), 120));
  return calls;
}

it('keeps the network before the action changes the settings, and leaving the lesson puts it back', async () => {
  const calls = spyTrainer();
  useLab.setState({ lesson: rateStep });
  await runStepAction(LESSON[rateStep]);
  expect(calls).toEqual(['mark', 'set {"learningRate":20,"schedule":"constant"}']);
  closeLesson();
  await vi.waitFor(() => expect(calls).toContain('end'));
});

it('keeps it once: a second press does not replace the network from before with the experiment’s', async () => {
  const calls = spyTrainer();
  useLab.setState({ lesson: rateStep });
  await runStepAction(LESSON[rateStep]);
  await runStepAction(LESSON[rateStep]);
  expect(calls.filter((c) => c === 'mark')).toHaveLength(1);
});
