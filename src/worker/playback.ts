/**
 * Play and Step epoch's pacing: which run is current, the updates a slow speed has earned, how
 * long to wait for the next, and when a snapshot goes out with the updates per second achieved.
 */
import type { Speed } from '../protocol/settings';

/** At most ~30 snapshots per second. */
const SNAPSHOT_EVERY_MS = 33;
/** Longest wait between slices at a slow speed with no update due. */
const IDLE_WAIT_MS = 100;

/** Play trains until paused; Step epoch until the epoch ends. */
export type RunTarget = 'forever' | 'epoch-end';

export class Playback {
  playing = false;
  target: RunTarget = 'forever';
  private resolve: (() => void) | null = null;
  /** Counts the runs started and stopped: a slice scheduled for an earlier one does nothing. */
  private runId = 0;
  /** At a slow speed: the updates the chosen rate has earned and not yet made (at most 2 after a slice). */
  private allowance = 0;
  private lastTick = 0;

  /** Ends the run under way (its promise resolves) and makes any slice scheduled for it stale. */
  stop(): void {
    this.playing = false;
    this.runId++;
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.();
  }

  /** Starts a run (after stopping the one under way); `done` resolves when it stops. */
  begin(target: RunTarget, now: number): { id: number; done: Promise<void> } {
    this.stop();
    this.playing = true;
    this.target = target;
    this.allowance = 1;
    this.lastTick = now;
    const done = new Promise<void>((resolve) => (this.resolve = resolve));
    return { id: this.runId, done };
  }

  /** Whether run `id` is the one under way. */
  isCurrent(id: number): boolean {
    return id === this.runId && this.playing;
  }

  /**
   * Step epoch is a jump, not a show: at the full rate whatever the speed Play uses (at the
   * lesson's 100/s an epoch of batch 16 took 31 s, at 1/s it would take 52 minutes).
   */
  speedOf(speed: Speed): Speed {
    return this.target === 'epoch-end' ? 'max' : speed;
  }

  /** Adds what `speed` has earned since the last tick (nothing at 'max', where all that fit are allowed). */
  earn(now: number, speed: Speed): void {
    if (speed !== 'max') this.allowance += ((now - this.lastTick) / 1000) * speed;
    this.lastTick = now;
  }

  /**
   * Nothing earned yet at a slow speed: the wait until the next update is due (at most
   * IDLE_WAIT_MS, so a faster speed chosen meanwhile soon applies), not a slice every few ms, each
   * copying the weights for the guard (at 1 update/s that was ~650 slices a second). Else null.
   */
  waitForNext(speed: Speed): number | null {
    if (speed !== 'max' && this.allowance < 1) return Math.min(IDLE_WAIT_MS, ((1 - this.allowance) / speed) * 1000);
    return null;
  }

  /** Whether one more update is allowed now (always at 'max'); takes it from the allowance. */
  take(speed: Speed): boolean {
    if (speed !== 'max') {
      if (this.allowance < 1) return false;
      this.allowance -= 1;
    }
    return true;
  }

  /** After a slice: no more than 2 updates kept in hand. */
  endSlice(speed: Speed): void {
    if (speed !== 'max') this.allowance = Math.min(this.allowance, 2);
  }

  /** A new speed starts from nothing earned. */
  clearAllowance(): void {
    this.allowance = 0;
  }
}

/** When a snapshot goes out, its sequence number, and the updates per second measured between them. */
export class SnapshotClock {
  private lastAt = 0;
  /** The update count of the last snapshot sent while running (none is sent again for the same step). */
  private lastStep = -1;
  private seq = 0;
  private window = { start: 0, steps: 0, rate: 0 };

  /** Starts measuring the rate afresh (a run begins at update `step`). */
  restartRate(now: number, step: number): void {
    this.window = { start: now, steps: step, rate: 0 };
  }

  /** Whether a snapshot of update `step` goes out now; a forced one always does. */
  due(force: boolean, now: number, step: number): boolean {
    if (!force && now - this.lastAt < SNAPSHOT_EVERY_MS) return false;
    // at slow speeds most slices make no update: a snapshot of the same step would only
    // make every view redraw the same picture
    if (!force && step === this.lastStep) return false;
    this.lastAt = now;
    this.lastStep = step;
    return true;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Updates per second, measured again when more than 0.5 s has passed. */
  rate(now: number, step: number): number {
    const w = this.window;
    if (now - w.start > 500) {
      w.rate = ((step - w.steps) * 1000) / (now - w.start);
      w.start = now;
      w.steps = step;
    }
    return w.rate;
  }
}
