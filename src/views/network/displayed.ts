/**
 * Which input the network view shows, and its activations: a drawn digit (probe) when the
 * view can draw its network, else the example just stepped, else the next example to be stepped. A forward pass
 * is microseconds, so the UI thread runs it with the latest snapshot's weights.
 */
import { exampleGradient, forwardTrace, type Network } from '../../engine';
import type { ExampleRef } from '../../protocol/snapshot';
import { useLab, type LabState } from '../../store/lab-store';

export interface Displayed {
  net: Network;
  activations: Float32Array[];
  label: number | null;
  caption: string;
  /** The example's cost C (the one the output bars are compared with y for): stepped examples and test digits. */
  cost: number | null;
  /** -delta per layer when the example was stepped with these very weights. */
  wishes: (Float32Array | null)[] | null;
}

const cache = new WeakMap<Float32Array, Map<Float32Array, Float32Array[]>>();

function toInput(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

function trace(net: Network, input: Float32Array): Float32Array[] {
  let byInput = cache.get(net.params);
  if (!byInput) {
    byInput = new Map();
    cache.set(net.params, byInput);
  }
  let a = byInput.get(input);
  if (!a) {
    a = forwardTrace(net, input).a;
    if (byInput.size > 8) byInput.clear();
    byInput.set(input, a);
  }
  return a;
}

const inputs = new WeakMap<Uint8Array, Float32Array>();
function inputOf(pixels: Uint8Array): Float32Array {
  let x = inputs.get(pixels);
  if (!x) {
    x = toInput(pixels);
    inputs.set(pixels, x);
  }
  return x;
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * The network view draws the probe (a drawing, a test digit) on the probe's own network: only
 * when that network has the trained one's layer sizes (the layout is the trained one's).
 */
export function probeDrawn(state: Pick<LabState, 'probe' | 'snapshot'>): boolean {
  return (
    state.probe !== null && state.snapshot !== null && sameSizes(state.probe.spec.sizes, state.snapshot.spec.sizes)
  );
}

export function displayed(state: LabState): Displayed | null {
  const snap = state.snapshot;
  if (!snap) return null;
  // a probe on a network of other layer sizes cannot be drawn on this layout: the view shows the
  // training example, as the inspector's note says (it returned nothing, and the view kept its last
  // picture, or stayed blank when the drawing was made before the first network was built)
  if (state.probe && probeDrawn(state)) {
    // the probe's own network (the draw pad's pretrained one may differ in activation and loss)
    const net = { spec: state.probe.spec, params: state.probe.params };
    const label = state.probe.trueLabel;
    if (label === undefined)
      return {
        net,
        activations: trace(net, state.probe.input),
        label: null,
        caption: state.probe.label,
        cost: null,
        wishes: null,
      };
    // a test digit: its backprop (no update) gives the nudge bars
    if (probeMemo?.probe !== state.probe) {
      const { trace: t, delta, cost } = exampleGradient(net, state.probe.input, label);
      probeMemo = {
        probe: state.probe,
        value: {
          net,
          activations: t.a,
          label,
          caption: `${state.probe.label}, a ${label} from the test set: bars show each neuron's wish −∂C/∂z (never trained on)`,
          cost,
          wishes: delta.map((d, l) => (l === 0 ? null : Float32Array.from(d, (x) => -x))),
        },
      };
    }
    return probeMemo.value;
  }
  const net = { spec: snap.spec, params: snap.params };
  const last = steppedInView(snap, state.lastExample);
  if (last) {
    const wishes = last.deltas.map((d, l) => (l === 0 ? null : d.map((x) => -x)));
    return {
      net,
      activations: last.activations,
      label: last.example.label,
      caption: `example #${last.example.index}, label ${last.example.label} (stepped ${last.positionInBatch + 1} of ${last.batchSize}): bars show each neuron's wish −∂C/∂z`,
      cost: last.cost,
      wishes,
    };
  }
  // while training plays, hold the example shown when Play was pressed: its outputs
  // change as the weights learn (a new digit every snapshot would only flicker)
  const next = exampleShown(snap);
  return {
    net,
    activations: trace(net, inputOf(next.pixels)),
    label: next.label,
    caption: snap.playing
      ? `watching example #${next.index}, label ${next.label}, while the weights learn`
      : `next example #${next.index}, label ${next.label}`,
    // (not stepped: the cost of the weights as they are is the next Step example's to say)
    cost: null,
    wishes: null,
  };
}

/**
 * The example just stepped, while its batch is still being stepped; null once the batch's update
 * is applied, when the views show the next example (exampleShown). The network view, the
 * inspector and the lesson's selection all follow this rule.
 */
export function steppedInView<T>(snap: { batchStepped: number }, lastExample: T | null): T | null {
  return lastExample && snap.batchStepped > 0 ? lastExample : null;
}

let watched: ExampleRef | null = null;

/**
 * The example the views show when none was stepped: the next one, or while training plays
 * the one shown when Play was pressed (its outputs change as the weights learn; a new digit
 * every snapshot would only flicker). The network view and the inspector both ask here.
 */
export function exampleShown(snap: { playing: boolean; nextExample: ExampleRef }): ExampleRef {
  if (!snap.playing) {
    // a panel may still hold the snapshot from before Play: only the latest one ends the watch
    if (!useLab.getState().snapshot?.playing) watched = null;
    return snap.nextExample;
  }
  watched ??= snap.nextExample;
  return watched;
}
let probeMemo: { probe: LabState['probe']; value: Displayed } | null = null;
