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

/** One browser tab: its sessionStorage and the pages loaded in it one after another. */
class BrowserTab {
  readonly storage = new Map<string, string>();
  private listeners = new Map<string, (() => void)[]>();

  /** A page loading in this tab: a fresh instance of the module, with this tab's globals. */
  async open(): Promise<Module> {
    this.listeners = new Map();
    this.use();
    vi.resetModules();
    return await import('../../../src/bridge/saved-session');
  }

  /** Makes this tab the one whose globals the module sees (for calls made while it is "active"). */
  use(): void {
    const storage = this.storage;
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    });
    vi.stubGlobal('addEventListener', (type: string, fn: () => void) => {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
    });
  }

  /** The page goes (a reload or closing the tab). */
  leave(): void {
    this.use();
    for (const fn of this.listeners.get('pagehide') ?? []) fn();
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
])('a kept experiment with %s is dropped; the session is not', async (_, experiment) => {
  const { loadSession } = await new BrowserTab().open();
  stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson: 8, experiment });
  const back = await loadSession();
  expect(back?.checkpoint).toEqual(at(42));
  expect(back?.experiment).toBeNull();
});

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
  const b = new BrowserTab();
  const pageB = await b.open();
  await pageB.loadSession();
  await pageB.saveSession(at(20), null);

  a.use();
  await pageA.clearSession();
  expect(await a.reload()).toBeNull();
  expect((await b.reload())?.checkpoint).toEqual(at(20));
});

it('the one save from before tabs had their own is resumed by a new tab, and goes at its first save', async () => {
  stored.set('session', { version: 1, savedAt: 5, checkpoint: at(42), lesson: 2, experiment: null });
  const tab = new BrowserTab();
  const page = await tab.open();
  expect((await page.loadSession())?.checkpoint).toEqual(at(42));
  await page.saveSession(at(43), 2);
  expect(stored.has('session')).toBe(false);
  expect((await tab.reload())?.checkpoint).toEqual(at(43));
});

it('keeps the saves of the most recent tabs only', async () => {
  const pages: { tab: BrowserTab; page: Module }[] = [];
  for (let i = 0; i < 6; i++) {
    const tab = new BrowserTab();
    const page = await tab.open();
    await page.saveSession(at(i), null);
    pages.push({ tab, page });
  }
  const { TABS_KEPT } = pages[0].page;
  const saves = [...stored.keys()].filter((k) => k.startsWith('session:'));
  expect(saves.length).toBe(TABS_KEPT);
  expect(Object.keys(stored.get('tabs') as object).length).toBe(TABS_KEPT);
  // the oldest went; the newest is still there for its reload
  const newest = pages[5];
  expect((await newest.tab.reload())?.checkpoint).toEqual(at(5));
  const oldest = pages[0];
  expect(await oldest.tab.reload()).toBeNull();
});

it('a refused save is deleted where it was read from, so the next tab does not resume it again', async () => {
  const a = new BrowserTab();
  const pageA = await a.open();
  await pageA.saveSession(at(7), null);
  const b = new BrowserTab();
  const pageB = await b.open();
  expect((await pageB.loadSession())?.checkpoint).toEqual(at(7));
  await pageB.discardSession();
  expect(await (await new BrowserTab().open()).loadSession()).toBeNull();
});
