/**
 * While the network view shows a drawn digit, the inspector still explains a training
 * example (a drawing has no true answer, so no cost and no nudges of its own): say so,
 * and where the drawing's own nudges are.
 */
import { useLab } from '../../store/lab-store';
import { probeDrawn } from '../network/displayed';

export function ProbeNote() {
  const drawing = useLab((s) => s.probe !== null && s.probe.trueLabel === undefined);
  const pretrained = useLab((s) => s.probe?.pretrained === true);
  // the view draws the drawing only on a network of the same layer sizes (the pretrained one is 784-16-16-10)
  const sizes = useLab((s) =>
    s.probe && s.snapshot && !probeDrawn(s) ? `${s.probe.spec.sizes.join('-')} ${s.snapshot.spec.sizes.join('-')}` : '',
  );
  const [from, shown] = sizes.split(' ');
  const mismatch = sizes ? { from, shown } : null;
  // no network yet (the digits loading, or failed): the view shows none, drawing or not
  const built = useLab((s) => s.snapshot !== null);
  if (!drawing || !built) return null;
  if (mismatch)
    return (
      <p className="probe-note" data-testid="probe-note" role="status">
        Your drawing is read by a {mismatch.from} network, which the network view cannot draw over yours (
        {mismatch.shown}), so the view still shows the training example. Choose “your network” on the draw pad to see it
        read there.
      </p>
    );
  return (
    <p className="probe-note" data-testid="probe-note" role="status">
      The network view shows your drawing{pretrained ? ', read by the pretrained network' : ''}. A drawing has no right
      answer until you say which digit you meant (“Teach it”, under the draw pad, shows its nudges); this tab explains
      the training example below
      {/* the view's neurons and edges are the pretrained network's, this tab's numbers the trained one's (a review) */}
      {pretrained ? ', on the network you are training: its weights and activations, not the ones drawn' : ''}.
    </p>
  );
}
