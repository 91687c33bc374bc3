/**
 * The autosave: the trainer's checkpoint written to the saved session (IndexedDB) every
 * CHECKPOINT_EVERY_MS while the page is open, SAVE_AFTER_CHANGE_MS after a paused network
 * changed, and at once when the page is hidden. It remembers the last checkpoint it took, which
 * a crash restarts from, and how many times the network was replaced since (the restart's notice
 * says those changes were undone). New session forgets the saved session through `forgetWhile`
 * and `clear`; a saved session that could not be read is not saved over (`holdUntilRead`).
 */
import type * as Comlink from 'comlink';
import { atMost, within } from '../data/time-limit';
import type { Checkpoint } from '../protocol/snapshot';
import type { TrainerApi } from '../protocol/trainer-api';
import { notify, useLab } from '../store/lab-store';
import { clearSession, loadSession, saveSession, type KeptExperiment, type SavedSession } from './saved-session';

/** Autosave interval (and the bound on work lost to a crash) while the page is visible. */
export const CHECKPOINT_EVERY_MS = 3000;
/**
 * A paused network that changed (a step, a Reset, new settings) is saved this soon, not at the
 * next CHECKPOINT_EVERY_MS tick: a reload within the 3 s resumed an older save, or none.
 */
const SAVE_AFTER_CHANGE_MS = 200;
/** How long the start and New session wait for the saved session's storage (IndexedDB) to answer. */
export const STORAGE_ANSWER_MS = 5000;

/** What the autosave needs of the bridge. */
export interface AutosaveHost {
  /** The worker to ask for a checkpoint; null while there is none or it is being restarted. */
  api(): Comlink.Remote<TrainerApi> | null;
  /** The worker's answer, or undefined if it dies first. */
  answer<T>(reply: Promise<T>): Promise<T | undefined>;
  /** The lesson's experiment under way, saved with the session (none if absent). */
  experiment?(): KeptExperiment | null;
}

export class Autosave {
  /** The last checkpoint taken (saved, or resumed from the saved session): a crash restarts from it. */
  lastCheckpoint: Checkpoint | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private soonTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every change to the network without an update (reset, settings, import, lesson step). */
  private revision = 0;
  private checkpointRevision = -1;
  /** Bumped by the changes among those that replace the network or its settings (not the lesson step). */
  private networkRevision = 0;
  private checkpointNetworkRevision = 0;
  /** The saved session could not be read at the start: nothing is saved over it (holdUntilRead). */
  private held = false;
  /**
   * Bumped when New session forgets the saved session: a save begun before is not written after
   * (it wrote the old network back, and a reload resumed it). `forgetting` holds saves off meanwhile.
   */
  private forgets = 0;
  private forgetting = false;
  /** The save under way, which New session lets finish before it clears what it wrote. */
  private current: Promise<void> | null = null;
  /** Asked for while one was under way: it saves once more when that one ends. */
  private again = false;
  /**
   * While this says true, nothing is saved: the saved session holds the network a link replaced
   * at the start, which Undo can bring back (see keepSavedWhile).
   */
  private keepSaved: (() => boolean) | null = null;

  constructor(private readonly host: AutosaveHost) {}

  /** Something saved with the session changed (the lesson step, the settings). */
  changed(): void {
    this.revision++;
  }

  /** The network or its settings were replaced other than by training (a reset, a rebuild, an import). */
  replaced(): void {
    this.revision++;
    this.networkRevision++;
  }

  /** Replacements since the last checkpoint: a restart from it undoes them. */
  replacedSinceCheckpoint(): number {
    return this.networkRevision - this.checkpointNetworkRevision;
  }

  /** The worker resumed `checkpoint` (the saved session): it counts as saved. */
  resumed(checkpoint: Checkpoint): void {
    this.lastCheckpoint = checkpoint;
    this.checkpointRevision = this.revision;
    this.checkpointNetworkRevision = this.networkRevision;
  }

  /** Whether the network at update `step`, unchanged since, is the last checkpoint taken. */
  private isLastSaved(step: number | undefined): boolean {
    return (
      this.lastCheckpoint !== null && this.lastCheckpoint.step === step && this.checkpointRevision === this.revision
    );
  }

  /**
   * Saves nothing while `kept()` says true (then saves as before, for good). A link that rebuilt
   * the network at the start replaced the saved, trained one: saved over at once, a reload (or a
   * closed tab) without pressing Undo lost it. It stays saved until the new network is trained or
   * changed, which is when the Undo on offer ends too.
   */
  keepSavedWhile(kept: () => boolean): void {
    this.keepSaved = kept;
  }

  /** Whether keepSavedWhile holds saves now (once it says false, it is dropped for good). */
  private holding(): boolean {
    if (!this.keepSaved) return false;
    if (this.keepSaved()) return true;
    this.keepSaved = null;
    return false;
  }

  /** Saves every CHECKPOINT_EVERY_MS from now on. */
  start(): void {
    this.timer = setInterval(() => void this.now(), CHECKPOINT_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = null;
  }

  /** Saves a paused network shortly if it is not the one saved last (see SAVE_AFTER_CHANGE_MS). */
  soon(step: number): void {
    if (this.soonTimer !== null || this.isLastSaved(step)) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      // New session at work would drop the save: it comes again once New session is done
      if (this.forgetting) this.soon(step);
      else void this.now();
    }, SAVE_AFTER_CHANGE_MS);
  }

  /**
   * Saves now (unless the network on screen is the one saved last). One save at a time: asked
   * again meanwhile, it saves once more after; a storage that never answered kept every 3 s
   * tick's checkpoint (up to 1 MB each) waiting for good.
   */
  now(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    const run = (async () => {
      do {
        this.again = false;
        await this.saveOnce();
      } while (this.again);
    })().finally(() => {
      this.current = null;
    });
    this.current = run;
    return run;
  }

  private async saveOnce(): Promise<void> {
    const api = this.host.api();
    if (!api || this.forgetting || this.held) return;
    if (this.holding()) return;
    const forgets = this.forgets;
    if (this.isLastSaved(useLab.getState().snapshot?.step)) return;
    const revision = this.revision;
    const networkRevision = this.networkRevision;
    let checkpoint: Checkpoint | undefined;
    try {
      // (undefined if the worker dies first: a save waiting on it never settled, and New session waits for saves)
      checkpoint = await this.host.answer(api.checkpoint());
    } catch {
      return; /* the worker may be restarting; the next tick tries again */
    }
    if (checkpoint === undefined) return;
    if (forgets !== this.forgets) return;
    // held meanwhile (a link's rebuild that began while this waited for its checkpoint)
    if (this.holding()) return;
    this.lastCheckpoint = checkpoint;
    this.checkpointRevision = revision;
    this.checkpointNetworkRevision = networkRevision;
    // "saved at update N" names the network on screen: not one replaced while this save was written
    const saved = await saveSession(checkpoint, useLab.getState().lesson, this.host.experiment?.() ?? null);
    if (saved && forgets === this.forgets && networkRevision === this.networkRevision) {
      useLab.setState({ saved: { step: checkpoint.step, at: Date.now() } });
    }
  }

  /**
   * The saved session, or null; a storage that does not answer (a blocked IndexedDB) starts a new
   * session after STORAGE_ANSWER_MS, with a word: the page waited for it for good, "loading".
   */
  async read(stillWanted: () => boolean = () => true): Promise<SavedSession | null> {
    const reading = loadSession();
    const saved = await within(reading, STORAGE_ANSWER_MS);
    if (saved !== 'late') return saved;
    // a start a crash cut short: the restart reads again and says what it finds (this one said
    // "not resumed" of the session the restart resumed, and held every save for good)
    if (!stillWanted()) return null;
    this.holdUntilRead(reading);
    notify(
      'warning',
      `The browser’s storage did not answer within ${STORAGE_ANSWER_MS / 1000} s: a saved session, if any, ` +
        'was not resumed, and this new one is not saved over it. A reload may reach it.',
    );
    return null;
  }

  /** Nothing is saved over a session that could not be read, unless the late answer is that there was none. */
  private holdUntilRead(reading: Promise<SavedSession | null>): void {
    this.held = true;
    void reading.then((late) => {
      if (late === null) this.held = false;
    });
  }

  /** The saved session is refused (its checkpoint would not load): cleared. */
  async discard(): Promise<void> {
    await atMost(clearSession(), STORAGE_ANSWER_MS);
  }

  /** Runs New session's `fn` with saves held off; a save begun before is not written after it. */
  async forgetWhile(fn: () => Promise<void>): Promise<void> {
    this.forgets++;
    this.forgetting = true;
    try {
      await fn();
    } finally {
      this.forgetting = false;
    }
  }

  /**
   * Forgets the saved session (New session): a save already writing lands first, then is cleared
   * (one still asking the worker is dropped); a storage that never answers holds New session (and
   * busy) no longer than STORAGE_ANSWER_MS. A crash before the next save then restarts a fresh
   * network, not the one set aside.
   */
  async clear(): Promise<void> {
    await atMost(Promise.allSettled([this.current]), STORAGE_ANSWER_MS);
    await atMost(clearSession(), STORAGE_ANSWER_MS);
    // the student chose to forget the saved session: this one may be saved over it
    this.held = false;
    this.lastCheckpoint = null;
    this.replaced();
  }
}
