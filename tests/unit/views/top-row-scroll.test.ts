import { describe, expect, it } from 'vitest';
import { topRowScroll } from '../../../src/views/motion';

describe('topRowScroll', () => {
  it('stays at the top when the network and the inspector end on screen', () => {
    // 1440x900: card at 96, the inspector ending at 890
    expect(topRowScroll(96, 890, 900)).toBe(0);
  });

  it('scrolls the settings away by as much as the row overflows (a 1024x768 touch screen, step 11)', () => {
    expect(topRowScroll(160, 808, 768)).toBe(40);
    expect(topRowScroll(160, 808.2, 768)).toBe(41);
  });

  it('never past the card’s own top, where the sticking card would cover the row', () => {
    expect(topRowScroll(160, 1400, 768)).toBe(156);
    expect(topRowScroll(2, 1400, 768)).toBe(0);
  });

  it('keeps a card that is stuck at the top there, so its Next does not move onto the header', () => {
    // 1920x1080: after a step about the bottom panel the card sticks; at 0 its Next was 96 px lower
    expect(topRowScroll(96, 890, 1080, true)).toBe(92);
    expect(topRowScroll(160, 1400, 768, true)).toBe(156);
    expect(topRowScroll(96, 890, 1080, false)).toBe(0);
  });
});
