/**
 * The one contract between the UI and the trainer worker. The worker's object
 * `satisfies TrainerApi`; the bridge wraps it with comlink's `wrap<TrainerApi>`.
 */
import type { LoadProgress } from '../data/load-mnist';
import type { Checkpoint, ExampleRef, ExampleStep, Snapshot, UpdateStep } from './snapshot';
import type { Settings, Speed } from './settings';
import type { ModelExport } from './model-file';

export interface DataInfo {
  trainCount: number;
  testCount: number;
  fromCache: boolean;
}

export interface TrainerApi {
  /** Fetches MNIST (or reads it from Cache Storage); rejects with a message naming the file. */
  load(baseUrl: string, onProgress: (p: LoadProgress) => void): Promise<DataInfo>;
  /** Builds a network from the settings (or resumes a checkpoint); snapshots go to `onSnapshot`. */
  init(settings: Settings, onSnapshot: (s: Snapshot) => void, checkpoint?: Checkpoint): Promise<Snapshot>;
  play(): Promise<void>;
  pause(): Promise<Snapshot>;
  setSpeed(speed: Speed): Promise<void>;
  /** Forward and backprop on the next example of the batch; never updates. */
  stepExample(): Promise<ExampleStep>;
  /** Finishes the current batch and applies exactly one update. */
  stepUpdate(): Promise<UpdateStep>;
  /** Finishes the current batch, then trains to the end of the epoch and evaluates. */
  stepEpoch(): Promise<Snapshot>;
  /** Back to the starting weights (the same seed); what it threw away is kept for undoReset. */
  reset(): Promise<Snapshot>;
  /**
   * Brings back the network the last reset, rebuilding settings change or importModel replaced
   * (with its settings); null once an update or another settings change came after it.
   */
  undoReset(): Promise<Snapshot | null>;
  setSettings(patch: Partial<Settings>): Promise<Snapshot>;
  /**
   * Back to the state Snapshot.beforeChange names (the weights and settings kept before the last
   * settings change, or brought back by Undo, an opened model, an experiment's end; the speed
   * stays): a stall or a dead network after α was raised mid-training need not lose the trained
   * one. Null (and nothing changes) when there is none worth going back to.
   */
  backToBeforeChange(): Promise<Snapshot | null>;
  /** Loads an exported model (validated by parseModelFile): settings, weights, update, epoch; evaluates it. */
  importModel(model: ModelExport): Promise<Snapshot>;
  /** The next example stepped will be training image `index`; null takes a pick not yet stepped back. */
  selectExample(index: number | null): Promise<Snapshot>;
  /** Training images [start, start + count) as bytes and labels. */
  trainImages(start: number, count: number): Promise<{ pixels: Uint8Array; labels: Uint8Array }>;
  /** Test images by index. */
  testImages(indices: number[]): Promise<{ pixels: Uint8Array; labels: Uint8Array }>;
  /** Indices of test images with this true label predicted as `predicted`, by the current network. */
  confusionCell(label: number, predicted: number, limit: number): Promise<number[]>;
  /** Indices of training images with this label, from `from`. */
  findByLabel(label: number, from: number, limit: number): Promise<number[]>;
  checkpoint(): Promise<Checkpoint>;
  /**
   * Keeps the whole training state now (the lesson's experiments), path and confusion matrix
   * included, and returns its checkpoint. With `kept` (such a checkpoint, given to a worker
   * restarted after a crash), keeps that state instead, without its path (the checkpoint holds
   * its confusion matrix).
   */
  markExperiment(kept?: Checkpoint): Promise<Checkpoint>;
  /**
   * Goes back to the state markExperiment kept, with its settings (the speed stays), if the
   * network or its settings changed since; null (and nothing changes) if not, or if none is kept.
   * Either way the kept state is dropped.
   */
  endExperiment(): Promise<Snapshot | null>;
  /** Parameter vectors recorded every few updates, for the surface's training path. */
  trajectory(): Promise<{ steps: number[]; params: Float32Array[] }>;
  /** Test hook: makes the worker crash as if it died. */
  crash(): Promise<void>;
}

export type { ExampleRef };
