/**
 * What a screen reader hears of training: one polite sentence after each step the student
 * asks for (an example, an update) and at the end of each epoch, never per snapshot while
 * training plays (that would flood it).
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { announcement } from './announce';

export function TrainingAnnouncer() {
  const [text, setText] = useState('');
  useEffect(
    () =>
      useLab.subscribe((s, prev) => {
        const said = announcement(s, prev);
        if (said) setText(said);
      }),
    [],
  );
  return (
    <p className="visually-hidden" role="status" data-testid="training-status">
      {text}
    </p>
  );
}
