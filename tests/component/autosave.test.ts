/**
 * The autosave writes one save at a time: a storage that never answers held every 3 s tick's
 * checkpoint (up to 1 MB each) waiting for good.
 */
import { expect, it, vi } from 'vitest';
import type { Checkpoint } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';
import type * as Comlink from 'comlink';

const db = vi.hoisted(() => ({ writes: 0, open: null as (() => void) | null }));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: async () => null,
  saveSession: () => {
    db.writes++;
    // answers only when the test opens it
    return new Promise<boolean>((resolve) => (db.open = () => resolve(true)));
  },
  clearSession: async () => {},
}));
const { Autosave } = await import('../../src/bridge/autosave');

it('asked again while a save is under way, saves once more after it, not alongside it', async () => {
  let step = 1;
  useLab.setState({ snapshot: { ...syntheticSnapshot(), step } });
  const api = { checkpoint: async () => ({ step }) as Checkpoint } as unknown as Comlink.Remote<TrainerApi>;
  const autosave = new Autosave({ api: () => api, answer: (reply) => reply });
  const first = autosave.now();
  await new Promise((r) => setTimeout(r, 10));
  // three ticks while the storage does not answer, each with a newer network
  for (let i = 0; i < 3; i++) {
    step++;
    useLab.setState({ snapshot: { ...syntheticSnapshot(), step } });
    void autosave.now();
  }
  await new Promise((r) => setTimeout(r, 10));
  expect(db.writes).toBe(1);
  // the storage answers: one more save, of the newest network
  db.open!();
  await new Promise((r) => setTimeout(r, 10));
  expect(db.writes).toBe(2);
  db.open!();
  await first;
  expect(useLab.getState().saved?.step).toBe(4);
});
