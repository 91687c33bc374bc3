import { useMemo, useRef } from 'react';
import { Live } from '../live';
import { ACTIVATION_FUNCTIONS, layerWishes, neuronNudges } from '../../engine';
import { signedScale } from '../../render/palette';
import { selectNeuron } from '../../store/lab-store';
import { activation, sig, signed, signedList } from '../controls/format';
import { currentBackprop, inspectedNeuron, useInspectorState } from './current';
import { PixelNote } from './PixelNote';
import { Heatmap, largestAbs, scaleCaption } from './Heatmap';
import { layerSup, slopeName } from '../../protocol/names';

/** The lecture's "three ways to increase a neuron", with this example's real numbers. */
export function NudgesPanel() {
  const state = useInspectorState();
  const panel = useRef<HTMLDivElement>(null);
  const current = currentBackprop(state);
  const sizes = state.panelSnapshot?.spec.sizes;
  const L = sizes ? sizes.length - 1 : 0;
  const neuron = current ? inspectedNeuron(state, current) : null;

  const nudges = useMemo(() => {
    if (!current || !neuron) return null;
    const { trace, delta } = current.result;
    return neuronNudges(current.net, trace, delta, neuron.layer, neuron.index);
  }, [current, neuron?.layer, neuron?.index]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!current || !neuron || !nudges || !sizes) return <p className="hint">Waiting for the network…</p>;
  const { trace, delta } = current.result;
  const { layer, index } = neuron;
  const a = trace.a[layer][index];
  const z = trace.z[layer][index];
  const isOutput = layer === L;
  const wishesBack = layerWishes(current.net, delta, layer);
  // a hidden neuron's own wish: the next layer's summed wishes for it, times f'(z)
  const summedWish = isOutput ? 0 : layerWishes(current.net, delta, layer + 1)[index];
  // f'(z) from z in float64 (the float32 a near saturation would make it wrong or 0)
  const slope = ACTIVATION_FUNCTIONS[current.net.spec.activation].derivative(z);
  const name = isOutput ? `output neuron “${index}”` : `neuron ${index} of hidden layer ${layer}`;
  // the lecture's "to increase a neuron" ways, turned round when this neuron should go down
  const verb = nudges.desired > 0 ? 'Increase' : nudges.desired < 0 ? 'Decrease' : 'Change';
  // with negative inputs (tanh) "in proportion to aᵢ" turns some of the weights the other way
  const weightVerb = trace.a[layer - 1].some((v) => v < 0) ? 'Change' : verb;

  return (
    <div className="nudges" data-testid="nudges-panel" ref={panel}>
      <PixelNote
        selected={state.selectedNeuron}
        what="it has no bias or incoming weights to nudge, and the image cannot change."
      />
      <p className="hint" data-testid="nudges-intro" tabIndex={-1}>
        To lower the cost C on <Live>{current.name}</Live> (a <Live>{current.label}</Live>
        {/* always there, so nothing is inserted beside words a translator has replaced */}
        <Live>{current.note ? `; ${current.note}` : ''}</Live>), each neuron wants a nudge. Here is what{' '}
        <Live>{name}</Live> asks for, and the three ways to get it.
      </p>
      {/* the values translate="no": a page translator's copies would stand still (live.tsx) */}
      <dl className="kv">
        <dt>activation a</dt>
        <dd data-testid="nudge-activation" translate="no">
          {activation(a)}
        </dd>
        <dt>weighted input z</dt>
        <dd translate="no">{sig(z)}</dd>
        <dt title="minus the gradient: the direction of steepest descent">
          wish for z: <span className="nowrap">−δ = −∂C/∂z</span>
        </dt>
        <dd
          data-testid="nudge-desired"
          translate="no"
          className="nowrap"
          // (no colour for 0: the palette's grey middle read 1.7:1 on white)
          style={nudges.desired !== 0 ? { color: signedScale(Math.sign(nudges.desired)) } : undefined}
        >
          {signed(nudges.desired)} {nudges.desired > 0 ? '(increase)' : nudges.desired < 0 ? '(decrease)' : '(none)'}
        </dd>
        {!isOutput && (
          <>
            <dt title="what every neuron of the next layer asks of this one, summed, then through the slope of f">
              = summed wishes −Σⱼ w{layerSup(layer + 1)}
              <sub>j,{index}</sub> δ{layerSup(layer + 1)}
              <sub>j</sub> × <span className="nowrap">{slopeName(current.net.spec.activation)}(z)</span>
            </dt>
            <dd data-testid="nudge-sum-times-slope" className="nowrap" translate="no">
              {`${signed(summedWish, 4)} × ${sig(slope, 4)}`}
            </dd>
          </>
        )}
      </dl>
      {nudges.desired === 0 && (
        <p className="hint" data-testid="nudge-none">
          {isOutput || slope !== 0
            ? 'This example asks nothing of this neuron.'
            : `${
                current.net.spec.activation === 'relu'
                  ? 'This ReLU is off for this example (z ≤ 0, so ReLU′(z) = 0)'
                  : `This neuron is saturated for this example (${slopeName(current.net.spec.activation)}(z) rounds to 0)`
              }: whatever the next layer wishes (${signed(summedWish, 4)} here), none of it reaches this neuron’s bias or weights.`}
        </p>
      )}
      <ol className="three-ways">
        <li>
          {/* one string per element: a page translator's copy of "Increase" stood after δ turned */}
          <strong data-testid="nudge-bias-verb">{`${verb} b`}</strong> in proportion to the wish: Δb ∝ −∂C/∂b ={' '}
          <span data-testid="nudge-bias">{signed(nudges.bias)}</span>
        </li>
        <li>
          <strong>{`${weightVerb} wᵢ in proportion to aᵢ`}</strong>: Δwᵢ ∝ −aᵢ·δ.{' '}
          {layer > 1 && current.net.spec.activation === 'tanh'
            ? 'Inputs far from 0 (black or white) get the biggest change.'
            : 'Bright inputs get the biggest change.'}
          <SignedValues values={nudges.weights} layer={layer} testId="nudge-weights" />
        </li>
        <li>
          <strong>Change aᵢ in proportion to wᵢ</strong>: Δaᵢ ∝ −wᵢ·δ.{' '}
          {layer === 1
            ? 'Pixels cannot change, but this is what the neuron would like from them.'
            : 'This neuron’s wish for the previous layer.'}
          <SignedValues values={nudges.activations} layer={layer} testId="nudge-prev-activations" />
        </li>
      </ol>
      {layer > 1 && (
        <div className="summed">
          <p className="hint">
            Summed wishes: all <Live>{sizes[layer]}</Live> neurons of this layer have wishes for layer{' '}
            <Live>{layer - 1}</Live>; added up, they are the change asked of each neuron there: −∂C/∂aₖ = −Σⱼ wⱼₖ δⱼ.
            That is backpropagation: the wishes flow back layer by layer.
          </p>
          <SignedBars
            values={wishesBack}
            onPick={(k) => {
              selectNeuron({ layer: layer - 1, index: k });
              // the panel now explains that neuron: back to its top, where its name and wish are
              // (the bars picked from sit at the panel's end, and would silently become the next layer's)
              const inspector = panel.current?.closest('.inspector');
              inspector?.scrollTo({ top: 0 });
              // stacked (a phone), the page scrolls too, up to the panel's top: in the next frame, once
              // the picked neuron is drawn (scrolled at once, the top ended 5.5 px above the screen in 1
              // of 3 runs; the cause was not found, and this held in 5 of 5)
              requestAnimationFrame(() => {
                if (inspector && inspector.getBoundingClientRect().top < 0)
                  inspector.scrollIntoView({ block: 'start' });
                // the focus goes up with it, to the sentence that names the neuron now explained: left on
                // the bar pressed, it was out of sight on a button that now meant another neuron's wish,
                // and a screen reader heard nothing of the change (a keyboard review)
                panel.current?.querySelector<HTMLElement>('[data-testid=nudges-intro]')?.focus({ preventScroll: true });
              });
            }}
            testId="summed-wishes"
          />
        </div>
      )}
    </div>
  );
}

/** A 28x28 heat map for first-layer neurons, bars otherwise. */
function SignedValues({ values, layer, testId }: { values: Float32Array; layer: number; testId: string }) {
  return layer === 1 ? (
    <Heatmap values={values} testId={testId} label="28 by 28 map of the nudges, orange negative, blue positive" />
  ) : (
    <SignedBars values={values} testId={testId} />
  );
}

/**
 * One bar per value, from a centre line (blue to the right, orange to the left), its length |value| /
 * the largest of the list; a caption names that largest, so tiny wishes drawn full length are not
 * read as big ones.
 */
export function SignedBars({
  values,
  onPick,
  testId,
}: {
  values: Float32Array;
  onPick?: (k: number) => void;
  testId: string;
}) {
  const largest = largestAbs(values);
  // scaled to the largest however small (a floor of 10⁻¹² drew no bar at all for a saturated
  // network's 10⁻²⁶, under a caption naming the longest bar; a student's review)
  const max = largest === 0 ? 1 : largest;
  // half the track at the largest; a diverged list (NaN or ±∞ in it) draws no bar, as its caption
  // says (a width of "NaN%" was dropped with a warning)
  const half = (v: number) => (Number.isFinite(max) ? (Math.abs(v) / max) * 50 : 0);
  const shown = signedList(largest);
  const row = (v: number, k: number) => (
    <>
      <span className="bar-index">{k}</span>
      <span className="bar-track">
        <span
          className="bar-fill"
          style={{
            width: `${half(v)}%`,
            left: v >= 0 ? '50%' : `${50 - half(v)}%`,
            background: signedScale(Math.sign(v) * 0.9),
          }}
        />
      </span>
      <span className="bar-value" data-value={String(v)}>
        {shown(v)}
      </span>
    </>
  );
  const scale = (
    <span className="hint bars-scale" data-testid={`${testId}-scale`}>
      {scaleCaption(largest, 'the longest bar')}
    </span>
  );
  // rows that pick a neuron are buttons; the others are a plain list (not 16 disabled buttons)
  const list = onPick ? (
    <div className="bars" data-testid={testId}>
      {Array.from(values, (v, k) => (
        <button
          type="button"
          key={k}
          className="bar-row"
          onClick={() => onPick(k)}
          aria-label={`neuron ${k}: ${shown(v)}`}
        >
          {row(v, k)}
        </button>
      ))}
    </div>
  ) : (
    <ul className="bars" data-testid={testId}>
      {Array.from(values, (v, k) => (
        <li key={k} className="bar-row" aria-label={`neuron ${k}: ${shown(v)}`}>
          {row(v, k)}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {list}
      {scale}
    </>
  );
}
