/** Opening a lesson step: its settings (from the lecture's network), tabs, selection and a live example. */
import { trainer } from '../../bridge/trainer-bridge';
import { changedSettings } from '../../protocol/settings';
import { chooseTab, notify, selectNeuron, useLab } from '../../store/lab-store';
import { LECTURE, LESSON } from './steps';

export async function openLessonStep(index: number): Promise<void> {
  const n = Math.max(0, Math.min(LESSON.length - 1, index));
  const step = LESSON[n];
  const wasOpen = useLab.getState().lesson !== null;
  useLab.setState({ lesson: n });
  if (step.inspector) chooseTab('inspector', step.inspector);
  if (step.bottom) chooseTab('bottom', step.bottom);
  if (step.surfaceMode) useLab.setState({ surfaceMode: step.surfaceMode });
  if (step.surfaceKind) useLab.setState({ surfaceKind: step.surfaceKind });
  // after React has drawn the tab: the table or surface the step talks about, on screen
  if (step.showBottom)
    requestAnimationFrame(() =>
      document.querySelector('[data-testid=bottom-panel]')?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );

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
}

export function closeLesson(): void {
  useLab.setState({ lesson: null });
}
