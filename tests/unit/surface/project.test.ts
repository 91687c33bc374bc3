import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, orbitMatrix, PITCH_RANGE, projectPoint, viewFacing } from '../../../src/render/orbit';
import { buildGeometry } from '../../../src/render/surface3d-geometry';

describe('projectPoint (labels over the 3D view)', () => {
  it('puts the box near the middle of the view and its near floor edge below its far one', () => {
    const centre = projectPoint(DEFAULT_VIEW, 400, 300, [0, 0, 0])!;
    expect(Math.abs(centre.x - 200)).toBeLessThan(40);
    expect(Math.abs(centre.y - 150)).toBeLessThan(40);
    // looking down on the box (positive pitch): the floor's corners spread around the centre
    const corners = (
      [
        [-1, -0.5, -1],
        [1, -0.5, -1],
        [1, -0.5, 1],
        [-1, -0.5, 1],
      ] as const
    ).map((p) => projectPoint(DEFAULT_VIEW, 400, 300, p)!);
    const xs = corners.map((p) => p.x);
    expect(Math.min(...xs)).toBeLessThan(centre.x);
    expect(Math.max(...xs)).toBeGreaterThan(centre.x);
    for (const p of corners) expect(p.y).toBeGreaterThan(0);
  });

  it('keeps the whole box on the canvas at every yaw and pitch the drag allows, up to the highest path point', () => {
    for (const [w, h] of [
      [540, 330],
      [400, 300],
      [700, 420],
      // a phone's (390 px wide, less the colour bar's strip), and narrower: the box was cut at both sides
      [286, 262],
      [240, 300],
    ])
      for (let pitch = PITCH_RANGE[0]; pitch <= PITCH_RANGE[1] + 1e-9; pitch += 0.05)
        for (let yaw = -Math.PI; yaw < Math.PI; yaw += 0.1)
          for (const x of [-1, 1])
            for (const z of [-1, 1])
              // 0.64: heightScale's cap for a path point (0.62) and its lift over the surface; the
              // training path's start, high above the slice, ran off the top of a turned view
              for (const y of [-0.5, 0, 0.64])
                expect(projectPoint({ yaw, pitch }, w, h, [x, y, z]), `${w}x${h} yaw ${yaw} pitch ${pitch}`).toSatisfy(
                  (p: { x: number; y: number } | null) => p !== null && p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h,
                );
  });

  it('keeps the first view large (fitting the turned views does not shrink every view)', () => {
    // the box's extent on a 540x330 view, as a share of the canvas (1 = edge to edge)
    const extent = (pitch: number, yaw: number) => {
      const ps = [-1, 1].flatMap((x) =>
        [-0.5, 0.64].flatMap((y) => [-1, 1].map((z) => projectPoint({ yaw, pitch }, 540, 330, [x, y, z])!)),
      );
      const xs = ps.map((p) => p.x);
      const ys = ps.map((p) => p.y);
      return Math.max((Math.max(...xs) - Math.min(...xs)) / 540, (Math.max(...ys) - Math.min(...ys)) / 330);
    };
    const first = extent(DEFAULT_VIEW.pitch, DEFAULT_VIEW.yaw);
    expect(first).toBeGreaterThan(0.8);
  });

  it('turning the view moves a projected point', () => {
    const a = projectPoint(DEFAULT_VIEW, 400, 300, [1, -0.5, 0])!;
    const b = projectPoint({ ...DEFAULT_VIEW, yaw: DEFAULT_VIEW.yaw + 0.8 }, 400, 300, [1, -0.5, 0])!;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(10);
  });

  it('returns null for a point behind the camera', () => {
    expect(projectPoint(DEFAULT_VIEW, 400, 300, [0, 0, 10])).toBeNull();
  });
});

describe('buildGeometry: walks from one start (GD vs SGD)', () => {
  const n = 5;
  const grid = {
    resolution: n,
    alphaMin: -1,
    alphaMax: 1,
    betaMin: -1,
    betaMax: 1,
    values: Float32Array.from({ length: n * n }, (_, i) => 0.1 + (i % n) * 0.05),
    stride: 1,
  };
  const walk = (to: number, colour: string) => ({
    colour,
    points: [0, 0.5, 1].map((t) => ({ alpha: t * to, beta: 0, cost: Number.NaN })),
  });

  it('draws each walk’s end over the start marker, the shortest walk last', () => {
    const g = buildGeometry({
      grid,
      paths: [walk(0.02, '#ffffff'), walk(0.9, '#00bcd4'), walk(0.2, '#e91e63')],
      current: { alpha: 0, beta: 0, cost: Number.NaN },
    });
    const onTop = g.points.filter((p) => p.onTop);
    // the start marker (2 points), then an outline and a dot per walk
    expect(onTop).toHaveLength(2 + 2 * 3);
    const lastDot = onTop[onTop.length - 1];
    expect(Array.from(lastDot.colour).map((c) => Math.round(c * 255))).toEqual([255, 255, 255]);
    const firstDot = onTop[3];
    expect(Array.from(firstDot.colour).map((c) => Math.round(c * 255))).toEqual([0, 188, 212]);
  });

  it('draws a single path (the training path) from a square to a larger dot, the current ring last, around it', () => {
    const g = buildGeometry({
      grid,
      paths: [walk(0.9, '#00bcd4')],
      current: { alpha: 0.9, beta: 0, cost: Number.NaN },
    });
    const onTop = g.points.filter((p) => p.onTop);
    // the hint says so: 3D drew only the "you are here" disc over the path's end
    expect(onTop.map((p) => [p.square === true, p.size, p.hole ?? 0])).toEqual([
      [true, 11, 0],
      [true, 7, 0],
      [false, 14, 0],
      [false, 10, 0],
      [false, 20, 6],
      [false, 18, 7],
    ]);
    // the square at the path's first point, the dot at its last
    const xOf = (p: { pos: Float32Array }) => p.pos[0];
    expect(xOf(onTop[0])).toBeCloseTo(-1 + (0 + 1), 5);
    expect(xOf(onTop[2])).toBeCloseTo(0.9, 5);
    expect(Array.from(onTop[1].colour).map((c) => Math.round(c * 255))).toEqual([0, 188, 212]);
  });

  it('gives each walk’s last point for its note, none for a walk that ended outside the grid', () => {
    const g = buildGeometry({
      grid,
      paths: [walk(0.9, '#00bcd4'), walk(1.6, '#e91e63')],
      current: { alpha: 0, beta: 0, cost: Number.NaN },
    });
    // the note gives the walk's last cost: beside the last point in the grid it would name another
    expect(g.ends[0]![0]).toBeCloseTo(0.9, 5);
    expect(g.ends[1]).toBeNull();
  });

  it('keeps the walks’ lines apart from the frame, to draw them faded where the surface hides them', () => {
    const g = buildGeometry({
      grid,
      paths: [walk(0.9, '#00bcd4'), walk(0.2, '#e91e63')],
      current: { alpha: 0, beta: 0, cost: Number.NaN },
    });
    // the floor frame's 4 segments and the current point's drop line come first
    expect(g.lines.pathFirst).toBe(2 * (4 + 1));
    // then each walk's 2 segments, all in the walk's colour
    const colours = Array.from({ length: g.lines.colour.length / 3 }, (_, v) =>
      Array.from(g.lines.colour.subarray(v * 3, v * 3 + 3), (c) => Math.round(c * 255)).join(','),
    );
    expect(colours.slice(g.lines.pathFirst)).toEqual([...Array(4).fill('0,188,212'), ...Array(4).fill('233,30,99')]);
    // and their steps' dots are marked as a walk's
    expect(g.points.filter((p) => p.path)).toHaveLength(2);
  });
});

describe('viewFacing: the first 3D view of a walk from far off', () => {
  const n = 3;
  const grid = {
    resolution: n,
    alphaMin: -2,
    alphaMax: 12,
    betaMin: -4,
    betaMax: 3,
    values: new Float32Array(n * n).fill(0.5),
    stride: 1,
  };
  /** Distance from the camera (clip w) of the box point (x, 0, z). */
  const depth = (view: { yaw: number; pitch: number }, x: number, z: number) => {
    const m = orbitMatrix(view, 1.5);
    return m[3] * x + m[11] * z + m[15];
  };
  const box = (alpha: number, beta: number): [number, number] => [
    ((alpha - grid.alphaMin) / (grid.alphaMax - grid.alphaMin)) * 2 - 1,
    -(((beta - grid.betaMin) / (grid.betaMax - grid.betaMin)) * 2 - 1),
  ];

  it('turns the start of the path to the back, whichever side it is on (it lay at the front, and seemed to dip)', () => {
    for (const [alpha, beta] of [
      [11, -3.5],
      [-1.5, 2.5],
      [11, 2.5],
      [-1.5, -3.5],
      [5, -3.8],
    ]) {
      const start = { alpha, beta, cost: 2.3 };
      const view = viewFacing(grid, [{ points: [start, { alpha: 0, beta: 0, cost: 0.2 }] }]);
      const [x, z] = box(alpha, beta);
      // farther than the middle of the box by most of the start's distance from it
      expect(depth(view, x, z) - depth(view, 0, 0)).toBeGreaterThan(0.6 * Math.hypot(x, z));
      expect(view.pitch).toBe(DEFAULT_VIEW.pitch);
    }
    // the case the teacher saw: the default view had this start in front of the middle
    const [x, z] = box(11, -3.5);
    expect(depth(DEFAULT_VIEW, x, z)).toBeLessThan(depth(DEFAULT_VIEW, 0, 0));
  });

  it('keeps the default view for walks that start near the middle (the GD vs SGD race) or for none', () => {
    const middle = { alpha: 5, beta: -0.5, cost: 1 };
    expect(viewFacing(grid, [{ points: [middle] }])).toEqual(DEFAULT_VIEW);
    expect(viewFacing(grid, [])).toEqual(DEFAULT_VIEW);
  });
});
