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
