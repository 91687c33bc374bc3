import { chainRule, paramIndex } from '../../engine';
import { useEffect } from 'react';
import { selectWeight, useLab, type NeuronRef, type WeightRef } from '../../store/lab-store';
import { columnEntry, columnThatAddsUp, fixed, indexOfLargestAbs } from '../../protocol/numbers';
import { sig } from '../controls/format';
import { activationName, layerSup, slopeName } from '../../protocol/names';
import { currentBackprop, inspectedNeuron, useInspectorState } from './current';
import { FD_STEP, finiteDifference, finiteDifferenceText } from './finite-difference';
import { PixelNote } from './PixelNote';
import { useTouchWords } from '../use-media';

/**
 * Which input the explained weight comes from, chosen without the mouse (the network's edges
 * are only clickable): a list of the previous layer's neurons, or a pixel's number.
 */
function FromPicker({
  layer,
  to,
  from,
  activations,
}: {
  layer: number;
  to: number;
  from: number;
  /** The previous layer's activations for this example: bright and dark inputs, to choose between. */
  activations: Float32Array;
}) {
  const count = activations.length;
  const choose = (k: number) => {
    if (Number.isInteger(k) && k >= 0 && k < count) selectWeight({ layer, to, from: k });
  };
  if (layer === 1)
    return (
      <input
        type="number"
        className="from-picker"
        data-testid="chain-from"
        aria-label={`Weight from pixel number, 0 to ${count - 1}`}
        min={0}
        max={count - 1}
        value={from}
        // an emptied box is not pixel 0
        onChange={(e) => e.target.value.trim() !== '' && choose(Number(e.target.value))}
      />
    );
  return (
    <select
      className="from-picker"
      data-testid="chain-from"
      aria-label={`Weight from neuron of layer ${layer - 1}`}
      value={from}
      onChange={(e) => choose(Number(e.target.value))}
    >
      {Array.from({ length: count }, (_, i) => (
        <option key={i} value={i}>
          {i} (a = {sig(activations[i], 3)})
        </option>
      ))}
    </select>
  );
}

/**
 * The weight chosen when none is picked, kept while the selection, the layer sizes and the network
 * (its update count never going back) stay: stepping
 * examples then shows the same weight's numbers, to compare across examples and with its row in
 * the table (lesson step 13), instead of jumping to each new example's strongest input.
 */
let defaultWeight: {
  selected: NeuronRef | null;
  sizes: string;
  step: number;
  replaced: number;
  weight: WeightRef;
} | null = null;

/**
 * The weight explained: the selected one, else the strongest input (on the example shown when
 * chosen) of the selected neuron, or of the true digit's output; it stays as examples are stepped.
 */
function explainedWeight(
  state: ReturnType<typeof useInspectorState>,
  current: NonNullable<ReturnType<typeof currentBackprop>>,
): WeightRef {
  if (state.selectedWeight) return state.selectedWeight;
  const sizes = current.net.spec.sizes.join('-');
  // an update count that went back is another network (a reset, new session, preset, import, or
  // the weights put back after a divergence): the weight is chosen afresh. The kept one explained
  // a weight into the old example's output, from an input dark on every example since, as all 0s
  // (the count of networks put in place other than by training covers what happened while this tab
  // was not drawn: a Reset and more training, an import, an Undo)
  const step = state.panelSnapshot?.step ?? 0;
  const replaced = useLab.getState().networkReplaced;
  if (
    defaultWeight &&
    defaultWeight.selected === state.selectedNeuron &&
    defaultWeight.sizes === sizes &&
    defaultWeight.replaced === replaced &&
    step >= defaultWeight.step
  ) {
    defaultWeight.step = step;
    return defaultWeight.weight;
  }
  const weight = pixelWeight(state, current) ?? strongestInput(inspectedNeuron(state, current), current);
  defaultWeight = { selected: state.selectedNeuron, sizes, step, replaced, weight };
  return weight;
}

/** The selected neuron's (else the true digit's output's) weight from its brightest input on this example. */
function strongestInput(n: NeuronRef, current: NonNullable<ReturnType<typeof currentBackprop>>): WeightRef {
  return { layer: n.layer, to: n.index, from: indexOfLargestAbs(current.result.trace.a[n.layer - 1]) };
}

/**
 * With an input pixel selected (it has no weight coming in), the weight from it into the
 * first-layer neuron with the largest |δ| on this example: of the pixel's outgoing weights, the
 * one whose gradient is largest when the pixel is lit (a dark pixel's are all 0).
 */
function pixelWeight(
  state: ReturnType<typeof useInspectorState>,
  current: NonNullable<ReturnType<typeof currentBackprop>>,
): WeightRef | null {
  const selected = state.selectedNeuron;
  if (selected?.layer !== 0 || selected.index >= current.net.spec.sizes[0]) return null;
  return { layer: 1, to: indexOfLargestAbs(current.result.delta[1]), from: selected.index };
}

/**
 * A lit pixel to try, for a weight from a black one: the brightest nearest the image's middle (the
 * digit's strokes), by number, as the box takes it.
 */
function litPixelWords(pixels: Float32Array): string {
  const side = Math.round(Math.sqrt(pixels.length));
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] < 0.5) continue;
    const d = Math.hypot((i % side) - side / 2, Math.floor(i / side) - side / 2);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best < 0
    ? ''
    : ` Pixel ${best} (row ${Math.floor(best / side)}, col ${best % side}), for one, is lit (${activationName(0, best)} = ${sig(pixels[best], 2)}): type its number in the box above to see a weight that matters for this example.`;
}

/** Puts the product in the store for the table, which outlines this weight's row (no output of its own). */
function ShareProduct({ value, example, exampleIndex }: { value: number; example: string; exampleIndex: number }) {
  useEffect(() => {
    useLab.setState({ chainProduct: { value, example, exampleIndex } });
  }, [value, example, exampleIndex]);
  useEffect(() => () => useLab.setState({ chainProduct: null }), []);
  return null;
}

/** dC/dw = dz/dw · da/dz · dC/da with live numbers, for any weight. */
export function ChainRulePanel() {
  const state = useInspectorState();
  const words = useTouchWords();
  const current = currentBackprop(state);
  const explained = current ? explainedWeight(state, current) : null;
  // the network view highlights the weight explained here
  const key = explained ? `${explained.layer}:${explained.to}:${explained.from}` : '';
  useEffect(() => {
    const [layer, to, from] = key.split(':').map(Number);
    useLab.setState({ chainWeight: key ? { layer, to, from } : null });
  }, [key]);
  useEffect(() => () => useLab.setState({ chainWeight: null }), []);
  if (!current || !explained) return <p className="hint">Waiting for the network…</p>;
  const { spec } = current.net;
  const L = spec.sizes.length - 1;
  const weight = explained;
  const { layer, to: j, from: k } = weight;
  const { trace, delta, grad } = current.result;
  const f = chainRule(current.net, trace, delta, layer, j, k, current.label);
  // the paths' terms to as many places as make them add up to the sum under them, which reads as ∂C/∂a above
  const column = f.paths
    ? columnThatAddsUp(
        f.paths.map((p) => p.term),
        f.dCda!,
      )
    : null;
  const index = paramIndex(spec, layer, j, k);
  const fd = finiteDifference(current.net, current.input, current.label, index);
  const isOutput = layer === L;
  const folded = f.dadz === null;
  // the slope's name in the factor row and in the "rounds to 0" note: σ′ at the (sigmoid) output
  const slope = isOutput ? 'σ′' : slopeName(spec.activation);
  const l = layerSup(layer);
  const lm1 = layerSup(layer - 1);
  // the lecture's symbols with this weight's own indices: w⁽ˡ⁾ from neuron k of layer l−1 to neuron j
  const w = (
    <>
      w{l}
      <sub>
        {j},{k}
      </sub>
    </>
  );
  const z = (
    <>
      z{l}
      <sub>{j}</sub>
    </>
  );
  const a = (
    <>
      a{l}
      <sub>{j}</sub>
    </>
  );
  return (
    <div className="chain-rule" data-testid="chain-rule-panel">
      <PixelNote
        selected={state.selectedNeuron}
        what="no weight comes into it."
        instead={
          !state.selectedWeight && weight.layer === 1
            ? `Below is its weight into neuron ${weight.to} of layer 1, the first-layer neuron with the largest |δ| on this example${
                trace.a[0][weight.from] === 0
                  ? '. The pixel is dark here (a⁽⁰⁾ = 0), so every weight from it has ∂C/∂w = 0: its first factor is 0.'
                  : '.'
              }`
            : undefined
        }
      />
      <p className="hint">
        {words(
          'How much does the cost C on this example (the lecture’s C₀) change if we nudge one weight? The chain rule multiplies the local rates of change along the way. Click any edge in the network to pick another weight, or choose where it comes from here.',
        )}
      </p>
      <ShareProduct value={f.product} example={current.name} exampleIndex={current.exampleIndex} />
      {/* notation and live numbers: not for a page translator (live.tsx) */}
      <p className="weight-name" data-testid="chain-weight" translate="no">
        w{l} from {layer === 1 ? 'pixel' : 'neuron'}{' '}
        <FromPicker layer={layer} to={j} from={k} activations={trace.a[layer - 1]} />{' '}
        {layer === 1 ? `(row ${Math.floor(k / 28)}, col ${k % 28})` : `of layer ${layer - 1}`} to{' '}
        {isOutput ? `output “${j}”` : `neuron ${j} of layer ${layer}`}: w = {sig(current.net.params[index])}
        <button type="button" className="link" onClick={() => selectWeight(null)} hidden={!state.selectedWeight}>
          clear
        </button>
      </p>
      <div className="equation">
        {/* each fraction whole on its line: it broke as "∂a⁽²⁾₅/" | "∂z⁽²⁾₅" at 1280 */}
        <p className="eq-line" translate="no">
          <span className="term">∂C/∂{w} =</span>{' '}
          {folded ? (
            <>
              <span className="term">
                ∂{z}/∂{w}
              </span>{' '}
              · <span className="term">∂C/∂{z}</span>
            </>
          ) : (
            <>
              <span className="term">
                ∂{z}/∂{w}
              </span>{' '}
              ·{' '}
              <span className="term">
                ∂{a}/∂{z}
              </span>{' '}
              · <span className="term">∂C/∂{a}</span>
            </>
          )}
        </p>
        <table className="factors" translate="no">
          <tbody>
            <tr>
              <th scope="row">
                ∂{z}/∂{w}
              </th>
              <td>
                a{lm1}
                <sub>{k}</sub>
              </td>
              <td data-testid="chain-dzdw">{sig(f.dzdw)}</td>
            </tr>
            {folded ? (
              <tr>
                <th scope="row">∂C/∂{z}</th>
                <td>
                  {a} − y<sub>{j}</sub>
                </td>
                <td data-testid="chain-dcdz">{sig(f.dCdz)}</td>
              </tr>
            ) : (
              <>
                <tr>
                  <th scope="row">
                    ∂{a}/∂{z}
                  </th>
                  <td>
                    {slope}({z})
                  </td>
                  <td data-testid="chain-dadz">{sig(f.dadz!)}</td>
                </tr>
                <tr>
                  <th scope="row">∂C/∂{a}</th>
                  <td>
                    {isOutput ? (
                      <>
                        2({a} − y<sub>{j}</sub>)
                      </>
                    ) : (
                      'Σ over paths'
                    )}
                  </td>
                  <td data-testid="chain-dcda">{sig(f.dCda!)}</td>
                </tr>
              </>
            )}
            <tr className="product">
              <th scope="row">∂C/∂{w}</th>
              <td title="of the unrounded factors: the rounded ones shown may multiply to a last digit off by one">
                product <span className="hint">(unrounded factors)</span>
              </td>
              <td data-testid="chain-product">{sig(f.product)}</td>
            </tr>
          </tbody>
        </table>
        {/* (a pixel chosen by itself says so in its own note, above) */}
        {f.dzdw === 0 && !(state.selectedNeuron?.layer === 0 && !state.selectedWeight) && (
          <p className="hint" data-testid="chain-dark">
            {/* 12 of the 16 second-layer ReLUs were off on an untrained network's first example: edge after
                edge read "product 0" with no word of why (a student's review) */}
            {`${
              layer === 1
                ? `Pixel ${k} is black in this image (${activationName(0, k)} = 0)`
                : `Neuron ${k} of layer ${layer - 1} is ${spec.activation === 'relu' ? 'off' : 'at 0'} for this example (${activationName(layer - 1, k)} = 0)`
            }: this weight multiplies 0, so nudging it changes nothing here, and the product is 0 whatever the other factors.` +
              // how to find one that does, with the picker there is (a number box for pixels, and a lit
              // one named: typing numbers at random found black ones); none, when the whole layer is 0,
              // nor when this neuron is off too (another input would not help: the note below says why)
              (f.dadz === 0
                ? ''
                : layer === 1
                  ? litPixelWords(trace.a[0])
                  : trace.a[layer - 1].some((v) => v !== 0)
                    ? ' Pick a neuron whose a is not 0 in the menu above to see a weight that matters for this example.'
                    : ` Every neuron of layer ${layer - 1} is 0 for this example, so no weight from it matters here${
                        spec.activation === 'relu'
                          ? ': its ReLUs are all off, and backprop’s gradient stops there.'
                          : '.'
                      }`)}
          </p>
        )}
        {f.dadz === 0 && (
          <p className="hint" data-testid="chain-off">
            {/* one string: a page translator's copy is replaced whole when it changes (live.tsx) */}
            {`${
              // by name: "this neuron" beside a note on neuron 0 of the layer before was either
              `${isOutput ? `Output ${j}` : `Neuron ${j} of layer ${layer}`} is ${
                !isOutput && spec.activation === 'relu'
                  ? 'off for this example (z ≤ 0, so ReLU′(z) = 0)'
                  : `saturated for this example (${slope}(z) rounds to 0)`
              }`
            }: nudging its incoming weights changes nothing here, so the product is 0 whatever the other factors. ` +
              'Other examples, where it responds, still move these weights.'}
          </p>
        )}
        {folded && (
          <p className="hint">
            {spec.loss === 'categorical-ce'
              ? 'With softmax and categorical cross-entropy the cost’s derivative and the softmax’s (each output a depends on all ten z) combine into the single factor ∂C/∂z = a − y.'
              : 'With a sigmoid and binary cross-entropy the derivative of the output’s σ(z) cancels against the cost’s, leaving the single factor ∂C/∂z = a − y.'}
          </p>
        )}
      </div>
      <dl className="kv">
        <dt>backprop gives</dt>
        <dd data-testid="chain-grad">{sig(grad[index])}</dd>
        <dt title={`(C(w+h) − C(w−h)) / (2h) with h = ${FD_STEP.toFixed(4)}, measured with a float64 forward pass`}>
          finite difference{' '}
          <span className="hint">(nudge w by ±{FD_STEP.toFixed(4)} and measure C: the two should agree)</span>
        </dt>
        <dd data-testid="chain-fd">{finiteDifferenceText(fd, grad[index])}</dd>
      </dl>
      {!isOutput && f.paths && (
        <div className="paths">
          <p className="hint">
            A hidden neuron reaches the cost along every path through the next layer, so ∂C/∂{a} = Σ<sub>j</sub> w
            {layerSup(layer + 1)}
            <sub>j,{j}</sub> δ{layerSup(layer + 1)}
            <sub>j</sub>, a sum over the {f.paths.length} neurons j of layer {layer + 1}:
          </p>
          <table className="paths-table" data-testid="chain-paths" translate="no">
            <thead>
              <tr>
                <th>via layer {layer + 1}</th>
                <th>w</th>
                <th>δ = ∂C/∂z</th>
                <th>w·δ</th>
              </tr>
            </thead>
            <tbody>
              {f.paths.map((p) => (
                <tr key={p.j2}>
                  <td>{layer + 1 === L ? `output ${p.j2}` : `neuron ${p.j2}`}</td>
                  <td>{sig(p.weight, 3)}</td>
                  <td>{sig(p.delta, 3)}</td>
                  {/* an exact 0 reads 0 and a term too small for the column's places ≈ 0 (columnEntry) */}
                  <td title={p.term === 0 ? undefined : sig(p.term, 3)}>{columnEntry(p.term, column)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>sum</td>
                <td data-testid="chain-paths-sum">{column ? fixed(column.total, column.decimals) : sig(f.dCda!, 3)}</td>
              </tr>
            </tfoot>
          </table>
          {!column && (
            <p className="hint">
              The terms nearly cancel: their sum is far smaller than any of them, so the rounded terms shown do not add
              up to it exactly.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
