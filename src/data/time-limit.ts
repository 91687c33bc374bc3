/** Waiting on storage and caches that may never answer (a blocked IndexedDB, a stuck Cache Storage). */

/** Waits for `promise`, but no longer than `ms` (a cache that does not answer must not hold up a message). */
export async function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  await within(promise, ms);
}

/** `promise`'s value, or 'late' if it has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A download that sends nothing for this long is given up, with a message and Retry (it waited forever). */
export const STALL_MS = 30_000;

/** What `withinStall` rejects with: told apart by its class, not by its words. */
export class Stalled extends Error {}

/** `promise`, or a rejection (Stalled) with `message` after STALL_MS (then `onStall` runs, e.g. to cancel). */
export function withinStall<T>(promise: Promise<T>, message: string, onStall?: () => void, ms = STALL_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // rejected first: a cancelled read resolves as done, and the race must not take that as the end
      reject(new Stalled(message));
      onStall?.();
    }, ms);
  });
  return Promise.race([promise, stalled]).finally(() => clearTimeout(timer));
}
