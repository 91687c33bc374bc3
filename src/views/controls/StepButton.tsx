/**
 * Step example, Step batch, Step epoch: one button each, the same wherever it is (the controls,
 * and on small screens the lesson's card and bottom bar, far from the controls there).
 */
import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { unavailableWhile } from '../unavailable';

export type StepKind = 'example' | 'batch' | 'epoch';

/** Why Play and the steps are greyed out before the first network (they said nothing for a minute on a slow line). */
export const NOT_BUILT = 'Works once the digits are in and the network is built';

const LABEL: Record<StepKind, string> = { example: 'Step example', batch: 'Step batch', epoch: 'Step epoch' };

const ARIA: Record<StepKind, string> = {
  example: 'Step example: forward and backprop on one example, no update',
  batch: 'Step batch: finish the batch and apply one update',
  epoch: 'Step epoch: train to the end of the epoch',
};

const RUN: Record<StepKind, () => Promise<void>> = {
  example: () => trainer.stepExample(),
  batch: () => trainer.stepUpdate(),
  epoch: () => trainer.stepEpoch(),
};

export function StepButton({ kind, testId, onPress }: { kind: StepKind; testId: string; onPress?: () => void }) {
  const built = useLab((s) => s.snapshot !== null);
  const busy = useLab((s) => s.busy);
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  // every example of the batch stepped: only Step batch (its update) goes on
  const batchDone = useLab((s) => s.snapshot !== null && s.snapshot.batchStepped >= s.snapshot.batchSize);
  const off = busy || playing || (kind === 'example' && batchDone);
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={ARIA[kind]}
      title={
        !built
          ? NOT_BUILT
          : kind !== 'example'
            ? undefined
            : batchDone
              ? 'Every example of this batch is stepped: apply the update'
              : 'Forward and backprop on the next example'
      }
      disabled={!built}
      {...unavailableWhile(off, () => {
        void RUN[kind]();
        onPress?.();
      })}
    >
      {LABEL[kind]}
    </button>
  );
}
