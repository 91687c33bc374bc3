/**
 * BatchTrainer: the worker's fast training path on byte images. accumulate() runs one
 * example forward and back and adds its gradient to a Float64 batch sum; applyUpdate()
 * steps theta <- theta - alpha * (mean gradient) (with momentum, see optimiser.ts) and
 * clears the sum. The network's Float32 params are the truth and the only copy: the
 * kernel reads its weights straight from net.params (the contract's layout) and
 * applyUpdate writes them in place, so net.params is always current and outside code may
 * read or write it between calls (writing mid-batch mixes weights within that batch:
 * call clearBatch() or reloadParams() first).
 */
import { Workspace } from './kernel';
import { paramCount } from './layout';
import { nonzeroLists, type NonzeroLists } from './sparse';
import type { ByteData, Network } from './types';

export class BatchTrainer {
  readonly net: Network;
  readonly data: ByteData;
  private readonly ws: Workspace;
  private readonly lists: NonzeroLists;
  private readonly mean: Float32Array;
  private count = 0;
  private costSum = 0;
  private v: Float32Array | null = null;
  /** The gradient sum holds something that the next batch must not see. */
  private dirty = false;
  /** Whether any example of the batch so far sent a gradient back to the first layer. */
  private reached = false;

  constructor(net: Network, data: ByteData) {
    const n0 = net.spec.sizes[0];
    const classes = net.spec.sizes[net.spec.sizes.length - 1];
    if (data.images.length < data.count * n0) {
      throw new RangeError(
        `data holds ${data.images.length} bytes, ${data.count} images of ${n0} pixels need ${data.count * n0}`,
      );
    }
    if (data.labels.length < data.count)
      throw new RangeError(`data holds ${data.labels.length} labels for ${data.count} images`);
    for (let i = 0; i < data.count; i++) {
      if (data.labels[i] >= classes)
        throw new RangeError(`label ${data.labels[i]} of image ${i} is not in 0..${classes - 1}`);
    }
    this.net = net;
    this.data = data;
    this.ws = new Workspace(net.spec);
    this.lists = nonzeroLists(data.images, data.count, n0);
    this.mean = new Float32Array(paramCount(net.spec));
  }

  /** Runs example `index` forward and back, adds its gradient to the batch sum, returns its cost C_x. */
  accumulate(index: number): number {
    if (!(index >= 0 && index < this.data.count))
      throw new RangeError(`example ${index} is not in 0..${this.data.count - 1}`);
    const ws = this.ws;
    if (this.count === 0) {
      if (this.dirty) {
        ws.clearGradient();
        this.dirty = false;
      }
      ws.bind(this.net.params);
    }
    const { offsets, pixels, values } = this.lists;
    ws.setListedInput(pixels, values, offsets[index], offsets[index + 1]);
    ws.forward();
    const cost = ws.costAndDelta(this.data.labels[index]);
    ws.backward();
    if (this.count === 0) this.reached = false;
    if (ws.reachedFirstLayer) this.reached = true;
    this.count++;
    this.costSum += cost;
    return cost;
  }

  /** Examples accumulated since the last update. */
  batchSize(): number {
    return this.count;
  }

  /**
   * Whether the gradient of the examples accumulated so far reaches the first layer: false when
   * every one of them had all its first-layer deltas 0 (a hidden layer's ReLUs all off).
   */
  batchReachedFirstLayer(): boolean {
    return this.count > 0 && this.reached;
  }

  /** The mean gradient of the examples accumulated so far (a new array; zeros if none). */
  averageGradient(): Float32Array {
    const out = new Float32Array(this.mean.length);
    if (this.count > 0) this.ws.writeGradient(out, 1 / this.count);
    return out;
  }

  /** Forgets the accumulated examples without updating. */
  clearBatch(): void {
    if (this.count > 0) this.dirty = true;
    this.count = 0;
    this.costSum = 0;
  }

  /** Kept for callers that write net.params from outside: forgets the batch (the weights are always read from net.params). */
  reloadParams(): void {
    this.clearBatch();
  }

  /** theta <- theta - alpha * (mean gradient) (momentum: v <- mu v + g, theta <- theta - alpha v); clears the batch. */
  applyUpdate(learningRate: number, momentum: number): void {
    if (this.count === 0) return;
    if (momentum === 0) this.v = null;
    else this.v ??= new Float32Array(this.mean.length);
    // one pass: the same numbers as writeGradient + sgdStep (tested)
    this.ws.applySgd(this.net.params, 1 / this.count, learningRate, momentum, this.v);
    this.count = 0;
    this.costSum = 0;
  }

  /** One update from examples order[start..end): returns their mean cost (before the update). */
  trainBatch(order: ArrayLike<number>, start: number, end: number, learningRate: number, momentum: number): number {
    if (this.count > 0) this.clearBatch();
    for (let i = start; i < end; i++) this.accumulate(order[i]);
    const mean = this.count > 0 ? this.costSum / this.count : 0;
    this.applyUpdate(learningRate, momentum);
    return mean;
  }

  /** One epoch in batches of `batchSize` along `order` (the last batch may be smaller); returns the mean cost. */
  trainEpoch(order: ArrayLike<number>, batchSize: number, learningRate: number, momentum: number): number {
    let sum = 0;
    for (let s = 0; s < order.length; s += batchSize) {
      const e = Math.min(s + batchSize, order.length);
      sum += this.trainBatch(order, s, e, learningRate, momentum) * (e - s);
    }
    return order.length > 0 ? sum / order.length : 0;
  }

  /** The momentum velocity (params layout), or null when none is kept. */
  velocity(): Float32Array | null {
    return this.v;
  }

  /** Restores a velocity (e.g. from a checkpoint); null clears it. */
  setVelocity(v: Float32Array | null): void {
    if (v && v.length !== this.mean.length)
      throw new RangeError(`velocity holds ${v.length} values, need ${this.mean.length}`);
    this.v = v ? v.slice() : null;
  }
}
