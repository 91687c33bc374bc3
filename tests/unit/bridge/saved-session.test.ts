/**
 * The saved session as read back: a save from before the experiment was kept (no `experiment`)
 * still resumes, and a malformed kept experiment is dropped without losing the session.
 */
import { expect, it, vi } from 'vitest';

const stored = vi.hoisted(() => ({ value: undefined as unknown }));
vi.mock('idb-keyval', () => ({
  createStore: () => ({}),
  get: async () => stored.value,
  set: async (_key: string, value: unknown) => void (stored.value = value),
  del: async () => void (stored.value = undefined),
}));
const { loadSession, saveSession } = await import('../../../src/bridge/saved-session');

const checkpoint = { step: 42 } as never;

it('an older save with no experiment resumes, with none', async () => {
  stored.value = { version: 1, savedAt: 5, checkpoint, lesson: 8 };
  expect(await loadSession()).toEqual({ version: 1, savedAt: 5, checkpoint, lesson: 8, experiment: null });
});

it('a kept experiment is read back as saved', async () => {
  expect(await saveSession(checkpoint, 8, { checkpoint, lesson: 8 })).toBe(true);
  const back = await loadSession();
  expect(back?.experiment).toEqual({ checkpoint, lesson: 8 });
  expect(back?.lesson).toBe(8);
});

it.each([
  ['not an object', 'α = 20'],
  ['no checkpoint', { lesson: 8 }],
  ['a null checkpoint', { checkpoint: null, lesson: 8 }],
  ['no step', { checkpoint }],
  ['a step as text', { checkpoint, lesson: '8' }],
])('a kept experiment with %s is dropped; the session is not', async (_, experiment) => {
  stored.value = { version: 1, savedAt: 5, checkpoint, lesson: 8, experiment };
  const back = await loadSession();
  expect(back?.checkpoint).toBe(checkpoint);
  expect(back?.experiment).toBeNull();
});

it('a session of another version, or with no checkpoint, is none', async () => {
  stored.value = { version: 2, savedAt: 5, checkpoint, lesson: 8, experiment: null };
  expect(await loadSession()).toBeNull();
  stored.value = { version: 1, savedAt: 5, lesson: 8 };
  expect(await loadSession()).toBeNull();
});
