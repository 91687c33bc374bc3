import { describe, expect, it } from 'vitest';
import {
  afterEpochs,
  calmerSettings,
  calmerWords,
  chooseNotice,
  momentumWords,
  type NoticeKind,
  overshotWords,
} from '../../../src/views/controls/notice-words';
import { saferRate } from '../../../src/views/controls/stall';
import { DEFAULT_SETTINGS } from '../../../src/protocol/settings';

const none: Record<NoticeKind, boolean> = {
  stalled: false,
  'not-learning': false,
  'few-updates': false,
  overshooting: false,
  'stuck-layer': false,
};

describe('chooseNotice', () => {
  it('speaks one notice, in the order stalled, not learning, few updates, overshooting, a stuck layer', () => {
    const order: NoticeKind[] = ['stalled', 'not-learning', 'few-updates', 'overshooting', 'stuck-layer'];
    for (let i = 0; i < order.length; i++) {
      // this one and every later one hold: this one speaks
      const shows = { ...none };
      for (const kind of order.slice(i)) shows[kind] = true;
      expect(chooseNotice(shows, false)).toBe(order[i]);
    }
    expect(chooseNotice(none, false)).toBeNull();
  });

  it('is silent while the divergence notice speaks', () => {
    expect(chooseNotice({ ...none, stalled: true, 'stuck-layer': true }, true)).toBeNull();
  });
});

describe('the words the notices share', () => {
  it('lowers momentum over 0.95 to 0.9 when starting calmer, and says so', () => {
    const high = { ...DEFAULT_SETTINGS, momentum: 0.99 };
    const calmer = calmerSettings(high);
    expect(calmer).toEqual({ learningRate: saferRate({ ...high, momentum: 0.9 }), momentum: 0.9 });
    expect(calmerWords(calmer)).toBe(`α₀ = ${calmer.learningRate} and μ = 0.9`);
    const usual = calmerSettings(DEFAULT_SETTINGS);
    expect(usual).toEqual({ learningRate: saferRate(DEFAULT_SETTINGS) });
    expect(calmerWords(usual)).toBe(`α₀ = ${usual.learningRate}`);
  });

  it('says how far momentum multiplies a step: a sentence above 0.95, a parenthesis up to it, nothing without', () => {
    const high = momentumWords(0.99);
    expect(high.grows).toBe('Momentum μ = 0.99 lets each step grow up to 1 / (1 − μ) = 100 times');
    expect(high.note).toBe(` ${high.grows}.`);
    expect(high.parenthesis).toBe('');
    const usual = momentumWords(0.9);
    expect(usual.grows).toBeNull();
    expect(usual.note).toBe('');
    expect(usual.parenthesis).toBe(' (with momentum μ = 0.9 each step grows up to 1 / (1 − μ) times)');
    expect(momentumWords(0)).toEqual({ grows: null, note: '', parenthesis: '' });
  });

  it("names each activation's own way of failing, and counts epochs", () => {
    expect(overshotWords('relu')).toContain('switch ReLUs off');
    expect(overshotWords('sigmoid')).toContain('onto the flat ends of σ');
    expect(overshotWords('tanh')).toContain('onto the flat ends of tanh');
    expect(afterEpochs(1)).toBe('an epoch');
    expect(afterEpochs(1200)).toBe('1,200 epochs');
  });
});
