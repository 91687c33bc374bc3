/**
 * A worker that stops without an error event (closed, or stuck in a loop) is never reported by the
 * browser. A watch notes when the worker was last heard from and, while an answer is expected,
 * calls `onSilent` once nothing has come for `silentMs` (checked every min(5 s, silentMs / 2), and
 * again at each check while the silence lasts).
 */
export class SilenceWatch {
  private lastHeard = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly silentMs: number) {}

  /** Watches until stopped (or started again): `expecting()` says whether an answer is owed now. */
  start(expecting: () => boolean, onSilent: () => void): void {
    this.stop();
    this.heard();
    this.timer = setInterval(
      () => {
        if (expecting() && performance.now() - this.lastHeard >= this.silentMs) onSilent();
      },
      Math.min(5_000, this.silentMs / 2),
    );
  }

  /** The worker was heard from (or asked something): the silence starts again from now. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The silence's length in words: "60 s". */
  get said(): string {
    return `${Math.round(this.silentMs / 1000)} s`;
  }
}
