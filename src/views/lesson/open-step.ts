/** Opening a lesson step: its settings (from the lecture's network), tabs, selection and a live example. */
import { trainer } from '../../bridge/trainer-bridge';
import { changedSettings } from '../../protocol/settings';
import type { Checkpoint } from '../../protocol/snapshot';
import { chooseTab, notify, selectNeuron, useLab } from '../../store/lab-store';
import { LECTURE, LESSON } from './steps';

/** The network from before an experiment step (its index), put back when the student leaves it. */
let beforeExperiment: { step: number; checkpoint: Checkpoint } | null = null;

/** Puts back the network from before the experiment if the student changed it (trained, or new settings). */
async function endExperiment(): Promise<void> {
  const saved = beforeExperiment;
  beforeExperiment = null;
  const snapshot = useLab.getState().snapshot;
  if (!saved || !snapshot) return;
  const c = saved.checkpoint;
  const changed = snapshot.step !== c.step || Object.keys(changedSettings(c.settings, snapshot.settings)).length > 0;
  if (!changed) return;
  await trainer.restoreCheckpoint(c);
  notify(
    'info',
    `The lesson put back the network from before your experiment (update ${c.step.toLocaleString('en')}).`,
  );
}

/** Scrolls the part of the inspector a step asks about into its panel's view (the panel scrolls, not the page). */
function revealInInspector(testId: string): void {
  const el = document.querySelector<HTMLElement>(`.inspector [data-testid="${testId}"]`);
  const panel = el?.closest<HTMLElement>('.inspector');
  if (!el || !panel) return;
  const offset = el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  panel.scrollTo({ top: panel.scrollTop + offset - 40, behavior: 'smooth' });
}

export async function openLessonStep(index: number): Promise<void> {
  const n = Math.max(0, Math.min(LESSON.length - 1, index));
  const step = LESSON[n];
  const wasOpen = useLab.getState().lesson !== null;
  // the card moves on at once, whatever the trainer is doing
  useLab.setState({ lesson: n });
  if (beforeExperiment && beforeExperiment.step !== n) {
    try {
      await endExperiment();
    } catch (e) {
      notify(
        'warning',
        `Could not put back the network from before the experiment: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (step.inspector) chooseTab('inspector', step.inspector);
  if (step.bottom) chooseTab('bottom', step.bottom);
  if (step.surfaceMode) useLab.setState({ surfaceMode: step.surfaceMode });
  if (step.surfaceKind) useLab.setState({ surfaceKind: step.surfaceKind });
  if (step.raceRate) useLab.setState({ raceRate: step.raceRate });
  // after React has drawn the tab: the table or surface the step talks about, on screen
  if (step.showBottom)
    requestAnimationFrame(() =>
      document.querySelector('[data-testid=bottom-panel]')?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  // a step about the top row: back up, where the network and the inspector are whole (not under the card)
  else if (wasOpen && window.scrollY > 0) window.scrollTo({ top: 0 });

  const patch = changedSettings({ ...LECTURE, ...step.settings }, useLab.getState().settings);
  if (Object.keys(patch).length) {
    if (!wasOpen && (useLab.getState().snapshot?.step ?? 0) > 0) {
      notify('info', 'The lesson uses the lecture’s network (sigmoid, squared error, batch 16): it starts fresh.');
    }
    if (useLab.getState().snapshot?.playing) await trainer.pause();
    await trainer.setSettings(patch);
  }
  const { snapshot, lastExample } = useLab.getState();
  if (step.needsExample && !lastExample && snapshot && !snapshot.playing) await trainer.stepExample();
  if (step.select) {
    const label = useLab.getState().lastExample?.example.label ?? 0;
    const output = step.select.layer === (snapshot?.spec.sizes.length ?? 4) - 1;
    selectNeuron({ layer: step.select.layer, index: output ? label : step.select.index });
  }
  if (step.reveal) {
    const id = step.reveal;
    // after React has drawn the selected neuron's panel
    requestAnimationFrame(() => requestAnimationFrame(() => revealInInspector(id)));
  }
  if (step.experiment && !beforeExperiment) {
    const checkpoint = await trainer.checkpoint();
    // still on this step (a quick Next may have left it while the checkpoint was on its way)
    if (checkpoint && useLab.getState().lesson === n) beforeExperiment = { step: n, checkpoint };
  }
}

let titleFocusWanted = false;

/**
 * After a step is opened with the mouse (or the start link, which then goes away), the step's
 * title takes the focus: left on a clicked Next, the keyboard's Space would press Next again
 * instead of playing, as step 7 asks. A keyboard press of Next keeps its focus, to go on.
 */
export function focusLessonTitle(): void {
  titleFocusWanted = true;
}

/** For the lesson card: true once after focusLessonTitle. */
export function takeTitleFocus(): boolean {
  const wanted = titleFocusWanted;
  titleFocusWanted = false;
  return wanted;
}

export function closeLesson(): void {
  void endExperiment();
  useLab.setState({ lesson: null });
}
