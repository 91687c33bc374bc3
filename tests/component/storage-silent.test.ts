/**
 * A browser storage (IndexedDB) that never answers at the start: the app waited for the saved
 * session for good ("loading", no network). It now starts a new session after 5 s, says so, and
 * does not save over the session it could not read.
 */
import { expect, it, vi } from 'vitest';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { fakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const db = vi.hoisted(() => ({ writes: 0 }));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: () => new Promise(() => {}),
  saveSession: async () => {
    db.writes++;
    return true;
  },
  clearSession: async () => {},
}));
const { TrainerBridge } = await import('../../src/bridge/trainer-bridge');

it('a storage that never answers starts a new session after 5 s, with a word, and saves nothing over it', async () => {
  const step = 0;
  const snap = (): Snapshot => ({ ...syntheticSnapshot(), seq: Date.now() + step, step });
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
    init: () => Promise.resolve(snap()),
    checkpoint: () => Promise.resolve({ step } as Checkpoint),
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  expect(useLab.getState().snapshot?.step).toBe(0);
  expect(
    useLab
      .getState()
      .notices.map((n) => n.text)
      .join('\n'),
  ).toMatch(
    /storage did not answer within 5 s: a saved session, if any, was not resumed, and this new one is not saved over it/,
  );
  // the autosave a change asks for writes nothing
  await (bridge as unknown as { autosave: { now: () => Promise<void> } }).autosave.now();
  expect(db.writes).toBe(0);
}, 30_000);
