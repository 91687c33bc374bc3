/**
 * Where the keyboard's focus goes when the button it was on goes away (a notice's action, the
 * fault's way back): the Play button, where training goes on. Left on the page, the next
 * Space would play anyway, but Tab would start again from the top.
 */
export function focusPlay(): void {
  document.querySelector<HTMLElement>('[data-testid=play]')?.focus();
}
