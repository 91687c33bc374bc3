/**
 * The autosaved session in IndexedDB (through idb-keyval): the trainer's checkpoint
 * (weights, optimiser state, example order, cost history, epochs) and the lesson step,
 * so a reload resumes where the student was. Each tab keeps its own save (two tabs training
 * side by side wrote over each other's, and a reload resumed the other tab's network); a new tab
 * starts from the latest save of any tab. Reads never throw: a missing, blocked or malformed
 * record is simply "no saved session" (the worker re-checks what it resumes).
 */
import { createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import type { Checkpoint } from '../protocol/snapshot';

const VERSION = 1;
/** Where one save for the whole browser lived before each tab had its own (still read, then removed). */
const LEGACY_KEY = 'session';
/** Each tab's save is `session:<tab id>`; this index holds every tab's id and when it last saved. */
const INDEX_KEY = 'tabs';
/** Saves kept, the most recent ones: an older tab's save is deleted when a newer tab saves. */
export const TABS_KEPT = 4;
/** The tab's id in sessionStorage, between a page and its reload. */
const TAB_ID_KEY = 'backprop-lab:tab';
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

/**
 * This page's tab. Its id is taken out of sessionStorage while the page runs and put back when the
 * page goes (`pagehide`), so a reload finds it, and a duplicated tab, whose copy of sessionStorage
 * is made while the original runs, does not: two tabs never share a save. `resumes` says the page
 * had an id (a reload): it resumes its own save only, none if New session cleared it.
 */
interface Tab {
  id: string;
  resumes: boolean;
}
let tab: Tab | null = null;

function thisTab(): Tab {
  if (tab) return tab;
  let id: string | null = null;
  try {
    id = sessionStorage.getItem(TAB_ID_KEY);
    sessionStorage.removeItem(TAB_ID_KEY);
  } catch {
    /* no sessionStorage (blocked): each page is a new tab, resuming the latest save */
  }
  const resumes = id !== null && /^[a-z0-9]{8,40}$/.test(id);
  const own: Tab = { id: resumes && id ? id : newTabId(), resumes };
  tab = own;
  try {
    addEventListener('pagehide', () => {
      try {
        sessionStorage.setItem(TAB_ID_KEY, own.id);
      } catch {
        /* see above */
      }
    });
    // back from the back-forward cache: the page runs again, its id out of sessionStorage again
    addEventListener('pageshow', (e) => {
      try {
        if (e.persisted) sessionStorage.removeItem(TAB_ID_KEY);
      } catch {
        /* see above */
      }
    });
  } catch {
    /* not a page */
  }
  return own;
}

function newTabId(): string {
  return (Date.now().toString(36) + Math.random().toString(36).slice(2, 12)).slice(0, 40);
}

function keyOf(id: string): string {
  return `session:${id}`;
}

/** The index of tabs' saves: id -> savedAt, whatever was stored (a malformed one is empty). */
function tabsIndex(value: unknown): Record<string, number> {
  const index: Record<string, number> = {};
  if (typeof value !== 'object' || value === null) return index;
  for (const [id, at] of Object.entries(value)) if (typeof at === 'number' && Number.isFinite(at)) index[id] = at;
  return index;
}

/** A stored record as a saved session, or null if it is none (missing, another version, malformed). */
function asSession(value: unknown): SavedSession | null {
  const saved = value as Partial<SavedSession> | undefined;
  if (!saved || typeof saved !== 'object' || saved.version !== VERSION) return null;
  if (typeof saved.checkpoint !== 'object' || saved.checkpoint === null) return null;
  return {
    version: VERSION,
    savedAt: Number(saved.savedAt) || 0,
    checkpoint: saved.checkpoint,
    lesson: typeof saved.lesson === 'number' ? saved.lesson : null,
    experiment: keptExperiment(saved.experiment),
  };
}

/** The key the session resumed at this page's start was read from (a refused one is discarded there). */
let resumedFrom: string | null = null;

/**
 * The saved session to resume: a reloaded tab's own (or none), a new tab's the latest any tab saved
 * (a student's next visit goes on where they stopped; a second tab starts as a copy of it).
 */
export async function loadSession(): Promise<SavedSession | null> {
  try {
    const own = thisTab();
    if (own.resumes) {
      const session = asSession(await get(keyOf(own.id), db()));
      resumedFrom = session ? keyOf(own.id) : null;
      return session;
    }
    const index = tabsIndex(await get(INDEX_KEY, db()));
    const candidates = Object.entries(index)
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => keyOf(id));
    // newest first; the save from before tabs had their own last (a tab's first save removes it)
    for (const key of [...candidates, LEGACY_KEY]) {
      const session = asSession(await get(key, db()));
      if (session) {
        resumedFrom = key;
        return session;
      }
    }
    resumedFrom = null;
    return null;
  } catch {
    return null;
  }
}

let legacyRemoved = false;

/** Resolves false when the browser refuses (private mode, quota): the app works on, unsaved. */
export async function saveSession(
  checkpoint: Checkpoint,
  lesson: number | null,
  experiment: KeptExperiment | null = null,
): Promise<boolean> {
  try {
    const own = thisTab();
    const session: SavedSession = { version: VERSION, savedAt: Date.now(), checkpoint, lesson, experiment };
    await set(keyOf(own.id), session, db());
    let dropped: string[] = [];
    await update(
      INDEX_KEY,
      (old) => {
        const index = tabsIndex(old);
        index[own.id] = session.savedAt;
        const newestFirst = Object.entries(index).sort((a, b) => b[1] - a[1]);
        dropped = newestFirst.slice(TABS_KEPT).map(([id]) => id);
        return Object.fromEntries(newestFirst.slice(0, TABS_KEPT));
      },
      db(),
    );
    for (const id of dropped) await del(keyOf(id), db());
    // the one save of the days before tabs had their own: this tab's save is newer, it goes
    if (!legacyRemoved) {
      await del(LEGACY_KEY, db());
      legacyRemoved = true;
    }
    return true;
  } catch {
    return false;
  }
}

/** Forgets this tab's save (New session): a reload of this tab then starts afresh; other tabs keep theirs. */
export async function clearSession(): Promise<void> {
  try {
    const own = thisTab();
    await del(keyOf(own.id), db());
    await update(
      INDEX_KEY,
      (old) => {
        const index = tabsIndex(old);
        delete index[own.id];
        return index;
      },
      db(),
    );
    await del(LEGACY_KEY, db());
  } catch {
    /* nothing saved, nothing to clear */
  }
}

/** The resumed session was refused (its checkpoint would not load): it is deleted, wherever it was read from. */
export async function discardSession(): Promise<void> {
  const from = resumedFrom;
  resumedFrom = null;
  if (from !== null) {
    try {
      await del(from, db());
    } catch {
      /* see clearSession */
    }
  }
  await clearSession();
}
