/** Where the keyboard's focus goes when the control it was on goes away. */

/** Focuses the element with this data-testid, if there is one. */
export function focusTestId(testId: string): void {
  document.querySelector<HTMLElement>(`[data-testid=${testId}]`)?.focus();
}

/**
 * After a notice's action or the fault's way back: the Play button, where training goes on.
 * Left on the page, the next Space would play anyway, but Tab would start again from the top.
 */
export function focusPlay(): void {
  focusTestId('play');
}
