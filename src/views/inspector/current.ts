/**
 * The example the inspector explains and its backprop, computed on the UI thread
 * with the engine (microseconds for one example): the example just stepped, else the
 * next one. Memoised on the snapshot and example so views agree on one set of numbers.
 */
import { exampleGradient, type Network } from '../../engine';
import type { LabState } from '../../store/lab-store';

export interface CurrentBackprop {
  net: Network;
  input: Float32Array;
  label: number;
  exampleIndex: number;
  result: ReturnType<typeof exampleGradient>;
}

let memo: { key: unknown[]; value: CurrentBackprop } | null = null;

export function currentBackprop(state: LabState): CurrentBackprop | null {
  const snap = state.snapshot;
  if (!snap) return null;
  const stepped = state.lastExample && snap.batchStepped > 0 ? state.lastExample : null;
  const params = stepped ? stepped.params : snap.params;
  const example = stepped ? stepped.example : snap.nextExample;
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
    result: exampleGradient(net, input, example.label),
  };
  memo = { key, value };
  return value;
}
