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

export interface SavedSession {
  version: typeof VERSION;
  savedAt: number;
  checkpoint: Checkpoint;
  /** Lesson step open when saved (0-based), or null in free play. */
  lesson: number | null;
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
    };
  } catch {
    return null;
  }
}

/** Resolves false when the browser refuses (private mode, quota): the app works on, unsaved. */
export async function saveSession(checkpoint: Checkpoint, lesson: number | null): Promise<boolean> {
  try {
    await set(KEY, { version: VERSION, savedAt: Date.now(), checkpoint, lesson } satisfies SavedSession, db());
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
