/**
 * Mirrors the settings and the lesson step in the URL hash (replaceState, so Back is
 * not flooded), and applies a hash the student pastes or edits. Malformed values fall
 * back to their defaults with a notice (parseHash), never a crash.
 */
import { formatHash, parseHash } from '../protocol/url-hash';
import { changedSettings } from '../protocol/settings';
import { notify, useLab } from '../store/lab-store';
import type { TrainerBridge } from './trainer-bridge';

export function startUrlSync(trainer: TrainerBridge, lessonSteps: number): () => void {
  const first = parseHash(location.hash, lessonSteps);
  for (const problem of first.problems) notify('warning', problem);
  trainer.setLinkSettings(first.settings, first.lesson);
  if (first.lesson !== null) useLab.setState({ lesson: first.lesson });

  const write = () => {
    const { settings, lesson } = useLab.getState();
    const hash = formatHash(settings, lesson);
    if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
      history.replaceState(history.state, '', hash || `${location.pathname}${location.search}`);
    }
  };
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.settings !== prev.settings || s.lesson !== prev.lesson) write();
    if (s.lesson !== prev.lesson) trainer.markChanged();
  });

  const onHashChange = () => {
    const next = parseHash(location.hash, lessonSteps);
    for (const problem of next.problems) notify('warning', problem);
    const patch = changedSettings(next.settings, useLab.getState().settings);
    if (Object.keys(patch).length) void trainer.setSettings(patch);
    if (next.lesson !== useLab.getState().lesson && next.lesson !== null) useLab.setState({ lesson: next.lesson });
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
