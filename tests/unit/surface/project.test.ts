import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, PITCH_RANGE, projectPoint } from '../../../src/render/surface3d';

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

  it('keeps the floor and the lowest surface on the canvas at every yaw and pitch the drag allows', () => {
    for (const [w, h] of [
      [540, 330],
      [400, 300],
      [700, 420],
    ])
      for (let pitch = PITCH_RANGE[0]; pitch <= PITCH_RANGE[1] + 1e-9; pitch += 0.05)
        for (let yaw = -Math.PI; yaw < Math.PI; yaw += 0.1)
          for (const x of [-1, 1])
            for (const z of [-1, 1])
              for (const y of [-0.5, 0])
                expect(projectPoint({ yaw, pitch }, w, h, [x, y, z]), `${w}x${h} yaw ${yaw} pitch ${pitch}`).toSatisfy(
                  (p: { x: number; y: number } | null) => p !== null && p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h,
                );
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
