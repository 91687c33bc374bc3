/**
 * A paused network that changed is saved soon, not at the next 3 s tick: three Step batch and
 * a reload within the tick resumed an older save, or none.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { fakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const db = vi.hoisted(() => ({ saved: [] as number[] }));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: async () => null,
  saveSession: async (checkpoint: { step: number }) => {
    db.saved.push(checkpoint.step);
    return true;
  },
  clearSession: async () => {},
}));
const { TrainerBridge } = await import('../../src/bridge/trainer-bridge');

afterEach(() => vi.useRealTimers());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a step while paused is saved without waiting for the auto-save’s tick, once', async () => {
  // the 3 s tick never comes
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  let step = 0;
  let seq = 0;
  let push: (s: Snapshot) => void = () => {};
  const snap = (): Snapshot => ({ ...syntheticSnapshot(), seq: ++seq, playing: false, step });
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: (_settings, onSnapshot) => {
      push = onSnapshot;
      return Promise.resolve(snap());
    },
    checkpoint: () => Promise.resolve({ step } as Checkpoint),
    stepUpdate: () => {
      step++;
      push(snap());
      return Promise.resolve({ columns: [] } as unknown as Awaited<ReturnType<TrainerApi['stepUpdate']>>);
    },
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  for (let i = 0; i < 3; i++) await bridge.stepUpdate();
  for (let i = 0; i < 100 && db.saved.at(-1) !== 3; i++) await sleep(20);
  expect(db.saved.at(-1)).toBe(3);
  expect(useLab.getState().saved?.step).toBe(3);
  // nothing changed since: no second save of the same network
  const saves = db.saved.length;
  await sleep(400);
  expect(db.saved.length).toBe(saves);
});
