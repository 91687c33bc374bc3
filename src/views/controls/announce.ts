/** What a screen reader hears of training: the sentence for a change of the lab's state. */
import { predict } from '../../engine';
import type { LabState } from '../../store/lab-store';
import { count, percent, sig } from './format';
import { brightest, outputsAreProbabilities, outputValue } from '../outputs';

/** Whether this change of state is an epoch finished by training (a restore, e.g. Undo, brings records back without one). */
export function epochEnded(s: LabState, prev: LabState): boolean {
  const snap = s.snapshot;
  const old = prev.snapshot;
  return (
    !!snap && !!old && snap.epochs.length > old.epochs.length && snap.epoch === old.epoch + 1 && snap.step > old.step
  );
}

/** The sentence for a change of state, or null when it is not worth saying. */
export function announcement(s: LabState, prev: LabState): string | null {
  const snap = s.snapshot;
  const old = prev.snapshot;
  if (!snap || !old) return null;
  if (epochEnded(s, prev)) {
    const r = snap.epochs[snap.epochs.length - 1];
    return `Epoch ${r.epoch} done: test accuracy ${percent(r.testAccuracy)}.`;
  }
  // Play and Pause (also by the Space shortcut, where no button's label is heard changing)
  if (snap.playing && !old.playing) return snap.steppingEpoch ? 'Stepping an epoch.' : 'Training.';
  if (!snap.playing && old.playing) return `Paused at update ${count(snap.step)}.`;
  // a test digit picked under the confusion matrix, shown in the network view (its answer is drawn
  // only there, and the page scrolls away from the digits): said once, not as the weights change
  const probe = s.probe;
  if (probe && probe.trueLabel !== undefined && probe.label !== prev.probe?.label) {
    let out: Float32Array;
    try {
      out = predict({ spec: probe.spec, params: probe.params }, probe.input, 1);
    } catch {
      return null; // a network mid-rebuild: the digit is still shown
    }
    const best = brightest(out);
    return (
      `The network view shows ${probe.label}, a ${probe.trueLabel}: the network reads ${best} ` +
      `(${outputValue(out[best], outputsAreProbabilities(probe.spec))}).`
    );
  }
  if (snap.playing) return null;
  // a new stepped example (its reply and the snapshot that counts it may come in either order)
  const e = s.lastExample;
  if (e && e !== prev.lastExample) {
    // the answer is drawn only on the canvas (the brightest output): said here
    const out = e.activations[e.activations.length - 1];
    const best = brightest(out);
    const reads = `the network reads ${best} (${outputValue(out[best], outputsAreProbabilities(snap.spec))})`;
    return (
      `Stepped example #${e.example.index}, a ${e.example.label}: ${reads}; cost ${sig(e.cost)}; ` +
      `${count(e.positionInBatch + 1)} of ${count(e.batchSize)} in this batch.`
    );
  }
  // the bridge sets the update after the snapshot that counts it may have come: no count said
  const u = s.lastUpdate;
  if (u && u !== prev.lastUpdate)
    // both to the same places (a dropped zero made one sound less precise: "2.34 before, 2.308 after")
    return `Update applied: batch cost ${sig(u.costBefore, 4, true)} before, ${sig(u.costAfter, 4, true)} after.`;
  return null;
}
