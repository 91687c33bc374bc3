/**
 * The lesson card's two columns split at a sentence's end (a column began "us how well the network
 * reads digits it has not seen."), and still balance.
 */
import { expect, it } from 'vitest';
import { columnSplit, sentencesOf, wrappedLines } from '../../../src/views/lesson/columns';
import { LESSON } from '../../../src/views/lesson/steps';

// every character 7 px wide
const measure = (t: string) => t.length * 7;

it('cuts paragraphs into sentences, not at "e.g." or inside a number', () => {
  const s = sentencesOf([
    'One pass is an epoch. MNIST’s other 10,000 images, e.g. these, wait.',
    '20 × 0.7¹¹ ≈ 0.4. (Try it.)',
  ]);
  expect(s.map((x) => x.text)).toEqual([
    'One pass is an epoch.',
    'MNIST’s other 10,000 images, e.g. these, wait.',
    '20 × 0.7¹¹ ≈ 0.4.',
    '(Try it.)',
  ]);
  expect(s.map((x) => [x.para, x.first])).toEqual([
    [0, true],
    [0, false],
    [1, true],
    [1, false],
  ]);
});

it('wraps at spaces as a browser does, with room for what follows the last word', () => {
  // "aaaa bbbb cccc": 28 px a word, 7 px a space
  expect(wrappedLines('aaaa bbbb cccc', 100, measure)).toBe(1);
  expect(wrappedLines('aaaa bbbb cccc', 90, measure)).toBe(2);
  expect(wrappedLines('aaaa bbbb cccc', 100, measure, 20)).toBe(2);
});

it('balances the columns at a sentence’s end, a paragraph’s start where that is as good', () => {
  // four one-line sentences in two paragraphs: two lines each side, at the paragraph
  const even = sentencesOf(['Aaaa aaaa. Bbbb bbbb.', 'Cccc cccc. Dddd dddd.']);
  expect(columnSplit(even, 100, measure)).toBe(2);
  // one long paragraph of six sentences and a short one: the split falls inside the long one
  const long = sentencesOf(['A1 aaaa. A2 aaaa. A3 aaaa. A4 aaaa. A5 aaaa. A6 aaaa.', 'B1 bbbb.']);
  const k = columnSplit(long, 60, measure);
  expect(k).toBe(4);
  expect(long[k].text).toBe('A5 aaaa.');
  // the card's buttons after the last words count on the last line
  expect(columnSplit(sentencesOf(['Aaaa aaaa.', 'Bbbb bbbb. Cccc cccc.']), 100, measure, { endWidth: 60 })).toBe(2);
});

it('every step’s text has sentences to split at', () => {
  for (const step of LESSON) {
    const s = sentencesOf([...step.text, step.tryThis]);
    expect(s.length).toBeGreaterThan(1);
    for (const x of s) expect(x.text).not.toMatch(/^\s|\s$/);
  }
});
