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
/** Closed tabs' saves kept, the most recent ones (a new tab takes the latest); open tabs' are all kept. */
export const CLOSED_TABS_KEPT = 3;
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
  if (typeof checkpoint !== 'object' || checkpoint === null || !isStep(lesson)) return null;
  return { checkpoint, lesson };
}

let store: UseStore | null = null;
function db(): UseStore {
  store ??= createStore('backprop-lab', 'sessions');
  return store;
}

/**
 * This page's tab: its id is kept in sessionStorage (a reload finds it, a browser's restore of the
 * tab too) and held as a Web Lock while the page lives, which tells other tabs it is open. A page
 * whose stored id another page holds is a duplicated tab (its sessionStorage was copied): it takes a
 * new id. Without Web Locks (plain http away from localhost) a duplicated tab keeps its original's
 * id, and every tab counts as closed when saves are pruned.
 */
let tabId: string | null = null;

function storedTabId(): string | null {
  try {
    const id = sessionStorage.getItem(TAB_ID_KEY);
    return id !== null && /^[a-z0-9]{8,40}$/.test(id) ? id : null;
  } catch {
    return null; /* no sessionStorage (blocked): each page is a new tab */
  }
}

function keepTabId(id: string): void {
  tabId = id;
  try {
    sessionStorage.setItem(TAB_ID_KEY, id);
  } catch {
    /* see storedTabId */
  }
}

const LOCK_PREFIX = 'backprop-lab-tab:';

function webLocks(): LockManager | null {
  try {
    return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
  } catch {
    return null;
  }
}

/** Holds tab `id`'s lock while the page lives; false if another page holds it (true without Web Locks). */
function hold(id: string): Promise<boolean> {
  const locks = webLocks();
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    locks
      .request(LOCK_PREFIX + id, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // held until the page goes
        return lock ? new Promise<void>(() => {}) : undefined;
      })
      .catch(() => resolve(true));
  });
}

/** The ids of the tabs open now (their locks held); none known without Web Locks. */
async function openTabs(): Promise<Set<string>> {
  const locks = webLocks();
  if (!locks) return new Set();
  try {
    const { held = [] } = await locks.query();
    return new Set(held.flatMap((l) => (l.name?.startsWith(LOCK_PREFIX) ? [l.name.slice(LOCK_PREFIX.length)] : [])));
  } catch {
    return new Set();
  }
}

/** This page's tab id, claimed at its first load or save: the stored one if this page can hold it, else a new one held. */
async function ownTab(): Promise<string> {
  if (tabId !== null) return tabId;
  const stored = storedTabId();
  const id = stored !== null && (await holdPatiently(stored)) ? stored : await newHeldTab();
  keepTabId(id);
  return id;
}

async function newHeldTab(): Promise<string> {
  for (;;) {
    const id = (Date.now().toString(36) + Math.random().toString(36).slice(2, 12)).slice(0, 40);
    if (await hold(id)) return id;
  }
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

/** A lesson step as saved: a whole number from 0 (NaN or 2.5 found no step, and the lesson threw). */
function isStep(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
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
    lesson: isStep(saved.lesson) ? saved.lesson : null,
    experiment: keptExperiment(saved.experiment),
  };
}

/**
 * The saved session to resume. A reloaded (or restored) tab resumes its own save; after New
 * session, none. Any other page copies a save under its own new id at once, so it owns one before
 * it trains (a reload then finds it): a duplicated tab its original's, a new tab (a next visit, a
 * second tab, a link) the latest of any tab. It never takes over another tab's id: a tab that only
 * looks closed (navigated away, discarded by the browser) would come back to find its save gone.
 */
export async function loadSession(): Promise<SavedSession | null> {
  try {
    const stored = tabId === null ? storedTabId() : null;
    const own = await ownTab();
    // a duplicated tab: its original holds the stored id, so this page took a new one
    const original = stored !== null && stored !== own ? stored : null;
    const record = await get(keyOf(own), db());
    if (isCleared(record)) return null;
    const ownSave = asSession(record);
    if (ownSave) return ownSave;
    // nothing of its own yet (a new id, or unreadable): it starts as a new tab does
    const index = tabsIndex(await get(INDEX_KEY, db()));
    const legacy = await get(LEGACY_KEY, db());
    // newest first, the one save from before tabs had their own among them by its time
    const sources = Object.entries(index)
      .filter(([id]) => id !== own)
      .map(([id, at]) => ({ key: keyOf(id), at }));
    if (legacy !== undefined) sources.push({ key: LEGACY_KEY, at: asSession(legacy)?.savedAt ?? 0 });
    sources.sort((a, b) => b.at - a.at);
    if (original !== null) sources.unshift({ key: keyOf(original), at: Infinity });
    for (const { key } of sources) {
      const record = key === LEGACY_KEY ? legacy : await get(key, db());
      const session = asSession(record);
      if (!session && !isCleared(record)) continue;
      if (!session) return null; // the latest is a New session: a fresh start too
      await writeSave(own, session);
      if (key === LEGACY_KEY) await del(LEGACY_KEY, db()); // copied: it goes
      return session;
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * `hold` for a page's own stored id: a reload's new page can start before the old one's lock is let
 * go, so it tries for a while before taking the page for a duplicated tab (whose original holds it).
 */
async function holdPatiently(id: string): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await hold(id)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Writes tab `id`'s save and its place in the index; deletes closed tabs' saves beyond the newest few. */
async function writeSave(id: string, session: SavedSession | Cleared): Promise<void> {
  await set(keyOf(id), session, db());
  const open = await openTabs();
  let dropped: string[] = [];
  await update(
    INDEX_KEY,
    (old) => {
      const index = tabsIndex(old);
      index[id] = session.savedAt;
      const closed = Object.entries(index)
        .filter(([other]) => other !== id && !open.has(other))
        .sort((a, b) => b[1] - a[1]);
      dropped = closed.slice(CLOSED_TABS_KEPT).map(([other]) => other);
      for (const other of dropped) delete index[other];
      return index;
    },
    db(),
  );
  for (const other of dropped) await del(keyOf(other), db());
}

/** What New session leaves under the tab's key: its reload starts afresh, not from another tab's save. */
interface Cleared {
  version: typeof VERSION;
  cleared: true;
  savedAt: number;
}

function isCleared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Partial<Cleared>).cleared === true;
}

/** Resolves false when the browser refuses (private mode, quota): the app works on, unsaved. */
export async function saveSession(
  checkpoint: Checkpoint,
  lesson: number | null,
  experiment: KeptExperiment | null = null,
): Promise<boolean> {
  try {
    const session: SavedSession = { version: VERSION, savedAt: Date.now(), checkpoint, lesson, experiment };
    await writeSave(await ownTab(), session);
    return true;
  } catch {
    return false;
  }
}

/**
 * Forgets this tab's save (New session, or a resumed save the worker refused): its reload starts
 * afresh; other tabs keep theirs.
 */
export async function clearSession(): Promise<void> {
  try {
    await writeSave(await ownTab(), { version: VERSION, cleared: true, savedAt: Date.now() });
  } catch {
    /* nothing saved, nothing to clear */
  }
}
