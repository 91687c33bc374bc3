/** Mean cost, accuracy and confusion matrix over byte images (fast sparse forward passes). */
import { workspaceFor } from './batch';
import type { ByteData, Network } from './types';

export interface Evaluation {
  /** Mean cost over the examples. */
  cost: number;
  /** Fraction whose largest output is the label. */
  accuracy: number;
  /** classes x classes counts, row = true label, column = predicted. */
  confusion: Uint32Array;
  count: number;
}

/** Evaluates examples [start, end) of `data` (default: all). */
export function evaluate(net: Network, data: ByteData, start = 0, end = data.count): Evaluation {
  const s = Math.max(0, Math.min(start, data.count));
  const e = Math.max(s, Math.min(end, data.count));
  const ws = workspaceFor(net.spec);
  ws.bind(net.params);
  const n0 = ws.sizes[0];
  const classes = ws.sizes[ws.L];
  const confusion = new Uint32Array(classes * classes);
  let cost = 0;
  let correct = 0;
  for (let i = s; i < e; i++) {
    const label = data.labels[i];
    ws.setByteInput(data.images, i * n0);
    ws.forward();
    cost += ws.cost(label);
    const guess = ws.argmax();
    if (guess === label) correct++;
    confusion[label * classes + guess]++;
  }
  const count = e - s;
  return { cost: count ? cost / count : 0, accuracy: count ? correct / count : 0, confusion, count };
}
