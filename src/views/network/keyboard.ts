/**
 * Moving through the network's neurons with the keyboard (the canvas is focusable):
 * ↑/↓ within a layer, ←/→ to the layer before or after (at the same height), Home/End to
 * the first or last neuron of the layer. The input pixels (layer 0) are left to the mouse.
 */
import type { NeuronRef } from '../../store/lab-store';
import { sig, signed } from '../../protocol/numbers';

/** Where `key` moves the cursor from `from` in a network of `sizes`; null if the key is not a move. */
export function moveNeuron(sizes: readonly number[], from: NeuronRef | null, key: string): NeuronRef | null {
  const L = sizes.length - 1;
  // no cursor yet (or one on an input pixel): start on the first output neuron
  if (!from || from.layer < 1 || from.layer > L) return isMove(key) ? { layer: L, index: 0 } : null;
  const n = sizes[from.layer];
  const index = Math.min(from.index, n - 1);
  switch (key) {
    case 'ArrowUp':
      return { layer: from.layer, index: Math.max(0, index - 1) };
    case 'ArrowDown':
      return { layer: from.layer, index: Math.min(n - 1, index + 1) };
    case 'Home':
      return { layer: from.layer, index: 0 };
    case 'End':
      return { layer: from.layer, index: n - 1 };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const layer = Math.max(1, Math.min(L, from.layer + (key === 'ArrowLeft' ? -1 : 1)));
      if (layer === from.layer) return { layer, index };
      // the neuron at the same relative height in the other layer
      const m = sizes[layer];
      return { layer, index: n === 1 ? 0 : Math.round((index * (m - 1)) / (n - 1)) };
    }
    default:
      return null;
  }
}

function isMove(key: string): boolean {
  return (
    key === 'ArrowUp' ||
    key === 'ArrowDown' ||
    key === 'ArrowLeft' ||
    key === 'ArrowRight' ||
    key === 'Home' ||
    key === 'End'
  );
}

/** What a screen reader hears for the neuron under the cursor, and whether it is the one inspected. */
export function describeNeuron(
  sizes: readonly number[],
  n: NeuronRef,
  activation: number | null,
  selected = false,
  /**
   * What the visible tip and the drawing show too: z, the wish −∂C/∂z this example asks of it (when
   * known), and for an output whether it is the network's answer (the digit in a dark tag) or the true digit
   * (the dark bar).
   */
  more: { z: number; wish?: number; answer?: boolean; truth?: boolean } | null = null,
): string {
  const L = sizes.length - 1;
  const roles = [more?.answer ? "the network's answer" : '', more?.truth ? 'the true digit' : ''].filter(Boolean);
  const where =
    n.layer === L
      ? `output neuron ${n.index} (digit ${n.index}${roles.length ? `, ${roles.join(' and ')}` : ''})`
      : `hidden layer ${n.layer}, neuron ${n.index} of ${sizes[n.layer]}`;
  const a =
    activation === null
      ? ''
      : `, activation ${activation.toFixed(3)}` +
        (more ? `, weighted input z ${sig(more.z, 3)}` : '') +
        (more?.wish !== undefined ? `, nudge to z ${signed(more.wish, 3)}` : '');
  return selected
    ? `${where}${a}: selected, shown in the inspector. Enter to clear it.`
    : `${where}${a}. Enter to inspect it.`;
}
