/**
 * Edges a mutation review found no test for (a helper changed one thing at a time, and these
 * changes passed every test): the settings' bounds, a link's lesson step, a nudge of 0, a column
 * that needs its last digit, the shuffle and a saved generator's state, stuck outputs' curve.
 */
import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, shuffledOrder, stuckActivationOf } from '../../../src/engine';
import { columnThatAddsUp, signed } from '../../../src/protocol/numbers';
import { SETTINGS } from '../../../src/protocol/settings';
import { parseHash } from '../../../src/protocol/url-hash';

describe('the settings refuse what their messages say they do not take', () => {
  it('momentum 1 (v would never decay), a decay of 0 (α would be 0 from epoch 1), part of a whole number', () => {
    expect(SETTINGS.momentum.parse('1')).toBeUndefined();
    expect(SETTINGS.momentum.parse('0.99')).toBe(0.99);
    expect(SETTINGS.decay.parse('0')).toBeUndefined();
    expect(SETTINGS.decay.parse('0.01')).toBe(0.01);
    expect(SETTINGS.batchSize.parse('2.5')).toBeUndefined();
    expect(SETTINGS.decayEvery.parse('1.5')).toBeUndefined();
    expect(SETTINGS.seed.parse('2.5')).toBeUndefined();
    expect(SETTINGS.hiddenLayers.parse('16.5')).toBeUndefined();
  });
});

describe('a link’s lesson step', () => {
  it('one past the last step, or step 0, does not exist: step 1 with a problem said', () => {
    for (const step of ['16', '0']) {
      const read = parseHash(`#lesson=${step}`, 15);
      expect(read.lesson, step).toBe(0);
      expect(read.problems.join(' '), step).toMatch(/lesson step "\d+" does not exist/);
    }
    expect(parseHash('#lesson=15', 15)).toMatchObject({ lesson: 14, problems: [] });
  });

  it('quotes a long value cut short', () => {
    const long = '9'.repeat(100);
    const { problems } = parseHash(`#lr=${long}`, 15);
    expect(problems.join(' ')).toContain('…');
    expect(problems.join(' ').length).toBeLessThan(300);
  });
});

describe('numbers', () => {
  it('a nudge of 0 has no sign', () => {
    expect(signed(0)).toBe('0');
    expect(signed(0.5)).toBe('+0.500');
  });

  it('a column that needs its last allowed digit still adds up', () => {
    const terms = [0.0004546596165535318, 0.039620341169471086];
    const column = columnThatAddsUp(terms, terms[0] + terms[1]);
    expect(column).not.toBeNull();
    expect(column!.decimals).toBe(9);
  });
});

describe('the shuffle and the generator', () => {
  it('leaves an element in its place as often as chance does (Fisher-Yates, not Sattolo’s cycles)', () => {
    let fixedPoints = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const order = shuffledOrder(3, createRng(seed));
      for (let i = 0; i < 3; i++) if (order[i] === i) fixedPoints++;
    }
    // one per permutation on average: about 300
    expect(fixedPoints).toBeGreaterThan(200);
    expect(fixedPoints).toBeLessThan(400);
  });

  it('a saved state that is not four uint32 words is refused', () => {
    expect(() => restoreRng([1, 2, 3, 2 ** 32])).toThrow(/4 uint32 words/);
    expect(() => restoreRng([1.5, 2, 3, 4])).toThrow(/4 uint32 words/);
    expect(() => restoreRng([1, 2, 3, -1])).toThrow(/4 uint32 words/);
  });
});

it('an output neuron is stuck at σ’s flat ends whatever the hidden layers’ activation', () => {
  expect(stuckActivationOf(3, [784, 16, 16, 10], 'relu')).toBe('sigmoid');
  expect(stuckActivationOf(2, [784, 16, 16, 10], 'relu')).toBe('relu');
});
