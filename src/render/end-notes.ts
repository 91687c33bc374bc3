/**
 * The notes written beside the walks' ends on the 2D map (GD vs SGD: each walk's real cost):
 * placed clear of one another, of the walks' lines and of the current weights' ring.
 */
import { INK } from './charts/frame';
import { canvasFont } from './font';
import { drawPathLine } from './walk-line';

/** An end note's pill: height, the distance between two notes' centres, padding, where its text starts (after the swatch). */
const NOTE_HEIGHT = 15;
const NOTE_LINE = 17;
const NOTE_PAD = 4;
const NOTE_TEXT_AT = 22;

/** A disc the end notes keep clear of: the ring of the current weights, where the walks start. */
export interface Keepout {
  x: number;
  y: number;
  radius: number;
}

/**
 * Where the end notes go: beside each path's last point, moved down where two would overlap,
 * and out past a keep-out disc their line would cross (GD's short walk ends inside the start
 * ring, and its note was written over the ring's edge).
 */
export function placeEndNotes(
  ends: { x: number; y: number; width: number }[],
  plot: { x: number; y: number; width: number; height: number },
  lineHeight = 14,
  keepout: Keepout[] = [],
  lines: [number, number][][] = [],
): { x: number; y: number }[] {
  const order = ends.map((_, i) => i).sort((a, b) => ends[a].y - ends[b].y);
  const placed: { x: number; y: number; width: number }[] = [];
  const out: { x: number; y: number }[] = new Array(ends.length);
  for (const i of order) {
    const e = ends[i];
    // right of the dot, or left of it near the plot's right edge
    const left = e.x + 8 + e.width > plot.x + plot.width - 2;
    let x = left ? e.x - 8 - e.width : e.x + 8;
    let y = Math.max(plot.y + lineHeight / 2, Math.min(plot.y + plot.height - lineHeight / 2, e.y));
    for (const p of placed) if (notesOverlap(p, { x, y, width: e.width }, lineHeight)) y = p.y + lineHeight;
    // past a keep-out disc on the note's line (where it ended up), then back inside the plot
    for (const k of keepout) {
      if (Math.abs(k.y - y) >= k.radius + lineHeight / 2) continue;
      if (left && x + e.width > k.x - k.radius && x < k.x + k.radius) x = k.x - k.radius - 3 - e.width;
      if (!left && x < k.x + k.radius && x + e.width > k.x - k.radius) x = k.x + k.radius + 3;
    }
    x = Math.max(plot.x + 2, Math.min(plot.x + plot.width - 2 - e.width, x));
    // written over a walk (one-example SGD's note lay across its own last steps, which came in
    // from the side it was written on): the first place around the end that is clear of the
    // walks, the other notes and the rings, else where it was
    if (crossesLine(x, y, e.width, lineHeight, lines)) {
      const clear = noteCandidates(e, left, lineHeight, plot).find(
        (c) =>
          !crossesLine(c.x, c.y, e.width, lineHeight, lines) &&
          !placed.some((p) => notesOverlap(p, { ...c, width: e.width }, lineHeight)) &&
          !keepout.some((k) => rectMeetsDisc(c.x, c.y - lineHeight / 2, e.width, lineHeight, k)),
      );
      if (clear) ({ x, y } = clear);
    }
    placed.push({ x, y, width: e.width });
    out[i] = { x, y };
  }
  return out;
}

/** Whether two notes' lines (text from x, `width` wide, centred on y) overlap. */
function notesOverlap(
  a: { x: number; y: number; width: number },
  b: { x: number; y: number; width: number },
  lineHeight: number,
): boolean {
  return b.x < a.x + a.width && a.x < b.x + b.width && Math.abs(a.y - b.y) < lineHeight;
}

/** Other places for a note beside an end at (e.x, e.y): the other side, then above, then below; inside the plot. */
function noteCandidates(
  e: { x: number; y: number; width: number },
  left: boolean,
  lineHeight: number,
  plot: { x: number; y: number; width: number; height: number },
): { x: number; y: number }[] {
  const sides = left ? [e.x - 8 - e.width, e.x + 8] : [e.x + 8, e.x - 8 - e.width];
  const rows = [e.y, e.y - lineHeight, e.y + lineHeight];
  const inside = (c: { x: number; y: number }) =>
    c.x >= plot.x + 2 &&
    c.x + e.width <= plot.x + plot.width - 2 &&
    c.y - lineHeight / 2 >= plot.y &&
    c.y + lineHeight / 2 <= plot.y + plot.height;
  return rows
    .flatMap((y) => sides.map((x) => ({ x, y })))
    .slice(1)
    .filter(inside);
}

/** Whether a note's box (text from x, centred on y; its middle lineHeight - 4 px) is crossed by a line. */
function crossesLine(x: number, y: number, width: number, lineHeight: number, lines: [number, number][][]): boolean {
  const box = { x: x - 2, y: y - lineHeight / 2 + 2, width: width + 4, height: lineHeight - 4 };
  return lines.some((pts) => pts.some((p, k) => k > 0 && segmentMeetsRect(pts[k - 1], p, box)));
}

/** Whether the segment a-b meets the rectangle (Liang-Barsky clipping). */
export function segmentMeetsRect(
  a: [number, number],
  b: [number, number],
  r: { x: number; y: number; width: number; height: number },
): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const sides: [number, number][] = [
    [-dx, a[0] - r.x],
    [dx, r.x + r.width - a[0]],
    [-dy, a[1] - r.y],
    [dy, r.y + r.height - a[1]],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function rectMeetsDisc(x: number, y: number, width: number, height: number, k: Keepout): boolean {
  const nx = Math.max(x, Math.min(k.x, x + width));
  const ny = Math.max(y, Math.min(k.y, y + height));
  return Math.hypot(nx - k.x, ny - k.y) < k.radius;
}

export function drawEndNotes(
  ctx: CanvasRenderingContext2D,
  paths: { colour: string; dash?: readonly number[]; endNote?: string; pixels: [number, number][] }[],
  plot: { x: number; y: number; width: number; height: number },
  keepout: Keepout[],
): void {
  const noted = paths.filter((p) => p.endNote && p.pixels.length > 0);
  if (noted.length === 0) return;
  ctx.font = canvasFont(11, 600);
  const ends = noted.map((p) => {
    const [x, y] = p.pixels[p.pixels.length - 1];
    return { x, y, width: ctx.measureText(p.endNote!).width + NOTE_TEXT_AT + NOTE_PAD };
  });
  const at = placeEndNotes(
    ends,
    plot,
    NOTE_LINE,
    keepout,
    paths.map((p) => p.pixels),
  );
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  noted.forEach((p, i) => {
    const { x, y } = at[i];
    // dark ink on a white pill, after a piece of the walk's own line (colour and dash): written in
    // the walk's colour, a note was lost on the map's like colours to colour-blind readers and to
    // blurred sight (a colour-vision review)
    ctx.beginPath();
    ctx.roundRect(x, y - NOTE_HEIGHT / 2, ends[i].width, NOTE_HEIGHT, 4);
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(0,0,0,0.55)';
    ctx.stroke();
    drawPathLine(
      ctx,
      [
        [x + NOTE_PAD, y],
        [x + NOTE_TEXT_AT - 4, y],
      ],
      p.colour,
      p.dash,
    );
    ctx.fillStyle = INK;
    ctx.fillText(p.endNote!, x + NOTE_TEXT_AT, y);
  });
}
