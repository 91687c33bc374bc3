/**
 * The settings bar's training notices (stalled, not learning, few updates, overshooting, a stuck
 * layer) and the divergence's: each says what went wrong in the lecture's words and offers the
 * settings that fix it. What they read is `useTrainingDiagnosis`'s.
 */
import { useEffect, useRef, useState } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { layerName, stuckPhrase } from '../../protocol/names';
import { dismissAction, useLab } from '../../store/lab-store';
import { scrollBehavior } from '../motion';
import { focusPlay } from './focus';
import { count, percent, sig } from './format';
import { afterEpochs, calmerSettings, calmerWords, momentumWords, overshotWords, withMomentum } from './notice-words';
import { applyPreset } from './Presets';
import { KEEP_START } from './rate-note';
import { flatPlaces, largerRate, saferRate, STALL_UPDATES, whyGuessing } from './stall';
import { startAgain } from './start-again';
import { useTrainingDiagnosis } from './use-training-diagnosis';

export function TrainingNotices() {
  const settings = useLab((s) => s.settings);
  const d = useTrainingDiagnosis(settings);
  const { fault, stall, guessing, epochCount, overshoot, why, counted, sizes, notice, fewer } = d;
  // what a stuck neuron of the stuck layer is, in the lecture's words
  const stuckWords = stuckPhrase(d.stuckActivation, true);
  const { grows: momentumGrows, note: momentumNote, parenthesis: growsWords } = momentumWords(settings.momentum);
  const overshot = overshotWords(settings.activation);
  useEffect(() => {
    if (d.tooBig) dismissAction(KEEP_START);
  }, [d.tooBig]);

  /**
   * The training notice shown (stalled, few updates, not learning, overshooting) is said once, as it
   * appears, from a hidden live region: live itself, its numbers changing each epoch were said again
   * and again (step 9 of the lesson: 18 alerts in 15 s, a screen-reader review).
   */
  const trainingNoticeBox = useRef<HTMLDivElement>(null);
  const noticeShown = useRef<string | null>(null);
  const [noticeSaid, setNoticeSaid] = useState<{ text: string; urgent: boolean }>({ text: '', urgent: false });
  // (said again when its diagnosis changes: "too small" and "too big" are opposite advice)
  const noticeSpoken = notice === 'not-learning' ? `not-learning-${why.kind}` : notice;
  useEffect(() => {
    if (noticeSpoken === noticeShown.current) return;
    noticeShown.current = noticeSpoken;
    // its words as first shown, read from the box (one text, not a second copy to keep in step)
    const box = trainingNoticeBox.current;
    setNoticeSaid({
      text: notice && box ? (box.textContent ?? '') : '',
      urgent: notice === 'stalled' || notice === 'not-learning',
    });
  }, [noticeSpoken]); // eslint-disable-line react-hooks/exhaustive-deps

  // a divergence pauses training and asks what next, at the top of the page: on a phone the student
  // was 1,500 px below, at Play, and saw only that it had stopped. Scrolled to, when out of sight.
  const faultBox = useRef<HTMLDivElement>(null);
  const faultMessage = fault?.message ?? null;
  useEffect(() => {
    const el = faultBox.current;
    if (!faultMessage || !el) return;
    const { top, bottom } = el.getBoundingClientRect();
    if (top < 0 || bottom > window.innerHeight) el.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  }, [faultMessage]);

  const calmer = calmerSettings(settings);
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
  /** Go back (when offered), then start again at a calmer rate: the notices that blame steps too big. */
  const startCalmerButtons = (testId: string) => (
    <>
      {goBack}
      <button type="button" data-testid={testId} onClick={startCalmer}>
        {goBack ? 'Or start again' : 'Start again'} with {calmerWords(calmer)}
      </button>
    </>
  );
  const restoredWrecked = whyGuessing(fault ?? undefined, sizes).kind === 'wrecked';
  const lowerAndGoOn = () => {
    focusPlay();
    void trainer.setSettings({ learningRate: saferRate(settings) }).then(() => trainer.togglePlay());
  };

  return (
    <>
      <p className="visually-hidden" role="alert" data-testid="training-notice-alert">
        {noticeSaid.urgent ? noticeSaid.text : ''}
      </p>
      <p className="visually-hidden" role="status" data-testid="training-notice-status">
        {noticeSaid.urgent ? '' : noticeSaid.text}
      </p>
      {notice === 'stalled' && stall && (
        <div className="fault" data-testid="stalled" ref={trainingNoticeBox}>
          {stall.kind === 'flat' ? (
            <p>
              Training has stalled: the cost has sat at C = {sig(stall.cost)} for the last {STALL_UPDATES}+ updates. The
              first steps were too big and pushed the neurons to where their slope f′(z) is 0 ({flatPlaces(settings)}
              ), so backprop finds no gradient, and a smaller α will not bring them back.
              {momentumNote}
            </p>
          ) : (
            <p data-testid="stalled-silent">
              {/* (held once seen: one example's gradient still gets through now and then) */}
              Training has stalled: by update {count(stall.since)}, {STALL_UPDATES}+ updates in a row had sent no
              gradient to the first layer. The ReLUs of a hidden layer are off for nearly every example (dead: ReLU′(z)
              = 0), so backprop changes almost nothing below them, and only the output’s biases still learn (C ={' '}
              {sig(d.cost)}, about a guess). The steps were too big for these settings{growsWords}, and a smaller α will
              not bring the neurons back.{momentumNote}
            </p>
          )}
          {startCalmerButtons('stalled-reset')}
        </div>
      )}
      {notice === 'few-updates' && guessing !== null && (
        // gradient descent (or a large batch): one update per epoch, each at a lower α; not dead neurons
        <div className="confirm" data-testid="few-updates" ref={trainingNoticeBox}>
          <p>
            Still guessing ({percent(guessing)} of the test digits), but after {epochCount} epoch
            {epochCount === 1 ? '' : 's'} the network has made only {d.step} update{d.step === 1 ? '' : 's'}: batch{' '}
            {count(settings.batchSize)} gives {d.updatesPerEpoch} per epoch
            {settings.schedule !== 'constant'
              ? `, and the schedule has lowered α after each epoch (now ${sig(d.rateNow)})`
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
      {notice === 'not-learning' && guessing !== null && (
        <div className="fault" data-testid="not-learning" data-why={why.kind} ref={trainingNoticeBox}>
          {/* its epochs and its own activation's way of failing: "after an epoch" at epoch 12, and dead ReLUs
              blamed in a tanh network (a review); steps too small when its neurons still respond (it
              blamed steps too big at α₀ = 0.00001 and offered the same rate again: a review) */}
          {why.kind === 'too-small' ? (
            <p>
              The network is not learning: after {afterEpochs(epochCount)} it reads {percent(guessing)} of the test
              digits, no better than guessing (10%). Yet its neurons still respond: no hidden layer is mostly{' '}
              {stuckPhrase(settings.activation, false)}, so backprop’s gradient gets through. The steps are too small,
              not too big: at α₀ = {settings.learningRate}
              {withMomentum(settings.momentum)} each update moves the weights too little to leave where they started.
            </p>
          ) : (
            <p>
              The network is not learning: after {afterEpochs(epochCount)} it reads {percent(guessing)} of the test
              digits, no better than guessing (10%). The steps were too big for these settings, and the neurons it needs
              are now {stuckWords}
              {why.kind === 'wrecked' ? `: ${why.stuck} of the ${why.size} in ${layerName(why.layer, sizes)}` : ''}, so
              backprop has almost no gradient to follow.{momentumNote}
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
      {notice === 'overshooting' && overshoot !== null && (
        <div className="confirm" data-testid="overshooting" ref={trainingNoticeBox}>
          {/* once the schedule has lowered α tenfold, the damage was the early epochs' (α₀): "epoch 50
              trained at α = 5×10⁻⁷ … steps that big overshoot" named a step too small to overshoot */}
          {overshoot.used < overshoot.started / 10 && overshoot.startTimes >= 2 ? (
            <p>
              After {epochCount} epochs the network reads only {percent(overshoot.accuracy)} of the test digits. It
              started at α₀ = {sig(overshoot.started)}
              {withMomentum(settings.momentum)}, steps about {Math.round(overshoot.startTimes)} times as far as this
              network’s usual α₀ = {overshoot.usualStart}
              {d.usualWith}. Steps that big overshoot the valley and {overshot}. The schedule has lowered α to{' '}
              {sig(overshoot.used)} since: steps too small to undo that.{momentumNote}
            </p>
          ) : (
            <p>
              After {epochCount} epoch{epochCount === 1 ? '' : 's'} the network reads only {percent(overshoot.accuracy)}{' '}
              of the test digits: epoch {overshoot.epoch} trained at α = {sig(overshoot.used)}
              {withMomentum(settings.momentum)}, steps about {Math.round(overshoot.times)} times as far as this
              network’s usual α = {sig(overshoot.usual)}
              {d.usualWith} at that epoch. Steps that big overshoot the valley and {overshot}.{momentumNote}
              {settings.schedule !== 'constant' ? ' The schedule lowers α each epoch, so it may recover, slowly.' : ''}
            </p>
          )}
          {counted.kind === 'wrecked' && (
            <p data-testid="overshooting-stuck">
              {counted.stuck} of the {counted.size} neurons in {layerName(counted.layer, sizes)} are now {stuckWords}{' '}
              for nearly every image: they no longer learn, and a smaller α will not bring them back.
            </p>
          )}
          <button type="button" data-testid="overshooting-reset" onClick={() => void startAgain(overshoot.restart)}>
            Start again with α₀ = {overshoot.restart}
          </button>
        </div>
      )}
      {notice === 'stuck-layer' && counted.kind === 'wrecked' && d.lastTest !== undefined && (
        <div className="confirm" data-testid="stuck-layer" ref={trainingNoticeBox}>
          <p>
            After {afterEpochs(epochCount)} the network reads {percent(d.lastTest)} of the test digits, but{' '}
            {counted.stuck} of the {counted.size} neurons in {layerName(counted.layer, sizes)} are {stuckWords} for
            nearly every image. Backprop sends them no gradient, so they no longer learn, and the network makes do with
            the other {counted.size - counted.stuck}. The first steps were too big for these settings{growsWords}, and a
            smaller α will not bring those neurons back.{momentumNote}
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
    </>
  );
}
