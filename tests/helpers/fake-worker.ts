/** A stand-in trainer worker for component tests: `api` exposed through comlink over a MessageChannel, as the real worker's is. */
import * as Comlink from 'comlink';
import { afterEach } from 'vitest';
import type { TrainerApi } from '../../src/protocol/trainer-api';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/** The stand-in, and `die(message)`: its 'error' event, as a worker that crashed fires. */
export type FakeWorker = Worker & { die: (message: string) => void };

export function fakeWorker(api: Partial<TrainerApi>): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(api, port2);
  // a MessagePort fires no 'error': its listeners are kept here (comlink's 'message' ones go on)
  const onError: ((e: { message: string }) => void)[] = [];
  const listen = port1.addEventListener.bind(port1) as (type: string, l: unknown) => void;
  return Object.assign(port1, {
    terminate: () => port1.close(),
    addEventListener: (type: string, listener: (e: { message: string }) => void) => {
      if (type === 'error') onError.push(listener);
      else listen(type, listener);
    },
    die: (message: string) => onError.forEach((l) => l({ message })),
  }) as unknown as FakeWorker;
}
