/** The trainer worker: exposes a TrainerSession through comlink. */
import * as Comlink from 'comlink';
import { loadMnist } from '../data/load-mnist';
import type { Snapshot } from '../protocol/snapshot';
import type { TrainerApi } from '../protocol/trainer-api';
import { TrainerSession } from './trainer-session';

const session = new TrainerSession({
  loadData: loadMnist,
  now: () => performance.now(),
  defer: (fn) => setTimeout(fn, 0),
  crash: () => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  },
});

const inner = session.api();

/** Snapshot arrays are copies made for the UI, so they are transferred, not cloned. */
function transferred(s: Snapshot): Snapshot {
  return Comlink.transfer(s, [s.params.buffer, s.costSteps.buffer, s.costValues.buffer]);
}

const api = {
  ...inner,
  init: (settings, onSnapshot, checkpoint) => inner.init(settings, (s) => void onSnapshot(transferred(s)), checkpoint),
} satisfies TrainerApi;

Comlink.expose(api);
