/** Play / Pause, the same wherever it is: the controls, and on small screens the training bar (TrainDock). */
import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { unavailableWhile } from '../unavailable';

export function PlayButton({ testId }: { testId: string }) {
  const built = useLab((s) => s.snapshot !== null);
  const busy = useLab((s) => s.busy);
  const playing = useLab((s) => s.snapshot?.playing ?? false);
  return (
    <button
      type="button"
      className="primary"
      data-testid={testId}
      aria-label={playing ? 'Pause training' : 'Play training'}
      disabled={!built}
      // Play waits while the trainer is busy (a New session clearing the saved one trained the
      // network it was about to set aside, and named the wrong update); Pause never waits
      {...unavailableWhile(busy && !playing, () => void trainer.togglePlay())}
    >
      {playing ? '❚❚ Pause' : '▶ Play'}
    </button>
  );
}
