/**
 * Said at the top of an inspector tab when an input pixel is selected: a pixel has nothing of
 * its own to inspect, so the tab shows something else instead (the true digit's output; in the
 * chain rule, one of the pixel's outgoing weights). Selecting one scrolls
 * the inspector to its top, where this is (it stayed scrolled down, the pick unseen).
 */
import { useEffect, useRef } from 'react';
import type { NeuronRef } from '../../store/lab-store';

const SIDE = 28;

export function PixelNote({
  selected,
  what,
  instead = 'Below is the true digit’s output instead.',
}: {
  selected: NeuronRef | null;
  /** Why the pixel has nothing of this tab's own. */
  what: string;
  /** What the tab shows in its place. */
  instead?: string;
}) {
  const note = useRef<HTMLParagraphElement>(null);
  const pixel = selected?.layer === 0 ? selected.index : null;
  useEffect(() => {
    if (pixel !== null) note.current?.closest('.inspector')?.scrollTo({ top: 0 });
  }, [pixel]);
  if (pixel === null) return null;
  return (
    <p className="hint pixel-note" data-testid="pixel-note" ref={note}>
      Pixel {pixel} (row {Math.floor(pixel / SIDE)}, col {pixel % SIDE}) is an input: {what} Its outgoing weights are
      lit in the network. {instead}
    </p>
  );
}
