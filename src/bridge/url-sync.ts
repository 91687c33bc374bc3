/**
 * Mirrors the settings and the lesson step in the URL hash (replaceState, so Back is
 * not flooded), and applies a hash the student pastes or edits. Malformed values fall
 * back to their defaults with a notice (parseHash), never a crash.
 */
import { describeProblems, formatHash, parseHash } from '../protocol/url-hash';
import { changedSettings, describeSettings, withoutRebuilds, type Settings } from '../protocol/settings';
import { dismissNotice, notify, useLab } from '../store/lab-store';
import type { TrainerBridge } from './trainer-bridge';

/** The notice about the last address's problems: an address edited since makes it stale. */
let linkNotice: number | null = null;

/** All of a link's problems in one notice (the list keeps the last few notices: one each lost some). */
function warn(problems: string[]): void {
  if (linkNotice !== null) dismissNotice(linkNotice);
  linkNotice = problems.length > 0 ? notify('warning', describeProblems(problems)) : null;
}

/** An edited address's settings; a trained network they replace gets an Undo (the settings bar asks first). */
async function applyFromAddress(trainer: TrainerBridge, patch: Partial<Settings>): Promise<void> {
  await trainer.setSettingsWithUndo(
    patch,
    (update) => `The address asked for ${describeSettings(patch)}: a new network replaced yours (update ${update}).`,
  );
}

/**
 * `openLesson` opens a step named by an edited address as the lesson's own buttons do (its
 * views and settings, asking before it rebuilds a trained network); without it only the card moves.
 */
export function startUrlSync(
  trainer: TrainerBridge,
  lessonSteps: number,
  openLesson?: (step: number) => void,
): () => void {
  // a bad value is left out: over a resumed session it keeps the session's own (the defaults' 16-16
  // rebuilt a trained 64-64-64-64 network, and the notice said the link asked for 16-16: a review)
  const firstHash = location.hash;
  const first = parseHash(firstHash, lessonSteps, null);
  trainer.setLinkSettings(first.settings, first.lesson);
  // said once the network is up, naming the value then in use (unless the address was edited since)
  let edited = false;
  if (first.problems.length)
    void trainer.whenStarted().then(() => {
      if (!edited) warn(parseHash(firstHash, lessonSteps, useLab.getState().settings).problems);
    });
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

  const onHashChange = (event: HashChangeEvent) => {
    // the address as edited: the app may have written its own over it (a step's settings
    // landing) before this event arrived, and location.hash would then name the old step
    const hash = event.newURL ? new URL(event.newURL).hash : location.hash;
    edited = true;
    // a bad value keeps the one in use, and the notice says which
    const current = useLab.getState().settings;
    const next = parseHash(hash, lessonSteps, current);
    warn(next.problems);
    const asked = changedSettings(next.settings, current);
    // a lesson step it opens speaks of what this address asks, not of the link that opened the page
    trainer.noteLinkAsked(asked);
    // with a lesson step, the step sets the network itself and asks before it replaces a trained
    // one: a rebuild here replaced it first, then the card asked whether to
    const patch = next.lesson === null ? asked : withoutRebuilds(asked, current);
    if (Object.keys(patch).length) void applyFromAddress(trainer, patch);
    // the address shows the values in use (a refused value stays as it was, not as typed)
    write();
    if (next.lesson !== useLab.getState().lesson && next.lesson !== null) {
      if (openLesson) openLesson(next.lesson);
      else useLab.setState({ lesson: next.lesson });
    }
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
