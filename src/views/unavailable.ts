/**
 * A button that is unavailable for a while (the trainer busy, training playing, the batch
 * full, a surface computing): marked aria-disabled and its presses ignored. `disabled` would
 * drop the keyboard focus to the page, where the next Tab starts again from the top and the
 * next Space plays instead of pressing the button again.
 */
export function unavailableWhile(off: boolean, run: () => void) {
  return {
    'aria-disabled': off || undefined,
    onClick: () => {
      if (!off) run();
    },
  };
}
