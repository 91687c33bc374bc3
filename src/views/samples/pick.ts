/** The training image to step next, picked by the student: one choice, from the label search or the digit strip. */
import { trainer } from '../../bridge/trainer-bridge';
import type { Snapshot } from '../../protocol/snapshot';
import { useLab, type PickedExample } from '../../store/lab-store';

/** Makes training image `index` (a `label`) the next one stepped. */
export async function pickExample(index: number, label: number): Promise<void> {
  useLab.setState({ picked: { index, label, sent: false } });
  await trainer.selectExample(index);
  // a later pick may have replaced this one while the worker answered
  const now = useLab.getState().picked;
  if (now?.index === index && !now.sent) useLab.setState({ picked: { ...now, sent: true } });
}

/** The pick still waiting to be stepped, or null once it is spent (stepped, or replaced by the trainer). */
export function pendingPick(picked: PickedExample | null, snapshot: Snapshot | null): PickedExample | null {
  return picked !== null && (!picked.sent || snapshot?.nextExample.index === picked.index) ? picked : null;
}

/** Takes back the pick not yet stepped: the next example is the epoch's own again. */
export async function cancelPick(): Promise<void> {
  useLab.setState({ picked: null });
  await trainer.selectExample(null);
}
