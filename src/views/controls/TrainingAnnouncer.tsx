/**
 * What a screen reader hears of training: one polite sentence after each step the student
 * asks for (an example, an update) and at the end of each epoch, never per snapshot while
 * training plays (that would flood it).
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { announcement, epochEnded } from './announce';

/**
 * While playing, an epoch's end is said at most once in this long: at speed "max" an epoch ends every
 * 0.7 s, and its sentences ran on without a pause (a keyboard review). Pause says where training is.
 */
export const EPOCH_SAID_EVERY_MS = 10_000;

export function TrainingAnnouncer() {
  const [text, setText] = useState('');
  useEffect(() => {
    let epochSaidAt = -Infinity;
    return useLab.subscribe((s, prev) => {
      const said = announcement(s, prev);
      if (!said) return;
      if (epochEnded(s, prev) && s.snapshot?.playing) {
        const now = performance.now();
        if (now - epochSaidAt < EPOCH_SAID_EVERY_MS) return;
        epochSaidAt = now;
      }
      setText(said);
    });
  }, []);
  return (
    <p className="visually-hidden" role="status" data-testid="training-status">
      {text}
    </p>
  );
}
