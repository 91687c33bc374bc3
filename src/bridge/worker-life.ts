/** Starting and ending a comlink-wrapped worker, for the bridges that restart theirs on the next request. */
import * as Comlink from 'comlink';
import { Ending } from './ending';

/** Makes a bridge's worker (tests give stand-ins). */
export type WorkerFactory = () => Worker;

export interface RunningWorker<Api> {
  worker: Worker;
  api: Comlink.Remote<Api>;
  /** Rejects when the worker dies: `died.race(request)` (never Promise.race, see ending.ts). */
  died: Ending;
}

/**
 * Starts `factory`'s worker and wraps it. When it crashes, `onCrash` runs first (the bridge lets
 * go of it), then `died` rejects with the message `crashed` makes of the browser's.
 */
export function startWorker<Api>(
  factory: WorkerFactory,
  onCrash: () => void,
  crashed: (detail: string) => string,
): RunningWorker<Api> {
  const worker = factory();
  const died = new Ending();
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    onCrash();
    died.reject(new Error(crashed(e.message || 'it crashed')));
  });
  return { worker, api: Comlink.wrap<Api>(worker), died };
}

/** Ends a worker started by startWorker. */
export function endWorker<Api>(running: RunningWorker<Api>): void {
  running.api[Comlink.releaseProxy]();
  running.worker.terminate();
}
