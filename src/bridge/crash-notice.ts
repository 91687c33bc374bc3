/** What the app says when the training engine stopped and was restarted: what came back, and what was lost. */
import { count } from '../protocol/numbers';

export interface CrashAccount {
  /** The browser's reason ("out of memory"). */
  reason: string;
  /** The auto-save's update the restart goes back to; null: nothing was saved since the network was built. */
  saved: number | null;
  /** Updates trained after the save (or since the network was built), now lost. */
  lost: number;
  /** Examples of the batch under way that had been stepped (the batch starts again). */
  stepped: number;
  /** A reset, new settings or an import since the save, which the restart undoes. */
  undone: boolean;
  /** An Undo was on offer, and the network it would have brought back went with the worker. */
  undoLost: boolean;
  /** How often the session is auto-saved, in seconds. */
  savedEverySeconds: number;
}

/** The notice after a crash (training is paused; Play goes on). */
export function crashNotice(c: CrashAccount): string {
  // nothing saved since this network was built (New session, or a crash before the first save):
  // the restart builds it again from the same settings, so nothing was undone
  const where =
    c.saved === null
      ? 'was restarted with a fresh network of the same settings (nothing had been auto-saved since it was built)'
      : `was restarted from the last auto-save, update ${count(c.saved)} (saved every ${c.savedEverySeconds} s)`;
  const what =
    c.undone && c.saved !== null
      ? ': changes made since then (a reset, new settings or an import) were undone'
      : c.lost === 0
        ? c.stepped === 0
          ? ': nothing was lost'
          : `: no update was lost, but the batch under way starts again from its first example (${count(c.stepped)} had been stepped)`
        : `: the ${c.lost === 1 ? '1 update' : `${count(c.lost)} updates`} ${c.saved === null ? 'it had trained' : 'after it'} ${c.lost === 1 ? 'was' : 'were'} lost`;
  return (
    `The training engine stopped (${c.reason}) and ${where}${what}` +
    (c.undoLost ? '. The network its Undo would have brought back is lost with it' : '') +
    '. Training is paused: press Play to go on.'
  );
}
