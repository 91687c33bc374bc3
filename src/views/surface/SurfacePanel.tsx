/**
 * The cost surface: the real network's cost over a 2D slice through its 13,002
 * parameters, in 2D or 3D, with the training path and the live current point; and
 * GD vs SGD from the same start. Computed by the surface worker; this is a thin view.
 */
import { useEffect, useRef, useState } from 'react';
import type { SliceKind } from '../../protocol/surface-api';
import type { PathPoint } from '../../protocol/surface-api';
import { useLab } from '../../store/lab-store';
import { PlayButton } from '../controls/PlayButton';
import { count, sig } from '../controls/format';
import { unavailableWhile } from '../unavailable';
import { SurfaceCanvas } from './SurfaceCanvas';
import { leftWords } from './time-left';
import { CheckpointList, RaceCurves } from './SurfaceSide';
import {
  differentPair,
  differentSlice,
  shortPathMessage,
  useSurface,
  weightLabel,
  type SurfaceOptions,
} from './use-surface';
import './surface.css';
import { changedSettings } from '../../protocol/settings';
import { useTouchWords } from '../use-media';

/** Each slice: its name, one or two lines on what the picture is, and the rest on demand (seven lines opened the PCA slice). */
const KINDS: { id: SliceKind; label: string; hint: string; more?: string }[] = [
  {
    id: 'random',
    label: 'random directions',
    hint: 'Two random directions through the current weights (Li et al. 2018). Training runs almost at right angles to random directions, so its path is listed here but not drawn: the training path (PCA) slice shows it.',
    // (what the axes' numbers measure: a student read "−1 to 1" with no unit, and "distance off the slice" with none)
    more: 'Each neuron’s row of a direction is scaled like that neuron’s weights (filter normalisation, the method of Li et al. 2018), so a step along it means as much in every layer: at 1 along a direction, each neuron’s incoming weights have moved by as much as their own length. The distance off the slice is the length of what the slice cannot show, over all the weights and biases together.',
  },
  {
    id: 'weights',
    label: 'two weights',
    hint: 'Literally C as a function of two weights: only they change, all the others stay fixed. Click two edges in the network to choose them.',
  },
  {
    id: 'trajectory',
    label: 'training path (PCA)',
    hint: 'The plane that best fits the path so far: PC1 and PC2 are the two directions in which the weights moved most (the % is each one’s share of the movement). The path starts at a square and ends in a larger dot; the ring is the current weights.',
    more: 'PC1 and PC2 are the path’s principal components. The surface is the cost on that plane; the path is drawn at each checkpoint’s real cost, so where the weights left the plane it floats above or below the surface. The axes are in the parameters’ own units: 1 along PC1 is a change of length 1 in all the weights and biases together (the square root of the sum of their squared changes). The list gives each checkpoint’s cost and its distance off the plane. The map may show lower cost than where training is: the plane holds points training never reached, and once the schedule has made α tiny its steps hardly move.',
  },
  {
    id: 'optimisers',
    label: 'GD vs SGD',
    hint: 'From the current weights (the white ring): GD, mini-batch SGD and one-example SGD on the same images, each seeing the same number of examples. One-example SGD takes by far the most steps; each walk ends in a larger dot.',
    more: 'GD’s step uses all the images chosen under “images”, so a step here is cheap, not a whole epoch; GD takes the fewest steps (one per pass over the images), and mini-batch SGD’s path lies between the two. A walk whose cost blows up stops there.',
  },
];
const EXAMPLES = [200, 500, 1000, 2000, 5000];
/** Updates after which the surface first opens on the training path (a path of ~20 checkpoints). */
export const SURFACE_PATH_AFTER = 100;
const RESOLUTIONS = [15, 31, 51];
const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
const EPOCHS = [1, 3, 10, 30];

export interface SurfacePanelProps {
  /** Start computing as soon as the network exists (default true). */
  autoStart?: boolean;
}

/** An axis's name without its note: "PC1 (89%)" is PC1. */
function axisName(label: string): string {
  return label.replace(/ \([^()]*\)$/, '');
}

export function SurfacePanel({ autoStart = true }: SurfacePanelProps) {
  const words = useTouchWords();
  const settings = useLab((s) => s.settings);
  const ready = useLab((s) => s.panelSnapshot !== null);
  // the first picture waits until the network matches the settings (a lesson opened from a
  // link sets the lecture's while the default network still exists: a race on it diverged)
  const settled = useLab(
    (s) =>
      s.panelSnapshot !== null &&
      !s.busy &&
      Object.keys(changedSettings(s.settings, s.panelSnapshot.settings)).filter((k) => k !== 'speed').length === 0,
  );
  const mode = useLab((s) => s.surfaceMode);
  const setMode = (m: '2d' | '3d') => useLab.setState({ surfaceMode: m });
  const kindChosen = useLab((s) => s.surfaceKind);
  // no slice chosen yet: the training path once training has made one, the slice the path can be
  // seen on (random directions, the first picture before, listed a long path it could not draw)
  const [firstKind] = useState<SliceKind>(() =>
    (useLab.getState().panelSnapshot?.step ?? 0) >= SURFACE_PATH_AFTER ? 'trajectory' : 'random',
  );
  useEffect(() => {
    if (useLab.getState().surfaceKind === null) useLab.setState({ surfaceKind: firstKind });
  }, [firstKind]);
  const [chosen, setOptions] = useState<Omit<SurfaceOptions, 'kind'>>(() => ({
    examples: 1000,
    resolution: 31,
    seed: 1,
    span: 1,
    weightSpan: 2,
    learningRate: useLab.getState().raceRate ?? settings.learningRate,
    epochs: 10,
    batchSize: settings.batchSize,
    nearStart: false,
    follow: true,
  }));
  const options: SurfaceOptions = { ...chosen, kind: kindChosen ?? firstKind };
  // a lesson step's rate for the race (the lecture's α = 2 sends one-example SGD out of the valley)
  const raceRate = useLab((s) => s.raceRate);
  useEffect(() => {
    if (raceRate !== null) setOptions((o) => ({ ...o, learningRate: raceRate }));
  }, [raceRate]);
  const set = (patch: Partial<SurfaceOptions>) => {
    const { kind, ...rest } = patch;
    if (kind) useLab.setState({ surfaceKind: kind });
    setOptions((o) => ({ ...o, ...rest }));
  };
  const s = useSurface(options);
  const [highlight, setHighlight] = useState<PathPoint | null>(null);

  // the first picture, once the network exists
  const started = useRef(false);
  const { compute } = s;
  useEffect(() => {
    if (autoStart && settled && !started.current) {
      started.current = true;
      void compute();
    }
  }, [autoStart, settled, compute]);

  const kind = KINDS.find((k) => k.id === options.kind)!;
  const snapshotSpec = useLab((st) => st.snapshot?.spec);
  const pair = snapshotSpec ? s.weights(snapshotSpec) : null;
  const { shown, status, live } = s;
  // said from the options now: unticking "follow training" or another slice changes what is true
  const shortPath =
    status.shortPath !== null && options.kind === 'trajectory' && !status.computing
      ? shortPathMessage(status.shortPath, options.follow)
      : null;
  // too short a path: training brings the points, so Play is offered where the reason is read (Compute
  // pressed again found the same one point and changed nothing on screen: a student's review); the
  // controls' own button, which turns to Pause, so the focus stays on it
  const shortPathPlay = shortPath && (
    <>
      {' '}
      <PlayButton testId="surface-short-play" />
    </>
  );
  const isRace = shown?.kind === 'optimisers';
  // the current point along the slice's two axes, as the axes count (a weight's own value for "two weights")
  const along =
    live && shown ? [live.alpha + shown.plane.axisOffsets[0], live.beta + shown.plane.axisOffsets[1]] : [0, 0];
  // the picture is of other settings until Compute is pressed: say so rather than mislabel it
  const outdated =
    shown !== null &&
    s.shownFor !== null &&
    !status.computing &&
    (differentSlice(s.shownFor, options) || (options.kind === 'weights' && differentPair(s.shownPair, pair)));
  const shownKind = KINDS.find((k) => k.id === s.shownFor?.kind);

  return (
    <div className="surface-panel" data-testid="surface-panel">
      <p className="hint">
        The cost C over a flat slice through all the network’s weights and biases: low cost is a valley, and gradient
        descent walks downhill.
      </p>
      <div className="surface-body">
        <div className="surface-controls">
          <label>
            slice
            <select
              data-testid="surface-kind"
              value={options.kind}
              onChange={(e) => set({ kind: e.target.value as SliceKind })}
            >
              {KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            view
            <select data-testid="surface-mode" value={mode} onChange={(e) => setMode(e.target.value as '2d' | '3d')}>
              <option value="2d">2D map</option>
              <option value="3d">3D surface</option>
            </select>
          </label>
          <label>
            images
            <select
              value={options.examples}
              onChange={(e) => set({ examples: Number(e.target.value) })}
              aria-label="Evaluation images"
            >
              {EXAMPLES.map((n) => (
                <option key={n} value={n}>
                  {count(n)}
                </option>
              ))}
            </select>
          </label>
          <label>
            grid
            <select
              value={options.resolution}
              onChange={(e) => set({ resolution: Number(e.target.value) })}
              aria-label="Grid points per side"
            >
              {RESOLUTIONS.map((n) => (
                <option key={n} value={n}>
                  {n}×{n}
                </option>
              ))}
            </select>
          </label>
          {options.kind === 'weights' && pair && (
            <p className="surface-note" data-testid="surface-weights">
              varies {weightLabel(pair[0])} (across) and {weightLabel(pair[1])} (up);{' '}
              {words('click edges in the network to choose others')}
            </p>
          )}
          {options.kind === 'random' && (
            <button
              type="button"
              onClick={() => set({ seed: options.seed + 1 })}
              title="Pick two other random directions"
            >
              other directions ({options.seed})
            </button>
          )}
          {options.kind === 'optimisers' && (
            <>
              <label>
                rate α
                <select
                  value={options.learningRate}
                  onChange={(e) => set({ learningRate: Number(e.target.value) })}
                  data-testid="surface-rate"
                >
                  {[...new Set([...RATES, settings.learningRate, options.learningRate])]
                    .sort((a, b) => a - b)
                    .map((r) => (
                      <option key={r} value={r}>
                        {r}
                        {r >= 3 ? ' (too high?)' : ''}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                epochs
                <select value={options.epochs} onChange={(e) => set({ epochs: Number(e.target.value) })}>
                  {EPOCHS.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <label
                className="surface-check"
                title="fit the map to GD's and mini-batch SGD's walks; one-example SGD's, far longer, runs off it"
              >
                <input
                  type="checkbox"
                  data-testid="surface-near-start"
                  checked={options.nearStart}
                  onChange={(e) => set({ nearStart: e.target.checked })}
                />{' '}
                zoom to the start
              </label>
            </>
          )}
          {options.kind !== 'optimisers' && (
            <label className="surface-check">
              <input type="checkbox" checked={options.follow} onChange={(e) => set({ follow: e.target.checked })} />{' '}
              follow training
            </label>
          )}
          <div className="button-row">
            <button
              type="button"
              className="primary"
              data-testid="surface-compute"
              {...unavailableWhile(!ready || status.computing, () => void s.compute())}
            >
              Compute
            </button>
            <button type="button" data-testid="surface-cancel" {...unavailableWhile(!status.computing, s.cancel)}>
              Cancel
            </button>
          </div>
          <progress
            data-testid="surface-progress"
            max={1}
            value={status.computing ? status.fraction : shown ? 1 : 0}
            aria-label="Surface progress"
          />
          {/* one string: a page translator's copy is replaced whole (two swapped pieces left copies behind) */}
          <p className="surface-note" aria-live="polite">
            {status.computing
              ? `${status.phase === 'training' ? 'training the three paths' : status.phase === 'path' ? 'costing the checkpoints' : 'computing'}…`
              : shown?.timing
                ? `${shown.grid.resolution}×${shown.grid.resolution} on ${count(shown.examples)} images in ${(shown.timing.totalMs / 1000).toFixed(1)} s`
                : ''}
          </p>
          {/* not in the live line above: a time changing every few seconds would be said each time */}
          {status.computing && leftWords(status.left) && (
            <p className="surface-note" data-testid="surface-left">
              {leftWords(status.left)}
            </p>
          )}
          {status.error && (
            <p className="surface-error" role="alert">
              {status.error}
            </p>
          )}
          {shortPath && shown && !outdated && (
            <>
              <p className="surface-note" data-testid="surface-short-path" role="status">
                {shortPath}
              </p>
              {shortPathPlay}
            </>
          )}
        </div>
        <div className={`surface-main${outdated ? ' outdated' : ''}`} data-shown-kind={s.shownFor?.kind}>
          {outdated &&
            (shortPath ? (
              // Compute found the path too short: why, and Play, where the student looks (the overlay
              // still said "Press Compute", the reason was in the narrow column: a UI check)
              <div className="surface-outdated" data-testid="surface-outdated">
                <p role="status">
                  This is still the “{shownKind?.label ?? 'previous'}” slice. {shortPath}
                </p>
                {shortPathPlay}
              </div>
            ) : (
              <p className="surface-outdated" data-testid="surface-outdated" role="status">
                This is still the “{shownKind?.label ?? 'previous'}” slice. Press Compute to draw “{kind.label}”
                {options.kind !== s.shownFor?.kind
                  ? ''
                  : differentSlice(s.shownFor, options)
                    ? ' with the new settings'
                    : ` for ${pair ? `${weightLabel(pair[0])} and ${weightLabel(pair[1])}` : 'the weights now chosen'}`}
                .
              </p>
            ))}
          {shown ? (
            <SurfaceCanvas
              shown={shown}
              mode={mode}
              liveRef={s.liveRef}
              trailRef={s.trailRef}
              onLiveChange={s.onLiveChange}
              highlight={highlight}
            />
          ) : (
            <p className="hint surface-empty" data-testid="surface-empty">
              {!ready
                ? 'Waiting for the network…'
                : status.computing
                  ? 'Computing the first picture…'
                  : (shortPath ?? 'Press Compute to draw the surface.')}
              {ready && shortPathPlay}
            </p>
          )}
        </div>
        <div className="surface-side">
          <div className="surface-note" data-testid="surface-hint">
            <p>{words(kind.hint)}</p>
            {kind.more && (
              <details className="surface-more">
                <summary>more about this slice</summary>
                <p>{kind.more}</p>
              </details>
            )}
          </div>
          {live && shown && !isRace && (
            <p className="surface-note" data-testid="surface-current" translate="no">
              {shown.kind === 'weights' ? (
                // the two weights' own values, by their names
                <>
                  now at {shown.plane.axisLabels[0]} = {sig(along[0], 3)}, {shown.plane.axisLabels[1]} ={' '}
                  {sig(along[1], 3)}, the two weights the slice varies; {sig(live.distance, 3)} away from the slice (the
                  other weights, held where they were when it was computed)
                </>
              ) : (
                // by the axes' own names ("d₁ = −2.99" beside axes named PC1 and PC2: a student's review)
                <>
                  now at {axisName(shown.plane.axisLabels[0])} = {sig(along[0], 3)},{' '}
                  {axisName(shown.plane.axisLabels[1])} = {sig(along[1], 3)} along the slice&apos;s two directions,{' '}
                  {sig(live.distance, 3)} away from the slice (the parts of the weights it cannot show)
                </>
              )}
            </p>
          )}
          {shown &&
            (isRace ? (
              <RaceCurves
                paths={shown.paths}
                planned={s.shownFor ? s.shownFor.epochs * s.shownFor.examples : undefined}
              />
            ) : (
              <CheckpointList shown={shown} live={live} onHover={setHighlight} />
            ))}
        </div>
      </div>
    </div>
  );
}
