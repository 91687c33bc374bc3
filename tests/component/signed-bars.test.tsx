import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignedBars } from '../../src/views/inspector/NudgesPanel';

function widths(testId: string): number[] {
  return Array.from(screen.getByTestId(testId).querySelectorAll<HTMLElement>('.bar-fill'), (b) =>
    parseFloat(b.style.width),
  );
}

describe('SignedBars', () => {
  it('names the largest |value| the bars are scaled to, so tiny wishes drawn full length read as tiny', () => {
    render(<SignedBars values={Float32Array.of(1e-6, -3e-6, 0)} testId="wishes" />);
    expect(screen.getByTestId('wishes-scale').textContent).toBe(
      'the longest bar is |value| = 3×10⁻⁶, the others to scale',
    );
    // the longest bar fills its half of the track; the others are in proportion
    const [a, b, c] = widths('wishes');
    expect(b).toBeCloseTo(50, 6);
    expect(a).toBeCloseTo(50 / 3, 4);
    expect(c).toBe(0);
  });

  it('writes every row in the notation of the largest, so they compare at a glance', () => {
    render(<SignedBars values={Float32Array.of(3.3e-4, 2.62e-5, -1.2e-4)} testId="mixed" />);
    const rows = Array.from(screen.getByTestId('mixed').querySelectorAll('.bar-value'), (v) => v.textContent);
    // "+2.62×10⁻⁵" under "+0.000330" read as an unrelated number
    expect(rows).toEqual(['+0.000330', '+0.000026', '\u22120.000120']);
  });

  it('draws a saturated network’s 10⁻²⁶ wishes to scale, and says they are all but 0', () => {
    render(<SignedBars values={Float32Array.of(-1.07e-26, 2e-27, 0)} testId="vanished" />);
    // (a floor of 10⁻¹² drew no bar under a caption naming the longest one)
    const [a, b, c] = widths('vanished');
    expect(a).toBeCloseTo(50, 4);
    expect(b).toBeCloseTo((50 * 2) / 10.7, 2);
    expect(c).toBe(0);
    expect(screen.getByTestId('vanished-scale').textContent).toBe(
      'the longest bar is |value| = 1.07×10⁻²⁶, the others to scale: all but 0, so this example asks next to nothing here',
    );
  });

  it('draws no bar for a diverged list, and says so', () => {
    render(<SignedBars values={Float32Array.of(NaN, 0.5, -0.25)} testId="diverged" />);
    expect(screen.getByTestId('diverged-scale').textContent).toBe(
      'some values are not numbers: the network has diverged',
    );
    expect(widths('diverged')).toEqual([0, 0, 0]);
  });

  it('says "all 0" when nothing is asked (no bar, no scale to name)', () => {
    render(<SignedBars values={new Float32Array(4)} testId="none" onPick={() => {}} />);
    expect(screen.getByTestId('none-scale').textContent).toBe('all 0');
    expect(widths('none').every((w) => w === 0)).toBe(true);
  });
});
