/**
 * The Undo on offer after a network is reset or replaced (Reset, a rebuild, New session, a link,
 * an opened file): one notice with an Undo that brings back the network set aside, until the new
 * one is trained or changed. The worker keeps only what the last replacement set aside, so there is
 * one offer at a time.
 */
import { count } from '../protocol/numbers';
import { dismissAction, dismissNotice, notify, UNDO_RESET, useLab } from '../store/lab-store';

export interface UndoHost {
  /** Brings back what the last reset or replacement set aside; its update, or null if nothing is left. */
  bringBack(): Promise<number | null>;
  /** Saves the session at once. */
  saveNow(): Promise<void>;
}

export class UndoOffer {
  /** The update count of the network the notice stands over; training past it ends the offer. */
  private at: number | null = null;

  constructor(private readonly host: UndoHost) {}

  /** An Undo is on offer. */
  get open(): boolean {
    return this.at !== null;
  }

  /** `text` with an Undo; `alsoUndo` runs once the network is back (New session's speed, which the worker's Undo leaves as is). */
  offer(text: string, undone = 'Undone', alsoUndo?: () => Promise<void>): void {
    dismissAction(UNDO_RESET);
    this.at = useLab.getState().snapshot?.step ?? 0;
    notify('info', text, {
      label: 'Undo',
      testId: UNDO_RESET,
      run: () =>
        void this.host.bringBack().then(async (step) => {
          if (step !== null) {
            await alsoUndo?.();
            // gone once that network is replaced too (a Reset after it stacked "Undone: back at
            // update 4,689" over its own notice; a review)
            sayUntilReplaced(notify('info', `${undone}: back at update ${count(step)}.`), step);
            // saved at once: a reload within the auto-save's 3 s brought back the replacement
            void this.host.saveNow();
          } else {
            // (also lifts the hold on saves a link's replacement put on: nothing is left to bring back)
            this.end();
            notify('warning', 'Nothing to undo: the network has been trained or its settings changed since.');
          }
        }),
    });
  }

  /** The Undo on offer no longer applies: its notice goes. */
  end(): void {
    dismissAction(UNDO_RESET);
    this.at = null;
  }

  /** A snapshot at update `step` arrived: trained since the offer, the Undo no longer applies. */
  outlivedBy(step: number): void {
    if (this.at !== null && step !== this.at) this.end();
  }
}

/**
 * A notice about the network at update `step` goes once that network is replaced (a reset, the
 * lesson's network: "resumed your session at update 6,907" stayed beside "updates 0"); with
 * `onAnyReplacement`, also on a replacement that keeps the update count (a rebuilt untrained network).
 */
export function sayUntilReplaced(id: number, step: number, onAnyReplacement = false): void {
  const replaced = useLab.getState().networkReplaced;
  const stop = useLab.subscribe((s) => {
    if (!s.notices.some((n) => n.id === id)) return stop();
    // (a model opened at a later update is a new network too)
    if ((s.snapshot?.step ?? step) < step || (onAnyReplacement && s.networkReplaced !== replaced)) {
      stop();
      dismissNotice(id);
    }
  });
}
