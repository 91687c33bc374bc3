import { useMemo, useRef } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { SPEEDS, type Speed } from '../../protocol/settings';
import { useLab } from '../../store/lab-store';
import { openLessonStep } from '../lesson/open-step';
import { focusLessonTitle } from '../lesson/lesson-focus';
import { goToBottomPanel } from '../motion';
import { goDraw } from '../draw-pad/reveal';
import { CostSparkline } from './CostSparkline';
import { StepButton } from './StepButton';
import { PlayButton } from './PlayButton';
import { TrainDock } from './TrainDock';
import { unavailableWhile } from '../unavailable';
import { count, percent, sig } from './format';
import { format } from 'd3';
import { emaSmooth, smoothingFor } from '../../render/charts/series';

/** The cost chart's smoothed line at its last point (the number its legend gives); NaN if none. */
function smoothedCost(values: Float32Array): number {
  return emaSmooth(values, smoothingFor(values.length)).at(-1) ?? NaN;
}

function speedLabel(s: Speed): string {
  return s === 'max' ? 'max' : `${s}/s`;
}

/** Reset, with an Undo in its notice (one Undo on screen: the worker keeps only what the last Reset threw away). */
function resetWithUndo(): Promise<number | null> {
  return trainer.withUndo(
    () => trainer.reset(),
    (update, updates) => `Reset: back to the starting weights; ${update} update${updates === 1 ? '' : 's'} undone.`,
    'Reset undone',
  );
}

/** Play, the three kinds of step, reset, speed, and the headline numbers. */
export function Controls() {
  // while playing, the numbers follow the panels' pace (4/s): redrawing them at every snapshot
  // only adds raster work in software-rendered Chromium, and no one reads 20 counts a second
  const snapshot = useLab((s) => (s.snapshot?.playing ? (s.panelSnapshot ?? s.snapshot) : s.snapshot));
  const steppingBatch = useLab((s) => s.steppingBatch);
  // the cost's trend, once per cost history (not on every render of the controls)
  const costValues = snapshot?.costValues;
  const trend = useMemo(() => (costValues ? smoothedCost(costValues) : NaN), [costValues]);
  // the example just stepped, while its batch is still being stepped
  const stepped = useLab((s) =>
    s.snapshot && s.snapshot.batchStepped > 0 && !s.snapshot.playing ? s.lastExample : null,
  );
  const busy = useLab((s) => s.busy);
  const speed = useLab((s) => s.settings.speed);
  const batchSetting = useLab((s) => s.settings.batchSize);
  const disabled = snapshot === null;
  const latest = snapshot?.epochs.at(-1);
  const batchDone = snapshot !== null && snapshot.batchStepped >= snapshot.batchSize;
  const inLesson = useLab((s) => s.lesson !== null);
  const buttons = useRef<HTMLDivElement>(null);
  return (
    <div className="controls">
      {!inLesson && (
        <p className="start-lesson">
          New to backpropagation?{' '}
          <button
            type="button"
            className="link"
            data-testid="start-lesson"
            onClick={() => {
              // the link goes away with the lesson open: the focus goes to the step's title, not to the page
              focusLessonTitle();
              void openLessonStep(0);
            }}
          >
            Take the lesson: 15 steps through the lecture →
          </button>
        </p>
      )}
      <p className="hint">
        Train the network: one example, one batch, one epoch, or let it run. Or{' '}
        <button type="button" className="link" data-testid="go-draw" onClick={goDraw}>
          draw a digit for it to read ↓
        </button>
        <br />
        <button
          type="button"
          // on a line of its own: a finger's target on a phone (styles.css)
          className="link line-link"
          data-testid="go-charts"
          // (on a 1280 x 720 screen nothing else said the charts, the table and the surface are below)
          onClick={goToBottomPanel}
        >
          charts, table and surface below ↓
        </button>
      </p>
      <div ref={buttons} className="button-row">
        <PlayButton testId="play" />
        <button
          type="button"
          data-testid="reset"
          aria-label="Reset to the starting weights"
          title="Back to the network’s starting weights (the same random start, so a run can be repeated); Undo in the notice brings the training back"
          disabled={disabled}
          {...unavailableWhile(busy, () => void resetWithUndo())}
        >
          ↺ Reset
        </button>
      </div>
      <div className="button-row">
        <StepButton kind="example" testId="step-example" />
        <StepButton kind="batch" testId="step-batch" />
        <StepButton kind="epoch" testId="step-epoch" />
      </div>
      <label className="field">
        <span>speed</span>
        <select
          data-testid="speed"
          aria-label="Training speed in updates per second"
          value={String(speed)}
          onChange={(e) => void trainer.setSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as Speed))}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {snapshot ? (
        <p className="batch-progress" data-testid="batch-progress" translate="no">
          {snapshot.playing
            ? snapshot.batchSize === 1
              ? 'playing: one update per example'
              : `playing: one update per batch of ${count(snapshot.batchSize)} examples`
            : `batch: ${count(snapshot.batchStepped)} of ${count(snapshot.batchSize)} example${snapshot.batchSize === 1 ? '' : 's'} stepped`}
          {batchDone && !snapshot.playing ? ' — apply the update with Step batch' : ''}
          {/* shown only if it lasts (styles.css): full-batch GD on a large network took 5 s with no word */}
          {steppingBatch && !snapshot.playing && snapshot.batchSize - snapshot.batchStepped > 0 && (
            <span className="appears-late" data-testid="stepping-batch">
              {' '}
              — stepping the other {count(snapshot.batchSize - snapshot.batchStepped)}…
            </span>
          )}
        </p>
      ) : (
        // its line kept while the network is built: lines appearing above the draw pad then moved
        // the pad under the pen of a student already drawing
        <p className="batch-progress" translate="no">
          batch: - of {count(batchSetting)} example{batchSetting === 1 ? '' : 's'} stepped
        </p>
      )}
      {/* live numbers: a page translator would swap them for copies that stand still (translator-guard.ts) */}
      <dl className="readouts" translate="no">
        <div>
          <dt>updates</dt>
          <dd data-testid="step-count">{snapshot?.step ?? 0}</dd>
        </div>
        <div>
          {/* the epochs finished, and how far into the next ("epoch 1 · 0% done" just after Step epoch
              read as nothing done: a student's review) */}
          <dt>epochs done</dt>
          <dd data-testid="epoch-count">
            {snapshot ? (
              <>
                {snapshot.epoch}{' '}
                {/* full-batch GD: an epoch is one update, so "0% done" after every update said nothing
                    (on a line of its own: beside the count it ran past its column at 1280 px) */}
                {snapshot.batchSize >= snapshot.examplesPerEpoch && snapshot.positionInEpoch === 0 ? (
                  <small className="below">1 update per epoch</small>
                ) : (
                  // rounded down: 80 examples short of the end read "100% done" (a review)
                  <small className="below">
                    {Math.floor((100 * snapshot.positionInEpoch) / snapshot.examplesPerEpoch)}% into epoch{' '}
                    {snapshot.epoch + 1}
                  </small>
                )}
              </>
            ) : (
              <>
                {/* its second line kept while the network is built: the pad below moved 14 px (a
                    stroke under way went astray) */}
                - <small className="below">&nbsp;</small>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt title="mean cost of the examples of the latest update's batch (noisy: the chart smooths it)">
            cost C, last batch
          </dt>
          <dd data-testid="cost">{sig(snapshot?.cost)}</dd>
          {/* the trend beside the noise: one batch's cost rose while accuracy rose (0.088, then 0.48),
              which a student read as "the cost now"; the chart's smoothed line, the same number */}
          {Number.isFinite(trend) && (
            <dd className="cost-smoothed" data-testid="cost-smoothed">
              smoothed {format('.3~g')(trend)}
            </dd>
          )}
          {stepped && (
            <dd className="example-cost" title="the cost of the example just stepped, before any update">
              this example: <span data-testid="example-cost">{sig(stepped.cost)}</span>
            </dd>
          )}
        </div>
        <div>
          <dt title="on the 10,000 test images after the latest epoch">test accuracy</dt>
          {/* before the first update, the untrained network's (guessing: about 10%) */}
          {!latest && snapshot?.step === 0 && snapshot.untrained ? (
            <dd data-testid="accuracy" title="the untrained network, on the 10,000 test images: it guesses">
              {/* its own line: beside the number it ran past the panel's edge ("untraine") */}
              {percent(snapshot.untrained.testAccuracy)} <small className="below">untrained</small>
            </dd>
          ) : (
            <dd data-testid="accuracy">
              {percent(latest?.testAccuracy)}
              {/* the "untrained" line's place, while the network is built (see batch-progress) */}
              {!snapshot && <small className="below">not built yet</small>}
            </dd>
          )}
          {/* when it was measured: a bare "-" after the first update read as a number lost; and the
              line keeps the box's height from "untrained" on */}
          {snapshot && !(!latest && snapshot.step === 0 && snapshot.untrained) && (
            <dd className="accuracy-when" data-testid="accuracy-when">
              {/* an evaluation (an opened model file, saved mid-epoch): "after epoch 0" beside 92.5% read as wrong */}
              {!latest
                ? 'after the first epoch'
                : latest.seconds === null
                  ? `at update ${count(latest.step)}`
                  : `after epoch ${latest.epoch}`}
            </dd>
          )}
        </div>
        <div>
          <dt title="the schedule lowers α each epoch from its start value α₀">learning rate α now</dt>
          <dd data-testid="current-lr">{sig(snapshot?.learningRate)}</dd>
          {snapshot && snapshot.learningRate < snapshot.settings.learningRate * 1e-3 && (
            // decayed a thousandfold (0.7 per epoch: 20 epochs): playing on changes almost nothing
            <dd className="lr-faded" data-testid="lr-faded">
              under α₀ / 1000: the weights barely move
            </dd>
          )}
        </div>
        <div>
          <dt title="the worker's own training time for the last epoch, without the pauses a slow speed makes">
            epoch compute time
          </dt>
          <dd data-testid="epoch-time">{latest?.seconds != null ? `${latest.seconds.toFixed(2)} s` : '-'}</dd>
        </div>
      </dl>
      <CostSparkline snapshot={snapshot} />
      {/* its line kept while paused where the panels stack (styles.css): it came and went with Play
          and Pause, and the page above a phone's charts moved with it */}
      {snapshot?.playing ? (
        <p className="hint updates-rate" data-testid="updates-per-second">
          {/* gradient descent makes one update per epoch, under one a second: not rounded to 0 */}
          {/* one string: live under a page translator (React sets the whole text) */}
          {`${snapshot.updatesPerSecond >= 10 ? Math.round(snapshot.updatesPerSecond) : snapshot.updatesPerSecond.toFixed(1)} updates/s`}
        </p>
      ) : (
        <p className="hint updates-rate idle" aria-hidden="true">
          {'\u00a0'}
        </p>
      )}
      {!inLesson && <TrainDock buttons={buttons} />}
    </div>
  );
}
