/**
 * The saved session as read back: a save from before the experiment was kept (no `experiment`)
 * still resumes, and a malformed kept experiment is dropped without losing the session. Each tab
 * keeps its own save: two tabs training side by side wrote over each other's, and a reload resumed
 * the other tab's network.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// IndexedDB through idb-keyval, as a map shared by every "page" (module instance) of a test
const stored = vi.hoisted(() => new Map<string, unknown>());
vi.mock('idb-keyval', () => ({
  createStore: () => ({}),
  get: async (key: string) => stored.get(key),
  set: async (key: string, value: unknown) => void stored.set(key, value),
  del: async (key: string) => void stored.delete(key),
  update: async (key: string, updater: (old: unknown) => unknown) => void stored.set(key, updater(stored.get(key))),
}));

type Module = typeof import('../../../src/bridge/saved-session');

// Web Locks, shared by every tab of a test: a lock is held until the page that took it goes
const locks = new Set<string>();

/** One browser tab: its sessionStorage and the pages loaded in it one after another. */
class BrowserTab {
  readonly storage = new Map<string, string>();
  /** The locks the current page holds. */
  private held = new Set<string>();

  /** A page loading in this tab: a fresh instance of the module, with this tab's globals. */
  async open(): Promise<Module> {
    this.held = new Set();
    this.use();
    vi.resetModules();
    return await import('../../../src/bridge/saved-session');
  }

  /** Makes this tab the one whose globals the module sees (for calls made while it is "active"). */
  use(): void {
    const storage = this.storage;
    const held = this.held;
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    });
    vi.stubGlobal('navigator', {
      locks: {
        request: async (name: string, _options: unknown, callback: (lock: unknown) => unknown) => {
          if (locks.has(name)) return callback(null);
          locks.add(name);
          held.add(name);
          void callback({ name });
          return new Promise(() => {});
        },
        query: async () => ({ held: [...locks].map((name) => ({ name })) }),
      },
    });
  }

  /** The page goes (a reload, closing the tab, a crash): its locks are let go. */
  leave(): void {
    for (const name of this.held) locks.delete(name);
    this.held.clear();
  }

  /** A reload: the page goes, a new one loads in this tab and reads its saved session. */
  async reload() {
    this.leave();
    return await (await this.open()).loadSession();
  }

  /** Chromium's Duplicate: a new tab with a copy of this one's sessionStorage, taken now. */
  duplicate(): BrowserTab {
    const copy = new BrowserTab();
    for (const [k, v] of this.storage) copy.storage.set(k, v);
    return copy;
  }
}

const at = (step: number) => ({ step }) as never;
let clock = 1000;

beforeEach(() => {
  stored.clear();
  locks.clear();
  vi.spyOn(Date, 'now').mockImplementation(() => ++clock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('an older save with no experiment resumes, with none', async () => {
  const { loadSession } = await new BrowserTab().open();
  stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson: 8 });
  expect(await loadSession()).toEqual({ version: 1, savedAt: 5, checkpoint: at(42), lesson: 8, experiment: null });
});

/** A tab opened, its page's session loaded, then saved at update `step` (a tab that has trained). */
async function openTrained(step: number): Promise<{ tab: BrowserTab; page: Module }> {
  const tab = new BrowserTab();
  const page = await tab.open();
  await page.loadSession();
  await page.saveSession(at(step), null);
  return { tab, page };
}

it('a kept experiment is read back as saved', async () => {
  const tab = new BrowserTab();
  const first = await tab.open();
  expect(await first.saveSession(at(42), 8, { checkpoint: at(42), lesson: 8 })).toBe(true);
  const back = await tab.reload();
  expect(back?.experiment).toEqual({ checkpoint: at(42), lesson: 8 });
  expect(back?.lesson).toBe(8);
});

it.each([
  ['not an object', 'α = 20'],
  ['no checkpoint', { lesson: 8 }],
  ['a null checkpoint', { checkpoint: null, lesson: 8 }],
  ['no step', { checkpoint: at(42) }],
  ['a step as text', { checkpoint: at(42), lesson: '8' }],
  ['a step of NaN', { checkpoint: at(42), lesson: NaN }],
  ['a step of 2.5', { checkpoint: at(42), lesson: 2.5 }],
])('a kept experiment with %s is dropped; the session is not', async (_, experiment) => {
  const { loadSession } = await new BrowserTab().open();
  stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson: 8, experiment });
  const back = await loadSession();
  expect(back?.checkpoint).toEqual(at(42));
  expect(back?.experiment).toBeNull();
});

// a fuzzing review: any number passed, and the lesson found no step for NaN or 2.5 and threw
it.each([NaN, 2.5, -1, Infinity, '8'])(
  'a saved lesson step of %s resumes the session outside the lesson',
  async (lesson) => {
    const { loadSession } = await new BrowserTab().open();
    stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson, experiment: null });
    const back = await loadSession();
    expect(back?.checkpoint).toEqual(at(42));
    expect(back?.lesson).toBeNull();
  },
);

it('a session of another version, or with no checkpoint, is none', async () => {
  const { loadSession } = await new BrowserTab().open();
  stored.set('session', { version: 2, savedAt: 5, checkpoint: at(42), lesson: 8, experiment: null });
  expect(await loadSession()).toBeNull();
  stored.set('session', { version: 1, savedAt: 5, lesson: 8 });
  expect(await loadSession()).toBeNull();
});

it('two tabs keep their own saves: each reload resumes its own network, not the one saved last', async () => {
  const a = new BrowserTab();
  const pageA = await a.open();
  expect(await pageA.loadSession()).toBeNull();
  await pageA.saveSession(at(10), null);

  // a second tab starts from the latest save (a copy of A's), then saves its own
  const b = new BrowserTab();
  const pageB = await b.open();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(10));
  await pageB.saveSession(at(500), 3);

  a.use();
  await pageA.saveSession(at(11), null);
  b.use();
  await pageB.saveSession(at(501), 3);

  expect((await a.reload())?.checkpoint).toEqual(at(11));
  const backB = await b.reload();
  expect(backB?.checkpoint).toEqual(at(501));
  expect(backB?.lesson).toBe(3);

  // a new visit (a new tab) goes on from the latest save of any tab: B's
  expect((await (await new BrowserTab().open()).loadSession())?.checkpoint).toEqual(at(501));
});

it('a duplicated tab gets a save of its own (its copy of sessionStorage is taken while the original runs)', async () => {
  const a = new BrowserTab();
  const pageA = await a.open();
  await pageA.saveSession(at(10), null);
  const copy = a.duplicate();
  const pageCopy = await copy.open();
  expect((await pageCopy.loadSession())?.checkpoint).toEqual(at(10));
  await pageCopy.saveSession(at(99), null);
  a.use();
  await pageA.saveSession(at(12), null);
  expect((await a.reload())?.checkpoint).toEqual(at(12));
  expect((await copy.reload())?.checkpoint).toEqual(at(99));
});

it('New session forgets this tab’s save only: its reload starts afresh, the other tab keeps its own', async () => {
  const a = new BrowserTab();
  const pageA = await a.open();
  await pageA.saveSession(at(10), null);
  const { tab: b } = await openTrained(20);

  a.use();
  await pageA.clearSession();
  expect(await a.reload()).toBeNull();
  expect((await b.reload())?.checkpoint).toEqual(at(20));
});

it('the one save from before tabs had their own is taken over by a new tab at once (one reload lost it)', async () => {
  stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson: 2, experiment: null });
  const tab = new BrowserTab();
  const page = await tab.open();
  expect((await page.loadSession())?.checkpoint).toEqual(at(42));
  expect(stored.has('session')).toBe(false);
  // reloaded before it trains: still there
  expect((await tab.reload())?.checkpoint).toEqual(at(42));
});

it('keeps every open tab’s save, and the most recent closed tabs’', async () => {
  // A trains, then sits idle, open
  const { tab: a, page: pageA } = await openTrained(10);
  const { CLOSED_TABS_KEPT } = pageA;
  // six other tabs open side by side (each a copy), train, are all kept while open, then close
  const others: BrowserTab[] = [];
  for (let i = 0; i < 6; i++) {
    const { tab } = await openTrained(100 + i);
    others.push(tab);
  }
  const saves = () => [...stored.keys()].filter((k) => k.startsWith('session:')).length;
  expect(saves()).toBe(7);
  for (const tab of others) tab.leave();
  // the next save (A's, idle until now) lets the oldest closed ones go
  a.use();
  await pageA.saveSession(at(11), null);
  expect(saves()).toBe(1 + CLOSED_TABS_KEPT);
  // A's save was kept, for A's reload
  expect((await a.reload())?.checkpoint).toEqual(at(11));
  // A closed, a next visit starts from A's save, a copy of its own: training it leaves A's alone
  a.leave();
  const visit = new BrowserTab();
  const pageVisit = await visit.open();
  expect((await pageVisit.loadSession())?.checkpoint).toEqual(at(11));
  await pageVisit.saveSession(at(12), null);
  expect((await a.reload())?.checkpoint).toEqual(at(11));
});

it('a tab that only looked closed (navigated away, discarded) finds its own save when it comes back', async () => {
  const { tab: a } = await openTrained(6);
  a.leave(); // the page is gone, the tab (and its sessionStorage) stays
  const b = new BrowserTab();
  const pageB = await b.open();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(6));
  await pageB.saveSession(at(9), null);
  await pageB.clearSession();
  // back in A: its 6, not B's 9 nor B's New session
  expect((await (await a.open()).loadSession())?.checkpoint).toEqual(at(6));
});

it('a duplicated tab starts from its original’s save, not a newer one of another tab', async () => {
  const { tab: a } = await openTrained(6);
  await openTrained(10);
  const copy = a.duplicate();
  expect((await (await copy.open()).loadSession())?.checkpoint).toEqual(at(6));
});

it('the save from before tabs had their own is ranked by its time among the tabs’ (a tab of the old version went on writing it)', async () => {
  const { tab: a } = await openTrained(6);
  a.leave();
  stored.set('session', { version: 1, savedAt: Date.now() + 1000, checkpoint: at(30), lesson: null, experiment: null });
  const b = new BrowserTab();
  expect((await (await b.open()).loadSession())?.checkpoint).toEqual(at(30));
  expect(stored.has('session')).toBe(false);
  expect((await b.reload())?.checkpoint).toEqual(at(30));
});

it('a new tab owns a save before it trains: its reload resumes what it showed (it reloaded to a fresh network)', async () => {
  const { tab: a } = await openTrained(6);
  // a second tab while A is open: a copy, its own at once
  const b = new BrowserTab();
  expect((await (await b.open()).loadSession())?.checkpoint).toEqual(at(6));
  expect((await b.reload())?.checkpoint).toEqual(at(6));
  // A closed, a next visit: A's save, taken over
  a.leave();
  const c = new BrowserTab();
  expect((await (await c.open()).loadSession())?.checkpoint).toEqual(at(6));
  expect((await c.reload())?.checkpoint).toEqual(at(6));
});

it('a page that reads its session again (a restarted worker) gets the same one', async () => {
  const { tab: a, page: pageA } = await openTrained(6);
  const b = new BrowserTab();
  const pageB = await b.open();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(6));
  b.use();
  await pageB.saveSession(at(7), null);
  a.use();
  await pageA.saveSession(at(8), null);
  b.use();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(7));
});

it('a refused save is forgotten: the tab’s reload starts afresh', async () => {
  const a = new BrowserTab();
  const pageA = await a.open();
  expect(await pageA.loadSession()).toBeNull();
  await pageA.saveSession(at(7), null);
  a.leave();
  const b = new BrowserTab();
  const pageB = await b.open();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(7));
  await pageB.clearSession(); // what the autosave's discard() calls
  expect(await b.reload()).toBeNull();
});
