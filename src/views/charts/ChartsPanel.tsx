/** The charts tab: cost per update, accuracy per epoch, the learning rate, and the confusion matrix. */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { EpochRecord, RateChange } from '../../protocol/snapshot';
import { countOf, describeCell, type Cell } from '../../render/charts/confusion';
import { useLab, type EarlierRun } from '../../store/lab-store';
import { count } from '../controls/format';
import { earlierLabel } from './earlier-label';
import { scheduleRule } from './schedule-rule';
import { ConfusionDigits, isTestDigitProbe } from './ConfusionDigits';
import { ConfusionMatrix } from './ConfusionMatrix';
import { AccuracyChart, CostChart, LearningRateChart } from './LineCharts';
import { useStable } from './use-chart';
import './charts.css';

const NO_STEPS = new Float64Array(0);
const NO_VALUES = new Float32Array(0);
const NO_EPOCHS: EpochRecord[] = [];
const NO_RATES: RateChange[] = [];
/** The "now" marker moves in 1/200 of an epoch: finer than that no pixel shows. */
const SHARE_STEPS = 200;

function Card({
  title,
  hint,
  extra,
  children,
  className,
}: {
  title: string;
  /** One short line under the title (the confusion matrix says its own beside the matrix). */
  hint?: string;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <figure className={`chart-card ${className ?? ''}`}>
      <figcaption>
        <div className="chart-title">
          <h3>{title}</h3>
          {extra}
        </div>
        {hint && <p className="hint">{hint}</p>}
      </figcaption>
      {children}
    </figure>
  );
}

export function ChartsPanel() {
  const snapshot = useLab((s) => s.panelSnapshot);
  const [logScale, setLogScale] = useState(false);
  const earlierRun = useLab((s) => s.earlierRun);
  // beside a run of another batch size the x axis opens on examples seen: in updates, GD's 26
  // updates were a one-pixel spike at 0 beside SGD's 9,000 (a review). The student's choice holds
  // for that run (and before any).
  const [xChoice, setXChoice] = useState<{ run: EarlierRun | null; axis: 'updates' | 'examples' }>({
    run: null,
    axis: 'updates',
  });
  const earlier = earlierRun && snapshot ? earlierLabel(earlierRun.settings, snapshot.settings) : null;
  // shown unless its cost is another cost function's; the student's tick holds for that run
  const [earlierChoice, setEarlierChoice] = useState<{ run: EarlierRun; on: boolean } | null>(null);
  const showEarlier =
    earlierRun !== null && earlierChoice?.run === earlierRun ? earlierChoice.on : (earlier?.comparable ?? false);
  // (only while it is drawn: a run of another cost function is not, unless asked)
  const otherBatch =
    showEarlier &&
    earlierRun !== null &&
    snapshot !== null &&
    earlierRun.settings.batchSize !== snapshot.settings.batchSize;
  const xAxis = xChoice.run === earlierRun || !otherBatch ? xChoice.axis : 'examples';
  // what the cost chart draws of it (one object per run: the chart redraws when it changes)
  const earlierCost = useMemo(
    () =>
      earlierRun && { steps: earlierRun.steps, values: earlierRun.values, batchSize: earlierRun.settings.batchSize },
    [earlierRun],
  );
  const [selected, setSelected] = useState<Cell | null>(null);
  const close = useCallback(() => {
    setSelected(null);
    if (isTestDigitProbe(useLab.getState().probe)) useLab.setState({ probe: null });
  }, []);

  const rawEpochs = snapshot?.epochs ?? NO_EPOCHS;
  const evaluation =
    `${snapshot?.spec.seed}:${rawEpochs.length}:${rawEpochs.at(-1)?.step ?? -1}:${snapshot?.confusion ? 1 : 0}:` +
    `${snapshot?.untrained?.validationAccuracy}:${snapshot?.untrained?.testAccuracy}`;
  const epochs = useStable(rawEpochs, evaluation);
  const untrained = useStable(snapshot?.untrained ?? null, evaluation);
  // end-of-epoch records (an explicit evaluation has no epoch time)
  const epochEnds = useMemo(() => epochs.filter((r) => r.seconds !== null), [epochs]);
  const matrix = useStable(snapshot?.confusion ?? null, evaluation);
  const last = epochs.at(-1);
  const share = snapshot && snapshot.examplesPerEpoch > 0 ? snapshot.positionInEpoch / snapshot.examplesPerEpoch : 0;
  const rawSettings = snapshot?.settings ?? useLab.getState().settings;
  const settings = useStable(
    rawSettings,
    `${rawSettings.learningRate}:${rawSettings.schedule}:${rawSettings.decay}:${rawSettings.decayEvery}`,
  );

  return (
    <section className="charts-panel" data-testid="charts-panel" aria-label="Charts">
      <div className="charts-grid">
        <Card
          className="cost"
          title="Cost per update"
          hint="The mean cost C over each batch as gradient descent steps downhill: faint is each update (in a long run, the mean of a few), bold the smoothed line."
          extra={
            <label className="chart-option">
              <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log scale
            </label>
          }
        >
          <CostChart
            steps={snapshot?.costSteps ?? NO_STEPS}
            firsts={snapshot?.costFirsts ?? NO_STEPS}
            values={snapshot?.costValues ?? NO_VALUES}
            epochEnds={epochEnds}
            logScale={logScale}
            runaway={snapshot?.fault?.runaway ?? null}
            batchSize={snapshot?.settings.batchSize ?? 1}
            earlier={showEarlier ? earlierCost : null}
            xAxis={xAxis}
            updates={snapshot?.step ?? 0}
          />
          <div className="chart-foot">
            <label className="chart-option">
              x
              <select
                aria-label="Cost chart's x axis"
                data-testid="cost-x-axis"
                value={xAxis}
                onChange={(e) => setXChoice({ run: earlierRun, axis: e.target.value as 'updates' | 'examples' })}
              >
                <option value="updates">updates</option>
                <option value="examples">examples seen</option>
              </select>
            </label>
            {earlierRun && earlier && (
              <label className="chart-option earlier" title="The network a Reset or a new setting replaced">
                <input
                  type="checkbox"
                  data-testid="cost-earlier"
                  checked={showEarlier}
                  onChange={(e) => setEarlierChoice({ run: earlierRun, on: e.target.checked })}
                />
                <span data-testid="cost-earlier-label">{earlier.text}</span>
              </label>
            )}
          </div>
        </Card>
        <Card
          className="accuracy"
          title="Accuracy per epoch"
          hint="The share of digits read correctly after each epoch (epoch 0: untrained), on images it never trained on."
        >
          {/* from the untrained network (epoch 0, guessing), so the first epoch's jump shows */}
          <AccuracyChart records={epochs} untrained={untrained} />
        </Card>
        <Card className="lr" title="Learning rate α" hint={scheduleRule(settings)}>
          <LearningRateChart
            records={epochEnds}
            epoch={snapshot?.epoch ?? 0}
            epochRates={snapshot?.epochRates ?? NO_RATES}
            epochShare={Math.round(share * SHARE_STEPS) / SHARE_STEPS}
            currentRate={snapshot?.learningRate ?? settings.learningRate}
            schedule={settings}
          />
        </Card>
        <Card className="confusion" title="Confusion matrix (test set)">
          <div
            className="confusion-body"
            onKeyDown={(e) => {
              // Esc closes the digits of a cell (from the matrix or the digits themselves), and only
              // that (the app's Esc would also clear the selection); the focus goes back to the matrix
              if (e.key !== 'Escape' || !selected) return;
              e.preventDefault();
              const body = e.currentTarget;
              const inDigits = !!(
                document.activeElement && body.querySelector('.confusion-digits')?.contains(document.activeElement)
              );
              close();
              if (inDigits) body.querySelector<SVGSVGElement>('[data-testid=confusion-matrix]')?.focus();
            }}
          >
            {/* beside the matrix, not above it: the square matrix takes the card's height (its four-digit
                counts were 6 px tall in 21 px cells); gone while a cell's digits need the room */}
            {!(selected && matrix) && (
              <p className="hint confusion-hint">
                Row: the true digit; column: what the network read. Off the diagonal are mistakes: click one to see
                them.
              </p>
            )}
            <ConfusionMatrix matrix={matrix} selected={matrix ? selected : null} onSelect={setSelected} />
            {selected && matrix ? (
              <ConfusionDigits
                key={`${selected.label}:${selected.predicted}`}
                cell={selected}
                description={describeCell(matrix, selected)}
                total={countOf(matrix, selected)}
                evaluation={last ? `${epochs.length}:${last.step}` : ''}
                onClose={() => {
                  close();
                  // the × is gone with the digits: the focus goes back to the matrix (it fell to the page)
                  document.querySelector<SVGSVGElement>('[data-testid=confusion-matrix]')?.focus();
                }}
              />
            ) : (
              <p className="hint confusion-placeholder">
                {matrix && last
                  ? `Measured on the 10,000 test digits at update ${count(last.step)}.`
                  : 'Measured on the 10,000 test digits after each epoch.'}
              </p>
            )}
          </div>
        </Card>
      </div>
    </section>
  );
}
