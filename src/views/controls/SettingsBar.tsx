import { useEffect, useRef, useState } from 'react';
import { Live } from '../live';
import { trainer } from '../../bridge/trainer-bridge';
import {
  ACTIVATIONS,
  LOSSES,
  LOSS_NAMES,
  SCHEDULES,
  SETTINGS,
  changedSettings,
  describeSettings,
  resetsNetwork,
  spokenValue,
  type Settings,
} from '../../protocol/settings';
import { dismissAction, useLab } from '../../store/lab-store';
import { DraftSelect } from './DraftSelect';
import { applyPreset, setAsideNotice } from './Presets';
import { focusPlay } from './focus';
import { layerName } from '../../protocol/names';
import { stuckActivationOf } from '../../engine';
import { scrollBehavior } from '../motion';
import { KEEP_START, noteDecayedRate } from './rate-note';
import { count, percent, sig } from './format';
import {
  costStalled,
  FEW_UPDATES,
  fewUpdatesSpeaks,
  heldStall,
  largerRate,
  flatPlaces,
  smallerBatch,
  stuckPhrase,
  notLearning,
  overshooting,
  sameStall,
  saferRate,
  STALL_UPDATES,
  stallSpeaks,
  type Stall,
  whyGuessing,
  type WhyGuessing,
} from './stall';

type Field = Exclude<keyof Settings, 'speed' | 'seed'>;

/** The widest a settings field grows to show its value ("64-64-64-64" is 11; a longer α₀ scrolls in its field). */
const MAX_FIELD_CHARS = 12;
/** Above this momentum a training notice says it multiplies the steps, and starting again lowers it to USUAL_MOMENTUM. */
const HIGH_MOMENTUM = 0.95;
const USUAL_MOMENTUM = 0.9;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** From the starting weights again, at `learningRate` (and `momentum`, if given: after a stall or a divergence). */
async function startAgain(learningRate: number, momentum?: number): Promise<void> {
  focusPlay();
  if (useLab.getState().snapshot?.playing) await trainer.pause();
  const done = useLab.getState().snapshot?.step ?? 0;
  await trainer.setSettings(momentum === undefined ? { learningRate } : { learningRate, momentum });
  await trainer.reset();
  // an Undo, as Reset's: the network thrown away may still be worth keeping (it reads 37-85% at times)
  if (done > 0)
    trainer.offerUndo(
      `Started again at α₀ = ${learningRate}${momentum === undefined ? '' : `, μ = ${momentum}`}: ${count(done)} update${done === 1 ? '' : 's'} undone.`,
      'Start again undone',
    );
}

/** The settings in one line, for the folded bar on a phone: "16-16 relu · cross-entropy · α₀ 0.02 · batch 32". */
export function settingsSummary(s: Settings): string {
  const loss = s.loss === 'mse' ? 'squared error' : s.loss === 'binary-ce' ? 'binary CE' : 'cross-entropy';
  return `${s.hiddenLayers.join('-')} ${s.activation} · ${loss} · α₀ ${s.learningRate} · batch ${count(s.batchSize)}`;
}

/** The step schedule's period when it is chosen with the period still 1 (every 1 epoch is the exponential schedule). */
export const STEP_EVERY_CHOSEN = 3;

/**
 * The settings a schedule chosen from the menu asks for. "step" with a period of 1 epoch is the
 * exponential schedule, drawn the same (a review: a student switching between them saw no
 * difference), so choosing it sets the period to STEP_EVERY_CHOSEN epochs.
 */
export function scheduleChange(schedule: Settings['schedule'], settings: Settings): Partial<Settings> {
  return schedule === 'step' && settings.decayEvery === 1 ? { schedule, decayEvery: STEP_EVERY_CHOSEN } : { schedule };
}

/** The settings row in the header; changes that rebuild the network ask first. */
export function SettingsBar() {
  const settings = useLab((s) => s.settings);
  const step = useLab((s) => s.snapshot?.step ?? 0);
  // the count the controls show (at the panels' pace while playing), for the question to agree with it
  const shownStep = useLab((s) => s.panelSnapshot?.step ?? 0);
  const fault = useLab((s) => s.snapshot?.fault ?? null);
  // the cost it sits at when training has stalled, else null: a scan of the last 200 updates'
  // history on each store change (cheap), and this bar re-renders only when the answer changes
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
  const stall = heldStall(heldAt, seen, panelStep, shownEpochs ?? []);
  if (!sameStall(stall, heldAt)) setHeldAt(stall);
  // the stall notice, unless "not learning" says more now
  const stallSaid = stall !== null && stallSpeaks(stall, shownEpochs ?? []) ? stall : null;
  const stalled = stallSaid !== null;
  // a whole epoch and still guessing: the cost may move, but the network is not learning
  const guessing = useLab((s) => notLearning(s.panelSnapshot?.epochs ?? []));
  const epochCount = useLab((s) => s.panelSnapshot?.epochs.length ?? 0);
  // an epoch read poorly at a rate far above this network's usual one (no divergence, no stall)
  const panelEpochs = useLab((s) => s.panelSnapshot?.epochs ?? null);
  const overshoot = panelEpochs ? overshooting(panelEpochs, settings) : null;
  // why it still guesses: its last epoch's stuck neurons (steps too big) or none (steps too small)
  const sizes = useLab((s) => s.panelSnapshot?.spec.sizes ?? null);
  // the last update's gradient still reached the first layer: nothing dead, so few updates is the reason
  const alive = useLab((s) => (s.panelSnapshot?.silentUpdates ?? 0) === 0);
  // ("too small" says backprop's gradient gets through: not while none reaches the first layer)
  const counted = whyGuessing(panelEpochs?.[panelEpochs.length - 1], sizes ?? []);
  const why: WhyGuessing = counted.kind === 'too-small' && !alive ? { kind: 'unknown' } : counted;
  // the stuck layer's own f: the output layer's σ (counted under mse), else the hidden one
  const stuckActivation =
    why.kind === 'wrecked' && sizes ? stuckActivationOf(why.layer, sizes, settings.activation) : settings.activation;
  // what a stuck neuron of that layer is, in the lecture's words
  const stuckWords = stuckPhrase(stuckActivation, true);
  // "after an epoch", "after 12 epochs" (it said "after an epoch" at epoch 12: a review)
  const afterEpochs = epochCount === 1 ? 'an epoch' : `${count(epochCount)} epochs`;
  // what steps too big do to this activation's neurons ("saturation" is not a ReLU's way of failing)
  const overshotWords =
    settings.activation === 'relu'
      ? 'switch ReLUs off for every image, where f′(z) = 0 and they stop learning'
      : 'push neurons into saturation, where f′(z) is nearly 0 and they learn slowly';
  const rateNow = useLab((s) => s.panelSnapshot?.learningRate ?? settings.learningRate);
  const updatesPerEpoch = useLab((s) => {
    const p = s.panelSnapshot;
    return p ? Math.ceil(p.examplesPerEpoch / Math.max(1, p.settings.batchSize)) : 1;
  });
  /**
   * The training notice shown (stalled, few updates, not learning, overshooting) is said once, as it
   * appears, from a hidden live region: live itself, its numbers changing each epoch were said again
   * and again (step 9 of the lesson: 18 alerts in 15 s, a screen-reader review).
   */
  const trainingNoticeBox = useRef<HTMLDivElement>(null);
  const noticeShown = useRef<string | null>(null);
  const [noticeSaid, setNoticeSaid] = useState<{ text: string; urgent: boolean }>({ text: '', urgent: false });
  const showStalled = stallSaid !== null && !fault;
  // (few updates is no excuse for a network whose neurons are stuck: gradient descent at α 100 was
  // told "not steps too big", and keeping α at α₀ diverged: a review)
  const healthy = alive && why.kind !== 'wrecked';
  const showFewUpdates =
    guessing !== null && !stalled && !fault && fewUpdatesSpeaks(step, epochCount, settings.schedule) && healthy;
  const showNotLearning = guessing !== null && !stalled && !fault && (step >= FEW_UPDATES || !healthy);
  // the usual rate's own momentum, where it differs: at μ 0.99 "10 times as far as the usual α = 0.0098"
  // compared a rate with itself, the factor being momentum's (a review)
  const usualWith =
    overshoot && overshoot.usualMomentum !== settings.momentum
      ? overshoot.usualMomentum > 0
        ? ` with momentum ${overshoot.usualMomentum}`
        : ' without momentum'
      : '';
  // a batch that makes enough updates (its grey line stays on the cost chart, to compare)
  const fewer = smallerBatch(settings);
  const showOvershoot = overshoot !== null && guessing === null && !stalled && !fault;
  // learning, but with most of a layer stuck: it makes do with the rest (a 4-layer ReLU net at α₀ 0.5
  // read 58.7% with 11 of 16 first-layer neurons dead, and nothing said why: a review)
  const lastTest = panelEpochs?.[panelEpochs.length - 1]?.testAccuracy;
  const showStuckLayer =
    counted.kind === 'wrecked' &&
    guessing === null &&
    !stalled &&
    !fault &&
    lastTest !== undefined &&
    Number.isFinite(lastTest);
  const noticeKind = showStalled
    ? 'stalled'
    : showNotLearning
      ? 'not-learning'
      : showFewUpdates
        ? 'few-updates'
        : showOvershoot
          ? 'overshooting'
          : showStuckLayer
            ? 'stuck-layer'
            : null;
  // steps too big (a stall, a wrecked network, a divergence): "Keep α at α₀", which raises α again,
  // goes (it stood beside "not learning … steps too big" after α₀ = 1 mid-training: a review)
  const tooBig =
    noticeKind === 'stalled' ||
    noticeKind === 'stuck-layer' ||
    (noticeKind === 'not-learning' && why.kind !== 'too-small') ||
    !!fault;
  useEffect(() => {
    if (tooBig) dismissAction(KEEP_START);
  }, [tooBig]);
  // (said again when its diagnosis changes: "too small" and "too big" are opposite advice)
  const noticeSpoken = noticeKind === 'not-learning' ? `not-learning-${why.kind}` : noticeKind;
  useEffect(() => {
    if (noticeSpoken === noticeShown.current) return;
    noticeShown.current = noticeSpoken;
    // its words as first shown, read from the box (one text, not a second copy to keep in step)
    const box = trainingNoticeBox.current;
    setNoticeSaid({
      text: noticeKind && box ? (box.textContent ?? '') : '',
      urgent: noticeKind === 'stalled' || noticeKind === 'not-learning',
    });
  }, [noticeSpoken]); // eslint-disable-line react-hooks/exhaustive-deps
  const [pending, setPending] = useState<Partial<Settings> | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  /** A refused value: its field (marked invalid, described by the message) and the message. */
  const [refusal, setRefusal] = useState<{ key: Field; message: string } | null>(null);
  /** The fields unfolded (only folded on a phone). */
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const keepTraining = useRef<HTMLButtonElement>(null);
  // settings changed from elsewhere (a preset, New session, Undo, the lesson, the address): a
  // question or a half-typed value about the old ones no longer applies (Start over put the
  // asked-for tanh on top of a preset)
  const settingsKey = JSON.stringify({ ...settings, speed: null });
  /** A change this bar applied itself while a question waits (α₀): not one from elsewhere. */
  const ownChange = useRef(false);
  useEffect(() => {
    if (ownChange.current) {
      ownChange.current = false;
      return;
    }
    setPending(null);
    setDrafts({});
    // a refusal's "Kept 0.1" is no longer true once the settings changed (a preset, the lesson, a
    // field the schedule took away)
    setRefusal(null);
  }, [settingsKey]);
  /** The field whose change asked the question: the focus goes back to it once answered. */
  const askedFrom = useRef<HTMLElement | null>(null);
  const answered = () => {
    setPending(null);
    askedFrom.current?.focus();
  };
  // a change that rebuilds the network asks first: the keyboard's focus goes to the question's
  // safe answer, after this key press is over (an Enter that committed a field would otherwise
  // also press the button it lands on, and rebuild without asking)
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => keepTraining.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [pending]);

  // a divergence pauses training and asks what next, at the top of the page: on a phone the student
  // was 1,500 px below, at Play, and saw only that it had stopped. Scrolled to, when out of sight.
  const faultBox = useRef<HTMLDivElement>(null);
  const faultMessage = fault?.message ?? null;
  // steps too big: a rate that takes the usual step, and with momentum over 0.95 (each step up to
  // 1 / (1 − μ) times) μ = 0.9 too (σ at μ 0.99 went round "too big" and "too small": a review)
  const calmer =
    settings.momentum > HIGH_MOMENTUM
      ? { learningRate: saferRate({ ...settings, momentum: USUAL_MOMENTUM }), momentum: USUAL_MOMENTUM }
      : { learningRate: saferRate(settings) };
  const startCalmer = () => {
    dismissAction(KEEP_START);
    void startAgain(calmer.learningRate, calmer.momentum);
  };
  // a trained state from before the last settings change (α raised mid-training): going back keeps
  // what was learned, where starting again threw a network at 93% away (a review)
  const beforeChange = useLab((s) => s.snapshot?.beforeChange ?? null);
  const goBack = beforeChange && (
    <>
      <button
        type="button"
        data-testid="back-before-change"
        onClick={() => {
          focusPlay();
          // "Keep α at α₀ = 1" speaks of the rate going back undoes
          dismissAction(KEEP_START);
          void trainer.backToBeforeChange();
        }}
      >
        Go back to {beforeChange.what} (update {count(beforeChange.step)})
      </button>{' '}
    </>
  );
  const calmerWords = `α₀ = ${calmer.learningRate}${calmer.momentum === undefined ? '' : ` and μ = ${calmer.momentum}`}`;
  // one sentence for the training notices and the divergence's (null: momentum at most HIGH_MOMENTUM)
  const momentumGrows =
    settings.momentum > HIGH_MOMENTUM
      ? `Momentum μ = ${settings.momentum} lets each step grow up to 1 / (1 − μ) = ${Math.round(1 / (1 - settings.momentum))} times`
      : null;
  const momentumNote = momentumGrows ? ` ${momentumGrows}.` : '';
  // the same, in a parenthesis, for momentum up to HIGH_MOMENTUM (above it, momentumNote says it)
  const growsWords =
    settings.momentum > 0 && !momentumGrows
      ? ` (with momentum μ = ${settings.momentum} each step grows up to 1 / (1 − μ) times)`
      : '';
  /** Go back (when offered), then start again at a calmer rate: the notices that blame steps too big. */
  const startCalmerButtons = (testId: string) => (
    <>
      {goBack}
      <button type="button" data-testid={testId} onClick={startCalmer}>
        {goBack ? 'Or start again' : 'Start again'} with {calmerWords}
      </button>
    </>
  );
  const restoredWrecked = whyGuessing(fault ?? undefined, sizes ?? []).kind === 'wrecked';
  const lowerAndGoOn = () => {
    focusPlay();
    void trainer.setSettings({ learningRate: saferRate(settings) }).then(() => trainer.togglePlay());
  };
  useEffect(() => {
    const el = faultBox.current;
    if (!faultMessage || !el) return;
    const { top, bottom } = el.getBoundingClientRect();
    if (top < 0 || bottom > window.innerHeight) el.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  }, [faultMessage]);

  /** `from`: the field that asks (a text field commits on blur, when the focus is already on the page). */
  const propose = (wanted: Partial<Settings>, from?: HTMLElement) => {
    // a field set back to the value in use takes back what was asked about it
    const patch = changedSettings(wanted, settings);
    const back = (Object.keys(wanted) as (keyof Settings)[]).filter((k) => !(k in patch));
    if (back.length && pending && back.some((k) => k in pending)) {
      setPending((asked) => {
        const rest = { ...asked };
        for (const k of back) delete rest[k];
        return Object.keys(rest).length ? rest : null;
      });
    }
    if (Object.keys(patch).length === 0) return;
    // a decayed-α₀ notice speaks of the settings before this change
    dismissAction(KEEP_START);
    if (resetsNetwork(patch, settings) && step > 0) {
      askedFrom.current = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
      // a second field changed while the question waits joins it (it replaced the first, which
      // went back without a word)
      setPending((asked) => ({ ...(asked ?? {}), ...patch }));
    } else {
      // applied at once; a question still waiting about other fields stays
      if (pending) ownChange.current = true;
      void trainer.setSettings(patch).then(() => {
        if ('learningRate' in patch) noteDecayedRate(useLab.getState().settings);
      });
    }
  };

  /** Text fields commit on Enter or blur; a malformed value is refused with a message. */
  const commit = (key: Field, text: string, field: HTMLElement) => {
    // left without an edit (a refused value put back, then a click elsewhere): nothing to commit,
    // and a refusal's message stays. It went, the page moved up under the pointer between the
    // press and the release, and the click that left the field was lost
    if (drafts[key] === undefined) return;
    const value = SETTINGS[key].parse(text);
    setDrafts((d) => ({ ...d, [key]: undefined }));
    if (value === undefined) {
      setRefusal({
        key,
        message: `${capitalised(SETTINGS[key].label)} “${text}” is not allowed: use ${SETTINGS[key].allowed}. Kept ${spokenValue(key, settings[key])}.`,
      });
      return;
    }
    // a refusal stays until this field is set right (or dismissed), not until any field is left
    if (refusal?.key === key) setRefusal(null);
    propose({ [key]: value } as Partial<Settings>, field);
  };

  const text = (key: Field, testId: string, label: string, width = 5, unit?: string) => {
    // while the question waits, every field shows what was asked for, as the menus do (this
    // one went back to the old value while the question still named the new)
    const shown = drafts[key] ?? SETTINGS[key].format((pending?.[key] ?? settings[key]) as never);
    // wide enough for what it holds: "64-64-64-64" read "64-64-64-6", α₀ = 0.00001 read "0.0000" (a review)
    const chars = Math.min(Math.max(width, shown.length), MAX_FIELD_CHARS);
    return (
      <label className="field inline">
        <span>{label}</span>
        <input
          data-testid={testId}
          aria-label={
            unit
              ? `${SETTINGS[key].label}, in ${unit}`
              : label === SETTINGS[key].label
                ? label
                : `${label}, ${SETTINGS[key].label}`
          }
          aria-invalid={refusal?.key === key || undefined}
          aria-describedby={refusal?.key === key ? 'settings-error' : undefined}
          size={chars}
          style={{ width: `${chars + 2}ch` }}
          // "16-16" needs a minus: a phone's decimal keypad has none
          inputMode={key === 'hiddenLayers' ? 'text' : 'decimal'}
          value={shown}
          data-pending={pending?.[key] !== undefined || undefined}
          onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
          onBlur={(e) => commit(key, e.target.value, e.currentTarget)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(key, e.currentTarget.value, e.currentTarget);
          }}
        />
        {unit && <span>{unit}</span>}
      </label>
    );
  };

  return (
    <div className="settings-bar">
      {/* on a phone (styles.css) the fields fold behind one line that names them: eight fields took
          the first screen, 390 px, before the network (a review) */}
      <button
        type="button"
        className="settings-toggle"
        data-testid="settings-toggle"
        aria-expanded={fieldsOpen}
        aria-controls="settings-fields"
        onClick={() => setFieldsOpen((o) => !o)}
      >
        <span className="settings-toggle-name">Settings</span>
        <span className="settings-summary">{settingsSummary(settings)}</span>
        <span aria-hidden="true">{fieldsOpen ? '▴' : '▾'}</span>
      </button>
      <div className="settings-fields" id="settings-fields" data-open={fieldsOpen || undefined}>
        {text('hiddenLayers', 'hidden-layers', 'hidden', 8)}
        <label className="field inline">
          <span>activation</span>
          <DraftSelect
            data-testid="activation"
            aria-label="Hidden-layer activation function"
            value={pending?.activation ?? settings.activation}
            data-pending={pending?.activation !== undefined || undefined}
            onCommit={(v, from) => propose({ activation: v as Settings['activation'] }, from)}
          >
            {ACTIVATIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </DraftSelect>
        </label>
        <label className="field inline">
          <span>cost</span>
          <DraftSelect
            data-testid="loss"
            aria-label="Cost function"
            value={pending?.loss ?? settings.loss}
            data-pending={pending?.loss !== undefined || undefined}
            onCommit={(v, from) => propose({ loss: v as Settings['loss'] }, from)}
          >
            {LOSSES.map((l) => (
              <option key={l} value={l}>
                {LOSS_NAMES[l]}
              </option>
            ))}
          </DraftSelect>
        </label>
        {text('learningRate', 'learning-rate', 'α₀ (start)')}
        <label className="field inline">
          <span>schedule</span>
          <DraftSelect
            data-testid="schedule"
            aria-label="Learning-rate schedule per epoch"
            value={settings.schedule}
            onCommit={(v, from) => propose(scheduleChange(v as Settings['schedule'], settings), from)}
          >
            {SCHEDULES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </DraftSelect>
        </label>
        {settings.schedule === 'exponential' && text('decay', 'decay', 'decay ×/epoch', 4)}
        {settings.schedule === 'step' && (
          <>
            {text('decay', 'decay', 'decay ×', 4)}
            {/* "every [1]" said nothing of what it counts (a student's review) */}
            {text('decayEvery', 'decay-every', 'every', 2, 'epochs')}
          </>
        )}
        {text('momentum', 'momentum', 'momentum', 4)}
        {text('batchSize', 'batch-size', 'batch', 5)}
      </div>
      {pending && (
        <div
          className="confirm wraps"
          role="alertdialog"
          aria-label="Confirm reset"
          data-testid="confirm-reset"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // not also the page's Esc, which clears the network's selection
              e.preventDefault();
              answered();
            }
          }}
        >
          <span className="confirm-text">
            Changing {describeSettings(pending)} builds a new network and starts over from update 0 (now at{' '}
            <Live>{count(shownStep)}</Live>)
            {/* the others change the network itself; a batch size could apply at once, so it says why not */}
            {Object.keys(pending).length === 1 && 'batchSize' in pending
              ? ', so the two batch sizes are compared from the same start: the cost chart keeps this run as a grey line.'
              : '.'}
          </span>
          <button
            type="button"
            data-testid="confirm-reset-yes"
            onClick={() => {
              const patch = pending;
              answered();
              // said, and undoable, as a preset's rebuild is: nothing told a screen reader the network
              // was new, and the trained one was gone for good (a keyboard review)
              void trainer.setSettingsWithUndo(patch, (update) => setAsideNotice(patch, update));
            }}
          >
            Start over
          </button>
          <button type="button" ref={keepTraining} data-testid="confirm-reset-no" onClick={answered}>
            Keep training
          </button>
        </div>
      )}
      {refusal && (
        <div className="confirm" role="alert" data-testid="settings-error" id="settings-error">
          {refusal.message}
          <button type="button" aria-label="Dismiss" onClick={() => setRefusal(null)}>
            ×
          </button>
        </div>
      )}
      <p className="visually-hidden" role="alert" data-testid="training-notice-alert">
        {noticeSaid.urgent ? noticeSaid.text : ''}
      </p>
      <p className="visually-hidden" role="status" data-testid="training-notice-status">
        {noticeSaid.urgent ? '' : noticeSaid.text}
      </p>
      {showStalled && stallSaid && (
        <div className="fault" data-testid="stalled" ref={trainingNoticeBox}>
          {stallSaid.kind === 'flat' ? (
            <p>
              Training has stalled: the cost has sat at C = {sig(stallSaid.cost)} for the last {STALL_UPDATES}+ updates.
              The first steps were too big and pushed the neurons to where their slope f′(z) is 0 (
              {flatPlaces(settings)}
              ), so backprop finds no gradient, and a smaller α will not bring them back.
              {momentumNote}
            </p>
          ) : (
            <p data-testid="stalled-silent">
              {/* (held once seen: one example's gradient still gets through now and then) */}
              Training has stalled: by update {stallSaid.since.toLocaleString('en-US')}, {STALL_UPDATES}+ updates in a
              row had sent no gradient to the first layer. The ReLUs of a hidden layer are off for nearly every example
              (dead: f′(z) = 0), so backprop changes almost nothing below them, and only the output’s biases still learn
              (C = {sig(cost)}, about a guess). The steps were too big for these settings{growsWords}, and a smaller α
              will not bring the neurons back.{momentumNote}
            </p>
          )}
          {startCalmerButtons('stalled-reset')}
        </div>
      )}
      {showFewUpdates && guessing !== null && (
        // gradient descent (or a large batch): one update per epoch, each at a lower α; not dead neurons
        <div className="confirm" data-testid="few-updates" ref={trainingNoticeBox}>
          <p>
            Still guessing ({percent(guessing)} of the test digits), but after {epochCount} epoch
            {epochCount === 1 ? '' : 's'} the network has made only {step} update{step === 1 ? '' : 's'}: batch{' '}
            {count(settings.batchSize)} gives {updatesPerEpoch} per epoch
            {settings.schedule !== 'constant'
              ? `, and the schedule has lowered α after each epoch (now ${sig(rateNow)})`
              : ''}
            . Too few steps, not steps too big: gradient descent needs hundreds of updates.
            {settings.schedule !== 'constant'
              ? ' Keep α at α₀, or take a smaller batch.'
              : ' Take a smaller batch, or a larger α₀.'}
          </p>
          {settings.schedule !== 'constant' && (
            <button
              type="button"
              data-testid="few-updates-constant"
              onClick={() => void trainer.setSettings({ schedule: 'constant' })}
            >
              Keep α at α₀ = {settings.learningRate}
            </button>
          )}{' '}
          {fewer && (
            <button
              type="button"
              data-testid="few-updates-batch"
              onClick={() => {
                focusPlay();
                void applyPreset(fewer);
              }}
            >
              Start over with batch {count(fewer.batchSize)} and α₀ = {fewer.learningRate}
            </button>
          )}
        </div>
      )}
      {showNotLearning && guessing !== null && (
        <div className="fault" data-testid="not-learning" data-why={why.kind} ref={trainingNoticeBox}>
          {/* its epochs and its own activation's way of failing: "after an epoch" at epoch 12, and dead ReLUs
              blamed in a tanh network (a review); steps too small when its neurons still respond (it
              blamed steps too big at α₀ = 0.00001 and offered the same rate again: a review) */}
          {why.kind === 'too-small' ? (
            <p>
              The network is not learning: after {afterEpochs} it reads {percent(guessing)} of the test digits, no
              better than guessing (10%). Yet its neurons still respond: no hidden layer is mostly{' '}
              {stuckPhrase(settings.activation, false)}, so backprop’s gradient gets through. The steps are too small,
              not too big: at α₀ = {settings.learningRate}
              {settings.momentum > 0 ? ` with momentum ${settings.momentum}` : ''} each update moves the weights too
              little to leave where they started.
            </p>
          ) : (
            <p>
              The network is not learning: after {afterEpochs} it reads {percent(guessing)} of the test digits, no
              better than guessing (10%). The steps were too big for these settings, and the neurons it needs are now{' '}
              {stuckWords}
              {why.kind === 'wrecked'
                ? `: ${why.stuck} of the ${why.size} in ${layerName(why.layer, sizes ?? [])}`
                : ''}
              , so backprop has almost no gradient to follow.{momentumNote}
            </p>
          )}
          {why.kind === 'too-small'
            ? largerRate(settings) > settings.learningRate && (
                <button
                  type="button"
                  data-testid="not-learning-larger"
                  onClick={() => void startAgain(largerRate(settings))}
                >
                  Start again with α₀ = {largerRate(settings)}
                </button>
              )
            : startCalmerButtons('not-learning-reset')}
        </div>
      )}
      {showOvershoot && overshoot !== null && (
        <div className="confirm" data-testid="overshooting" ref={trainingNoticeBox}>
          {/* once the schedule has lowered α tenfold, the damage was the early epochs' (α₀): "epoch 50
              trained at α = 5×10⁻⁷ … steps that big overshoot" named a step too small to overshoot */}
          {overshoot.used < overshoot.started / 10 && overshoot.startTimes >= 2 ? (
            <p>
              After {epochCount} epochs the network reads only {percent(overshoot.accuracy)} of the test digits. It
              started at α₀ = {sig(overshoot.started)}
              {settings.momentum > 0 ? ` with momentum ${settings.momentum}` : ''}, steps about{' '}
              {Math.round(overshoot.startTimes)} times as far as this network’s usual α₀ = {overshoot.usualStart}
              {usualWith}. Steps that big overshoot the valley and {overshotWords}. The schedule has lowered α to{' '}
              {sig(overshoot.used)} since: steps too small to undo that.{momentumNote}
            </p>
          ) : (
            <p>
              After {epochCount} epoch{epochCount === 1 ? '' : 's'} the network reads only {percent(overshoot.accuracy)}{' '}
              of the test digits: epoch {overshoot.epoch} trained at α = {sig(overshoot.used)}
              {settings.momentum > 0 ? ` with momentum ${settings.momentum}` : ''}, steps about{' '}
              {Math.round(overshoot.times)} times as far as this network’s usual α = {sig(overshoot.usual)}
              {usualWith} there. Steps that big overshoot the valley and {overshotWords}.{momentumNote}
              {settings.schedule !== 'constant' ? ' The schedule lowers α each epoch, so it may recover, slowly.' : ''}
            </p>
          )}
          {counted.kind === 'wrecked' && (
            <p data-testid="overshooting-stuck">
              {counted.stuck} of the {counted.size} neurons in {layerName(counted.layer, sizes ?? [])} are now{' '}
              {stuckWords} for nearly every image: they no longer learn, and a smaller α will not bring them back.
            </p>
          )}
          <button type="button" data-testid="overshooting-reset" onClick={() => void startAgain(overshoot.restart)}>
            Start again with α₀ = {overshoot.restart}
          </button>
        </div>
      )}
      {noticeKind === 'stuck-layer' && counted.kind === 'wrecked' && lastTest !== undefined && (
        <div className="confirm" data-testid="stuck-layer" ref={trainingNoticeBox}>
          <p>
            After {afterEpochs} the network reads {percent(lastTest)} of the test digits, but {counted.stuck} of the{' '}
            {counted.size} neurons in {layerName(counted.layer, sizes ?? [])} are {stuckWords} for nearly every image.
            Backprop sends them no gradient, so they no longer learn, and the network makes do with the other{' '}
            {counted.size - counted.stuck}. The first steps were too big for these settings{growsWords}, and a smaller α
            will not bring those neurons back.{momentumNote}
          </p>
          {startCalmerButtons('stuck-layer-reset')}
        </div>
      )}
      {fault && (
        <div className="fault" role="alert" data-testid="fault" ref={faultBox}>
          <p>{fault.message}</p>
          {momentumGrows && <p data-testid="fault-momentum">{momentumGrows}: lower it too.</p>}
          {/* restored weights already wrecked (most of a layer stuck: tanh at α 50 had pinned every
              neuron before a weight ran away) cannot learn at any rate: starting again comes first */}
          {restoredWrecked ? (
            <>
              <button type="button" data-testid="fault-reset" onClick={() => void startAgain(saferRate(settings))}>
                Start again from the starting weights with α₀ = {saferRate(settings)}
              </button>{' '}
              <button type="button" data-testid="lower-lr" onClick={lowerAndGoOn}>
                Or lower α₀ to {saferRate(settings)} and go on anyway
              </button>
            </>
          ) : (
            <>
              <button type="button" data-testid="lower-lr" onClick={lowerAndGoOn}>
                Lower α₀ to {saferRate(settings)} and go on
              </button>{' '}
              <button type="button" data-testid="fault-reset" onClick={() => void startAgain(saferRate(settings))}>
                Or start again from the starting weights
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
