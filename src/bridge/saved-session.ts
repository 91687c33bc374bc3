/**
 * The autosaved session in IndexedDB (through idb-keyval): the trainer's checkpoint
 * (weights, optimiser state, example order, cost history, epochs) and the lesson step,
 * so a reload resumes where the student was. Reads never throw: a missing, blocked or
 * malformed record is simply "no saved session" (the worker re-checks what it resumes).
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Checkpoint } from '../protocol/snapshot';

const KEY = 'session';
const VERSION = 1;

/** The state a lesson step's experiment will put back when the student leaves the step. */
export interface KeptExperiment {
  checkpoint: Checkpoint;
  /** The lesson step (0-based) it was kept for. */
  lesson: number | null;
}

export interface SavedSession {
  version: typeof VERSION;
  savedAt: number;
  checkpoint: Checkpoint;
  /** Lesson step open when saved (0-based), or null in free play. */
  lesson: number | null;
  /**
   * The experiment under way, if any: a reload in the middle of step 9's (α = 20) kept the wrecked
   * network as the one to put back. Older saves have none.
   */
  experiment: KeptExperiment | null;
}

function keptExperiment(value: unknown): KeptExperiment | null {
  if (typeof value !== 'object' || value === null) return null;
  const { checkpoint, lesson } = value as Partial<KeptExperiment>;
  if (typeof checkpoint !== 'object' || checkpoint === null || typeof lesson !== 'number') return null;
  return { checkpoint, lesson };
}

let store: UseStore | null = null;
function db(): UseStore {
  store ??= createStore('backprop-lab', 'sessions');
  return store;
}

export async function loadSession(): Promise<SavedSession | null> {
  try {
    const saved = (await get(KEY, db())) as Partial<SavedSession> | undefined;
    if (!saved || saved.version !== VERSION || typeof saved.checkpoint !== 'object' || saved.checkpoint === null)
      return null;
    return {
      version: VERSION,
      savedAt: Number(saved.savedAt) || 0,
      checkpoint: saved.checkpoint,
      lesson: typeof saved.lesson === 'number' ? saved.lesson : null,
      experiment: keptExperiment(saved.experiment),
    };
  } catch {
    return null;
  }
}

/** Resolves false when the browser refuses (private mode, quota): the app works on, unsaved. */
export async function saveSession(
  checkpoint: Checkpoint,
  lesson: number | null,
  experiment: KeptExperiment | null = null,
): Promise<boolean> {
  try {
    const session: SavedSession = { version: VERSION, savedAt: Date.now(), checkpoint, lesson, experiment };
    await set(KEY, session, db());
    return true;
  } catch {
    return false;
  }
}

export async function clearSession(): Promise<void> {
  try {
    await del(KEY, db());
  } catch {
    /* nothing saved, nothing to clear */
  }
}
