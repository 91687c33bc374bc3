/**
 * New session forgets the saved session: an autosave already under way must not write the old
 * network back after it (a reload then resumed the network New session had set aside).
 */
import { expect, it, vi } from 'vitest';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { UNDO_RESET, useLab } from '../../src/store/lab-store';
import { fakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

/** The saved session, in memory; each write waits for `release` when one is set. */
const db = vi.hoisted(() => ({
  saved: null as { step: number } | null,
  writeGate: null as Promise<void> | null,
  clearGate: null as Promise<void> | null,
}));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: async () => null,
  saveSession: async (checkpoint: { step: number }) => {
    if (db.writeGate) await db.writeGate;
    db.saved = { step: checkpoint.step };
    return true;
  },
  clearSession: async () => {
    if (db.clearGate) await db.clearGate;
    db.saved = null;
  },
}));
const { TrainerBridge } = await import('../../src/bridge/trainer-bridge');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hide(): () => void {
  const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  return () => {
    if (visibility) Object.defineProperty(document, 'visibilityState', visibility);
    else delete (document as { visibilityState?: unknown }).visibilityState;
  };
}

/** A worker trained to update 5 whose checkpoint() answers when `answer` is called. */
function trainedWorker() {
  let step = 5;
  const snap = (): Snapshot => ({ ...syntheticSnapshot(), seq: Date.now(), step });
  const pending: (() => void)[] = [];
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: () => Promise.resolve(snap()),
    checkpoint: () => {
      const at = step;
      return new Promise<Checkpoint>((resolve) => pending.push(() => resolve({ step: at } as Checkpoint)));
    },
    setSettings: () => Promise.resolve(snap()),
    reset: () => {
      step = 0;
      return Promise.resolve(snap());
    },
  };
  return { api, answer: () => pending.splice(0).forEach((f) => f()) };
}

it('a save still asking the worker when New session starts is dropped', async () => {
  const worker = trainedWorker();
  const bridge = new TrainerBridge(() => fakeWorker(worker.api), 'http://localhost/data/');
  await bridge.start();
  const shown = hide();
  try {
    await sleep(20); // the save has asked the worker for its checkpoint
    const fresh = bridge.newSession();
    await sleep(20);
    worker.answer(); // update 5's checkpoint arrives after New session began
    await fresh;
    await sleep(20);
  } finally {
    shown();
  }
  expect(db.saved).toBeNull();
  expect(useLab.getState().saved).toBeNull();
  expect(useLab.getState().snapshot?.step).toBe(0);
});

it('a save already writing when New session starts lands first, then is cleared', async () => {
  db.saved = null;
  let open = () => {};
  db.writeGate = new Promise<void>((r) => (open = r));
  const worker = trainedWorker();
  const bridge = new TrainerBridge(() => fakeWorker(worker.api), 'http://localhost/data/');
  await bridge.start();
  const shown = hide();
  try {
    await sleep(20);
    worker.answer(); // the checkpoint is in; the write waits at the gate
    await sleep(20);
    const fresh = bridge.newSession();
    await sleep(20);
    open(); // update 5 is written now, while New session runs
    await fresh;
    await sleep(20);
  } finally {
    shown();
    db.writeGate = null;
  }
  expect(db.saved).toBeNull();
  expect(useLab.getState().saved).toBeNull();
});

/**
 * A worker trained to update 5 with the real one's Reset and Undo: a Reset of an untrained network
 * keeps what the last one kept. `more` adds to its api.
 */
function undoableWorker(more: Partial<TrainerApi> = {}): Partial<TrainerApi> {
  let step = 5;
  let kept: number | null = null;
  // each newer than the last (two in the same millisecond: the second was dropped as stale)
  let seq = 0;
  const snap = (): Snapshot => ({ ...syntheticSnapshot(), seq: ++seq, step });
  return {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: () => Promise.resolve(snap()),
    checkpoint: () => Promise.resolve({ step } as Checkpoint),
    setSettings: () => Promise.resolve(snap()),
    reset: () => {
      if (step > 0) kept = step;
      step = 0;
      return Promise.resolve(snap());
    },
    undoReset: () => {
      if (kept === null) return Promise.resolve(null);
      step = kept;
      return Promise.resolve(snap());
    },
    ...more,
  };
}

it('an Undo pressed while a New session works waits for it, then brings the network back (that New session undid it)', async () => {
  const api = undoableWorker();
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  await bridge.newSession(); // update 5 set aside
  let open = () => {};
  db.clearGate = new Promise<void>((r) => (open = r));
  try {
    const second = bridge.newSession(); // of the untrained network: it waits at the saved session's clearing
    await sleep(20);
    expect(useLab.getState().busy).toBe(true);
    const undo = bridge.undoReset();
    await sleep(20);
    open();
    await second;
    expect(await undo).toBe(5);
  } finally {
    db.clearGate = null;
  }
  expect(useLab.getState().snapshot?.step).toBe(5);
  expect(useLab.getState().busy).toBe(false);
});

it('Undo after New session brings back the student’s speed with their network (it kept the default)', async () => {
  const speeds: unknown[] = [];
  const api = undoableWorker({
    setSpeed: (speed) => {
      speeds.push(speed);
      return Promise.resolve();
    },
  });
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  await bridge.setSpeed(10);
  await bridge.newSession();
  expect(useLab.getState().settings.speed).toBe('max');
  useLab
    .getState()
    .notices.find((n) => n.action?.testId === UNDO_RESET)!
    .action!.run();
  await vi.waitFor(() =>
    expect(useLab.getState().notices.some((n) => n.text.startsWith('Your session is back'))).toBe(true),
  );
  expect(useLab.getState().snapshot?.step).toBe(5);
  expect(useLab.getState().settings.speed).toBe(10);
  expect(speeds).toEqual([10, 10]);
});
