/**
 * The trainer: owns the data, the run being trained and what to go back to.
 * Plain TypeScript with no worker globals, so Node tests drive the very object the
 * worker exposes (see trainer.worker.ts). The run itself (weights, epoch order, batches,
 * records) is a TrainingRun; this class decides when to train, what to go back to (Reset's
 * Undo, the lesson's experiment, the divergence guard's anchor) and what the UI is sent.
 */
import { evaluate, mostlyStuckLayer, paramCount, stuckActivationOf } from '../engine';
import { sliceDataset, VALIDATION_SIZE } from '../data/idx';
import type { LoadProgress, Mnist } from '../data/load-mnist';
import type { DataInfo, TrainerApi } from '../protocol/trainer-api';
import {
  GUESSING_BELOW,
  type Checkpoint,
  type ExampleStep,
  type Fault,
  type Snapshot,
  type UpdateStep,
} from '../protocol/snapshot';
import { changedSettings, resetsNetwork, type Settings, type Speed } from '../protocol/settings';
import type { ModelExport } from '../protocol/model-file';
import { layerName } from '../protocol/names';
import { Trajectory } from './history';
import { checkCheckpoint, specFor } from './checkpoint-check';
import { confusionCellOf, exampleOf, imagesAt, imagesBetween, indicesOfLabel } from './lookups';
import { divergedFault, RECENT_COSTS, runawayReason, RUNAWAY_COST_IMAGES, soonAfter } from './divergence';
import { stuckWords } from '../protocol/names';
import { Playback, SnapshotClock, type RunTarget } from './playback';
import { TrainingRun, type Mark, type Splits } from './training-run';

/** A training slice lasts about this long, so a pause takes effect within it. */
const SLICE_MS = 12;

export interface SessionDeps {
  loadData: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<Mnist>;
  now: () => number;
  /** Schedules the next training slice in `ms` (default 0; setTimeout in the worker). */
  defer: (fn: () => void, ms?: number) => void;
  /** Makes the host die, for the crash test. */
  crash: () => void;
}

/** A whole training state kept to go back to: checkpoint (its confusion matrix too) and training path. */
interface Saved {
  checkpoint: Checkpoint;
  trajectory: Trajectory;
  /** Mean batch cost just before it was saved (Infinity before any update): how good it was. */
  cost: number;
}

export class TrainerSession {
  /** The three sets, filled in by setData (in place: every run holds this object). */
  private readonly data = {} as Splits;
  private run!: TrainingRun;
  private fault: Fault | null = null;
  /** What the last Reset threw away, kept until anything changes the network or its settings (Undo). */
  private beforeReset: Saved | null = null;
  /** The lesson's experiment: the state to go back to when the student leaves the step. */
  private experiment: Saved | null = null;
  /**
   * What a divergence soon after goes back to: the state before the last settings change that
   * kept the network, or the starting (or imported) weights; `what` names it for the message.
   */
  private beforeChange: (Saved & { what: string }) | null = null;
  private onSnapshot: (s: Snapshot) => void = () => {};
  private readonly playback = new Playback();
  private readonly clock = new SnapshotClock();

  constructor(private readonly deps: SessionDeps) {}

  // ---- data ----

  async load(baseUrl: string, onProgress: (p: LoadProgress) => void): Promise<DataInfo> {
    const mnist = await this.deps.loadData(baseUrl, onProgress);
    this.setData(mnist);
    return { trainCount: this.data.train.count, testCount: this.data.test.count, fromCache: mnist.fromCache };
  }

  /** Training set: the first 50,000 images; validation: the last 10,000. */
  setData(mnist: Pick<Mnist, 'train' | 'test'>): void {
    const split = mnist.train.count - VALIDATION_SIZE;
    this.data.train = sliceDataset(mnist.train, 0, split);
    this.data.validation = sliceDataset(mnist.train, split, mnist.train.count);
    this.data.test = mnist.test;
  }

  // ---- life cycle ----

  init(settings: Settings, onSnapshot: (s: Snapshot) => void, checkpoint?: Checkpoint): Snapshot {
    this.onSnapshot = onSnapshot;
    if (checkpoint) this.restore(checkpoint);
    else this.fresh(settings);
    return this.snapshot();
  }

  /** Stops training and replaces the run with `make`'s; nothing kept to go back to survives it. */
  private replaceRun(make: () => TrainingRun): void {
    this.stopRun();
    this.run = make();
    this.fault = null;
    this.beforeReset = null;
    this.beforeChange = null;
  }

  /** A new network at its starting weights, which a divergence soon after goes back to. */
  private fresh(settings: Settings): void {
    this.replaceRun(() => new TrainingRun(this.data, settings, () => this.deps.now()));
    this.run.untrained = this.run.measure(null).record;
    this.beforeChange = { ...this.save(), what: 'the starting weights' };
  }

  private restore(c: Checkpoint): void {
    const checked = checkCheckpoint(c, this.data.train.count);
    this.replaceRun(() => TrainingRun.restored(this.data, checked, () => this.deps.now()));
  }

  private save(): Saved {
    return {
      checkpoint: this.run.checkpoint(),
      trajectory: this.run.trajectoryLog,
      cost: this.run.history.recentMean(RECENT_COSTS),
    };
  }

  /** Back to a saved state, with `settings` (by default the saved ones). */
  private restoreSaved(saved: Saved, settings = saved.checkpoint.settings): void {
    this.restore(saved.checkpoint);
    const run = this.run;
    run.settings = { ...settings };
    run.noteRate();
    run.trajectoryLog = saved.trajectory;
    // a state saved before a settings change shares the log that kept recording after it
    run.trajectoryLog.truncateAfter(saved.checkpoint.step);
  }

  checkpoint(): Checkpoint {
    return this.run.checkpoint();
  }

  /**
   * One update (the rest of the batch first, timed: see TrainingRun.finishBatch); what Reset kept
   * is no longer the network before this one.
   */
  private update(detail: boolean): UpdateStep | null {
    const result = this.run.finishBatch(detail);
    this.beforeReset = null;
    return result;
  }

  // ---- the NaN guard ----

  /**
   * If the cost is no longer finite or a weight ran away (|w| > RUNAWAY_WEIGHT), pauses, restores
   * `good` (or what the last settings change kept, when that change was recent or `good` is
   * wrecked already: most of a layer stuck) and explains.
   */
  private guard(good: Mark): boolean {
    const reason = runawayReason(this.run.lastCost, this.run.net.params);
    if (reason === null) return true;
    const lr = this.run.currentLearningRate();
    const settings = this.run.settings;
    const change = this.beforeChange;
    const { sizes, activation } = this.run.net.spec;
    // the update before the runaway may be wrecked already (tanh at α 50 pins every neuron within
    // ~450 updates, before a weight passes 1,000), and then it is no place to go on from either
    const goodStuck = this.run.stuckNeurons(good.params);
    const goodWrecked = mostlyStuckLayer(goodStuck, sizes);
    const soon = change !== null && soonAfter(change.checkpoint.step, this.run.step);
    const back = change !== null && (soon || goodWrecked !== null);
    // what the chart shows of the undone updates: their costs, then the ran-away weights' cost
    const runaway = this.run.history.pointsAfter(back ? change.checkpoint.step : good.step);
    runaway.steps.push(this.run.step);
    runaway.values.push(evaluate(this.run.net, sliceDataset(this.data.validation, 0, RUNAWAY_COST_IMAGES)).cost);
    let restored: string;
    if (change && back) {
      // the updates since the change are what wrecked the network: go back to before it
      this.stopRun();
      this.restoreSaved(change, settings);
      this.beforeChange = change;
      restored = `${change.what} (update ${change.checkpoint.step}) are restored`;
      if (!soon && goodWrecked)
        restored =
          `the weights from before they ran away (update ${good.step}) were wrecked already, with ${goodWrecked.stuck} ` +
          `of the ${goodWrecked.size} neurons of ${layerName(goodWrecked.layer, sizes)} ` +
          `${stuckWords(stuckActivationOf(goodWrecked.layer, sizes, activation)).word}, ` +
          `so ${restored}`;
    } else {
      this.run.restoreMark(good);
      this.stopRun();
      restored = `the weights from before they ran away (update ${good.step}) are restored`;
    }
    const stuck = back ? this.run.stuckNeurons() : goodStuck;
    this.fault = divergedFault(lr, this.run.settings.learningRate, reason, restored, runaway, stuck, sizes, activation);
    return false;
  }

  // ---- commands ----

  stepExample(): ExampleStep {
    this.stopRun();
    const result = this.run.stepExample();
    // every example of the batch stepped: the next stepUpdate only applies the update
    this.emit(true);
    return result;
  }

  stepUpdate(): UpdateStep {
    this.stopRun();
    const good = this.run.mark();
    const result = this.update(true)!;
    if (!this.guard(good)) {
      result.diverged = true;
      // undone: the page drops its columns
      result.columns = [];
    }
    this.emit(true);
    return result;
  }

  async stepEpoch(): Promise<Snapshot> {
    this.stopRun();
    if (this.run.stepped > 0) {
      const good = this.run.mark();
      this.update(false);
      if (!this.guard(good)) return this.snapshot();
      // that batch was the epoch's last: the epoch is done (the run would train the whole next one)
      if (this.run.epoch !== good.epoch) {
        this.emit(true);
        return this.snapshot();
      }
    }
    await this.startRun('epoch-end');
    return this.snapshot();
  }

  play(): void {
    if (this.playback.playing) return;
    if (this.run.stepped > 0) {
      const good = this.run.mark();
      this.update(false);
      if (!this.guard(good)) {
        this.emit(true);
        return;
      }
    }
    void this.startRun('forever');
  }

  pause(): Snapshot {
    this.stopRun();
    return this.snapshot();
  }

  setSpeed(speed: Speed): void {
    this.run.settings = { ...this.run.settings, speed };
    this.playback.clearAllowance();
  }

  reset(): Snapshot {
    // a Reset of the starting weights changes nothing: the last Reset's Undo still holds
    const before = this.setAsideNow();
    this.fresh(this.run.settings);
    this.beforeReset = before;
    return this.snapshot();
  }

  /**
   * What a replacement of the network (Reset, a rebuild, an opened model) keeps for Undo: this
   * network if it has trained, else what an earlier replacement kept (a Reset of the starting
   * weights changes nothing, so the last Undo still holds).
   */
  private setAsideNow(): Saved | null {
    return this.run.step > 0 ? this.save() : this.beforeReset;
  }

  markExperiment(kept?: Checkpoint): Checkpoint {
    if (kept) {
      this.experiment = {
        checkpoint: checkCheckpoint(kept, this.data.train.count),
        trajectory: new Trajectory(),
        cost: Infinity,
      };
    } else this.experiment = this.save();
    return this.experiment.checkpoint;
  }

  endExperiment(): Snapshot | null {
    const saved = this.experiment;
    this.experiment = null;
    if (!saved) return null;
    const c = saved.checkpoint;
    const changed =
      this.run.step !== c.step ||
      Object.keys(changedSettings(c.settings, this.run.settings)).some((k) => k !== 'speed');
    if (!changed) return null;
    return this.bringBack(saved, 'the weights put back after the experiment');
  }

  /** Back to a kept state with its settings (the speed stays); a divergence soon after goes back to it. */
  private bringBack(saved: Saved, what: string): Snapshot {
    this.restoreSaved(saved, { ...saved.checkpoint.settings, speed: this.run.settings.speed });
    this.beforeChange = { ...this.save(), what };
    this.emit(true);
    return this.snapshot();
  }

  /**
   * Brings back the network the last Reset, rebuilding setting or opened model replaced (with
   * its settings); null if anything has changed the new one since.
   */
  undoReset(): Snapshot | null {
    const before = this.beforeReset;
    if (!before) return null;
    return this.bringBack(before, 'the weights Undo brought back');
  }

  /** Back to the state kept before the last settings change (see TrainerApi); null if there is none worth it. */
  backToBeforeChange(): Snapshot | null {
    const anchor = this.beforeChange;
    if (!anchor || !this.worthGoingBack()) return null;
    return this.bringBack(anchor, anchor.what);
  }

  /**
   * Whether the kept state is one to offer going back to: trained (update > 0), not the state on
   * screen (after Undo brought it back, going back reloaded it), and not read like a guess or with
   * most of a layer stuck at its last epoch (after α lowered by hand, it was as wrecked as now).
   */
  private worthGoingBack(): boolean {
    const c = this.beforeChange?.checkpoint;
    if (!c || c.step === 0 || c.step === this.run.step) return false;
    const last = c.epochs[c.epochs.length - 1];
    if (!last) return true;
    const stuck = last.stuck && mostlyStuckLayer(last.stuck, this.run.net.spec.sizes);
    return last.testAccuracy >= GUESSING_BELOW && !stuck;
  }

  setSettings(patch: Partial<Settings>): Snapshot {
    const current = this.run.settings;
    const next = { ...current, ...patch };
    // the trained network a rebuild replaces is kept for Undo, as a Reset's is; an untrained one's
    // rebuild keeps what an earlier Reset or replacement kept
    const rebuilds = resetsNetwork(patch, current);
    const replaced = rebuilds ? this.setAsideNow() : null;
    // settings that change nothing (New session's defaults, already in use) keep what a Reset kept
    if (Object.keys(changedSettings(patch, current)).length > 0) this.beforeReset = null;
    if (rebuilds) {
      this.fresh(next);
      this.beforeReset = replaced;
    } else {
      const what =
        patch.learningRate !== undefined && patch.learningRate !== current.learningRate
          ? `the weights from before the learning rate was set to ${patch.learningRate}`
          : 'the weights from before the settings changed';
      // a recent anchor the training since has made worse (α = 1 for five updates, then α = 5)
      // stays: a divergence now should go back past both changes
      const anchor = this.beforeChange;
      const worse =
        anchor !== null &&
        soonAfter(anchor.checkpoint.step, this.run.step) &&
        this.run.history.recentMean(RECENT_COSTS) > anchor.cost;
      if (!worse) this.beforeChange = { ...this.save(), what };
      this.run.settings = next;
      if (patch.learningRate !== undefined) this.fault = null;
      this.run.noteRate();
    }
    this.emit(true);
    return this.snapshot();
  }

  /** Loads an exported model (already validated by parseModelFile): its settings, weights, update and epoch. */
  importModel(model: ModelExport): Snapshot {
    const count = paramCount(specFor(model.settings));
    if (model.params.length !== count) {
      throw new Error(`The model has ${model.params.length} parameters; its settings need ${count}.`);
    }
    const replaced = this.setAsideNow();
    this.replaceRun(() => new TrainingRun(this.data, model.settings, () => this.deps.now()));
    this.beforeReset = replaced;
    const run = this.run;
    run.net.params.set(model.params);
    // what the file's network read before it trained is not in the file
    run.untrained = null;
    run.step = model.step;
    run.epoch = model.epoch;
    // the new run noted epoch 0's rate: the model's epoch has its own
    run.noteRate();
    run.trajectoryLog = new Trajectory();
    run.trajectoryLog.maybeRecord(run.step, run.net.params);
    run.recordEvaluation(null);
    this.beforeChange = { ...this.save(), what: 'the imported weights' };
    this.emit(true);
    return this.snapshot();
  }

  selectExample(index: number | null): Snapshot {
    if (index === null) {
      this.run.unselect();
      return this.snapshot();
    }
    const count = this.data.train.count;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new Error(`No training image ${index}: choose 0 to ${count - 1}.`);
    }
    this.run.select(index);
    return this.snapshot();
  }

  // ---- playing ----

  private stopRun(): void {
    this.playback.stop();
  }

  /** Starts Play or Step epoch (after stopping the run under way); resolves when it stops. */
  private startRun(target: RunTarget): Promise<void> {
    this.fault = null;
    this.clock.restartRate(this.deps.now(), this.run.step);
    const { id, done } = this.playback.begin(target, this.deps.now());
    this.emit(true);
    this.deps.defer(() => this.slice(id));
    return done;
  }

  /** One slice of training: at most SLICE_MS of work, then yield so commands get through. */
  private slice(id: number): void {
    if (!this.playback.isCurrent(id)) return;
    const start = this.deps.now();
    const speed = this.playback.speedOf(this.run.settings.speed);
    // updates allowed this slice: all that fit (max) or what the chosen rate has earned since the last tick
    this.playback.earn(start, speed);
    const wait = this.playback.waitForNext(speed);
    if (wait !== null) {
      this.deps.defer(() => this.slice(id), wait);
      return;
    }
    const run = this.run;
    const good = run.mark();
    const startEpoch = run.epoch;
    let epochEnded = false;
    while (this.deps.now() - start < SLICE_MS) {
      if (!this.playback.take(speed)) break;
      this.update(false);
      if (!Number.isFinite(run.lastCost ?? 0)) break;
      if (run.epoch !== startEpoch) {
        epochEnded = true;
        break;
      }
    }
    this.playback.endSlice(speed);
    if (!this.guard(good)) {
      this.emit(true);
      return;
    }
    if (epochEnded && this.playback.target === 'epoch-end') {
      this.stopRun();
      this.emit(true);
      return;
    }
    this.emit(false);
    this.deps.defer(() => this.slice(id));
  }

  // ---- snapshots ----

  private emit(force: boolean): void {
    if (!this.clock.due(force, this.deps.now(), this.run.step)) return;
    this.onSnapshot(this.snapshot());
  }

  snapshot(): Snapshot {
    const run = this.run;
    const rate = this.clock.rate(this.deps.now(), run.step);
    const h = run.history.toArrays();
    const playing = this.playback.playing;
    return {
      seq: this.clock.nextSeq(),
      spec: run.net.spec,
      settings: { ...run.settings },
      params: run.net.params.slice(),
      step: run.step,
      epoch: run.epoch,
      positionInEpoch: run.batchStart + run.stepped,
      examplesPerEpoch: this.data.train.count,
      batchStepped: run.stepped,
      batchSize: run.batchSize,
      learningRate: run.currentLearningRate(),
      epochRates: run.epochRates.slice(),
      playing,
      steppingEpoch: playing && this.playback.target === 'epoch-end',
      cost: run.lastCost,
      costSteps: h.costSteps,
      costFirsts: h.costFirsts,
      costValues: h.costValues,
      epochs: run.epochs.slice(),
      untrained: run.untrained,
      confusion: run.confusion?.slice() ?? null,
      nextExample: exampleOf(this.data.train, run.nextIndex()),
      nextPicked: run.nextOverride !== null,
      fault: this.fault,
      updatesPerSecond: playing ? rate : 0,
      silentUpdates: run.silentUpdates,
      ...(this.worthGoingBack()
        ? { beforeChange: { step: this.beforeChange!.checkpoint.step, what: this.beforeChange!.what } }
        : {}),
    };
  }

  // ---- lookups ----

  trainImages(start: number, count: number): { pixels: Uint8Array; labels: Uint8Array } {
    return imagesBetween(this.data.train, start, count);
  }

  testImages(indices: number[]): { pixels: Uint8Array; labels: Uint8Array } {
    return imagesAt(this.data.test, indices);
  }

  confusionCell(label: number, predicted: number, limit: number): number[] {
    return confusionCellOf(this.run.net, this.data.test, label, predicted, limit);
  }

  findByLabel(label: number, from: number, limit: number): number[] {
    return indicesOfLabel(this.data.train, label, from, limit);
  }

  trajectory(): { steps: number[]; params: Float32Array[] } {
    const log = this.run.trajectoryLog;
    return { steps: log.steps.slice(), params: log.params.map((p) => p.slice()) };
  }

  /** The object the worker exposes: exactly the TrainerApi. */
  api(): TrainerApi {
    return {
      load: (baseUrl, onProgress) => this.load(baseUrl, onProgress),
      init: async (settings, onSnapshot, checkpoint) => this.init(settings, onSnapshot, checkpoint),
      play: async () => this.play(),
      pause: async () => this.pause(),
      setSpeed: async (speed) => this.setSpeed(speed),
      stepExample: async () => this.stepExample(),
      stepUpdate: async () => this.stepUpdate(),
      stepEpoch: () => this.stepEpoch(),
      reset: async () => this.reset(),
      undoReset: async () => this.undoReset(),
      setSettings: async (patch) => this.setSettings(patch),
      backToBeforeChange: async () => this.backToBeforeChange(),
      importModel: async (model) => this.importModel(model),
      selectExample: async (index) => this.selectExample(index),
      trainImages: async (start, count) => this.trainImages(start, count),
      testImages: async (indices) => this.testImages(indices),
      confusionCell: async (label, predicted, limit) => this.confusionCell(label, predicted, limit),
      findByLabel: async (label, from, limit) => this.findByLabel(label, from, limit),
      checkpoint: async () => this.checkpoint(),
      markExperiment: async (kept) => this.markExperiment(kept),
      endExperiment: async () => this.endExperiment(),
      trajectory: async () => this.trajectory(),
      crash: async () => this.deps.crash(),
    } satisfies TrainerApi;
  }
}
