/** A stand-in worker for tests (the trainer's by default): `api` exposed through comlink over a MessageChannel, as the real worker's is. */
import * as Comlink from 'comlink';
import { afterEach } from 'vitest';
import type { TrainerApi } from '../../src/protocol/trainer-api';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/** The stand-in, and `die(message)`: its 'error' event, as a worker that crashed fires. */
export type FakeWorker = Worker & { die: (message: string) => void };

export function fakeWorker<Api extends object = TrainerApi>(api: Partial<Api>): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(api, port2);
  // a MessagePort fires no 'error': its listeners are kept here (comlink's 'message' ones go on)
  const onError: ((e: { message: string; preventDefault(): void }) => void)[] = [];
  const listen = port1.addEventListener.bind(port1) as (type: string, l: unknown) => void;
  return Object.assign(port1, {
    terminate: () => port1.close(),
    addEventListener: (type: string, listener: (e: { message: string; preventDefault(): void }) => void) => {
      if (type === 'error') onError.push(listener);
      else listen(type, listener);
    },
    die: (message: string) => onError.forEach((l) => l({ message, preventDefault: () => {} })),
  }) as unknown as FakeWorker;
}
