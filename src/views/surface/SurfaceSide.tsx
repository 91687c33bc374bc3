/** Beside the picture: the path's checkpoints (real cost, distance from the plane), or GD vs SGD cost curves. */
import { useRef } from 'react';
import { max, min, scaleLinear, scaleLog } from 'd3';
import { useElementSize } from '../charts/use-chart';
import type { PathPoint, SurfacePath } from '../../protocol/surface-api';
import { count, sig } from '../controls/format';
import { WalkSwatch } from './WalkSwatch';
import type { LivePoint, Shown } from './use-surface';

export function CheckpointList({
  shown,
  live,
  onHover,
}: {
  shown: Shown;
  live: LivePoint | null;
  onHover: (p: PathPoint | null) => void;
}) {
  const path = shown.paths[0];
  // the newest checkpoint is often the current update, already the "now" row
  const points = path ? path.points.filter((p) => p.step !== live?.step).reverse() : [];
  // training went on since the picture: its path ends there (the list read "now 46754" over 13760)
  const newest = path?.points.at(-1)?.step ?? null;
  const since = live && newest !== null && live.ofPicture ? live.step - newest : 0;
  return (
    // a scroller Chromium makes a Tab stop: named, as the weight table's is (it was a nameless stop)
    <div
      className="surface-list"
      data-testid="surface-checkpoints"
      role="region"
      aria-label="Training path's checkpoints: update, cost and distance off the slice"
    >
      <table translate="no">
        <thead>
          <tr>
            <th scope="col">update</th>
            <th
              scope="col"
              title="The real cost at the checkpoint, on the surface's evaluation images (not the batch's)"
            >
              C on the images
            </th>
            <th scope="col" title="How far the checkpoint is from the plane drawn (0: it lies on the surface)">
              distance off the slice
            </th>
          </tr>
        </thead>
        <tbody>
          {live && (
            <tr className="surface-now">
              <td>now {live.step}</td>
              <td>
                {Number.isFinite(live.cost) || !live.lastCost ? (
                  sig(live.cost, 4)
                ) : (
                  // while training plays, the newest cost measured, and of which update
                  <span title="The newest cost measured: training moved on while it was computed">
                    {sig(live.lastCost.value, 4)} <span className="surface-at">at {live.lastCost.step}</span>
                  </span>
                )}
              </td>
              <td>{sig(live.distance, 3)}</td>
            </tr>
          )}
          {live && !live.ofPicture && (
            <tr className="surface-since" data-testid="surface-since">
              <td colSpan={3}>this picture is of a network since replaced (a Reset, Undo, an opened file)</td>
            </tr>
          )}
          {since > 0 && (
            <tr className="surface-since" data-testid="surface-since">
              <td colSpan={3}>
                {count(since)} update{since === 1 ? '' : 's'} since this picture: not in its path (Compute draws them)
              </td>
            </tr>
          )}
          {points.map((p, k) => (
            <tr key={`${k}-${p.step}`} onPointerEnter={() => onHover(p)} onPointerLeave={() => onHover(null)}>
              <td>{p.step}</td>
              <td>{sig(p.cost, 4)}</td>
              <td>{sig(p.distance, 3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {points.length === 0 && <p className="hint">No training path yet: play or step to record one.</p>}
    </div>
  );
}

/** Three ticks on a log axis: the ends and their geometric middle. */
function logTicks(lo: number, hi: number): number[] {
  return hi / lo < 1.05 ? [lo] : [lo, Math.sqrt(lo * hi), hi];
}

/** A card's drawn width: as wide as its share of the row, from 100 to 160 px. */
const CARD_MIN = 100;
const CARD_MAX = 160;
const GAP = 4;
const H = 142;
// (left: room for "0.0076" at 10 px; top: the axis's name; bottom: the examples' count and the
// axis's name). The cards share the row (at 1366 x 768 a third wrapped out of sight), drawn at their
// share's own width: scaled to it from 144 px, their 10-11 px words were 7-8 px on a tablet and a phone
const M = { left: 44, right: 8, top: 24, bottom: 30 };
/** Under 130 px (three cards on a tablet's or a phone's side column): "0.064" at 10 px takes 34. */
const NARROW = 130;

/** Cost against examples processed, one small chart per optimiser, on a shared y scale. */
/** `planned`: the examples each walk was to see (epochs × images); the longest walk's, if not given. */
export function RaceCurves({ paths, planned }: { paths: SurfacePath[]; planned?: number }) {
  const row = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(row, true);
  const costs = paths.flatMap((p) => p.points.map((q) => q.cost)).filter((c) => Number.isFinite(c) && c > 0);
  const lo = min(costs) ?? 0.1;
  const hi = max(costs) ?? 1;
  const y = scaleLog()
    .domain([lo, Math.max(hi, lo * 1.01)])
    .range([H - M.bottom, M.top])
    .clamp(true);
  const xMax = max(paths, (p) => p.points.at(-1)?.step ?? 0) || 1;
  const n = Math.max(1, paths.length);
  const W = Math.max(CARD_MIN, Math.min(CARD_MAX, Math.floor((width - (n - 1) * GAP) / n)));
  const left = W < NARROW ? 34 : M.left;
  const x = scaleLinear()
    .domain([0, xMax])
    .range([left, W - M.right]);
  // said in words: the map's colours under the walks told a student the opposite
  const finals = paths
    .map((p) => ({ label: p.label, cost: p.points.at(-1)?.cost ?? NaN, diverged: p.diverged }))
    .filter((f) => !f.diverged && Number.isFinite(f.cost));
  const winner = finals.length > 1 ? finals.reduce((a, b) => (b.cost < a.cost ? b : a)) : null;
  return (
    <div ref={row} className="surface-race" data-testid="surface-race">
      {winner && (
        <p className="surface-race-winner" data-testid="race-winner">
          Lowest cost after the same examples: <strong>{winner.label}</strong>, C = {sig(winner.cost, 3)}.
        </p>
      )}
      {paths.map((p) => {
        const d = p.points
          .filter((q) => Number.isFinite(q.cost))
          .map((q, k) => `${k === 0 ? 'M' : 'L'}${x(q.step).toFixed(1)},${y(q.cost).toFixed(1)}`)
          .join('');
        const last = p.points.at(-1);
        const updates = p.batchSize ? Math.ceil((last?.step ?? 0) / p.batchSize) : p.points.length - 1;
        return (
          <figure key={p.name} className="surface-race-card">
            <figcaption>
              <WalkSwatch name={p.name} /> {p.label}
              <br />
              <small>
                {count(updates)} update{updates === 1 ? '' : 's'}
                {p.batchSize ? ` of ${count(p.batchSize)}` : ''}
              </small>
            </figcaption>
            <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${p.label}: cost against examples processed`}>
              <rect x={left} y={M.top} width={W - left - M.right} height={H - M.top - M.bottom} className="frame" />
              {logTicks(y.domain()[0], y.domain()[1]).map((t) => (
                <g key={t}>
                  <line x1={left - 3} x2={left} y1={y(t)} y2={y(t)} className="tick" />
                  <text x={left - 5} y={y(t)} dy="0.32em" textAnchor="end" className="tick-label">
                    {sig(t, 2)}
                  </text>
                </g>
              ))}
              <text x={2} y={9}>
                C (log)
              </text>
              <text x={left} y={H - M.bottom + 12} textAnchor="start">
                0
              </text>
              <text x={W - M.right} y={H - M.bottom + 12} textAnchor="end">
                {count(xMax)}
              </text>
              {/* under the plot, or where it is narrow under the whole card (it was cut at the right edge) */}
              <text x={W < NARROW ? W / 2 : (left + W - M.right) / 2} y={H - 4} textAnchor="middle">
                examples seen
              </text>
              <path d={d} className="curve" />
            </svg>
            <div className="surface-race-final">
              C = {sig(last?.cost, 3)}{' '}
              {p.diverged && (
                // stopped there: the others went on to the planned examples (the hint promises each the same number)
                <strong className="surface-diverged" data-testid="race-stopped">
                  left the valley: learning rate too high; stopped after {count(last?.step ?? 0)} of{' '}
                  {count(planned ?? xMax)} examples
                </strong>
              )}
            </div>
          </figure>
        );
      })}
      {/* after the cards: on a short screen the cards are what must show */}
      <p className="hint surface-race-note">
        Each walker takes plain steps θ ← θ − α·∇C (no momentum) from the same weights, through the same examples. The
        map is one flat slice of the cost, through the start and the ends of the two walks that went farthest (for a
        walk that left the valley, its last point in it). Elsewhere a walk leaves the slice, and the colour under it is
        not its cost: each card’s C, also written at the end of its walk, is the cost where that walker really is.
      </p>
    </div>
  );
}
