/** The trainer worker: exposes a TrainerSession through comlink. */
import * as Comlink from 'comlink';
import { loadMnist } from '../data/load-mnist';
import type { TrainerApi } from '../protocol/trainer-api';
import { TrainerSession } from './trainer-session';

const session = new TrainerSession({
  loadData: loadMnist,
  now: () => performance.now(),
  defer: (fn, ms = 0) => setTimeout(fn, ms),
  crash: () => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  },
});

const inner = session.api();

/*
 * Snapshots are cloned, never transferred (nor is anything else this worker sends). A transfer
 * detaches an ArrayBuffer, and after the first detach in a thread its JavaScript engine (V8)
 * checks every typed-array access for detached buffers: an epoch of the engine took 0.46 s
 * instead of 0.35 s in Node 20, and 3-10% longer in a Chromium 138 worker. Cloning a 52 kB
 * snapshot costs microseconds. See docs/ARCHITECTURE.md, "No transfers".
 */
Comlink.expose(inner satisfies TrainerApi);
