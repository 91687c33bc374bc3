import { line, scaleLinear } from 'd3';
import { Live } from '../live';
import { useRef, useState } from 'react';
import { biasIndex, paramIndex } from '../../engine';
import { MUTED_INK } from '../../render/palette';
import { layerSup } from '../../protocol/names';
import { columnThatAddsUp, fixed } from '../../protocol/numbers';
import { sig } from '../controls/format';
import { currentBackprop, inspectedNeuron, useInspectorState } from './current';
import { PixelNote } from './PixelNote';
import { Heatmap } from './Heatmap';
import { useTouchWords } from '../use-media';
import { useElementSize } from '../charts/use-chart';

type Fn = {
  name: string;
  f: (z: number) => number;
  d: (z: number) => number;
  /** The plot's range of values: ReLU is unbounded, so its plot goes up to 6 (not cut at 1). */
  y: [number, number];
  ticks: number[];
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const FUNCTIONS: Record<'sigmoid' | 'relu' | 'tanh', Fn> = {
  sigmoid: {
    name: 'σ(z) = 1 / (1 + e⁻ᶻ)',
    f: sigmoid,
    d: (z) => sigmoid(z) * (1 - sigmoid(z)),
    y: [-0.2, 1.2],
    // 0.25 is σ′'s peak, at z = 0
    ticks: [0, 0.25, 1],
  },
  relu: {
    name: 'ReLU(z) = max(0, z)',
    f: (z) => Math.max(0, z),
    d: (z) => (z > 0 ? 1 : 0),
    y: [-0.6, 6.2],
    ticks: [0, 2, 4, 6],
  },
  tanh: { name: 'tanh(z)', f: Math.tanh, d: (z) => 1 - Math.tanh(z) ** 2, y: [-1.2, 1.2], ticks: [-1, 0, 1] },
};

/** Neutral ink for the marker: blue and orange mean a sign everywhere else. */
const INK = '#1f2328';
const MUTED = MUTED_INK;

/** A plot's size: the neuron's own function's, and the two others' height when they sit side by side. */
const PLOT_W = 300;
const PLOT_H = 150;
const SMALL_H = 110;
/** From this width (the 440 px inspector of a large screen) the neuron's own curve takes the whole
 * width and the two others go side by side under it: stacked, the third ended under the fold at 1920x930. */
const PAIRED_FROM = 380;
const PAIR_GAP = 10;
const M = { l: 28, r: 8, t: 8, b: 20 };

/** The plot's z range, −Z_EDGE…Z_EDGE; a z beyond it is marked at the edge. */
const Z_EDGE = 6;
const clampZ = (z: number) => Math.max(-Z_EDGE, Math.min(Z_EDGE, z));

function Plot({
  fn,
  z,
  selected,
  ghost = null,
  W = PLOT_W,
  H = PLOT_H,
  small = false,
}: {
  fn: Fn;
  z: number | null;
  selected: boolean;
  /** z with the what-if bias: a hollow marker, and an arrow from z. */
  ghost?: number | null;
  /** The plot's size in CSS pixels. */
  W?: number;
  H?: number;
  /** One of the side-by-side pair: its caption is the function's name alone. */
  small?: boolean;
}) {
  const x = scaleLinear()
    .domain([-Z_EDGE, Z_EDGE])
    .range([M.l, W - M.r]);
  const [lo, hi] = fn.y;
  const y = scaleLinear()
    .domain([lo, hi])
    .range([H - M.b, M.t]);
  const clampY = (v: number) => Math.max(lo, Math.min(hi, v));
  const zs = Array.from({ length: 20 * Z_EDGE + 1 }, (_, i) => -Z_EDGE + i * 0.1);
  const path = (g: (z: number) => number) =>
    line<number>()
      .x((v) => x(v))
      .y((v) => y(clampY(g(v))))(zs) ?? '';
  const zc = z === null ? null : clampZ(z);
  const gc = ghost === null ? null : clampZ(ghost);
  return (
    <figure className={`act-plot ${selected ? 'selected' : ''}`}>
      <figcaption>
        {fn.name} {!small && <span className="legend-d">and its derivative (dashed)</span>}
        {selected && <span className="act-used"> this neuron’s f</span>}
      </figcaption>
      {/* at most the panel's width (a 1024 px screen cut its right edge), scaled down whole */}
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        style={{ maxWidth: '100%', height: 'auto' }}
        role="img"
        aria-label={`${fn.name} and its derivative`}
      >
        <line x1={x(-Z_EDGE)} x2={x(Z_EDGE)} y1={y(0)} y2={y(0)} stroke="#ccc" />
        <line x1={x(0)} x2={x(0)} y1={y(lo)} y2={y(hi)} stroke="#ccc" />
        {fn.ticks.map((v) => (
          <text key={v} x={M.l - 4} y={y(v)} textAnchor="end" dominantBaseline="middle" className="tick">
            {sig(v)}
          </text>
        ))}
        {[-5, 0, 5].map((v) => (
          <text key={v} x={x(v)} y={H - 4} textAnchor="middle" className="tick">
            {v === 0 ? 'z = 0' : sig(v)}
          </text>
        ))}
        <path d={path(fn.f)} fill="none" stroke={INK} strokeWidth={2} />
        <path d={path(fn.d)} fill="none" stroke={MUTED} strokeWidth={1.5} strokeDasharray="4 3" />
        {zc !== null && (
          <g data-testid={selected ? 'activation-marker' : undefined}>
            <line x1={x(zc)} x2={x(zc)} y1={y(lo)} y2={y(hi)} stroke={MUTED} strokeDasharray="2 2" />
            <circle cx={x(zc)} cy={y(clampY(fn.f(zc)))} r={4.5} fill={INK} stroke="#fff" strokeWidth={1.5} />
            <circle cx={x(zc)} cy={y(clampY(fn.d(zc)))} r={3.5} fill="#fff" stroke={MUTED} strokeWidth={1.5} />
            {z !== null && Math.abs(z) > Z_EDGE && (
              // the marker sits at the plot's edge: say where z really is
              <text
                x={z < 0 ? x(-Z_EDGE) + 8 : x(Z_EDGE) - 8}
                y={M.t + 8}
                textAnchor={z < 0 ? 'start' : 'end'}
                className="tick"
                data-testid={selected ? 'activation-offscale' : undefined}
              >
                {z < 0 ? `◂ z = ${sig(z, 3)}, off the plot` : `z = ${sig(z, 3)}, off the plot ▸`}
              </text>
            )}
          </g>
        )}
        {zc !== null && gc !== null && gc !== zc && (
          <g data-testid={selected ? 'activation-ghost' : undefined}>
            <line
              x1={x(zc)}
              x2={x(gc)}
              y1={y(clampY(fn.f(zc)))}
              y2={y(clampY(fn.f(zc)))}
              stroke={MUTED}
              strokeWidth={1.5}
              markerEnd="url(#act-arrow)"
            />
            <circle cx={x(gc)} cy={y(clampY(fn.f(gc)))} r={4.5} fill="#fff" stroke={INK} strokeWidth={2} />
          </g>
        )}
        <defs>
          <marker id="act-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill={MUTED} />
          </marker>
        </defs>
      </svg>
    </figure>
  );
}

/**
 * "What if the bias were larger?": b + Δb slides z along the curve by Δb (the lecture's "how bias
 * and activations work"), shown beside the real z and never applied to the network.
 */
function BiasWhatIf({
  z,
  b,
  fn,
  shift,
  onShift,
}: {
  z: number;
  b: number;
  fn: Fn;
  shift: number;
  onShift: (d: number) => void;
}) {
  const moved = z + shift;
  const said = shift === 0 ? '0' : `${shift < 0 ? '−' : '+'}${sig(Math.abs(shift))}`;
  return (
    <div className="bias-what-if" translate="no">
      <label>
        what if the bias changed by Δb = {said}?{' '}
        <input
          type="range"
          data-testid="bias-shift"
          min={-4}
          max={4}
          step={0.1}
          value={shift}
          onChange={(e) => onShift(Number(e.target.value))}
          aria-label="Try a different bias: the change Δb"
          // its value as shown ("+0.1"), not the float the slider holds (0.10000000149011612)
          aria-valuetext={said}
        />
      </label>
      <p className="hint" data-testid="bias-what-if" aria-live="polite">
        {shift === 0
          ? `b = ${sig(b)}: move the slider to slide z along the curve (nothing is changed in the network).`
          : `b = ${sig(b + shift)} would give z = ${sig(moved)}, a = ${sig(fn.f(moved))}, f′(z) = ${sig(fn.d(moved))} (not applied: training sets b).`}
      </p>
    </div>
  );
}

/** σ, ReLU and tanh with their derivatives, and the selected neuron's z and a on its curve. */
export function ActivationPanel() {
  // the panel's width, for the plots' layout (measured before the first paint, on a box that is
  // there whether or not the network has come yet)
  const box = useRef<HTMLDivElement>(null);
  const width = useElementSize(box, true).width;
  return (
    <div ref={box}>
      <ActivationBody plotsWidth={width} />
    </div>
  );
}

function ActivationBody({ plotsWidth }: { plotsWidth: number }) {
  const [what, setWhat] = useState<{ neuron: string; shift: number }>({ neuron: '', shift: 0 });
  const state = useInspectorState();
  const words = useTouchWords();
  const current = currentBackprop(state);
  const spec = state.panelSnapshot?.spec;
  if (!current || !spec) return <p className="hint">Waiting for the network…</p>;
  const L = spec.sizes.length - 1;
  // the neuron the whole inspector explains (ringed in the network view): the selected
  // one, else the true digit's output neuron
  const n = inspectedNeuron(state, current);
  const z = current.result.trace.z[n.layer][n.index];
  const a = current.result.trace.a[n.layer][n.index];
  const used = n.layer === L ? (spec.loss === 'categorical-ce' ? null : 'sigmoid') : spec.activation;
  const b = current.net.params[biasIndex(spec, n.layer, n.index)];
  // the what-if belongs to one neuron of one network: another one (or a preset's new network)
  // starts at its own b
  const neuron = `${n.layer}:${n.index}:${spec.sizes.join('-')}:${spec.activation}:${spec.loss}:${spec.seed}`;
  const shift = what.neuron === neuron ? what.shift : 0;
  // w·a and b written so that they add up to the z shown, as a student adds them
  const sum = columnThatAddsUp([z - b, b], z);
  const order = (['sigmoid', 'relu', 'tanh'] as const).slice().sort((p, q) => Number(q === used) - Number(p === used));
  const paired = plotsWidth >= PAIRED_FROM;
  const plot = (k: (typeof order)[number], w: number, h: number, small: boolean) => (
    <Plot
      key={k}
      fn={FUNCTIONS[k]}
      z={used === k ? z : null}
      ghost={used === k && shift !== 0 ? z + shift : null}
      selected={used === k}
      W={w}
      H={h}
      small={small}
    />
  );
  const first = plot(order[0], paired ? Math.min(480, plotsWidth) : PLOT_W, PLOT_H, false);
  const rest = paired ? (
    <div className="act-pair">
      {order.slice(1).map((k) => plot(k, Math.floor((plotsWidth - PAIR_GAP) / 2), SMALL_H, true))}
    </div>
  ) : (
    order.slice(1).map((k) => plot(k, PLOT_W, PLOT_H, false))
  );
  return (
    <div className="activation-panel" data-testid="activation-panel">
      <PixelNote selected={state.selectedNeuron} what="its activation is its brightness, with no z or f(z)." />
      <p className="hint">
        A neuron of layer <Live>{n.layer}</Live> computes <Live>z = Σ wᵢaᵢ{layerSup(n.layer - 1)} + b</Live> from the
        previous layer’s activations, then its own <Live>a{layerSup(n.layer)} = f(z)</Live>. Raising the bias b slides z
        to the right along the curve; the slope f′(z) says how much a responds, and it is the factor ∂a/∂z in the chain
        rule.
      </p>
      <p className="weight-name" translate="no">
        {n.layer === L ? `output neuron “${n.index}”` : `neuron ${n.index} of layer ${n.layer}`}:{' '}
        {/* whole pieces, so a narrow panel breaks the line at an "=" (whole, it ran past the edge at 1024 px) */}
        {/* a⁽ˡ⁻¹⁾ in, a⁽ˡ⁾ out, as the line above writes them: one bare "a" named both (a review) */}
        <span className="nowrap">z = Σ wᵢaᵢ{layerSup(n.layer - 1)} + b</span>{' '}
        <span className="nowrap">
          = {sum ? fixed(z - b, sum.decimals) : sig(z - b)} {b < 0 ? '−' : '+'}{' '}
          {sum ? fixed(Math.abs(b), sum.decimals) : sig(Math.abs(b))}
        </span>{' '}
        <span className="nowrap">
          = <span data-testid="activation-z">{sum ? fixed(sum.total, sum.decimals) : sig(z)}</span>
        </span>
        ,{' '}
        <span className="nowrap">
          a{layerSup(n.layer)} = {sig(a)}
        </span>
        {used === null ? (
          words(
            ' (a softmax output: its a depends on all ten z, so it has no curve here; click a hidden neuron to see its own)',
          )
        ) : (
          <>
            , <span className="nowrap">f′(z) = {sig(FUNCTIONS[used].d(z))}</span>
          </>
        )}
      </p>
      {used === 'relu' && z <= 0 && (
        <p className="hint" data-testid="relu-off">
          Off for this digit: z ≤ 0, so a = 0 and f′(z) = 0. No gradient flows back through this neuron for this
          example, and its incoming weights are not nudged. A ReLU neuron that is off for every image is “dead”: it gets
          no gradient from any of them, so it rarely recovers. Large steps early in training can kill some this way.
        </p>
      )}
      {/* the neuron's own function first, its what-if slider under it; the others below, for comparison */}
      {used !== null ? (
        <>
          <div className="act-plots has-used">{first}</div>
          <BiasWhatIf z={z} b={b} fn={FUNCTIONS[used]} shift={shift} onShift={(d) => setWhat({ neuron, shift: d })} />
          <div className="act-plots has-used">{rest}</div>
        </>
      ) : (
        <div className="act-plots">
          {first}
          {rest}
        </div>
      )}
      {n.layer === 1 && spec.sizes[0] === 784 && (
        // the pattern a first-layer neuron looks for (the lecture's picture of what it "sees"); the
        // Nudges tab's maps are −aᵢδ and −wᵢδ, blank when δ = 0 (a review: the README promised weights).
        // Under the curves this tab is about: above them, it put the curve below a 1280x720 screen on
        // the lesson's last step, which asks for the curve (a student's review)
        <div className="weights-map">
          <p className="hint">
            Its 784 incoming weights w{layerSup(1)} as a 28×28 picture, one per pixel (blue positive, orange negative):
            z adds up each pixel’s brightness times its weight, so this is the pattern of ink the neuron responds to.
          </p>
          <Heatmap
            values={current.net.params.subarray(
              paramIndex(spec, 1, n.index, 0),
              paramIndex(spec, 1, n.index, 0) + spec.sizes[0],
            )}
            testId="weights-map"
            label={`28 by 28 map of the weights into neuron ${n.index} of layer 1, orange negative, blue positive`}
          />
        </div>
      )}
    </div>
  );
}
