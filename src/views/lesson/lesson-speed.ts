/** The speed a lesson step sets, and the one it puts back on leaving it. */
import { DEFAULT_SETTINGS, SPEEDS, type Speed } from '../../protocol/settings';
import { useLab } from '../../store/lab-store';

/**
 * The speed before a step set its own, and the one it set: put back when the lesson leaves that
 * step (step 7's 100 updates a second stayed for the rest of the lesson and after it), unless the
 * student chose another meanwhile. Kept for the tab's life (sessionStorage), so a reload on a later
 * step still puts it back: the reloaded session brings the step's speed with it, and it stayed.
 */
const SPEED_BEFORE_KEY = 'backprop-lab:lesson-speed-before';
let speedBefore: { was: Speed; set: Speed } | null = readSpeedBefore();

function readSpeedBefore(): { was: Speed; set: Speed } | null {
  try {
    const kept: unknown = JSON.parse(globalThis.sessionStorage?.getItem(SPEED_BEFORE_KEY) ?? 'null');
    const speed = (v: unknown): v is Speed => (SPEEDS as readonly unknown[]).includes(v);
    return kept && typeof kept === 'object' && 'was' in kept && 'set' in kept && speed(kept.was) && speed(kept.set)
      ? { was: kept.was, set: kept.set }
      : null;
  } catch {
    return null; // unreadable or no storage: forgotten, as before
  }
}

function keepSpeedBefore(kept: { was: Speed; set: Speed } | null): void {
  speedBefore = kept;
  try {
    if (kept) globalThis.sessionStorage?.setItem(SPEED_BEFORE_KEY, JSON.stringify(kept));
    else globalThis.sessionStorage?.removeItem(SPEED_BEFORE_KEY);
  } catch {
    // no storage: kept for this page only
  }
}

/** The speed to put back on leaving a step that set its own, if the student kept the step's. */
export function speedPutBack(): Speed | undefined {
  const kept = speedBefore;
  keepSpeedBefore(null);
  return kept && kept.was !== kept.set && useLab.getState().settings.speed === kept.set ? kept.was : undefined;
}

/**
 * The speed to set on opening a step that wants `wanted` (undefined: it has none of its own) from
 * `current`, or undefined to leave it. A step's own speed (step 7's 100 updates a second) is the
 * step's: the one before it is put back on leaving it.
 */
export function speedForStep(wanted: Speed | undefined, current: Speed): Speed | undefined {
  if (wanted === undefined) return speedPutBack();
  // opened at that speed already (a link, a reload): the default's is put back
  if (speedBefore === null)
    keepSpeedBefore({ was: current !== wanted ? current : DEFAULT_SETTINGS.speed, set: wanted });
  return current !== wanted ? wanted : undefined;
}

/** The lesson was left other than by its own close (New session, the address): no speed to put back. */
export function forgetLessonSpeed(): void {
  keepSpeedBefore(null);
}
