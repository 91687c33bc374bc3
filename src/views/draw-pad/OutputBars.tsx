import { activation } from '../controls/format';
import { decimalsToShow, outputText } from '../../render/network-nodes';

export interface OutputBarsProps {
  /** a^(L) for digits 0-9, or null while nothing is drawn. */
  outputs: Float32Array | null;
  /** Softmax probabilities (sum to 1) rather than sigmoid activations. */
  probabilities: boolean;
  /** The digit read (highlighted). */
  digit: number | null;
}

/** One bar per output neuron 0-9: what the network says about the drawing. */
export function OutputBars({ outputs, probabilities, digit }: OutputBarsProps) {
  const what = probabilities ? 'probability' : 'activation a';
  const decimals = outputs ? decimalsToShow(outputs, digit ?? 0) : 2;
  return (
    <figure className="draw-outputs" aria-label={`Output ${what} for each digit`}>
      {/* short above the bars, the rest under them: the four-line caption put digit 9's bar below
          the controls' fold at 1280x800 once a drawing was read (a laptop review) */}
      <figcaption className="hint">
        {probabilities ? 'outputs: softmax, summing to 1' : 'outputs: sigmoid a, need not sum to 1'}
      </figcaption>
      <ol className="draw-bars" data-testid="draw-outputs">
        {Array.from({ length: 10 }, (_, j) => {
          const v = outputs ? outputs[j] : 0;
          // as the network view writes the same outputs beside its output neurons (">0.99", "0.73"):
          // the pad said ">99.9%" and "72.6%" for them (a review); not sig's '4.8×10⁻¹⁰', which ran
          // past the column and read as 4.8×10⁻¹
          const text = outputs ? outputText(v, decimals) : '';
          return (
            <li
              key={j}
              className={j === digit ? 'top' : undefined}
              // ("1 − 2×10⁻⁵", not a certain "probability 1" for 0.99998: a maths review)
              title={outputs ? `${j}: ${what} ${activation(v)}` : undefined}
            >
              <span className="draw-bar-digit">{j}</span>
              <span className="draw-bar-track">
                <span className="draw-bar-fill" style={{ width: `${Math.max(0, Math.min(1, v)) * 100}%` }} />
              </span>
              <span className="draw-bar-value">{text}</span>
            </li>
          );
        })}
      </ol>
      {probabilities && (
        <p className="hint draw-outputs-note">
          There is no “not a digit”: even a scribble is read as some digit, often with a high probability.
        </p>
      )}
    </figure>
  );
}
