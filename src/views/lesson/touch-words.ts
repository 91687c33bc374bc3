/**
 * On a touch screen the steps' "click" is a tap: "Click the output neuron…" meant nothing on a
 * phone (a student's review). Only the verb changes; the steps' texts stay written once.
 */
export const TOUCH = '(pointer: coarse)';

export function touchWords(text: string): string {
  return text.replace(/\bClick\b/g, 'Tap').replace(/\bclick\b/g, 'tap');
}
