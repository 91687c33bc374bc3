import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Ending } from '../../../src/bridge/ending';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether a result, raced by `race` and then dropped, can be collected while what it raced against is still pending. */
async function resultCollected(race: (p: Promise<object>) => Promise<unknown>): Promise<boolean> {
  let ref: WeakRef<object> | null = null;
  await (async () => {
    const result = { pixels: new Uint8Array(1 << 20) };
    ref = new WeakRef(result);
    await race(Promise.resolve(result));
  })();
  for (let i = 0; i < 5 && ref!.deref(); i++) {
    await new Promise((r) => setTimeout(r, 0));
    gc();
  }
  return ref!.deref() === undefined;
}

describe('Ending', () => {
  it("gives the request's outcome when the request settles first", async () => {
    const ending = new Ending();
    await expect(ending.race(Promise.resolve(7))).resolves.toBe(7);
    await expect(ending.race(Promise.reject(new Error('no')))).rejects.toThrow('no');
  });

  it('gives the ending to a race in progress and to every later race', async () => {
    const ending = new Ending();
    const never = new Promise<number>(() => {});
    const inProgress = ending.race(never);
    ending.reject(new Error('the worker stopped'));
    await expect(inProgress).rejects.toThrow('the worker stopped');
    await expect(ending.race(never)).rejects.toThrow('the worker stopped');
    const gone = new Ending<undefined>();
    gone.resolve(undefined);
    await expect(gone.race(never)).resolves.toBeUndefined();
  });

  it('ends once: a second end changes nothing', async () => {
    const ending = new Ending<string>();
    ending.resolve('first');
    ending.reject(new Error('second'));
    await expect(ending.race(new Promise<string>(() => {}))).resolves.toBe('first');
  });

  it('keeps nothing of a settled race while it is still pending (Promise.race against it kept every result)', async () => {
    const ending = new Ending();
    for (let i = 0; i < 3; i++) await ending.race(Promise.resolve(i));
    await ending.race(Promise.reject(new Error('a failed call'))).catch(() => {});
    expect(ending.pending).toBe(0);
    expect(await resultCollected((p) => ending.race(p))).toBe(true);
  });

  it('(the check above can fail: a result raced with Promise.race against a pending promise stays)', async () => {
    const died = new Promise<never>(() => {});
    expect(await resultCollected((p) => Promise.race([p, died]))).toBe(false);
  });
});
