import { useMemo, useState } from 'react';
import { exampleGradient, neuronNudges, type Network } from '../../engine';
import { sig, signed } from '../controls/format';
import { indexOfLargestAbs } from '../../protocol/numbers';
import { SignedMap } from './SignedMap';

const RATES = [0.1, 0.5, 1, 2] as const;

export interface TeachItProps {
  net: Network;
  /** The 28x28 input the network sees. */
  input: Float32Array;
  /** The digit the network reads now. */
  reading: number;
  /** Applies one SGD step on (input, label); null when it cannot, with `applyNote` saying why. */
  onApply: ((label: number, learningRate: number) => void) | null;
  applyNote: string;
  /** SGD steps taught so far on this network (shown with a reset). */
  taught: number;
  onReset: (() => void) | null;
  /** The digit it is known to be (a test digit put on the pad): "I meant" starts there. */
  knownLabel?: number | null;
}

/**
 * "Teach it": pick the digit you meant; see what this one example asks of every output
 * neuron (its wish, -dC/dz) and of one neuron's three ways (bias; weights in proportion
 * to a_k; previous activations in proportion to w_jk); apply one SGD step.
 */
export function TeachIt({ net, input, reading, onApply, applyNote, taught, onReset, knownLabel = null }: TeachItProps) {
  const [label, setLabel] = useState<number | null>(knownLabel);
  const [rate, setRate] = useState<number>(0.1);
  const [pick, setPick] = useState<{ layer: number; j: number } | null>(null);
  const L = net.spec.sizes.length - 1;

  const example = useMemo(() => (label === null ? null : exampleGradient(net, input, label)), [net, input, label]);

  // default neuron (j < 0): the meant digit's output neuron; in a hidden layer, the one with the largest wish
  const layer = pick?.layer ?? L;
  const j =
    pick && pick.j >= 0 ? pick.j : layer === L || !example ? (label ?? 0) : indexOfLargestAbs(example.delta[layer]);
  const nudges = useMemo(
    () => (example ? neuronNudges(net, example.trace, example.delta, layer, j) : null),
    [net, example, layer, j],
  );

  return (
    <section className="teach" aria-label="Teach it">
      <h3>Teach it</h3>
      <div className="teach-labels" role="group" aria-label="The digit you meant">
        <span className="hint">I meant</span>
        {Array.from({ length: 10 }, (_, d) => (
          <button
            key={d}
            type="button"
            aria-pressed={label === d}
            data-testid={`teach-label-${d}`}
            onClick={() => {
              setLabel(d);
              setPick(null);
            }}
          >
            {d}
          </button>
        ))}
      </div>
      {example && label !== null && nudges ? (
        <>
          <p className="hint">
            cost of this example C = <b>{sig(example.cost, 3)}</b>
            {reading === label ? ' (already read right; a step makes it surer)' : ''}. Each output neuron&apos;s wish
            for its z is −∂C/∂z:
          </p>
          <ol className="teach-wishes" aria-label="Output wishes, minus dC/dz">
            {Array.from(example.delta[L], (d, k) => {
              const wish = -d;
              const width = Math.min(1, Math.abs(wish)) * 50;
              const shown = Math.abs(wish) < 0.005 ? '0' : signed(wish, 3);
              return (
                <li key={k}>
                  <button
                    type="button"
                    aria-pressed={layer === L && j === k}
                    title={`neuron ${k}: wish −∂C/∂z = ${sig(wish, 4)}`}
                    // its digit and value ran together as "7 +1.00" (a keyboard review)
                    aria-label={`output ${k}: wish ${shown}`}
                    onClick={() => setPick({ layer: L, j: k })}
                  >
                    <span className="draw-bar-digit">{k}</span>
                    <span className="wish-track">
                      <span
                        className={wish >= 0 ? 'wish-fill pos' : 'wish-fill neg'}
                        style={wish >= 0 ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }}
                      />
                    </span>
                    <span className="draw-bar-value">{shown}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          <details className="teach-ways">
            <summary>
              Three ways for {layer === L ? 'output' : `layer ${layer}`} neuron {j}
            </summary>
            <label className="field inline">
              layer
              <select value={layer} onChange={(e) => setPick({ layer: Number(e.target.value), j: -1 })}>
                {Array.from({ length: L }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    {i + 1 === L ? `${L} (output)` : i + 1}
                  </option>
                ))}
              </select>
              neuron
              <select value={j} onChange={(e) => setPick({ layer, j: Number(e.target.value) })}>
                {Array.from({ length: net.spec.sizes[layer] }, (_, k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <p className="hint">
              wish for z: −δ = <b>{signed(nudges.desired, 3)}</b>. 1. bias: Δb ∝ −δ = <b>{signed(nudges.bias, 3)}</b>
            </p>
            <div className="teach-way">
              <span className="hint">2. weights wᵢ, in proportion to aᵢ (the inputs that are lit):</span>
              {layer === 1 ? (
                <SignedMap
                  values={nudges.weights}
                  cols={28}
                  rows={28}
                  cell={3}
                  label="Weight nudges on the 28x28 input"
                />
              ) : (
                <SignedMap
                  values={nudges.weights}
                  cols={nudges.weights.length}
                  rows={1}
                  cell={12}
                  label="Weight nudges"
                />
              )}
            </div>
            <div className="teach-way">
              <span className="hint">
                3. {layer === 1 ? 'pixels aᵢ (fixed: they are the input)' : `layer ${layer - 1} activations aᵢ`}, in
                proportion to wᵢ:
              </span>
              {layer === 1 ? (
                <SignedMap values={nudges.activations} cols={28} rows={28} cell={3} label="Wished pixel changes" />
              ) : (
                <SignedMap
                  values={nudges.activations}
                  cols={nudges.activations.length}
                  rows={1}
                  cell={12}
                  label="Wished activation changes"
                />
              )}
            </div>
          </details>
          <div className="teach-apply">
            <label className="field inline">
              α
              <select
                value={rate}
                onChange={(e) => setRate(Number(e.target.value))}
                aria-label="Learning rate for this step"
              >
                {RATES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="primary"
              data-testid="teach-step"
              disabled={!onApply}
              onClick={() => onApply?.(label, rate)}
            >
              Apply one step
            </button>
            {onReset && taught > 0 ? (
              <button type="button" onClick={onReset} title="Back to the shipped pretrained weights">
                Undo {taught}
              </button>
            ) : null}
          </div>
          {applyNote ? <p className="hint">{applyNote}</p> : null}
        </>
      ) : (
        <p className="hint">Pick the digit you meant to see what this drawing asks of the network.</p>
      )}
    </section>
  );
}
