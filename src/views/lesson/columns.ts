/**
 * The lesson card's two columns, split by hand at a sentence's end. With CSS columns a column
 * could start mid-sentence (a teacher's review: "us how well the network reads digits it has not
 * seen." at the top of the second column, read from a projector as a stray fragment); with whole
 * paragraphs kept together the columns did not balance (step 6's card 235 px tall at 1280x720).
 */

/** One sentence of paragraph `para`; `first` when it opens its paragraph. */
export interface Sentence {
  para: number;
  text: string;
  first: boolean;
}

/**
 * A paragraph's sentences. A sentence ends at . ! ? (maybe closed by a quote or bracket) before a
 * space and a capital, a digit or an opening quote or bracket, so "e.g. a" and "0.7¹¹" do not.
 */
export function sentencesOf(paragraphs: readonly string[]): Sentence[] {
  return paragraphs.flatMap((p, para) =>
    p.split(/(?<=[.!?][”’)]?)\s+(?=[A-Z0-9“‘(])/u).map((text, k) => ({ para, text, first: k === 0 })),
  );
}

/** Lines a paragraph takes `lineWidth` px wide, wrapped at spaces as the browser does. */
export function wrappedLines(text: string, lineWidth: number, measure: (text: string) => number, endWidth = 0): number {
  const space = measure(' ');
  let lines = 1;
  let x = 0;
  for (const word of text.split(' ')) {
    const w = measure(word);
    if (x === 0) x = w;
    else if (x + space + w <= lineWidth) x += space + w;
    else {
      lines++;
      x = w;
    }
  }
  return x + endWidth > lineWidth ? lines + 1 : lines;
}

/** Lines the sentences take as paragraphs, each paragraph's gap as `gap` lines. */
function linesOf(
  sentences: readonly Sentence[],
  lineWidth: number,
  measure: (text: string) => number,
  gap: number,
  endWidth: number,
): number {
  let lines = 0;
  let from = 0;
  sentences.forEach((s, k) => {
    if (k === sentences.length - 1 || sentences[k + 1].para !== s.para) {
      const text = sentences
        .slice(from, k + 1)
        .map((t) => t.text)
        .join(' ');
      lines += wrappedLines(text, lineWidth, measure, k === sentences.length - 1 ? endWidth : 0) + gap;
      from = k + 1;
    }
  });
  return lines;
}

/**
 * Where the second column starts (an index into `sentences`): the split whose taller column is
 * shortest, in lines `lineWidth` px wide, `measure` giving a text's width; between equals, a
 * paragraph's start. `endWidth` px follow the last sentence (the card's buttons).
 */
export function columnSplit(
  sentences: readonly Sentence[],
  lineWidth: number,
  measure: (text: string) => number,
  { endWidth = 0, gap = 0.3 } = {},
): number {
  let best = sentences.length;
  let bestScore = Infinity;
  for (let k = 1; k < sentences.length; k++) {
    const tall = Math.max(
      linesOf(sentences.slice(0, k), lineWidth, measure, gap, 0),
      linesOf(sentences.slice(k), lineWidth, measure, gap, endWidth),
    );
    // a split inside a paragraph costs a little: between two as tall, the paragraph's start wins
    const score = tall + (sentences[k].first ? 0 : 0.25);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}
