/**
 * The surface panel's state: the request the student set up, the computation (progress,
 * cancel), and the live current point, projected onto the plane on the UI thread (two
 * dot products per snapshot) without re-rendering React for every snapshot.
 */
import { secondsLeft } from './time-left';
import { pathGrown, pathWithCurrent } from './path';
import { useCallback, useEffect, useRef, useState } from 'react';
import { paramCount, paramIndex, type NetworkSpec } from '../../engine';
import { createProjector, type PlaneCoordinates } from '../../engine/surface';
import { surface, type SurfaceQuery } from '../../bridge/surface-bridge';
import { trainer } from '../../bridge/trainer-bridge';
import {
  MIN_PATH_POINTS,
  PATH_POINT_EVERY,
  type SliceKind,
  type SurfacePhase,
  type SurfaceProgress,
  type SurfaceResult,
} from '../../protocol/surface-api';
import type { Snapshot } from '../../protocol/snapshot';
import { weightName } from '../../protocol/names';
import { useLab, weightFits, type WeightRef } from '../../store/lab-store';

export interface SurfaceOptions {
  kind: SliceKind;
  /** Evaluation images: the first N training images. */
  examples: number;
  resolution: number;
  /** Random slice: which random directions, and alpha, beta in [-span, span]. */
  seed: number;
  span: number;
  /** Two-weight slice: each weight over at least w +- weightSpan. */
  weightSpan: number;
  /** GD vs SGD. */
  learningRate: number;
  epochs: number;
  batchSize: number;
  /** GD vs SGD: the map fitted to GD's and mini-batch SGD's walks (one-example SGD's runs off it). */
  nearStart: boolean;
  /** Recompute by itself when training has moved the point far from the slice. */
  follow: boolean;
}

export type Shown = Omit<SurfaceResult, 'timing'> & { timing?: SurfaceResult['timing'] };

export interface LivePoint extends PlaneCoordinates {
  step: number;
  /** The real cost there on the evaluation images, when the worker has said. */
  cost: number;
  /**
   * The newest cost the worker has said, of this update or an earlier one: while training plays
   * each answer comes after the next snapshot, and the table's "now" read "-" for as long.
   */
  lastCost: { value: number; step: number } | null;
  /** The weights are the pictured network's, trained on (false after a Reset, an Undo, an opened file). */
  ofPicture: boolean;
}

export interface Status {
  computing: boolean;
  phase: SurfacePhase | null;
  fraction: number;
  error: string | null;
  /** The training path had this many points when asked to picture, too few (null: it was not short). */
  shortPath: number | null;
  /**
   * Seconds the phase under way has left, from its pace so far (null until it has run 1.5 s and a
   * twentieth): a 64-64-64-64 network's 51×51 picture on 5,000 images takes minutes, under a bar alone.
   */
  left?: number | null;
}

/** Why a training path of `points` checkpoints cannot be pictured yet, and what brings it. */
export function shortPathMessage(points: number, following: boolean): string {
  const has = `The training path has ${points} point${points === 1 ? '' : 's'} so far (one is kept every few updates, plus the current weights); its plane needs ${MIN_PATH_POINTS}.`;
  return following
    ? `${has} It is drawn by itself once training has gone on (“follow training” is on).`
    : `${has} Train a few more batches, then press Compute.`;
}

/** How far the point may wander (in grid half-widths) before a following slice recomputes. */
const FAR = 0.5;
const AUTO_EVERY_MS = 4000;
const COST_EVERY_MS = 700;
const MAX_TRAIL = 400;

/** True when `b` asks for a different picture than `a` (not just a different way of following it). */
export function differentSlice(a: SurfaceOptions, b: SurfaceOptions): boolean {
  if (a.kind !== b.kind || a.examples !== b.examples || a.resolution !== b.resolution) return true;
  if (a.kind === 'random') return a.seed !== b.seed;
  if (a.kind === 'optimisers')
    return a.learningRate !== b.learningRate || a.epochs !== b.epochs || a.nearStart !== b.nearStart;
  return false;
}

function sameWeight(a: WeightRef, b: WeightRef): boolean {
  return a.layer === b.layer && a.to === b.to && a.from === b.from;
}

/** True when a 'two weights' picture varies other weights than the pair now chosen. */
export function differentPair(shown: [WeightRef, WeightRef] | null, chosen: [WeightRef, WeightRef] | null): boolean {
  if (!shown || !chosen) return false;
  return !sameWeight(shown[0], chosen[0]) || !sameWeight(shown[1], chosen[1]);
}

export function weightLabel(w: WeightRef): string {
  return weightName(w.layer, w.to, w.from);
}

/** Two weights for the slice: the last two different edges clicked, else two of the output layer's. */
function defaultWeights(spec: NetworkSpec): [WeightRef, WeightRef] {
  const L = spec.sizes.length - 1;
  return [
    { layer: L, to: 0, from: 0 },
    { layer: L, to: 0, from: Math.min(1, spec.sizes[L - 1] - 1) },
  ];
}

export function useSurface(options: SurfaceOptions) {
  const [shown, setShown] = useState<Shown | null>(null);
  /** The options the shown picture was computed with (the panel's may have changed since). */
  const [shownFor, setShownFor] = useState<SurfaceOptions | null>(null);
  /** For a 'two weights' picture, the two weights it varies (others may have been clicked since). */
  const [shownPair, setShownPair] = useState<[WeightRef, WeightRef] | null>(null);
  const [status, setStatus] = useState<Status>({
    computing: false,
    phase: null,
    fraction: 0,
    error: null,
    shortPath: null,
  });
  const [picked, setPicked] = useState<WeightRef[]>([]);
  const [live, setLive] = useState<LivePoint | null>(null);
  const liveRef = useRef<LivePoint | null>(null);
  const trailRef = useRef<PlaneCoordinates[]>([]);
  const projectorRef = useRef<{ spec: NetworkSpec; project: (p: ArrayLike<number>) => PlaneCoordinates } | null>(null);
  const listeners = useRef(new Set<() => void>());
  const optionsRef = useRef(options);
  const shownRef = useRef<Shown | null>(null);
  const shownForRef = useRef<SurfaceOptions | null>(null);
  const computingRef = useRef(false);
  /** Bumped by every compute and cancel: only the newest compute may change the status or the picture. */
  const computeGen = useRef(0);
  const lastAuto = useRef(0);
  /** A look again at the newest snapshot, due when the follow or cost gates reopen (null = none). */
  const recheck = useRef<{ timer: ReturnType<typeof setTimeout>; due: number } | null>(null);
  /** Mounted: the panel is open (a tab away unmounts it, and a picture still computing ends later). */
  const alive = useRef(false);
  /** The spec (JSON) of the network a computation in flight pictures. */
  const computingSpec = useRef<string | null>(null);
  /** The store's networkReplaced when the computation in flight (or the last one) began. */
  const computingReplaced = useRef(0);
  /** A picture has been asked for: following, a replaced network gets a new one. */
  const computedOnce = useRef(false);
  /** The store's networkReplaced of the network pictured, and of the live point's. */
  const pictureNetwork = useRef(0);
  const liveNetwork = useRef(0);
  /** The update at which the training path was too short to picture (null: it was not). */
  const shortPathAt = useRef<number | null>(null);
  useEffect(() => {
    optionsRef.current = options;
  });

  /** The canvases redraw: the live point (or its cost) moved. */
  const notifyLive = () => {
    for (const fn of listeners.current) fn();
  };
  /** Subscribers (the canvases) redraw when the live point moves. */
  const onLiveChange = useCallback((fn: () => void) => {
    listeners.current.add(fn);
    return () => void listeners.current.delete(fn);
  }, []);

  // the last two different edges clicked in the network view
  useEffect(
    () =>
      useLab.subscribe((s, prev) => {
        const w = s.selectedWeight;
        if (!w || w === prev.selectedWeight) return;
        setPicked((p) => {
          const rest = p.filter((q) => !sameWeight(q, w));
          return [...rest, w].slice(-2);
        });
      }),
    [],
  );

  const weights = useCallback(
    (spec: NetworkSpec): [WeightRef, WeightRef] => {
      const valid = picked.filter((w) => weightFits(spec.sizes, w));
      const fallback = defaultWeights(spec).filter((d) => !valid.some((w) => sameWeight(w, d)));
      const both = [...valid, ...fallback].slice(0, 2);
      return [both[0], both[1]];
    },
    [picked],
  );

  const compute = useCallback(async () => {
    const snapshot = useLab.getState().panelSnapshot;
    if (!snapshot) return;
    const o = optionsRef.current;
    const spec = snapshot.spec;
    // a newer compute (or a cancel) overtakes this one: from then on it touches nothing (its end
    // cleared the newer one's progress and Cancel, and its late start cancelled the newer one)
    const gen = ++computeGen.current;
    const current = () => gen === computeGen.current;
    computingRef.current = true;
    computingSpec.current = JSON.stringify(spec);
    const replacedAtStart = useLab.getState().networkReplaced;
    computingReplaced.current = replacedAtStart;
    computedOnce.current = true;
    setStatus({ computing: true, phase: 'directions', fraction: 0, error: null, shortPath: null });
    let pictured = false;
    try {
      const trajectory = (o.kind === 'optimisers' ? null : await trainer.trajectory()) ?? { steps: [], params: [] };
      const { steps, checkpoints } =
        o.kind === 'optimisers'
          ? { steps: [], checkpoints: [] }
          : pathWithCurrent(trajectory.steps, trajectory.params, snapshot.step, snapshot.params);
      if (!current()) return;
      // too short to picture (after a Reset, or a few batches in): said here, and following, asked
      // again as training goes on (it stood at "fewer than 3 checkpoints" for 52,000 updates)
      shortPathAt.current = null;
      if (o.kind === 'trajectory' && checkpoints.length < MIN_PATH_POINTS) {
        shortPathAt.current = snapshot.step;
        setStatus({ computing: false, phase: null, fraction: 0, error: null, shortPath: checkpoints.length });
        return;
      }
      const common = { spec, resolution: o.resolution, steps, checkpoints };
      let query: SurfaceQuery;
      let pair: [WeightRef, WeightRef] | null = null;
      if (o.kind === 'weights') {
        pair = weights(spec);
        const [a, b] = pair;
        query = {
          ...common,
          kind: 'weights',
          centre: snapshot.params.slice(),
          first: paramIndex(spec, a.layer, a.to, a.from),
          second: paramIndex(spec, b.layer, b.to, b.from),
          span: o.weightSpan,
        };
      } else if (o.kind === 'random') {
        query = { ...common, kind: 'random', centre: snapshot.params.slice(), seed: o.seed, span: o.span };
      } else if (o.kind === 'trajectory') {
        query = { ...common, kind: 'trajectory' };
      } else {
        query = {
          ...common,
          kind: 'optimisers',
          start: snapshot.params.slice(),
          learningRate: o.learningRate,
          epochs: o.epochs,
          batchSize: o.batchSize,
          seed: snapshot.settings.seed,
          nearStart: o.nearStart,
        };
      }
      const adopt = (r: Shown) => {
        if (!current()) return;
        setShown(r);
        setShownFor(o);
        setShownPair(pair);
        shownForRef.current = o;
        shownRef.current = r;
        pictureNetwork.current = replacedAtStart;
        const project = createProjector({ centre: r.plane.centre, d1: r.plane.d1, d2: r.plane.d2 });
        projectorRef.current = { spec: r.spec, project };
        trailRef.current = [];
        // the readout at once, in the new picture's terms: held back 200 ms after the last, it kept the
        // slice before's numbers ("now at PC1 = −0.0127" of random directions) until the next snapshot,
        // which does not come while paused (a UI check)
        readoutSetAt.current = 0;
        updateLive();
      };
      let phaseStart = { phase: null as SurfacePhase | null, at: performance.now(), from: 0 };
      const result = await surface.compute(query, o.examples, (p: SurfaceProgress) => {
        if (!current()) return;
        if (p.phase !== phaseStart.phase) phaseStart = { phase: p.phase, at: performance.now(), from: p.fraction };
        const left = secondsLeft(p.fraction, phaseStart.from, performance.now() - phaseStart.at);
        setStatus((s) => ({ ...s, phase: p.phase, fraction: p.fraction, left }));
        if (p.partial) adopt(p.partial);
      });
      if (!current()) return;
      if (result) {
        pictured = true;
        adopt(result);
        setStatus({ computing: false, phase: null, fraction: 1, error: null, shortPath: null });
      } else {
        setStatus((s) => ({ ...s, computing: false }));
      }
    } catch (e) {
      if (current())
        setStatus({
          computing: false,
          phase: null,
          fraction: 0,
          error: e instanceof Error ? e.message : String(e),
          shortPath: null,
        });
    } finally {
      if (current()) {
        computingRef.current = false;
        if (computingSpec.current === JSON.stringify(spec)) computingSpec.current = null;
        // training moved on while this computed (a Step epoch takes less than a picture): with no
        // snapshot to come, nothing looked again, and the slice stayed behind for good
        // (only then: a check that would start the same picture again must not loop)
        if (pictured && useLab.getState().panelSnapshot !== snapshot) recheckSoon();
      }
    }
    // updateLive is stable (refs only)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [weights]);

  const computeRef = useRef(compute);
  useEffect(() => {
    computeRef.current = compute;
  }, [compute]);

  const cancel = useCallback(() => {
    surface.cancel();
    // a follow check already due would start a picture after the student's Cancel
    if (recheck.current) clearTimeout(recheck.current.timer);
    recheck.current = null;
    computeGen.current++;
    computingRef.current = false;
    computingSpec.current = null;
    setStatus((s) => ({ ...s, computing: false, phase: null }));
  }, []);

  /** A new picture now, following training (the automatic ones wait AUTO_EVERY_MS after it). */
  function recomputeNow(): void {
    lastAuto.current = performance.now();
    void computeRef.current();
  }

  /** The network the last snapshot showed: its spec (JSON) and update. */
  const lastSeen = useRef<{ spec: string; step: number } | null>(null);
  /**
   * A computation in flight of weights since replaced (Reset, Undo, a put-back experiment, an
   * opened model: networkReplaced) or gone back (the divergence guard) pictures a network no
   * longer there: it showed, with its path, when it ended. Followed, a new one overtakes it;
   * else it is cancelled. (Another spec is handled below: a new slice.)
   */
  function supersedeDiscarded(snapshot: Snapshot | null, spec: string | null): void {
    const seen = lastSeen.current;
    lastSeen.current = snapshot && spec ? { spec, step: snapshot.step } : null;
    if (!snapshot) return;
    const replaced = useLab.getState().networkReplaced !== computingReplaced.current;
    // nothing computing, following, and the weights replaced since the last picture was asked
    // for: Undo after a Reset kept the reset network's picture (or its "fewer than 3 checkpoints")
    if (!computingRef.current) {
      if (replaced && computedOnce.current && optionsRef.current.follow) {
        recomputeNow();
      }
      return;
    }
    if (computingSpec.current !== spec) return;
    const wentBack = seen !== null && seen.spec === spec && snapshot.step < seen.step;
    if (!replaced && !wentBack) return;
    if (optionsRef.current.follow) {
      recomputeNow();
    } else cancel();
  }

  /** When a cost was last asked of the worker (performance.now()). */
  const costAskedAt = useRef(0);
  /** The update whose cost was last asked for. */
  const costAskedFor = useRef(-1);
  /** When the live point's readout (React state, at most every 200 ms) was last set; the canvases redraw on every move. */
  const readoutSetAt = useRef(0);
  /**
   * Looks at the newest snapshot again in `ms` (or sooner, if already due sooner): a gate
   * (AUTO_EVERY_MS, COST_EVERY_MS) that held back the last one must not leave it unanswered when
   * no snapshot follows (training stopped).
   */
  function recheckSoon(ms = 0): void {
    // closed (another tab): a picture that ends after it starts nothing more
    if (!alive.current) return;
    const due = performance.now() + ms;
    if (recheck.current) {
      if (recheck.current.due <= due) return;
      clearTimeout(recheck.current.timer);
    }
    const timer = setTimeout(() => {
      recheck.current = null;
      if (alive.current) updateLive();
    }, ms);
    recheck.current = { timer, due };
  }
  /**
   * Following a training path that was too short to picture: asked again once training has gone
   * on PATH_POINT_EVERY updates (or gone back, a Reset), at most every AUTO_EVERY_MS.
   */
  function retryShortPath(snapshot: Snapshot | null): void {
    const at = shortPathAt.current;
    const o = optionsRef.current;
    if (at === null || !snapshot || computingRef.current || !o.follow || o.kind !== 'trajectory') return;
    if (Math.abs(snapshot.step - at) < PATH_POINT_EVERY) return;
    const wait = lastAuto.current + AUTO_EVERY_MS - performance.now();
    if (wait > 0) recheckSoon(wait + 1);
    else recomputeNow();
  }

  /** Projects the newest snapshot's parameters onto the plane; decides whether to follow. */
  function updateLive(): void {
    const snapshot = useLab.getState().panelSnapshot;
    const specKey = snapshot ? JSON.stringify(snapshot.spec) : null;
    supersedeDiscarded(snapshot, specKey);
    retryShortPath(snapshot);
    const projector = projectorRef.current;
    if (!snapshot || !projector || snapshot.params.length !== paramCount(projector.spec)) {
      liveRef.current = null;
      notifyLive();
      // a new architecture: the old slice cannot hold it
      if (snapshot && projector && optionsRef.current.follow && !computingRef.current) void computeRef.current();
      return;
    }
    const c = projector.project(snapshot.params);
    const previous = liveRef.current;
    const otherNetwork = JSON.stringify(projector.spec) !== specKey;
    if (otherNetwork || (previous && snapshot.step < previous.step)) {
      // a reset or new settings: a new network, so a new slice and a new trail
      trailRef.current.length = 0;
      liveRef.current = null;
      // a training path that went back (Reset, an undone experiment) pictures updates that no
      // longer exist: it goes, rather than stand beside "fewer than 3 checkpoints" (a regression pass)
      const pathUndone = !otherNetwork && shownForRef.current?.kind === 'trajectory';
      if (pathUndone) {
        shownRef.current = null;
        shownForRef.current = null;
        projectorRef.current = null;
        setShown(null);
        setShownFor(null);
        setShownPair(null);
      }
      // a newer request cancels one in flight (which would picture the old network)
      if (optionsRef.current.follow && computingSpec.current !== specKey) {
        recomputeNow();
      }
      if (pathUndone) {
        notifyLive();
        return;
      }
    }
    // another network of the same shape, at a later update (an Undo, an opened file): its costs
    // and trail are not this one's (previous went null already for one gone back or reshaped)
    const network = useLab.getState().networkReplaced;
    const sameNetwork = liveRef.current !== null && liveNetwork.current === network;
    if (liveRef.current && !sameNetwork) trailRef.current.length = 0;
    liveNetwork.current = network;
    const before = sameNetwork ? liveRef.current : null;
    const point: LivePoint = {
      ...c,
      step: snapshot.step,
      cost: before && before.step === snapshot.step ? before.cost : NaN,
      lastCost: before?.lastCost ?? null,
      ofPicture: network === pictureNetwork.current,
    };
    liveRef.current = point;
    const trail = trailRef.current;
    if (!previous || previous.step !== snapshot.step) {
      trail.push(c);
      if (trail.length > MAX_TRAIL) trail.splice(0, trail.length - MAX_TRAIL);
    }
    notifyLive();
    const now = performance.now();
    if (now - readoutSetAt.current > 200) {
      readoutSetAt.current = now;
      setLive(point);
    }
    if (now - costAskedAt.current <= COST_EVERY_MS) {
      // the last snapshot's cost is asked for too: "now" read "-" after a pause (once per update:
      // a worker that has no answer is not asked again and again)
      if (Number.isNaN(point.cost) && costAskedFor.current !== snapshot.step)
        recheckSoon(costAskedAt.current + COST_EVERY_MS + 1 - now);
    } else {
      costAskedAt.current = now;
      const step = snapshot.step;
      costAskedFor.current = step;
      void surface
        .costAt(snapshot.spec, snapshot.params.slice())
        .then((cost) => {
          const l = liveRef.current;
          if (cost === null || !l || l.step < step || useLab.getState().networkReplaced !== network) return;
          const costAt = { value: cost, step };
          if (l.step === step) {
            liveRef.current = { ...l, cost, lastCost: costAt };
            notifyLive();
          } else if ((l.lastCost?.step ?? -1) < step) liveRef.current = { ...l, lastCost: costAt };
          else return;
          setLive(liveRef.current);
        })
        .catch(() => {});
    }
    maybeFollow(c, snapshot.step);
  }

  function maybeFollow(c: PlaneCoordinates, step: number): void {
    const o = optionsRef.current;
    const grid = shownRef.current?.grid;
    if (!o.follow || o.kind === 'optimisers' || computingRef.current || !grid || grid.stride !== 1) return;
    // following redraws the slice on show; a slice the student has chosen but not computed waits for Compute
    const shownFor = shownForRef.current;
    if (!shownFor || differentSlice(shownFor, o)) return;
    const halfA = (grid.alphaMax - grid.alphaMin) / 2;
    const halfB = (grid.betaMax - grid.betaMin) / 2;
    const outside =
      c.alpha < grid.alphaMin || c.alpha > grid.alphaMax || c.beta < grid.betaMin || c.beta > grid.betaMax;
    const far = c.distance > FAR * Math.min(halfA, halfB) * (o.kind === 'weights' ? Infinity : 1);
    const now = performance.now();
    const grown = pathGrown(shownRef.current, step);
    if (!(outside || far || grown)) return;
    // a path that only grew waits twice as long as its last picture took: early in Play it outgrew
    // each picture (3-5 s of the surface worker) before the next was done, back to back beside training
    const every =
      outside || far ? AUTO_EVERY_MS : Math.max(AUTO_EVERY_MS, 2 * (shownRef.current?.timing?.totalMs ?? 0));
    if (now - lastAuto.current > every) {
      lastAuto.current = now;
      void computeRef.current();
    } else recheckSoon(lastAuto.current + every + 1 - now);
  }

  useEffect(() => {
    alive.current = true;
    const unsubscribe = useLab.subscribe((s, prev) => {
      if (s.panelSnapshot !== prev.panelSnapshot) updateLive();
    });
    return () => {
      alive.current = false;
      unsubscribe();
      if (recheck.current) clearTimeout(recheck.current.timer);
      recheck.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    shown,
    shownFor,
    shownPair,
    status,
    live,
    liveRef,
    trailRef,
    onLiveChange,
    compute,
    cancel,
    weights,
    picked,
  };
}
