/**
 * A crashed worker is restarted from the last auto-save. If the restarted worker dies too while
 * it starts, the restart fails with a message and Retry, which starts again from that auto-save:
 * the second crash was ignored, and the app showed "loading" for good.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ModelExport } from '../../src/protocol/model-file';
import type { Settings } from '../../src/protocol/settings';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { fakeWorker, type FakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const db = vi.hoisted(() => ({ cleared: 0 }));
vi.mock('../../src/bridge/saved-session', () => ({
  loadSession: async () => null,
  saveSession: async () => true,
  clearSession: async () => {
    db.cleared++;
  },
}));
const { TrainerBridge } = await import('../../src/bridge/trainer-bridge');

/** A bridge whose n-th worker serves apis[n]; each worker it starts is pushed to `workers`. */
function bridgeOver(apis: Partial<TrainerApi>[], workers: FakeWorker[]): InstanceType<typeof TrainerBridge> {
  return new TrainerBridge(() => {
    const worker = fakeWorker(apis[workers.length]);
    workers.push(worker);
    return worker;
  }, 'http://localhost/data/');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

it('a restarted worker that dies while starting fails the restart with Retry, which starts from the auto-save', async () => {
  const workers: FakeWorker[] = [];
  const inits: (Checkpoint | undefined)[] = [];
  const die = (n: number) => workers[n].die(`crash ${n}`);
  const snap = (step: number): Snapshot => ({ ...syntheticSnapshot(), seq: Date.now(), step });
  const apis: Partial<TrainerApi>[] = [
    // trained to update 5, saved, then crashes
    {
      load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
      init: (_s, _on, checkpoint) => {
        inits.push(checkpoint);
        return Promise.resolve(snap(5));
      },
      checkpoint: () => Promise.resolve({ step: 5 } as Checkpoint),
      crash: async () => void setTimeout(() => die(0), 0),
    },
    // the restart: never loads, and dies
    { load: () => new Promise(() => {}) },
    // Retry
    {
      load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
      init: (_s, _on, checkpoint) => {
        inits.push(checkpoint);
        return Promise.resolve(snap(checkpoint?.step ?? 0));
      },
      checkpoint: () => Promise.resolve({ step: 5 } as Checkpoint),
    },
  ];
  const bridge = bridgeOver(apis, workers);
  await bridge.start();
  await bridge.crashForTest();
  await until(() => workers.length === 2 && useLab.getState().data.kind === 'loading');
  die(1);
  await until(() => useLab.getState().data.kind === 'error');
  expect(useLab.getState().data).toMatchObject({
    message: expect.stringMatching(
      /^The training engine stopped again while it was being restarted \(crash 1\)\. Retry starts it from the last auto-save, update 5\.$/,
    ),
  });
  expect(workers).toHaveLength(2); // not restarted in a loop
  expect(useLab.getState().data).toMatchObject({ engine: true });

  await bridge.retry();
  expect(useLab.getState().data.kind).toBe('ready');
  expect(inits).toEqual([undefined, { step: 5 }]);
  expect(useLab.getState().snapshot?.step).toBe(5);
  expect(db.cleared).toBe(0);
}, 30_000);

it('a first start whose worker dies while loading ends when the restart that took over is ready', async () => {
  const workers: FakeWorker[] = [];
  const apis: Partial<TrainerApi>[] = [
    // loads forever, then dies: comlink never answers the load
    { load: () => new Promise(() => {}) },
    {
      load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
      init: () => Promise.resolve({ ...syntheticSnapshot(), seq: Date.now(), step: 0 }),
      checkpoint: () => Promise.resolve({ step: 0 } as Checkpoint),
    },
  ];
  const bridge = bridgeOver(apis, workers);
  let started = false;
  // what main.tsx does with it: the lesson's step is opened once the start is done
  const start = bridge.start().then(() => (started = true));
  await until(() => workers.length === 1);
  workers[0].die('crash while loading');
  await until(() => started);
  await start;
  expect(workers).toHaveLength(2);
  expect(useLab.getState().data.kind).toBe('ready');
}, 30_000);

it('New session ends although the worker dies while it pauses (comlink never answers a dead worker)', async () => {
  const workers: FakeWorker[] = [];
  const snap = (step: number, playing: boolean): Snapshot => ({
    ...syntheticSnapshot(),
    seq: Date.now(),
    step,
    playing,
  });
  const ready = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
    checkpoint: () => Promise.resolve({ step: 5 } as Checkpoint),
  };
  const apis: Partial<TrainerApi>[] = [
    { ...ready, init: () => Promise.resolve(snap(5, true)), pause: () => new Promise(() => {}) },
    {
      ...ready,
      init: () => Promise.resolve(snap(0, false)),
      setSettings: () => Promise.resolve(snap(0, false)),
      reset: () => Promise.resolve(snap(0, false)),
    },
  ];
  const bridge = bridgeOver(apis, workers);
  await bridge.start();
  let done = false;
  void bridge.newSession().then(() => (done = true));
  await sleep(20);
  workers[0].die('crash while pausing');
  await until(() => done);
  expect(workers).toHaveLength(2);
  expect(useLab.getState().snapshot?.step).toBe(0);
}, 30_000);

it('a crash right after New session (nothing saved since) says the fresh network was built again, not that changes were undone', async () => {
  const workers: FakeWorker[] = [];
  const inits: (Checkpoint | undefined)[] = [];
  let seq = 0;
  const snap = (step: number): Snapshot => ({ ...syntheticSnapshot(), seq: ++seq, step });
  const serve = (first: number): Partial<TrainerApi> => {
    let step = first;
    return {
      load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
      init: (_s, _on, checkpoint) => {
        inits.push(checkpoint);
        return Promise.resolve(snap(checkpoint?.step ?? step));
      },
      checkpoint: () => Promise.resolve({ step } as Checkpoint),
      setSettings: () => Promise.resolve(snap(step)),
      reset: () => {
        step = 0;
        return Promise.resolve(snap(0));
      },
      crash: async () => void setTimeout(() => workers[workers.length - 1].die('crash'), 0),
    };
  };
  const bridge = bridgeOver([serve(5), serve(0)], workers);
  await bridge.start();
  await bridge.crashForTest(); // update 5 saved: the restart would come from it
  await until(() => workers.length === 2 && useLab.getState().data.kind === 'ready');
  useLab.setState({ notices: [] });
  await bridge.newSession();
  expect(useLab.getState().snapshot?.step).toBe(0);
  await bridge.crashForTest(false); // within the 200 ms before New session's network is saved
  const engine = () => useLab.getState().notices.find((n) => n.text.startsWith('The training engine stopped'));
  await until(() => engine() !== undefined);
  const text = engine()!.text;
  expect(text).toMatch(
    /^The training engine stopped \(crash\) and was restarted with a fresh network of the same settings/,
  );
  expect(text).not.toMatch(/undone|auto-save, update/);
  expect(text).toMatch(/The network its Undo would have brought back is lost with it/);
}, 30_000);

it('training images asked for when the worker dies are asked again of the restarted one (the surface said "not loaded yet")', async () => {
  const workers: FakeWorker[] = [];
  const images = { pixels: new Uint8Array(784 * 2).fill(7), labels: new Uint8Array([3, 4]) };
  const ready = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: true }),
    init: () => Promise.resolve({ ...syntheticSnapshot(), seq: Date.now(), step: 0 }),
    checkpoint: () => Promise.resolve({ step: 0 } as Checkpoint),
  };
  const apis: Partial<TrainerApi>[] = [
    // never answers: it dies first
    { ...ready, trainImages: () => new Promise(() => {}) },
    { ...ready, trainImages: () => Promise.resolve(images) },
  ];
  const bridge = bridgeOver(apis, workers);
  await bridge.start();
  const asked = bridge.trainImages(0, 2);
  await sleep(20);
  workers[0].die('crash while reading images');
  const got = await asked;
  expect(workers).toHaveLength(2);
  expect(Array.from(got?.labels ?? [])).toEqual([3, 4]);
}, 30_000);

it('commands while the engine cannot start end quietly (the data panel shows why, with Retry): they were unhandled rejections', async () => {
  const workers: FakeWorker[] = [];
  const failing: Partial<TrainerApi> = { load: () => Promise.reject(new Error('no data here')) };
  const bridge = bridgeOver([failing, failing, failing, failing, failing, failing], workers);
  await expect(bridge.start()).rejects.toThrow(/no data here/);
  expect(useLab.getState().data.kind).toBe('error');
  await expect(bridge.togglePlay()).resolves.toBeUndefined();
  await expect(bridge.pause()).resolves.toBeUndefined();
  await expect(bridge.stepExample()).resolves.toBeUndefined();
  await expect(bridge.findByLabel(3, 0, 5)).resolves.toEqual([]);
  // an opened model file that never reached the engine is not said opened
  await expect(bridge.importModel({} as ModelExport)).resolves.toBe(false);
  expect(useLab.getState().data.kind).toBe('error');
}, 30_000);

it('a Retry while another Retry is starting joins it (Retry pressed as the browser came back online and retried)', async () => {
  const workers: FakeWorker[] = [];
  const ready = {
    load: () => sleep(50).then(() => ({ trainCount: 50_000, testCount: 10_000, fromCache: false })),
    init: () => Promise.resolve({ ...syntheticSnapshot(), seq: Date.now(), step: 0 }),
    checkpoint: () => Promise.resolve({ step: 0 } as Checkpoint),
  };
  const apis: Partial<TrainerApi>[] = [{ load: () => Promise.reject(new Error('Failed to fetch')) }, ready, ready];
  const bridge = bridgeOver(apis, workers);
  await bridge.start().catch(() => {});
  expect(useLab.getState().data.kind).toBe('error');
  // the second ended the first's worker, and both waited on it
  const outcome = Promise.race([
    Promise.all([bridge.retry(), bridge.retry()]).then(() => 'started'),
    sleep(5_000).then(() => 'still waiting'),
  ]);
  expect(await outcome).toBe('started');
  expect(workers).toHaveLength(2);
  expect(useLab.getState().data.kind).toBe('ready');
}, 30_000);

describe('a link into the lesson, left for free play while the digits load', () => {
  const start = (lesson: number | null) => {
    const workers: FakeWorker[] = [];
    const asked: Partial<Settings>[] = [];
    const api: Partial<TrainerApi> = {
      load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
      init: (settings) => {
        asked.push(settings);
        return Promise.resolve({ ...syntheticSnapshot(), seq: Date.now(), step: 0 });
      },
      checkpoint: () => Promise.resolve({ step: 0 } as Checkpoint),
    };
    const bridge = bridgeOver([api], workers);
    bridge.setLinkSettings({}, 1);
    bridge.setLessonStart({ learningRate: 2, batchSize: 16 });
    useLab.setState({ lesson, settings: { ...useLab.getState().settings, learningRate: 0.02, batchSize: 32 } });
    return { bridge, asked };
  };

  it('builds the first network with free play’s settings (the lecture’s came in without a word)', async () => {
    const { bridge, asked } = start(null);
    await bridge.start();
    expect(asked[0]).toMatchObject({ learningRate: 0.02, batchSize: 32 });
  });

  it('with the lesson still open, with the step’s', async () => {
    const { bridge, asked } = start(1);
    await bridge.start();
    expect(asked[0]).toMatchObject({ learningRate: 2, batchSize: 16 });
    useLab.setState({ lesson: null });
  });
});
