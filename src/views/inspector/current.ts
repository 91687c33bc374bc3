/**
 * The example the inspector explains and its backprop, computed on the UI thread
 * with the engine (microseconds for one example): the example just stepped, else the
 * next one. Memoised on the snapshot and example so views agree on one set of numbers.
 */
import { exampleGradient, type Network } from '../../engine';
import { useShallow } from 'zustand/react/shallow';
import { useLab, type LabState } from '../../store/lab-store';
import { exampleShown, steppedInView } from '../network/displayed';

export interface CurrentBackprop {
  net: Network;
  input: Float32Array;
  label: number;
  exampleIndex: number;
  /** "example #123" or "test #45". */
  name: string;
  /** Said after the digit, e.g. that a test digit is never trained on. */
  note?: string;
  result: ReturnType<typeof exampleGradient>;
}

let memo: { key: unknown[]; value: CurrentBackprop } | null = null;

/** What the inspector panels read from the store (not the full state: no re-render per snapshot while playing). */
export type InspectorState = Pick<
  LabState,
  'panelSnapshot' | 'lastExample' | 'selectedNeuron' | 'selectedWeight' | 'probe'
>;

export function useInspectorState(): InspectorState {
  return useLab(
    useShallow((s) => ({
      panelSnapshot: s.panelSnapshot,
      lastExample: s.lastExample,
      selectedNeuron: s.selectedNeuron,
      selectedWeight: s.selectedWeight,
      probe: s.probe,
    })),
  );
}

export function currentBackprop(state: InspectorState): CurrentBackprop | null {
  const snap = state.panelSnapshot;
  if (!snap) return null;
  const probe = state.probe;
  if (probe && probe.trueLabel !== undefined && probe.params.length === snap.params.length) {
    // a test digit from the confusion matrix: forward and backprop, never an update
    const key = [probe];
    if (memo && memo.key.every((k, i) => k === key[i])) return memo.value;
    const net = { spec: probe.spec, params: probe.params };
    const value = {
      net,
      input: probe.input,
      label: probe.trueLabel,
      exampleIndex: -1,
      name: probe.label,
      note: 'a test digit: backprop shown, never trained on',
      result: exampleGradient(net, probe.input, probe.trueLabel),
    };
    memo = { key, value };
    return value;
  }
  const stepped = steppedInView(snap, state.lastExample);
  const params = stepped ? stepped.params : snap.params;
  const example = stepped ? stepped.example : exampleShown(snap);
  const key = [params, example.index, snap.spec];
  if (memo && memo.key.every((k, i) => k === key[i])) return memo.value;
  const net = { spec: snap.spec, params };
  const input = new Float32Array(784);
  for (let i = 0; i < 784; i++) input[i] = example.pixels[i] / 255;
  const value = {
    net,
    input,
    label: example.label,
    exampleIndex: example.index,
    name: `example #${example.index}`,
    result: exampleGradient(net, input, example.label),
  };
  memo = { key, value };
  return value;
}

/**
 * The neuron the inspector explains (and the network view rings): the selected one, else
 * the true digit's output neuron. A selected input pixel has no z or delta of its own.
 */
export function inspectedNeuron(state: InspectorState, current: CurrentBackprop): { layer: number; index: number } {
  const selected = state.selectedNeuron;
  if (selected && selected.layer > 0) return selected;
  return { layer: current.net.spec.sizes.length - 1, index: current.label };
}
