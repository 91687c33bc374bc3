/** Play / Pause, the same wherever it is: the controls, and on small screens the training bar (TrainDock). */
import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { unavailableWhile } from '../unavailable';
import { NOT_BUILT } from './StepButton';

export function PlayButton({ testId }: { testId: string }) {
  const built = useLab((s) => s.snapshot !== null);
  const busy = useLab((s) => s.busy);
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  // taken at once, though the worker stops only after the update under way
  const pausing = useLab((s) => s.pausing && (s.snapshot?.playing ?? false));
  return (
    <button
      type="button"
      className="primary"
      data-testid={testId}
      aria-label={pausing ? 'Pausing after this update' : playing ? 'Pause training' : 'Play training'}
      data-pausing={pausing || undefined}
      disabled={!built}
      title={built ? undefined : NOT_BUILT}
      // Play waits while the trainer is busy (a New session clearing the saved one trained the
      // network it was about to set aside, and named the wrong update); Pause never waits
      {...unavailableWhile(busy && !playing, () => void trainer.togglePlay())}
    >
      {pausing ? '❚❚ Pausing…' : playing ? '❚❚ Pause' : '▶ Play'}
    </button>
  );
}
