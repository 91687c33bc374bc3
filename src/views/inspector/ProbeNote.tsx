/**
 * While the network view shows a drawn digit, the inspector still explains a training
 * example (a drawing has no true answer, so no cost and no nudges of its own): say so,
 * and where the drawing's own nudges are.
 */
import { useLab } from '../../store/lab-store';

export function ProbeNote() {
  const drawing = useLab((s) => s.probe !== null && s.probe.trueLabel === undefined);
  if (!drawing) return null;
  return (
    <p className="probe-note" data-testid="probe-note" role="status">
      The network view shows your drawing. A drawing has no right answer until you say which digit you meant (“Teach
      it”, under the draw pad, shows its nudges); this tab explains the training example below.
    </p>
  );
}
