/** What a screen reader hears of training: the sentence for a change of the lab's state. */
import type { LabState } from '../../store/lab-store';
import { count, percent, sig } from './format';

/** The sentence for a change of state, or null when it is not worth saying. */
export function announcement(s: LabState, prev: LabState): string | null {
  const snap = s.snapshot;
  const old = prev.snapshot;
  if (!snap || !old) return null;
  // an epoch finished by training (a restore, e.g. Undo, brings records back without one)
  if (snap.epochs.length > old.epochs.length && snap.epoch === old.epoch + 1 && snap.step > old.step) {
    const r = snap.epochs[snap.epochs.length - 1];
    return `Epoch ${r.epoch} done: test accuracy ${percent(r.testAccuracy)}.`;
  }
  // Play and Pause (also by the Space shortcut, where no button's label is heard changing)
  if (snap.playing && !old.playing) return snap.steppingEpoch ? 'Stepping an epoch.' : 'Training.';
  if (!snap.playing && old.playing) return `Paused at update ${count(snap.step)}.`;
  if (snap.playing) return null;
  // a new stepped example (its reply and the snapshot that counts it may come in either order)
  const e = s.lastExample;
  if (e && e !== prev.lastExample)
    return (
      `Stepped example #${e.example.index}, a ${e.example.label}: cost ${sig(e.cost)}; ` +
      `${count(e.positionInBatch + 1)} of ${count(e.batchSize)} in this batch.`
    );
  // the bridge sets the update after the snapshot that counts it may have come: no count said
  const u = s.lastUpdate;
  if (u && u !== prev.lastUpdate)
    return `Update applied: batch cost ${sig(u.costBefore)} before, ${sig(u.costAfter)} after.`;
  return null;
}
