/** Where the keyboard's focus goes as lesson steps open and close. */

let titleFocusWanted = false;

/**
 * After a step is opened with the mouse (or the start link, which then goes away), the step's
 * title takes the focus: left on a clicked Next, the keyboard's Space would press Next again
 * instead of playing, as step 7 asks. A keyboard press of Next keeps its focus, to go on.
 */
export function focusLessonTitle(): void {
  titleFocusWanted = true;
}

/**
 * The focus lost with the step left (its card's Play, the weight table's Step example: gone with
 * it) goes to the new step's title, not to the page's start (N on step 7, 9, 13 or 14; a
 * screen-reader review). Where it still is, it stays.
 */
export function recoverLessonFocus(): void {
  const at = document.activeElement;
  if (at && at !== document.body && at.isConnected) return;
  document.querySelector<HTMLElement>('[data-testid=lesson-title]')?.focus({ preventScroll: true });
}

/** For the lesson card: true once after focusLessonTitle. */
export function takeTitleFocus(): boolean {
  const wanted = titleFocusWanted;
  titleFocusWanted = false;
  return wanted;
}
