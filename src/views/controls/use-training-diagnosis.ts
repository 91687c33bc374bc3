/**
 * What the training notices read from the store: a stall, a network still guessing and why, an
 * epoch that overshot, a layer mostly stuck, and which of them speaks (`notice`).
 */
import { useState } from 'react';
import { stuckActivationOf } from '../../engine';
import type { Settings } from '../../protocol/settings';
import type { Fault } from '../../protocol/snapshot';
import { useLab } from '../../store/lab-store';
import { chooseNotice, type NoticeKind } from './notice-words';
import {
  costStalled,
  FEW_UPDATES,
  fewUpdatesSpeaks,
  heldStall,
  notLearning,
  overshooting,
  sameStall,
  smallerBatch,
  STALL_UPDATES,
  stallSpeaks,
  type Overshoot,
  type Stall,
  whyGuessing,
  type WhyGuessing,
} from './stall';

export interface TrainingDiagnosis {
  step: number;
  fault: Fault | null;
  /** The stall said, held once seen. */
  stall: Stall | null;
  /** The last epoch's test accuracy when no better than guessing, else null. */
  guessing: number | null;
  epochCount: number;
  overshoot: Overshoot | null;
  /** Why it still guesses, as the notice says it (no "too small" while no gradient reaches the first layer). */
  why: WhyGuessing;
  /** The last epoch's stuck neurons as counted. */
  counted: WhyGuessing;
  sizes: number[];
  /** The stuck layer's own f: the output layer's σ (counted under mse), else the hidden one. */
  stuckActivation: Settings['activation'];
  cost: number | null;
  rateNow: number;
  updatesPerEpoch: number;
  lastTest: number | undefined;
  /** A smaller batch that makes enough updates, or null. */
  fewer: ReturnType<typeof smallerBatch>;
  /** The usual rate's own momentum, where it differs from the one in use. */
  usualWith: string;
  notice: NoticeKind | null;
  /** A notice or a divergence that blames steps too big. */
  tooBig: boolean;
}

export function useTrainingDiagnosis(settings: Settings): TrainingDiagnosis {
  const step = useLab((s) => s.snapshot?.step ?? 0);
  const fault = useLab((s) => s.snapshot?.fault ?? null);
  // the cost it sits at when training has stalled, else null: a scan of the last 200 updates'
  // history on each store change (cheap), and the bar re-renders only when the answer changes
  const stalledAt = useLab((s) =>
    s.panelSnapshot && costStalled(s.panelSnapshot.costSteps, s.panelSnapshot.costValues)
      ? s.panelSnapshot.costValues[s.panelSnapshot.costValues.length - 1]
      : null,
  );
  // no gradient reaching the first layer for as long: a hidden layer's ReLUs all off (batch 1 with
  // momentum 0.9 does it), where the cost still moves from example to example, so costStalled misses it
  const silent = useLab((s) => (s.panelSnapshot?.silentUpdates ?? 0) >= STALL_UPDATES);
  const cost = useLab((s) => s.panelSnapshot?.cost ?? null);
  const panelStep = useLab((s) => s.panelSnapshot?.step ?? 0);
  const shownEpochs = useLab((s) => s.panelSnapshot?.epochs ?? null);
  const seen: Stall | null =
    stalledAt !== null
      ? { kind: 'flat', cost: stalledAt, since: panelStep }
      : silent
        ? { kind: 'silent', since: panelStep }
        : null;
  // once shown the notice holds (a dead layer's count of silent updates restarts now and then)
  const [heldAt, setHeldAt] = useState<Stall | null>(null);
  const held = heldStall(heldAt, seen, panelStep, shownEpochs ?? []);
  if (!sameStall(held, heldAt)) setHeldAt(held);
  // the stall notice, unless "not learning" says more now
  const stall = held !== null && stallSpeaks(held, shownEpochs ?? []) ? held : null;
  // a whole epoch and still guessing: the cost may move, but the network is not learning
  const guessing = useLab((s) => notLearning(s.panelSnapshot?.epochs ?? []));
  const epochCount = shownEpochs?.length ?? 0;
  // an epoch read poorly at a rate far above this network's usual one (no divergence, no stall)
  const overshoot = shownEpochs ? overshooting(shownEpochs, settings) : null;
  // why it still guesses: its last epoch's stuck neurons (steps too big) or none (steps too small)
  const sizes = useLab((s) => s.panelSnapshot?.spec.sizes ?? null) ?? [];
  // the last update's gradient still reached the first layer: nothing dead, so few updates is the reason
  const alive = useLab((s) => (s.panelSnapshot?.silentUpdates ?? 0) === 0);
  // ("too small" says backprop's gradient gets through: not while none reaches the first layer)
  const counted = whyGuessing(shownEpochs?.[shownEpochs.length - 1], sizes);
  const why: WhyGuessing = counted.kind === 'too-small' && !alive ? { kind: 'unknown' } : counted;
  const stuckActivation =
    why.kind === 'wrecked' && sizes.length
      ? stuckActivationOf(why.layer, sizes, settings.activation)
      : settings.activation;
  const rateNow = useLab((s) => s.panelSnapshot?.learningRate ?? settings.learningRate);
  const updatesPerEpoch = useLab((s) => {
    const p = s.panelSnapshot;
    return p ? Math.ceil(p.examplesPerEpoch / Math.max(1, p.settings.batchSize)) : 1;
  });
  // (few updates is no excuse for a network whose neurons are stuck: gradient descent at α 100 was
  // told "not steps too big", and keeping α at α₀ diverged: a review)
  const healthy = alive && why.kind !== 'wrecked';
  const lastTest = shownEpochs?.[shownEpochs.length - 1]?.testAccuracy;
  const notice = chooseNotice(
    {
      stalled: stall !== null,
      'not-learning': guessing !== null && (step >= FEW_UPDATES || !healthy),
      'few-updates': guessing !== null && fewUpdatesSpeaks(step, epochCount, settings.schedule) && healthy,
      overshooting: overshoot !== null && guessing === null,
      // learning, but with most of a layer stuck: it makes do with the rest (a 4-layer ReLU net at α₀
      // 0.5 read 58.7% with 11 of 16 first-layer neurons dead, and nothing said why: a review)
      'stuck-layer':
        counted.kind === 'wrecked' && guessing === null && lastTest !== undefined && Number.isFinite(lastTest),
    },
    fault !== null,
  );
  // the usual rate's own momentum, where it differs: at μ 0.99 "10 times as far as the usual α = 0.0098"
  // compared a rate with itself, the factor being momentum's (a review)
  const usualWith =
    overshoot && overshoot.usualMomentum !== settings.momentum
      ? overshoot.usualMomentum > 0
        ? ` with momentum ${overshoot.usualMomentum}`
        : ' without momentum'
      : '';
  // steps too big (a stall, a wrecked network, a divergence): "Keep α at α₀", which raises α again,
  // goes (it stood beside "not learning … steps too big" after α₀ = 1 mid-training: a review)
  const tooBig =
    notice === 'stalled' ||
    notice === 'stuck-layer' ||
    (notice === 'not-learning' && why.kind !== 'too-small') ||
    fault !== null;
  return {
    step,
    fault,
    stall,
    guessing,
    epochCount,
    overshoot,
    why,
    counted,
    sizes,
    stuckActivation,
    cost,
    rateNow,
    updatesPerEpoch,
    lastTest,
    fewer: smallerBatch(settings),
    usualWith,
    notice,
    tooBig,
  };
}
