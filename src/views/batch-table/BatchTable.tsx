import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { Live } from '../live';
import { biasIndex, describeParam, paramIndex, type NetworkSpec, type ParamDescription } from '../../engine';
import { DigitCanvas } from '../samples/DigitCanvas';
import { signedScale } from '../../render/palette';
import { useLab, weightFits } from '../../store/lab-store';
import { count, sig, signed, signedList } from '../controls/format';
import { layerSup } from '../../protocol/names';
import { exampleShown } from '../network/displayed';
import { TABLE_COLUMNS } from '../../protocol/snapshot';
import { StepButton } from '../controls/StepButton';
import { currentBackprop, useInspectorState } from '../inspector/current';

const ROW = 20;
const VISIBLE = 14;

/** Width of each column pinned at the table's right (average, update, momentum part), px. */
const SUM_WIDTH = 88;

/**
 * Where a pinned column sits: `k` pinned columns to its right (styles.css pins them only where the
 * table is wide enough: on a phone three pinned columns and the names left no room for an example).
 */
function pinned(k: number): CSSProperties {
  return {
    ['--pin-right' as string]: `${k * SUM_WIDTH}px`,
    width: SUM_WIDTH,
    minWidth: SUM_WIDTH,
    maxWidth: SUM_WIDTH,
  };
}

/**
 * One notation for columns' rows in view: signedList of their largest |value|. Each cell on its
 * own read "+6.60×10⁻⁵" over "−0.000434" in one column (a maths review); the examples' columns and
 * their average share one, as a row is read across to its average (each column in its own,
 * "−0.334 +0.0194 +0.032" averaged to "−0.094" read as places gained and lost; a student's review).
 */
function columnFormat(
  rows: readonly number[],
  ...values: ((r: number) => number | undefined)[]
): (x: number) => string {
  let largest = 0;
  for (const value of values) {
    for (const r of rows) {
      const v = value(r);
      if (v !== undefined && Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
    }
  }
  return signedList(largest);
}

function Cell({
  v,
  max,
  shown,
  testId,
  chain,
  pin,
  edge,
}: {
  v: number | undefined;
  max: number;
  /** The column's notation (columnFormat). */
  shown: (x: number) => string;
  testId?: string;
  chain?: boolean;
  /** Pinned at the right, this many pinned columns from the edge (its tint laid over white). */
  pin?: number;
  /** The first pinned column. */
  edge?: boolean;
}) {
  const at = pin === undefined ? undefined : pinned(pin);
  // the first pinned column (the average) draws the line between the examples and the sums
  const sum = pin === undefined ? '' : edge ? 'sum edge' : 'sum';
  if (v === undefined) return <td className={`empty ${sum}`.trim()} style={at} />;
  const colour = tint(v / max);
  return (
    <td
      data-testid={testId}
      data-value={v}
      className={[chain ? 'chain-cell' : '', sum].join(' ').trim() || undefined}
      // on white (the panel's own colour), which a forced background (high contrast) would not be
      style={{ ...at, background: `linear-gradient(${colour}, ${colour}), white` }}
    >
      {shown(v)}
    </td>
  );
}

function tint(t: number): string {
  const c = signedScale(Math.max(-1, Math.min(1, t)));
  const a = Math.min(1, Math.abs(t)) * 0.55;
  return c.replace('rgb(', 'rgba(').replace(')', `,${a.toFixed(3)})`);
}

/** The jump list's entry for the parameter at the top of the table: "w2" (layer 2's weights) or "b2". */
function jumpValue(d: ParamDescription): string {
  return `${d.kind === 'bias' ? 'b' : 'w'}${d.layer}`;
}

/**
 * The row a jump goes to. The first layer's weights start at the middle of the image (a 28x28
 * input: row 14, from column 7), not at w₀,₀: the corner pixels are always black, so every
 * example's column read 0 there, a wall of zeros.
 */
function jumpRow(spec: NetworkSpec, value: string): number {
  const layer = Number(value.slice(1));
  if (value.startsWith('b')) return biasIndex(spec, layer, 0);
  return paramIndex(spec, layer, 0, layer === 1 ? middleInput(spec.sizes[0]) : 0);
}

/** The input a first-layer neuron's rows open at: row 14, column 7 of a 28x28 image (else the middle). */
function middleInput(n: number): number {
  const side = Math.round(Math.sqrt(n));
  return side * side === n ? (side >> 1) * side + (side >> 2) : n >> 1;
}

/**
 * The lecture's weight-matrix table: one row per parameter (all of them, scrolled
 * virtually), one column per example of the batch, then the average and the update.
 */
export function BatchTable() {
  const snapshot = useLab((s) => s.panelSnapshot);
  const columns = useLab((s) => s.batchColumns);
  const last = useLab((s) => s.lastExample);
  const update = useLab((s) => s.lastUpdate);
  const momentumAhead = useLab((s) => s.momentumAhead);
  const selected = useLab((s) => s.selectedNeuron);
  // the label of the batch's first column (else the example last stepped, else the next one): with
  // nothing selected the table opens on the weights into its output neuron, as the Nudges tab does,
  // not on w1[0][0..], the always-blank corner pixels whose gradients are all zero. Those rows stay
  // through the batch, so one row can be watched filling column by column (following each new
  // example's label, the table jumped at every step), and after Step batch, so the update can be
  // read beside the columns that asked for it.
  const label = useLab((s) =>
    s.batchColumns.length > 0
      ? s.batchColumns[0].example.label
      : s.lastExample
        ? s.lastExample.example.label
        : s.panelSnapshot
          ? exampleShown(s.panelSnapshot).label
          : null,
  );
  // the inspector's example (the one just stepped, a test digit, or the next one), whose digit its
  // Nudges tab shows with nothing selected
  const inspector = useInspectorState();
  // the weight whose row is outlined: the one picked, else the one the Chain rule tab explains
  const outlinedWeight = useLab((s) => s.selectedWeight ?? s.chainWeight);
  const chainProduct = useLab((s) => s.chainProduct);
  const nudges = useLab((s) => s.tableNudges);
  // the columns and the average as gradients ∂C/∂w, or as the nudges −∂C/∂w the lecture's table lists
  const sign = nudges ? -1 : 1;
  // the neuron of the weight the Chain rule tab shows (none while another tab is open)
  const chainTabWeight = useLab((s) => s.chainWeight);
  const [tabLayer, tabTo] = chainTabWeight ? [chainTabWeight.layer, chainTabWeight.to] : [-1, -1];
  const [top, setTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  // columns hidden at the right, under the pinned average: the 13th was cut mid-number there, with
  // nothing to say that the table scrolls sideways (a student's review at 1366 px, 32 columns)
  const [moreRight, setMoreRight] = useState(false);
  // the height the rows have under the sticky header (the thumbnails' row), for the room after the last row
  const [bodyHeight, setBodyHeight] = useState((VISIBLE - 1) * ROW);
  const measureRight = useCallback(() => {
    const box = scroller.current;
    if (!box) return;
    setMoreRight(box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? ROW;
    setBodyHeight(Math.max(ROW, box.clientHeight - head));
  }, []);
  // when the columns come and go, and when the box's width changes (the box comes with the network)
  const tableShown = Boolean(snapshot?.spec);
  useLayoutEffect(measureRight, [measureRight, columns.length, tableShown, update]);
  useEffect(() => {
    const box = scroller.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measureRight);
    observer.observe(box);
    return () => observer.disconnect();
  }, [measureRight, tableShown]);
  const spec = snapshot?.spec;
  const total = snapshot?.params.length ?? 0;

  // jump to the selected neuron's incoming weights (or the default's, on opening), far enough
  // down that the chain-rule tab's weight among them (its row outlined) is in view too
  const [wLayer, wTo, wFrom] = outlinedWeight
    ? [outlinedWeight.layer, outlinedWeight.to, outlinedWeight.from]
    : [-1, -1, -1];
  // the layer sizes, not the spec: every panel snapshot brings a new spec object, and a jump
  // on each would undo the student's own scrolling 4 times a second while playing
  const sizesKey = spec ? spec.sizes.join('-') : '';
  // a layer the student jumped to (or scrolled to) stays until the selection changes: a stepped
  // example (a new label) no longer pulls the table back to the chain-rule weight's rows
  const jumped = useRef<string | null>(null);
  const selectionKey = `${selected?.layer}:${selected?.index}:${sizesKey}:${wLayer}:${wTo}:${wFrom}:${tabLayer}:${tabTo}`;
  useEffect(() => {
    const box = scroller.current;
    if (!sizesKey || !box) return;
    if (jumped.current === selectionKey) return;
    jumped.current = null;
    const spec = { sizes: sizesKey.split('-').map(Number) };
    const L = spec.sizes.length - 1;
    // nothing selected: the chain-rule tab's neuron (its weight stays as examples are stepped), else the label's output
    const target =
      selected && selected.layer > 0
        ? selected
        : !selected && tabLayer > 0
          ? { layer: tabLayer, index: tabTo }
          : !selected && label !== null
            ? { layer: L, index: label }
            : null;
    if (!target) return;
    // a first-layer neuron's rows from the image's middle, as the jump list's: from w₀ they were
    // the always-black corner pixels, every example's column 0 (a review)
    const base = paramIndex(spec, target.layer, target.index, target.layer === 1 ? middleInput(spec.sizes[0]) : 0);
    const chain = wLayer === target.layer && wTo === target.index ? paramIndex(spec, wLayer, wTo, wFrom) : -1;
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? ROW;
    const fits = Math.max(1, Math.floor((box.clientHeight - head) / ROW) - 1);
    // the chain-rule tab's weight in view: at the bottom when past the rows that fit, at the top when before them
    box.scrollTop = (chain < 0 ? base : chain < base ? chain : chain - base >= fits ? chain - fits + 1 : base) * ROW;
  }, [selected, sizesKey, label, wLayer, wTo, wFrom, tabLayer, tabTo, selectionKey]);

  if (!snapshot || !spec) return <p className="hint">Waiting for the network…</p>;
  const average = update?.averageGradient ?? last?.runningAverage ?? null;
  const averageCount = update ? update.batchSize : last ? last.positionInBatch + 1 : 0;
  // averaged but not a column here (past the first TABLE_COLUMNS): the lecture's "…"
  const unseen = Math.max(0, averageCount - columns.length);
  const first = Math.max(0, Math.floor(top / ROW) - 2);
  const rows: number[] = [];
  // (the box is taller in the lesson on a tablet: as many rows as it shows)
  const shown = Math.max(VISIBLE, Math.ceil(bodyHeight / ROW) + 1);
  for (let i = first; i < Math.min(total, first + shown + 4); i++) rows.push(i);
  let max = 1e-12;
  for (const r of rows) {
    for (const c of columns) max = Math.max(max, Math.abs(c.gradient[r]));
    if (average) max = Math.max(max, Math.abs(average[r]));
  }
  // before Step batch, the momentum part the update will add, known from the batch's start (−α·μ·v),
  // while the batch, α and μ are still those it was worked out for
  const ahead =
    !update &&
    momentumAhead &&
    snapshot.batchStepped > 0 &&
    momentumAhead.update === snapshot.step &&
    momentumAhead.momentum === snapshot.settings.momentum &&
    momentumAhead.learningRate === snapshot.learningRate &&
    momentumAhead.values.length === total
      ? momentumAhead.values
      : null;
  let maxApplied = 1e-12;
  if (update) for (const r of rows) maxApplied = Math.max(maxApplied, Math.abs(update.applied[r]));
  if (ahead) for (const r of rows) maxApplied = Math.max(maxApplied, Math.abs(ahead[r]));
  // the lecture's names: its table numbers the parameters w₀ … w₁₃,₀₀₁, its chain rule writes w⁽ᴸ⁾
  const name = (i: number) => {
    const d = describeParam(spec, i);
    return (
      <>
        <span className="pidx">{count(i)}</span>
        {d.kind === 'bias' ? 'b' : 'w'}
        {layerSup(d.layer)}
        <sub>{d.kind === 'bias' ? d.j : `${d.j},${d.k}`}</sub>
      </>
    );
  };
  const momentumOn = snapshot.settings.momentum > 0;
  const formats = {
    // the examples' columns and their average: one notation
    examples: columnFormat(rows, ...columns.map((c) => (r: number) => sign * c.gradient[r]), (r) =>
      average ? average[r] : undefined,
    ),
    applied: columnFormat(rows, (r) => update?.applied[r]),
    momentum: columnFormat(rows, (r) => update?.momentumTerm[r] ?? ahead?.[r]),
  };
  const L = spec.sizes.length - 1;
  // the weight the chain-rule tab explains, marked so its column values can be found
  const chainRow =
    // (the table may draw a snapshot of another shape than the store's selections were fitted to)
    outlinedWeight && weightFits(spec.sizes, outlinedWeight)
      ? paramIndex(spec, outlinedWeight.layer, outlinedWeight.to, outlinedWeight.from)
      : -1;

  // the parameter at the top of the view (the jump list shows its layer), and whose parameters the
  // rows in view are: with nothing selected the table stays on the batch's
  // first digit's output neuron while the Nudges tab follows each example's, and the two panels'
  // numbers looked unrelated (a laptop review)
  const inView = describeParam(spec, Math.min(total - 1, Math.floor(top / ROW)));
  const rowsOf =
    inView.kind === 'bias'
      ? `layer ${inView.layer}’s biases`
      : `the weights into ${inView.layer === L ? 'output' : `layer ${inView.layer}`} neuron ${inView.j}`;
  const firstDigit =
    !selected &&
    tabLayer <= 0 &&
    inView.kind === 'weight' &&
    inView.layer === L &&
    inView.j === label &&
    columns.length > 0;
  // the inspector, with nothing selected, shows its own example's digit (the one just stepped, else
  // the next one, or a test digit picked from the confusion matrix): said, with that example's name,
  // where it differs (output neuron 1 here beside the Nudges tab's "4" read as one neuron to a
  // student's review)
  const inspected = firstDigit ? currentBackprop(inspector) : null;
  const rowsWhy = !firstDigit
    ? ''
    : !inspected || inspected.label === label
      ? ', the first column’s digit (click a neuron for its own)'
      : `, the first column’s digit; the inspector shows output neuron ${inspected.label}, the digit of ${inspected.name} (click a neuron for one in both)`;

  return (
    <div className="batch-table" data-testid="batch-table">
      <div className="batch-head">
        {/* one short line, the rest on demand: four dense lines opened the tab at 1280 px (a review) */}
        <div className="hint batch-hint">
          <p className="batch-lead" data-testid="batch-lead">
            {nudges ? (
              <>
                Each column is one example’s nudges −∂C<sub>x</sub>/∂w (Step example fills one); Step batch moves every
                weight by α × their average
                {momentumOn && ' plus the momentum part'}.
              </>
            ) : (
              <>
                Each column is one example’s gradient ∂C<sub>x</sub>/∂w (Step example fills one); Step batch moves every
                weight by −α × their average
                {momentumOn && ' plus the momentum part'}.
              </>
            )}
            {snapshot.batchSize > TABLE_COLUMNS &&
              ` Only the first ${TABLE_COLUMNS} columns are shown; the average covers the whole batch.`}
          </p>
          <details className="batch-more-help" data-testid="batch-help">
            <summary>how to read the table</summary>
            <p>
              {nudges ? (
                <>
                  The columns are −∂C<sub>0</sub>/∂w, −∂C<sub>1</sub>/∂w, …, as on the lecture’s table and in the Nudges
                  tab: blue asks the weight to grow, orange to shrink. The update is α × their average, applied once per
                  batch
                  {momentumOn &&
                    ', plus the momentum part (its own column: the earlier updates’ direction, which can outweigh it)'}
                  .
                </>
              ) : (
                <>
                  The columns are ∂C<sub>0</sub>/∂w, ∂C<sub>1</sub>/∂w, …; the update uses their average, −α × average,
                  applied once per batch
                  {momentumOn && ', plus the momentum part (its own column)'}. A negative average gradient (orange)
                  means the cost falls as the parameter grows, so −α × average raises it
                  {momentumOn && ' (the momentum part, the earlier updates’ direction, can outweigh it)'}: the nudge in
                  the Nudges tab is −∂C/∂w (tick “as nudges” to see the table that way, as the lecture’s is).
                </>
              )}{' '}
              Step batch also runs the examples not yet stepped, each with its column: the average covers them all. Rows
              are the {count(total)} parameters in order, numbered 0 to {count(total - 1)} as on the lecture’s table:
              w⁽ˡ⁾<sub>j,k</sub> is the weight into neuron j of layer l (1 to {L}) from neuron k of layer l − 1; b⁽ˡ⁾
              <sub>j</sub> is neuron j’s bias.
            </p>
          </details>
        </div>
        <div className="batch-figures">
          {/* the controls' own buttons: this one's Step example, pressed with the batch all
              stepped, said why in a notice at the top of the page, out of sight (a review) */}
          <StepButton kind="example" testId="table-step-example" />
          <StepButton kind="batch" testId="table-step-batch" />
          <label title="Show each example’s nudges −∂C/∂w, as the lecture’s table does, instead of its gradient ∂C/∂w">
            <input
              type="checkbox"
              data-testid="table-nudges"
              checked={nudges}
              onChange={(e) => useLab.setState({ tableNudges: e.target.checked })}
            />{' '}
            as nudges −∂C/∂w
          </label>
          <label title="Layer 1's weights open at the image's middle (row 14, from column 7): its corner pixels are always black, so their rows are 0 for every example">
            jump to{' '}
            <select
              translate="no"
              data-testid="batch-jump"
              aria-label="Jump to a layer's parameters"
              value={jumpValue(inView)}
              onChange={(e) => {
                jumped.current = selectionKey;
                if (scroller.current) scroller.current.scrollTop = jumpRow(spec, e.target.value) * ROW;
              }}
            >
              {spec.sizes.slice(1).flatMap((_, i) => [
                <option key={`w${i}`} value={`w${i + 1}`}>
                  layer {i + 1} weights{i === 0 ? ' (from the image’s middle)' : ''}
                </option>,
                <option key={`b${i}`} value={`b${i + 1}`}>
                  layer {i + 1} biases
                </option>,
              ])}
            </select>
          </label>
        </div>
        {/* the texts on a line of their own under the controls: growing after Step batch, they
            wrapped the "jump to" onto a new line and moved the table ~40 px down */}
        <div className="batch-figures batch-status-line">
          <span data-testid="batch-status">
            {update && snapshot.batchStepped === 0
              ? // the columns are the applied batch's until the next Step example starts a new one
                `the batch just applied (${count(update.batchSize)} example${update.batchSize === 1 ? '' : 's'}): Step example starts the next`
              : // grouped as everywhere else ("batch 0/50000" beside the controls' 50,000)
                `batch ${count(snapshot.batchStepped)}/${count(snapshot.batchSize)} stepped`}
          </span>
          {columns.length === 0 && !update && (
            <span className="batch-empty" data-testid="batch-empty">
              No example of this batch stepped yet: Step example fills the first column.
            </span>
          )}
          {chainRow >= 0 && chainProduct && columns.some((c) => c.example.index === chainProduct.exampleIndex) && (
            <span className="chain-note" data-testid="chain-note">
              outlined: the Chain rule tab’s weight, product <Live>{signed(chainProduct.value, 3)}</Live> on{' '}
              <Live>{chainProduct.example}</Live>
              {nudges && <Live>, so its nudge is {signed(-chainProduct.value, 3)}</Live>}
            </span>
          )}
          {update && (
            <span data-testid="batch-cost-change">
              {/* to the same places ("2.34 → 2.308" had dropped a zero and looked less precise) */}
              {`batch cost ${sig(update.costBefore, 4, true)} → ${sig(update.costAfter, 4, true)} after the update`}
            </span>
          )}
          {/* its room kept when hidden: appearing, it could wrap the line and move the table down */}
          <span
            className="batch-more-right"
            data-testid="batch-more-right"
            style={{ visibility: moreRight ? 'visible' : 'hidden' }}
            aria-hidden={!moreRight}
          >
            more columns to the right: scroll the table sideways →
          </span>
        </div>
        {/* a line of its own, one line always (cut with an ellipsis): in the status line it wrapped
            that line after Step batch and moved the table 20 px */}
        <p
          className="batch-rows-of"
          data-testid="batch-rows-of"
          title={`rows here: ${rowsOf}${rowsWhy}`}
          translate="no"
        >
          rows here: {rowsOf}
          {rowsWhy}
        </p>
      </div>
      <div
        className="batch-scroll"
        ref={scroller}
        role="region"
        aria-label={nudges ? 'Nudges per parameter and example' : 'Gradients per parameter and example'}
        onScroll={(e) => {
          setTop(e.currentTarget.scrollTop);
          measureRight();
        }}
        // the student's own scrolling (wheel, scroll bar, keys) holds the place as a jump does
        onWheel={() => (jumped.current = selectionKey)}
        onPointerDown={() => (jumped.current = selectionKey)}
        onKeyDown={() => (jumped.current = selectionKey)}
      >
        {/* virtualised: only the rows in view are in the page, so the table says how many it has and
            where each row stands (else a screen reader counts only the rows in the page) */}
        <table aria-rowcount={total + 1} translate="no">
          <thead>
            <tr aria-rowindex={1}>
              <th className="pname">parameter</th>
              {columns.map((c) => (
                <th
                  key={c.positionInBatch}
                  // the column of the example the chain-rule note names, outlined as the note is
                  className={chainProduct?.exampleIndex === c.example.index ? 'chain-col' : undefined}
                  title={`example #${c.example.index}, label ${c.example.label}`}
                >
                  <DigitCanvas pixels={c.example.pixels} scale={1} className="thumb" />
                  {/* the picture is hidden from screen readers; the column is named in words */}
                  <span className="visually-hidden">
                    example #{c.example.index}, a {c.example.label}
                  </span>
                </th>
              ))}
              {unseen > 0 && (
                <th
                  className="more"
                  data-testid="batch-more"
                  title={`examples of this batch in the average that are not columns here: they come after the first ${TABLE_COLUMNS}`}
                >
                  +{unseen} more
                </th>
              )}
              {/* pinned at the right: with a column per example of the batch (32 by default), the
                  average and the update were a long scroll away from the examples' first columns */}
              <th className="avg sum edge" style={pinned(momentumOn ? 2 : 1)}>
                average ({count(averageCount)})
              </th>
              <th className="avg sum" style={pinned(momentumOn ? 1 : 0)}>
                update {nudges ? 'α' : '−α'}·avg{momentumOn ? ' + momentum' : ''}
                {/* α beside the column it scales: the controls' "learning rate α now" can be out of sight */}
                {update ? (
                  <>
                    {' '}
                    {/* whole on one line ("(α =" over "2)" at the panel's edge) */}
                    <span className="hint nowrap" data-testid="batch-alpha">
                      (α = {sig(update.learningRate)})
                    </span>
                  </>
                ) : (
                  // a line of its own under the name ("(at" had wrapped apart from "Step batch)"), at 11 px
                  // inside the column's 80 px in DejaVu Sans, and free to wrap in a wider font
                  <span className="hint sum-when">at Step batch</span>
                )}
              </th>
              {momentumOn && (
                <th className="sum" style={pinned(0)}>
                  momentum part
                  {ahead && (
                    <span className="hint" data-testid="momentum-ahead">
                      {' '}
                      (known now: −α·μ·v)
                    </span>
                  )}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            <tr style={{ height: first * ROW }} aria-hidden="true" />
            {rows.map((r) => (
              <tr
                key={r}
                style={{ height: ROW }}
                aria-rowindex={r + 2}
                className={chainRow === r ? 'chain-row' : isSelectedRow(spec, selected, r) ? 'selected-row' : ''}
                data-testid={chainRow === r ? 'chain-row' : undefined}
              >
                <th className="pname">{name(r)}</th>
                {columns.map((c) => (
                  <Cell
                    key={c.positionInBatch}
                    v={sign * c.gradient[r]}
                    max={max}
                    shown={formats.examples}
                    chain={chainRow === r && chainProduct?.exampleIndex === c.example.index}
                  />
                ))}
                {unseen > 0 && (
                  <td className="more" aria-hidden="true">
                    …
                  </td>
                )}
                <Cell
                  v={average ? sign * average[r] : undefined}
                  max={max}
                  shown={formats.examples}
                  testId={`avg-${r}`}
                  pin={momentumOn ? 2 : 1}
                  edge
                />
                <Cell
                  v={update?.applied[r]}
                  max={maxApplied}
                  shown={formats.applied}
                  testId={`applied-${r}`}
                  pin={momentumOn ? 1 : 0}
                />
                {momentumOn && (
                  <Cell
                    v={update?.momentumTerm[r] ?? ahead?.[r]}
                    max={maxApplied}
                    shown={formats.momentum}
                    pin={0}
                    testId={`momentum-${r}`}
                  />
                )}
              </tr>
            ))}
            {/* and room after the last row for the last layer's biases to reach the top (a jump to
                them stopped on a weight row, and the jump list went back to "weights"), but no
                more: scrolled to the end, the table showed its header over empty room (a review) */}
            <tr
              aria-hidden="true"
              style={{
                height:
                  Math.max(0, (total - first - rows.length) * ROW) + Math.max(0, bodyHeight - spec.sizes[L] * ROW),
              }}
            />
          </tbody>
        </table>
      </div>
    </div>
  );
}

function isSelectedRow(spec: NetworkSpec, selected: { layer: number; index: number } | null, row: number): boolean {
  if (!selected || selected.layer === 0) return false;
  const start = paramIndex(spec, selected.layer, selected.index, 0);
  const inputs = spec.sizes[selected.layer - 1];
  return (row >= start && row < start + inputs) || row === biasIndex(spec, selected.layer, selected.index);
}
