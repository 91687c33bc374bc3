/**
 * Handwritten-looking strokes for the digits 0-9, for drawing with page.mouse on the
 * draw pad. Coordinates are fractions of the pad (x right, y down); each digit is a
 * list of strokes (pen down, move along, pen up), smoothed with a Catmull-Rom spline.
 */
import type { Locator, Page } from 'playwright-core';

type Stroke = [number, number][];

function ellipse(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  from: number,
  turns: number,
  n: number,
  tilt = 0,
): Stroke {
  const pts: Stroke = [];
  for (let i = 0; i <= n; i++) {
    const t = from - (i / n) * turns * 2 * Math.PI; // counter-clockwise on screen, as most people write an 0
    const x = rx * Math.cos(t);
    const y = -ry * Math.sin(t);
    pts.push([cx + x * Math.cos(tilt) - y * Math.sin(tilt), cy + x * Math.sin(tilt) + y * Math.cos(tilt)]);
  }
  return pts;
}

export const DIGIT_STROKES: Stroke[][] = [
  // 0: an oval, slightly tilted, closed with a little overlap
  [ellipse(0.5, 0.5, 0.2, 0.32, Math.PI / 2 + 0.2, 1.06, 40, 0.12)],
  // 1: one slightly slanted line
  [
    [
      [0.53, 0.17],
      [0.51, 0.5],
      [0.48, 0.83],
    ],
  ],
  // 2: a hook, a diagonal, a base
  [
    [
      [0.3, 0.3],
      [0.38, 0.19],
      [0.52, 0.16],
      [0.65, 0.22],
      [0.67, 0.35],
      [0.58, 0.5],
      [0.44, 0.65],
      [0.3, 0.8],
      [0.5, 0.79],
      [0.72, 0.8],
    ],
  ],
  // 3: two bumps
  [
    [
      [0.31, 0.22],
      [0.47, 0.16],
      [0.63, 0.2],
      [0.66, 0.33],
      [0.56, 0.44],
      [0.45, 0.47],
      [0.58, 0.51],
      [0.68, 0.62],
      [0.66, 0.75],
      [0.52, 0.83],
      [0.32, 0.79],
    ],
  ],
  // 4: open top, two strokes
  [
    [
      [0.33, 0.17],
      [0.3, 0.38],
      [0.29, 0.56],
      [0.5, 0.56],
      [0.72, 0.55],
    ],
    [
      [0.63, 0.2],
      [0.63, 0.5],
      [0.62, 0.84],
    ],
  ],
  // 5: the flag, then the belly
  [
    [
      [0.37, 0.2],
      [0.35, 0.33],
      [0.34, 0.47],
      [0.47, 0.43],
      [0.62, 0.48],
      [0.69, 0.62],
      [0.63, 0.77],
      [0.48, 0.83],
      [0.31, 0.77],
    ],
    [
      [0.37, 0.19],
      [0.52, 0.18],
      [0.68, 0.18],
    ],
  ],
  // 6: a falling curve into a loop at the bottom
  [
    [
      [0.63, 0.16],
      [0.48, 0.27],
      [0.37, 0.45],
      [0.34, 0.63],
      [0.42, 0.8],
      [0.56, 0.82],
      [0.66, 0.7],
      [0.62, 0.56],
      [0.48, 0.52],
      [0.37, 0.6],
    ],
  ],
  // 7: top bar and a long diagonal
  [
    [
      [0.29, 0.2],
      [0.5, 0.2],
      [0.71, 0.19],
      [0.6, 0.38],
      [0.5, 0.58],
      [0.43, 0.84],
    ],
  ],
  // 8: an S down, then back up, crossing in the middle
  [
    [
      [0.64, 0.24],
      [0.51, 0.16],
      [0.37, 0.23],
      [0.38, 0.37],
      [0.5, 0.47],
      [0.63, 0.58],
      [0.65, 0.73],
      [0.51, 0.83],
      [0.36, 0.74],
      [0.37, 0.6],
      [0.5, 0.48],
      [0.62, 0.37],
      [0.64, 0.24],
    ],
  ],
  // 9: a loop at the top, then the stem
  [
    [
      [0.64, 0.28],
      [0.53, 0.18],
      [0.4, 0.21],
      [0.35, 0.33],
      [0.43, 0.44],
      [0.57, 0.42],
      [0.64, 0.3],
      [0.63, 0.55],
      [0.6, 0.84],
    ],
  ],
];

/** Catmull-Rom through the points: `per` points per segment. */
export function smooth(points: Stroke, per = 6): Stroke {
  if (points.length < 3) return points;
  const out: Stroke = [];
  const p = (i: number) => points[Math.max(0, Math.min(points.length - 1, i))];
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [p(i - 1), p(i), p(i + 1), p(i + 2)];
    for (let s = 0; s < per; s++) {
      const t = s / per;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  out.push(points[points.length - 1]);
  return out;
}

/**
 * Draws one stroke with the mouse on `pad`. Before the last stroke's mouse up, `beforeLastUp`
 * runs (to start a timer in the page).
 */
export async function drawDigitStrokes(
  page: Page,
  pad: Locator,
  strokes: Stroke[],
  beforeLastUp?: () => Promise<void>,
): Promise<void> {
  // the controls panel scrolls inside itself: bring the whole pad into view, as a user would
  await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await pad.boundingBox();
  if (!box) throw new Error('the draw pad is not visible');
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (let s = 0; s < strokes.length; s++) {
    const pts = smooth(strokes[s]);
    await page.mouse.move(...at(pts[0]));
    await page.mouse.down();
    for (const pt of pts.slice(1)) await page.mouse.move(...at(pt), { steps: 2 });
    if (s === strokes.length - 1 && beforeLastUp) await beforeLastUp();
    await page.mouse.up();
  }
}

/**
 * Installs, in the page, a timer from the next pointerup (its event timestamp) to the
 * moment the prediction element shows that stroke's reading (a MutationObserver on its
 * `data-strokes` count changing after the pointer lifts), and to the frame after. Read it with `readStrokeLatency`.
 */
export async function armStrokeTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid=prediction]')!;
    const timing = { up: 0, shown: 0, frame: 0 };
    (window as unknown as { __strokeTiming: typeof timing }).__strokeTiming = timing;
    // the stroke count as the pointer lifts (captured before the pad handles the event): a
    // count read when arming could still be the previous digit's, before Clear had rendered
    let countAtUp = '';
    window.addEventListener(
      'pointerup',
      (e) => {
        timing.up = e.timeStamp;
        countAtUp = el.dataset.strokes ?? '';
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      if (timing.up === 0 || (el.dataset.strokes ?? '') === countAtUp) return;
      timing.shown = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => (timing.frame = performance.now()));
    });
    observer.observe(el, { attributes: true, childList: true, characterData: true, subtree: true });
  });
}

/** Milliseconds from the stroke's end to the prediction in the DOM, and to the next frame. */
export async function readStrokeLatency(page: Page): Promise<{ dom: number; frame: number }> {
  await page.waitForFunction(
    () => (window as unknown as { __strokeTiming: { frame: number } }).__strokeTiming.frame > 0,
  );
  return page.evaluate(() => {
    const t = (window as unknown as { __strokeTiming: { up: number; shown: number; frame: number } }).__strokeTiming;
    return { dom: t.shown - t.up, frame: t.frame - t.up };
  });
}
