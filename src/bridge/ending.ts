/**
 * Something that ends once (a worker dying or being let go), which requests race against.
 *
 * Not `Promise.race([request, died])`: each race leaves a reaction on `died`, and while `died`
 * is pending (the worker lives, for the whole visit) that reaction keeps the race's promise, so
 * its result, alive. Racing every edge painting against it kept each 1.9 MB of pixels: the
 * page grew by about 400 MB a minute while training (2026-12-05). Here a race that has settled
 * leaves nothing behind.
 */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class Ending<E = never> {
  private outcome: Outcome | null = null;
  private readonly waiting = new Set<Waiting>();

  /** Ends with `value`: every race in progress, and every later one, resolves with it. */
  resolve(value: E): void {
    this.settle({ ok: true, value });
  }

  /** Ends with `error`: every race in progress, and every later one, rejects with it. */
  reject(error: Error): void {
    this.settle({ ok: false, error });
  }

  /**
   * `promise`'s outcome, or the ending's if it comes first. One difference from Promise.race: when
   * the ending has already come, it wins even over a promise already settled (every caller races a
   * fresh call, so none can tell).
   */
  race<T>(promise: Promise<T>): Promise<T | E> {
    return new Promise<T | E>((resolve, reject) => {
      const waiting: Waiting = { resolve: resolve as (v: unknown) => void, reject };
      promise.then(
        (value) => {
          this.waiting.delete(waiting);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(waiting);
          reject(error);
        },
      );
      if (this.outcome) settleWith(waiting, this.outcome);
      else this.waiting.add(waiting);
    });
  }

  /** Races in progress (for tests: a settled race must not stay). */
  get pending(): number {
    return this.waiting.size;
  }

  private settle(outcome: Outcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    for (const w of this.waiting) settleWith(w, outcome);
    this.waiting.clear();
  }
}

function settleWith(w: Waiting, outcome: Outcome): void {
  if (outcome.ok) w.resolve(outcome.value);
  else w.reject(outcome.error);
}
