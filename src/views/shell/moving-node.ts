import { useCallback, useState } from 'react';

/**
 * One DOM node that React renders into (through a portal) and that moves between places in the
 * page without its content being made again: its state, its drawings and its canvases stay
 * (a component rendered under a new parent would start afresh). `place` is the ref of each
 * element it may sit in: whichever such element mounts takes it, also one made again after a
 * panel's "Try again" (an effect run only when the layout changed left it out of the page then).
 */
export function useMovingNode(className: string): { node: HTMLDivElement; place: (slot: HTMLElement | null) => void } {
  const [node] = useState(() => {
    const div = document.createElement('div');
    div.className = className;
    return div;
  });
  const place = useCallback(
    (slot: HTMLElement | null) => {
      if (slot && node.parentNode !== slot) slot.append(node);
    },
    [node],
  );
  return { node, place };
}
