/**
 * A worker that dies while the first start resumes the saved session (after its data has loaded:
 * while the save is read, or while the network is built from it) is restarted, and the restart
 * resumes the session. The first start, woken after the crash, threw on the proxy the restart had
 * released, took that for a bad saved session, said "Started a new session" and deleted it.
 */
import { expect, it, vi } from 'vitest';
import type { SavedSession } from '../../src/bridge/saved-session';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { fakeWorker, type FakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const db = vi.hoisted(() => ({
  cleared: 0,
  writes: 0,
  /** What each read answers (the first start's, then the restart's); the last one again after them. */
  reads: [] as (() => Promise<unknown>)[],
}));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: () => (db.reads.length > 1 ? db.reads.shift()! : db.reads[0])(),
  saveSession: async () => {
    db.writes++;
    return true;
  },
  clearSession: async () => {
    db.cleared++;
  },
}));
const { TrainerBridge } = await import('../../src/bridge/trainer-bridge');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

const SAVED: SavedSession = {
  version: 1,
  savedAt: 1,
  checkpoint: { step: 40 } as Checkpoint,
  lesson: null,
  experiment: null,
};
const snap = (step: number): Snapshot => ({ ...syntheticSnapshot(), seq: Date.now(), step });
const loads = () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true });

/**
 * Starts a bridge whose first worker is `first` (after `beforeStart`, e.g. a link's settings) and
 * kills that worker once `crashWhen`; the restart's builds from what it is given.
 */
async function crashWhileResuming(
  first: Partial<TrainerApi>,
  crashWhen: () => boolean,
  beforeStart: (bridge: InstanceType<typeof TrainerBridge>) => void = () => {},
) {
  const workers: FakeWorker[] = [];
  const inits: (Checkpoint | undefined)[] = [];
  const restarted: Partial<TrainerApi> = {
    load: loads,
    init: (_s, _on, checkpoint) => {
      inits.push(checkpoint);
      return Promise.resolve(snap(checkpoint?.step ?? 0));
    },
    checkpoint: () => Promise.resolve({ step: 40 } as Checkpoint),
  };
  const apis = [first, restarted];
  const bridge = new TrainerBridge(() => {
    const worker = fakeWorker(apis[workers.length]);
    workers.push(worker);
    return worker;
  }, 'http://localhost/data/');
  // nothing of the test before: each test's store starts empty
  useLab.setState({ notices: [], snapshot: null, panelSnapshot: null, data: { kind: 'idle' } });
  beforeStart(bridge);
  let started = false;
  const start = bridge.start().then(() => (started = true));
  await until(crashWhen);
  workers[0].die('crash while resuming');
  return { bridge, workers, inits, start, started: () => started };
}

function expectResumed(run: { workers: FakeWorker[]; inits: (Checkpoint | undefined)[] }): void {
  expect(run.workers).toHaveLength(2);
  expect(run.inits).toEqual([{ step: 40 }]);
  expect(useLab.getState().snapshot?.step).toBe(40);
  expect(useLab.getState().data.kind).toBe('ready');
  expect(useLab.getState().notices.map((n) => n.text)).not.toContainEqual(
    expect.stringContaining('Started a new session'),
  );
  expect(db.cleared).toBe(0);
}

it('a crash while the saved session is read: the restart resumes it, and it is not deleted', async () => {
  db.cleared = 0;
  let answer: (s: SavedSession) => void = () => {};
  const read = new Promise((resolve) => (answer = resolve));
  db.reads = [() => read];
  let loaded = false;
  const run = await crashWhileResuming(
    { load: () => loads().finally(() => (loaded = true)), init: () => new Promise(() => {}) },
    () => loaded && useLab.getState().data.kind === 'ready',
  );
  await sleep(20);
  answer(SAVED); // to both starts' reads
  await until(run.started);
  await run.start;
  await sleep(50); // the first start's own work, if any, has ended by now
  expectResumed(run);
}, 30_000);

it('a crash while the network is built from the saved session: the restart resumes it, and it is not deleted', async () => {
  db.cleared = 0;
  db.reads = [() => Promise.resolve(SAVED)];
  let building = false;
  const run = await crashWhileResuming(
    {
      load: loads,
      // never answers: the worker dies here
      init: () => {
        building = true;
        return new Promise(() => {});
      },
    },
    () => building,
  );
  await until(run.started);
  await run.start;
  await sleep(50);
  expectResumed(run);
}, 30_000);

it('a crash while a slow storage is read: the start cut short says nothing of it, and saves are not held', async () => {
  // the first start's read answers after the 5 s the app waits for storage; the restart's at once
  db.cleared = 0;
  db.writes = 0;
  db.reads = [() => sleep(6_000).then(() => SAVED), () => Promise.resolve(SAVED)];
  let loaded = false;
  const run = await crashWhileResuming(
    { load: () => loads().finally(() => (loaded = true)), init: () => new Promise(() => {}) },
    () => loaded && useLab.getState().data.kind === 'ready',
  );
  await until(run.started);
  await run.start;
  expectResumed(run);
  await sleep(6_500); // the first read has answered late by now
  // it said "a saved session, if any, was not resumed" of the session the restart resumed
  expect(useLab.getState().notices.map((n) => n.text)).not.toContainEqual(
    expect.stringContaining('storage did not answer'),
  );
  // and held every save for good: a change (the lesson step) is saved
  run.bridge.markChanged();
  await (run.bridge as unknown as { autosave: { now: () => Promise<void> } }).autosave.now();
  expect(db.writes).toBe(1);
}, 30_000);

it('a crash while a link changes the resumed session says that change was undone (it said "nothing was lost")', async () => {
  db.cleared = 0;
  db.reads = [() => Promise.resolve(SAVED)];
  let changing = false;
  const run = await crashWhileResuming(
    {
      load: loads,
      init: (_s, _on, checkpoint) => Promise.resolve(snap(checkpoint?.step ?? 0)),
      // never answers: the worker dies here
      setSettings: () => {
        changing = true;
        return new Promise(() => {});
      },
    },
    () => changing,
    // a shared link's learning rate, over the resumed session's
    (bridge) => bridge.setLinkSettings({ learningRate: 0.5 }, null),
  );
  await run.start;
  expect(run.inits).toEqual([{ step: 40 }]);
  const said = useLab
    .getState()
    .notices.map((n) => n.text)
    .join('\n');
  expect(said).toMatch(/restarted from the last auto-save, update 40 .*changes made since then .* were undone/);
  expect(said).not.toMatch(/nothing was lost/);
  expect(db.cleared).toBe(0);
}, 30_000);
