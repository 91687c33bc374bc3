/** A stand-in trainer worker for component tests: `api` exposed through comlink over a MessageChannel, as the real worker's is. */
import * as Comlink from 'comlink';
import { afterEach } from 'vitest';
import type { TrainerApi } from '../../src/protocol/trainer-api';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

export function fakeWorker(api: Partial<TrainerApi>): Worker {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(api, port2);
  return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
}
