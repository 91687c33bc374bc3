/**
 * The bridge against a stand-in trainer worker (comlink over a MessageChannel): snapshots
 * pushed while playing travel on their own port, so one may arrive after the reply to
 * pause. The store must end on the newest snapshot, not on the one that came last.
 */
import { expect, it } from 'vitest';
import { TrainerBridge } from '../../src/bridge/trainer-bridge';
import type { Checkpoint, Snapshot } from '../../src/protocol/snapshot';
import type { TrainerApi } from '../../src/protocol/trainer-api';
import { useLab } from '../../src/store/lab-store';
import { fakeWorker } from '../helpers/fake-worker';
import { syntheticSnapshot } from '../helpers/synthetic-snapshot';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

it('a snapshot from before the pause that arrives after its reply does not undo the pause', async () => {
  let seq = 0;
  const snap = (playing: boolean, step: number): Snapshot => ({ ...syntheticSnapshot(), seq: ++seq, playing, step });
  let push: (s: Snapshot) => void = () => {};
  let stopPlay = () => {};
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: (_settings, onSnapshot) => {
      push = onSnapshot;
      return Promise.resolve(snap(false, 0));
    },
    play: () => {
      push(snap(true, 1));
      return new Promise<void>((resolve) => (stopPlay = resolve));
    },
    pause: () => {
      // made while still playing, delivered late on the snapshot port
      const late = snap(true, 2);
      setTimeout(() => push(late), 30);
      stopPlay();
      return Promise.resolve(snap(false, 2));
    },
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  expect(useLab.getState().snapshot?.playing).toBe(false);

  const playing = bridge.togglePlay(); // settles when the run stops, as the worker's play() does
  await until(() => useLab.getState().snapshot?.playing === true);

  await bridge.togglePlay();
  await playing;
  expect(useLab.getState().snapshot?.playing).toBe(false);
  await sleep(150); // the late snapshot has arrived by now
  expect(useLab.getState().snapshot).toMatchObject({ playing: false, step: 2 });
});

it('hiding the page saves the session at once, not at the next 3 s tick', async () => {
  let checkpoints = 0;
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: () => Promise.resolve({ ...syntheticSnapshot(), seq: 1, step: 7 }),
    checkpoint: () => {
      checkpoints++;
      return Promise.reject(new Error('counted, not saved'));
    },
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  // the paused first snapshot is saved 200 ms later (refused here, so nothing is "saved last"): past
  // that first, or on a loaded machine it could land among the counts below
  await until(() => checkpoints === 1);
  await sleep(50);
  expect(checkpoints).toBe(1);
  const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  try {
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => checkpoints === 2);
  } finally {
    if (visibility) Object.defineProperty(document, 'visibilityState', visibility);
    else delete (document as { visibilityState?: unknown }).visibilityState;
  }
  // shown again: nothing to save
  document.dispatchEvent(new Event('visibilitychange'));
  await sleep(50);
  expect(checkpoints).toBe(2);
});

it('Play waits for the command under way to end (Space during a New session trained the network set aside); Pause does not', async () => {
  let plays = 0;
  let pauses = 0;
  let playing = false;
  let seq = 0;
  const snap = (): Snapshot => ({ ...syntheticSnapshot(), seq: ++seq, playing, step: 5 });
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: () => Promise.resolve(snap()),
    checkpoint: () => Promise.resolve({ step: 5 } as Checkpoint),
    play: () => {
      plays++;
      return Promise.resolve();
    },
    pause: () => {
      pauses++;
      playing = false;
      return Promise.resolve(snap());
    },
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  useLab.setState({ busy: true });
  const play = bridge.togglePlay();
  await sleep(30);
  expect(plays).toBe(0);
  // the command ends: the press is carried out, not lost
  useLab.setState({ busy: false });
  await play;
  expect(plays).toBe(1);
  // playing, with a command under way: Pause goes through
  playing = true;
  useLab.setState({ snapshot: snap(), busy: true });
  await bridge.togglePlay();
  expect(pauses).toBe(1);
  useLab.setState({ busy: false });
});

it('a snapshot made before a settings change, arriving after it, does not put the old settings back', async () => {
  let seq = 0;
  let lr = 0.02;
  const snap = (playing: boolean, step: number): Snapshot => {
    const base = syntheticSnapshot();
    return { ...base, seq: ++seq, playing, step, settings: { ...base.settings, learningRate: lr } };
  };
  let push: (s: Snapshot) => void = () => {};
  let answer: () => void = () => {};
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: (_settings, onSnapshot) => {
      push = onSnapshot;
      return Promise.resolve(snap(false, 0));
    },
    setSettings: (patch) => {
      // a snapshot of the old settings, made while training played, lands before the reply
      push(snap(true, 5));
      return new Promise<Snapshot>((resolve) => {
        answer = () => {
          lr = patch.learningRate ?? lr;
          resolve(snap(true, 6));
        };
      });
    },
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  const changing = bridge.setSettings({ learningRate: 0.5 });
  await until(() => useLab.getState().snapshot?.step === 5);
  // the step moved on, the settings asked for stayed (the address and a pending question read them)
  expect(useLab.getState().settings.learningRate).toBe(0.5);
  answer();
  await changing;
  expect(useLab.getState().settings.learningRate).toBe(0.5);
  expect(useLab.getState().snapshot?.step).toBe(6);
});

it('download progress arriving after the data is ready does not put "loading" back (it travels on its own port)', async () => {
  const progress = (filesUnpacked: number) => ({
    loadedBytes: 11e6,
    totalBytes: 0,
    fromCache: true,
    filesRead: 4,
    filesUnpacked,
    files: 4,
  });
  const api: Partial<TrainerApi> = {
    load: async (_url, onProgress) => {
      // one delivered before the reply (shown), one sent before it but delivered after
      await onProgress(progress(3));
      setTimeout(() => void onProgress(progress(4)), 30);
      return { trainCount: 50_000, testCount: 10_000, fromCache: true };
    },
    init: () => Promise.resolve(syntheticSnapshot()),
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  const seen: string[] = [];
  const stop = useLab.subscribe((s, before) => {
    if (s.data !== before.data)
      seen.push(s.data.kind === 'loading' ? `loading ${s.data.progress?.filesUnpacked ?? '-'}` : s.data.kind);
  });
  try {
    const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
    await bridge.start();
    await sleep(150); // the late progress has arrived by now
    expect(seen).toEqual(['loading -', 'loading 3', 'ready']);
  } finally {
    stop();
  }
});

it('the cost-rise warning goes with the network it speaks of (it stood beside a rebuilt network at update 0)', async () => {
  let seq = 0;
  let push: (s: Snapshot) => void = () => {};
  const history = (n: number, rise: number) => ({
    costSteps: Float64Array.from({ length: n }, (_, i) => i + 1),
    costValues: Float32Array.from({ length: n }, (_, i) => (i < 100 ? 0.12 : rise)),
  });
  const base = syntheticSnapshot();
  const snap = (step: number, learningRate: number, rise = 0.12): Snapshot => ({
    ...base,
    seq: ++seq,
    playing: false,
    step,
    fault: null,
    settings: { ...base.settings, learningRate },
    ...history(step, rise),
  });
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: (_settings, onSnapshot) => {
      push = onSnapshot;
      return Promise.resolve(snap(100, 0.02));
    },
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  useLab.setState({ notices: [], lesson: null });
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  const rising = () => useLab.getState().notices.filter((n) => /The cost has risen/.test(n.text)).length;
  push(snap(100, 20));
  push(snap(130, 20, 0.5));
  await until(() => rising() === 1);
  // a new network (a rebuilt address, a preset): back at update 0
  push(snap(0, 20));
  await until(() => rising() === 0);
});

it('a worker that falls silent while it owes an answer is noticed, and restarted on request', async () => {
  let workers = 0;
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: () => Promise.resolve({ ...syntheticSnapshot(), playing: false, step: 0 }),
    // closed mid-run (self.close() in the worker): no error event, no snapshot, no answer
    play: () => new Promise<void>(() => {}),
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  useLab.setState({ notices: [], lesson: null });
  const bridge = new TrainerBridge(
    () => {
      workers++;
      return fakeWorker(api);
    },
    'http://localhost/data/',
    300,
  );
  await bridge.start();
  const silent = () => useLab.getState().notices.find((n) => n.action?.testId === 'restart-silent');
  // idle, owing nothing: no word however long it says nothing
  await sleep(700);
  expect(silent()).toBeUndefined();
  void bridge.togglePlay();
  await until(() => silent() !== undefined);
  expect(silent()!.text).toMatch(/^The training engine has not answered for 0 s: it may have stopped\. /);
  silent()!.action!.run();
  await until(() => workers === 2 && silent() === undefined);
  await until(() => useLab.getState().notices.some((n) => /stopped \(no answer for 0 s\)/.test(n.text)));
});

it('a replacement with an Undo names the network paused first, and Undo brings it back and says so; one that did not happen offers nothing', async () => {
  let seq = 0;
  let push: (s: Snapshot) => void = () => {};
  let stopPlay = () => {};
  let trained = 0;
  const base = syntheticSnapshot();
  const snap = (step: number, playing = false): Snapshot => ({ ...base, seq: ++seq, playing, step, fault: null });
  const api: Partial<TrainerApi> = {
    load: () => Promise.resolve({ trainCount: 50_000, testCount: 10_000, fromCache: false }),
    init: (_settings, onSnapshot) => {
      push = onSnapshot;
      return Promise.resolve(snap(0));
    },
    play: () => {
      push(snap(40, true));
      return new Promise<void>((resolve) => (stopPlay = resolve));
    },
    // the worker trained on past the last snapshot the page had (40) before it paused
    pause: () => {
      stopPlay();
      trained = 57;
      return Promise.resolve(snap(trained));
    },
    reset: () => Promise.resolve(snap(0)),
    undoReset: () => Promise.resolve(snap(trained)),
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  useLab.setState({ notices: [], lesson: null });
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  await bridge.start();
  const playing = bridge.togglePlay();
  await until(() => useLab.getState().snapshot?.playing === true);

  const replaced = await bridge.withUndo(
    () => bridge.reset(),
    (update, updates) => `Reset: ${update} update${updates === 1 ? '' : 's'} undone.`,
    'Reset undone',
  );
  await playing;
  expect(replaced).toBe(57);
  const offer = useLab.getState().notices.find((n) => n.action?.label === 'Undo');
  expect(offer?.text).toBe('Reset: 57 updates undone.');
  expect(useLab.getState().snapshot?.step).toBe(0);

  offer?.action?.run();
  await until(() => useLab.getState().notices.some((n) => n.text === 'Reset undone: back at update 57.'));
  expect(useLab.getState().snapshot?.step).toBe(57);

  // an import the engine did not take: nothing replaced, nothing offered
  useLab.setState({ notices: [] });
  expect(
    await bridge.withUndo(
      () => Promise.resolve(false),
      () => 'replaced',
    ),
  ).toBeNull();
  expect(useLab.getState().notices).toEqual([]);
});

it('a Reset the engine never answered offers no Undo (it said "57 updates undone" of a network still there)', async () => {
  const api: Partial<TrainerApi> = {
    load: () => Promise.reject(new Error('the data could not be read')),
    checkpoint: () => Promise.reject(new Error('not in this test')),
  };
  const base = syntheticSnapshot();
  useLab.setState({ notices: [], lesson: null, snapshot: { ...base, step: 57, playing: false } });
  const bridge = new TrainerBridge(() => fakeWorker(api), 'http://localhost/data/');
  const replaced = await bridge.withUndo(
    () => bridge.reset(),
    (update) => `Reset: ${update} updates undone.`,
  );
  expect(replaced).toBeNull();
  expect(useLab.getState().notices.some((n) => n.action?.label === 'Undo')).toBe(false);
});
