/**
 * On a touch screen the steps' "click" is a tap: "Click the output neuron…" meant nothing on a
 * phone (a student's review). Only the verb changes, in the step's text and its "Try it" alike;
 * the steps stay written once.
 */
import { useMemo } from 'react';
import { TOUCH, touchWords, useMedia } from '../use-media';
import type { LessonStep } from './steps';

/**
 * A step's keyboard way, "(keyboard: …)" after what it asks a mouse to do: left out on a touch
 * screen, where a phone's reader has no keyboard (written for keyboard-only readers, a review).
 */
const KEYBOARD_WAY = / \(keyboard: [^)]*\)/g;

/** The words of a step as a reader's screen wants them. */
export interface StepWords {
  text: string[];
  tryThis: string;
}

export function stepWords(step: LessonStep, touch: boolean): StepWords {
  if (!touch) return { text: step.text, tryThis: step.tryThis };
  const words = (t: string) => touchWords(t.replace(KEYBOARD_WAY, ''));
  return { text: step.text.map(words), tryThis: words(step.tryThis) };
}

/**
 * The step's words as the bar at the foot of a phone's screen says them: what a step calls the
 * table or chart "below" (below the card, at the page's top) is above the bar, so there it is
 * named without the "below" (a review on a phone).
 */
export function barWords(words: StepWords): StepWords {
  const unplaced = (t: string) => t.replace(/\b(table|charts?|surface|race) below\b/g, '$1');
  return { text: words.text.map(unplaced), tryThis: unplaced(words.tryThis) };
}

/** stepWords for this screen (a touch screen's taps), the same object while neither changes. */
export function useStepWords(step: LessonStep): StepWords {
  const touch = useMedia(TOUCH);
  return useMemo(() => stepWords(step, touch), [step, touch]);
}
