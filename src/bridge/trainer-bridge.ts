/**
 * Owns the trainer worker's life: starts it on first use, loads the data, forwards
 * commands, pushes snapshots into the store, keeps a checkpoint every few seconds and
 * restarts the worker from it after a crash.
 */
import * as Comlink from 'comlink';
import type { TrainerApi } from '../protocol/trainer-api';
import type { Checkpoint, Snapshot } from '../protocol/snapshot';
import { DEFAULT_SETTINGS, resetsNetwork, type Settings, type Speed } from '../protocol/settings';
import type { ModelExport } from '../protocol/model-file';
import { count } from '../protocol/numbers';
import { Ending } from './ending';
import { sayUntilReplaced, UndoOffer } from './undo-offer';
import { SilenceWatch } from './silence-watch';
import { crashNotice } from './crash-notice';
import { planResume } from './resume-plan';
import type { WorkerFactory } from './worker-life';
import { CostWatch } from './cost-watch';
import {
  dismissAction,
  dismissNotice,
  noBatch,
  notify,
  selectionsFitting,
  UNDO_RESET,
  useLab,
  type DataStatus,
} from '../store/lab-store';
import { withBatchColumns, withSteppedColumn } from '../store/batch-columns';
import { Autosave, CHECKPOINT_EVERY_MS } from './autosave';
import type { KeptExperiment } from './saved-session';

/** Resolves once the trainer is no longer busy. */
function untilIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (!useLab.getState().busy) return resolve();
    const stop = useLab.subscribe((s) => {
      if (s.busy) return;
      stop();
      resolve();
    });
  });
}

/** Detail panels redraw at most this often while training plays. */
const PANEL_EVERY_MS = 250;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });

/**
 * Keeps the cost history of a trained network about to be replaced (Reset, a rebuilding
 * setting, a preset), for the cost chart to draw beside the next run's.
 */
function keepEarlierRun(): void {
  const s = useLab.getState().snapshot;
  if (!s || s.step === 0 || s.costSteps.length === 0) return;
  useLab.setState({
    earlierRun: {
      settings: { ...s.settings },
      steps: s.costSteps.slice(),
      values: s.costValues.slice(),
    },
  });
}

/** The worker a restart started died before it was ready (not restarted again: a loop). */
class WorkerDiedStarting extends Error {}

/** The worker died while starting and a restart took over: the start ends as the restart does. */
class Superseded extends Error {
  constructor(readonly next: Promise<void>) {
    super('superseded by a restart');
  }
}

/** A worker that owes an answer and says nothing for this long has probably stopped (see watchSilence). */
export const TRAINER_SILENT_MS = 60_000;

/** The data state that says why a start failed. */
function failedData(e: unknown): DataStatus {
  return {
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
    engine: e instanceof WorkerDiedStarting,
  };
}

export class TrainerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;
  private started: Promise<void> | null = null;
  /** Resolved when the first start succeeds (Promise.withResolvers is newer than the browsers the app supports). */
  private firstStarted: () => void = () => {};
  private readonly firstStart = new Promise<void>((resolve) => (this.firstStarted = resolve));
  private readonly costWatch = new CostWatch();
  private restarting = false;
  /** Calls the worker has yet to answer, when it was last heard from, and the notice that it is silent. */
  private owed = 0;
  private readonly silence: SilenceWatch;
  private silentNotice: number | null = null;
  private readonly autosave = new Autosave({
    api: () => (this.restarting ? null : this.api),
    answer: (reply) => this.answer(reply),
    experiment: () => this.experiment,
  });
  /** Settles when the current worker is stopped: a call it will never answer ends then. */
  private workerGone: Ending<undefined> = ended();
  private endWorker: () => void = () => {};
  private lastPanelAt = 0;
  /** seq of the newest snapshot taken from the current worker; older ones arriving late are dropped. */
  private lastSeq = 0;
  /** Settings a shared link asked for; applied over a resumed session. */
  private linkSettings: Partial<Settings> = {};
  private linkLesson: number | null = null;
  /** The settings of the lesson step a link opens: a first start with no saved session builds its network at once. */
  private lessonStart: Partial<Settings> = {};
  private firstBoot = true;
  /** The Undo on offer after a reset or a replacement. */
  private readonly undo = new UndoOffer({
    bringBack: () => this.undoReset(),
    saveNow: () => this.autosave.now(),
  });
  /** A link's rebuild at the start is under way: the saved network it replaces is not saved over. */
  private linkReplacing = false;
  /** The next snapshot is of weights put in place other than by training (see networkReplaced). */
  private replacing = false;
  /**
   * The state the lesson's experiment keeps in the worker, and its step: given to a restarted
   * worker, and saved with the session for a reload.
   */
  private experiment: KeptExperiment | null = null;
  /**
   * `experiment` came with the saved session and the lesson has not taken it yet: the first step
   * opened (or the lesson's close) takes it or forgets it (see takeResumedExperiment). Left
   * waiting, a later visit to the step adopted an experiment long over.
   */
  private experimentResumed = false;
  /** Commands that hold `busy` now (New session holds it across its several calls). */
  private busyDepth = 0;
  /**
   * setSettings calls not yet answered. A snapshot pushed meanwhile (while playing) was made
   * before the change and carries the old settings: they are not taken from it, or the address
   * and a pending question went back to them until the reply.
   */
  private settingsInFlight = 0;
  /** The last of New session and Undo: each waits for the one before to end. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly factory: WorkerFactory = defaultFactory,
    private readonly dataUrl: string = new URL('data/', document.baseURI).href,
    /** How long a worker that owes an answer may say nothing before the app says so (see watchSilence). */
    silentMs = TRAINER_SILENT_MS,
  ) {
    this.silence = new SilenceWatch(silentMs);
    // leaving the page (another tab, a phone's app switch, closing it): save now, not up to
    // CHECKPOINT_EVERY_MS later; a phone may end a hidden page without another event
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.autosave.now();
    });
  }

  /**
   * Starts the worker, loads MNIST and builds the network; safe to call again after a failure
   * (from the last auto-save, if a restart after a crash failed).
   */
  start(): Promise<void> {
    this.started ??= this.boot(this.autosave.lastCheckpoint, this.firstBoot).then(
      () => this.firstStarted(),
      (e: unknown) => {
        this.started = null;
        throw e;
      },
    );
    return this.started;
  }

  /** The first network is up: a resumed session's settings, or the link's and the defaults', are in use. */
  whenStarted(): Promise<void> {
    return this.firstStart;
  }

  /**
   * start() for a command: false if the engine could not start. That failure is shown already
   * (the data panel's error, with Retry); passed on, it was an unhandled rejection in every
   * `void trainer.x()` of the views.
   */
  private async ready(): Promise<boolean> {
    try {
      await this.start();
      return true;
    } catch {
      return false;
    }
  }

  retry(): Promise<void> {
    // a start under way is not ended for another (Retry pressed as the browser came back online
    // and retried by itself): the ended start's promise waited on a worker that no longer existed
    if (this.started) return this.started;
    this.stopWorker();
    return this.start();
  }

  /** Something saved with the session changed (the lesson step): saved soon. */
  markChanged(): void {
    this.autosave.changed();
    // saved soon, as a step is: a reload within the 3 s tick reopened the step before
    this.autosave.soon(useLab.getState().snapshot?.step ?? 0);
  }

  /** The settings the opening link asked for (for the lesson to say which it does not use). */
  linkAsked(): Partial<Settings> {
    return { ...this.linkSettings };
  }

  /** An address edited since: what it asks for, which the lesson then speaks of (not the opening link's). */
  noteLinkAsked(settings: Partial<Settings>): void {
    this.linkSettings = { ...settings };
  }

  /** Settings from the URL hash: the first start uses them, over a resumed session too. */
  setLinkSettings(settings: Partial<Settings>, lesson: number | null): void {
    this.linkSettings = settings;
    this.linkLesson = lesson;
    useLab.setState((s) => ({ settings: { ...s.settings, ...settings } }));
  }

  /**
   * The settings the link's lesson step sets. With no saved session to resume, the first network is
   * built with them: it was the defaults' network, rebuilt at once by the step (the work twice, and
   * its numbers changing under a student who had started reading them).
   */
  setLessonStart(settings: Partial<Settings>): void {
    this.lessonStart = settings;
  }

  private async boot(checkpoint: Checkpoint | null, resume = false): Promise<void> {
    this.stopWorker();
    const worker = this.factory();
    this.worker = worker;
    const gone = new Ending<undefined>();
    this.workerGone = gone;
    this.endWorker = () => gone.resolve(undefined);
    this.lastSeq = 0;
    // a worker a restart started that dies while starting fails the restart, with Retry: it was
    // ignored (a crash while restarting), and the app showed "loading" for good
    let booting = true;
    const bootFailed = new Ending();
    const failBoot = (e: Error) => bootFailed.reject(e);
    /** The restart that took over when this worker died while it started (a first start's). */
    let superseded: Promise<void> | null = null;
    const restart = this.restarting;
    worker.addEventListener('error', (e) => {
      const reason = e.message || 'the trainer worker stopped unexpectedly';
      if (booting && restart) {
        failBoot(
          new WorkerDiedStarting(
            `The training engine stopped again while it was being restarted (${reason}). ` +
              (checkpoint
                ? `Retry starts it from the last auto-save, update ${count(checkpoint.step)}.`
                : 'Retry starts it again; your saved session, if any, is resumed.'),
          ),
        );
      } else {
        const next = this.onCrash(reason);
        // the first start's steps wait on a worker that is gone (comlink never answers them):
        // it ends as the restart ends, so what waits on start() (the lesson's step) goes on
        if (booting && next) {
          superseded = next;
          failBoot(new Superseded(next));
        }
      }
    });
    /** `promise`, or the restart's failure if this worker dies first. */
    const untilFailed = <T>(promise: Promise<T>): Promise<T> => bootFailed.race(promise);
    const api = Comlink.wrap<TrainerApi>(worker);
    this.api = api;
    useLab.setState({ data: { kind: 'loading', progress: null } });
    try {
      await this.bootWorker(worker, api, checkpoint, resume, untilFailed);
    } catch (e) {
      // whatever failed after the crash (a call on the proxy the restart released) is the
      // crash's doing: this start ends as the restart does
      if (superseded) return superseded;
      if (this.worker === worker) {
        useLab.setState({ data: failedData(e) });
        if (restart) this.stopWorker();
      }
      throw e;
    } finally {
      booting = false;
    }
  }

  /** Gives the worker the saved session's experiment; one it refuses is dropped, not the session. */
  private async resumeExperiment(
    api: Comlink.Remote<TrainerApi>,
    kept: KeptExperiment,
    worker: Worker,
    untilFailed: <T>(promise: Promise<T>) => Promise<T>,
  ): Promise<void> {
    // held before the worker answers: a crash meanwhile hands it to the restarted worker (keepExperiment)
    this.experiment = kept;
    this.experimentResumed = true;
    try {
      await untilFailed(api.markExperiment(kept.checkpoint));
    } catch (e) {
      if (e instanceof WorkerDiedStarting || e instanceof Superseded || this.worker !== worker) throw e;
      this.forgetExperiment();
    }
  }

  /** Loads the data in the new worker and builds (or resumes) its network. */
  private async bootWorker(
    worker: Worker,
    api: Comlink.Remote<TrainerApi>,
    checkpoint: Checkpoint | null,
    resume: boolean,
    untilFailed: <T>(promise: Promise<T>) => Promise<T>,
  ): Promise<void> {
    // a failure here is shown by boot(), as any failure to start; progress that comes after the
    // load has ended (a message still on its way) is not taken: it set "loading" over the outcome
    let loading = true;
    const info = await untilFailed(
      api.load(
        this.dataUrl,
        Comlink.proxy((progress) => {
          if (loading && this.worker === worker) useLab.setState({ data: { kind: 'loading', progress } });
        }),
      ),
    ).finally(() => (loading = false));
    useLab.setState({ data: { kind: 'ready', fromCache: info.fromCache, trainCount: info.trainCount } });
    // a new worker's network (a restart's from the auto-save) replaces what was shown
    this.replacing = true;
    const onSnapshot = Comlink.proxy((s: Snapshot) => this.receive(worker, s));
    let snapshot: Snapshot | null = null;
    const saved = resume ? await untilFailed(this.autosave.read(() => this.worker === worker)) : null;
    let replacedByLink: string | null = null;
    if (saved) {
      try {
        snapshot = await untilFailed(api.init(useLab.getState().settings, onSnapshot, saved.checkpoint));
        this.autosave.resumed(saved.checkpoint);
        const plan = planResume({
          linkSettings: this.linkSettings,
          linkLesson: this.linkLesson,
          savedLesson: saved.lesson,
          resumed: snapshot,
        });
        useLab.setState({ lesson: plan.lesson, saved: { step: snapshot.step, at: saved.savedAt } });
        this.linkSettings = plan.asked;
        const { patch } = plan;
        replacedByLink = plan.replaced;
        if (replacedByLink) {
          // held from before the rebuild: a save asked for while it ran (the saved session's lesson
          // step, a tab switch) wrote the link's network over the saved one
          this.linkReplacing = true;
          this.autosave.keepSavedWhile(() => this.linkReplacing || this.undo.open);
        } else if (plan.welcome) sayUntilReplaced(notify('info', plan.welcome), snapshot.step);
        if (Object.keys(patch).length) {
          // not in the saved checkpoint: a crash before the next one (even while this call is
          // answered) says it was undone; and a change to save (the update count alone did not
          // change, so it was never saved)
          this.autosave.replaced();
          snapshot = await untilFailed(api.setSettings(patch));
        }
        // the experiment under way on the step the session resumes: the lesson adopts it (openLessonStep)
        if (!replacedByLink && saved.experiment && saved.experiment.lesson === useLab.getState().lesson) {
          await this.resumeExperiment(api, saved.experiment, worker, untilFailed);
        }
      } catch (e) {
        // the worker died (or a restart replaced it, whose api.init on the released proxy threw
        // here): the saved session is not at fault. It is kept, for Retry or for the restart,
        // which reads it again; discarded, the student's saved work was lost to a crash
        if (e instanceof WorkerDiedStarting || e instanceof Superseded || this.worker !== worker) throw e;
        notify('warning', `${e instanceof Error ? e.message : String(e)} Started a new session.`);
        await this.autosave.discard();
        snapshot = null;
      }
    }
    // (not if the student left the lesson while the digits loaded: free play's settings then, as the
    // bar showed them; the lecture's came in without a word)
    if (!snapshot && !checkpoint && this.firstBoot && this.linkLesson !== null && useLab.getState().lesson !== null) {
      useLab.setState((s) => ({ settings: { ...s.settings, ...this.lessonStart } }));
    }
    this.firstBoot = false;
    snapshot ??= await untilFailed(api.init(useLab.getState().settings, onSnapshot, checkpoint ?? undefined));
    this.receive(worker, snapshot);
    if (replacedByLink) this.undo.offer(replacedByLink);
    this.linkReplacing = false;
    this.autosave.start();
    this.watchSilence(worker);
  }

  /**
   * A worker that stops without an error event (closed, or stuck in a loop) is never reported by
   * the browser: the app stood at "❚❚ Pause" with its counters frozen and every button doing
   * nothing (a review). While it owes an answer (a call, or snapshots while playing) and has sent
   * nothing for `silentMs`, a notice says so and offers to restart it from the last auto-save. It
   * asks rather than restarts by itself: a slow machine's long update must not lose its work.
   */
  private watchSilence(worker: Worker): void {
    this.silence.start(
      () => {
        if (this.worker !== worker) return false;
        // a hidden page's messages wait for it to be shown, and may come after this check does
        if (document.hidden) {
          this.heard();
          return false;
        }
        return (this.owed > 0 || (useLab.getState().snapshot?.playing ?? false)) && !this.restarting;
      },
      () => {
        if (this.silentNotice !== null) {
          // shown, or closed by the student: asked again only after another silent spell (it came back every 5 s)
          if (!useLab.getState().notices.some((n) => n.id === this.silentNotice)) this.heard();
          return;
        }
        const saved = this.autosave.lastCheckpoint?.step;
        this.silentNotice = notify(
          'warning',
          `The training engine has not answered for ${this.silence.said}: it may have stopped. ` +
            (saved === undefined
              ? 'Restarting it builds the network again from its settings.'
              : `Restarting it goes back to the last auto-save (update ${count(saved)}).`),
          {
            label: 'Restart the engine',
            testId: 'restart-silent',
            run: () => {
              this.silence.stop();
              void this.onCrash(`no answer for ${this.silence.said}`);
            },
          },
        );
      },
    );
  }

  /** The worker was heard from (a snapshot, an answer), or asked something. */
  private heard(): void {
    this.silence.heard();
    if (this.silentNotice !== null) {
      dismissNotice(this.silentNotice);
      this.silentNotice = null;
    }
  }

  private receive(worker: Worker, snapshot: Snapshot): void {
    // a snapshot pushed while playing travels on its own port and can arrive after the
    // reply to pause; taking it would show "playing" after the pause
    if (worker !== this.worker || snapshot.seq <= this.lastSeq) return;
    this.lastSeq = snapshot.seq;
    this.heard();
    const now = performance.now();
    const panel = !snapshot.playing || now - this.lastPanelAt >= PANEL_EVERY_MS;
    if (panel) this.lastPanelAt = now;
    // trained since a Reset (or a replacement): its Undo no longer applies
    this.undo.outlivedBy(snapshot.step);
    const fault = snapshot.fault?.kind === 'diverged' && useLab.getState().snapshot?.fault?.kind !== 'diverged';
    if (fault) useLab.setState(noBatch());
    // in the same update as the snapshot: a selection the new shape lacks must not be drawn once
    const fitted = selectionsFitting(snapshot.spec.sizes, useLab.getState());
    const replaced = this.replacing ? { networkReplaced: useLab.getState().networkReplaced + 1 } : {};
    this.replacing = false;
    const settings = this.settingsInFlight > 0 ? useLab.getState().settings : snapshot.settings;
    useLab.setState(
      panel
        ? { snapshot, panelSnapshot: snapshot, settings, ...fitted, ...replaced }
        : { snapshot, settings, ...fitted, ...replaced },
    );
    if (!snapshot.playing) this.autosave.soon(snapshot.step);
    const rising = this.costWatch.check(snapshot);
    // in the lesson on its card, which stays on screen (step 9's experiment is this)
    if (rising) {
      if (useLab.getState().lesson !== null) useLab.setState({ lessonNote: rising });
      // (gone with the network it speaks of: it stood beside a rebuilt network at update 0: a review)
      else sayUntilReplaced(notify('warning', rising), snapshot.step, true);
    }
  }

  /**
   * Default settings and a fresh network, the saved session forgotten. A trained network it
   * replaces is kept for Undo (with its settings), as a Reset's is, instead of asking first.
   */
  newSession(): Promise<void> {
    return this.inTurn(() => this.autosave.forgetWhile(() => this.whileBusy(() => this.startNewSession())));
  }

  /**
   * Runs New session and Undo one after the other: an Undo pressed while a New session (of the
   * untrained network) worked was undone by that New session's own Reset, which then set the
   * network aside again.
   */
  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn, fn);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** `busy` (the step buttons and Reset unavailable) for as long as `fn` runs, nested calls included. */
  private async whileBusy<T>(fn: () => Promise<T>): Promise<T> {
    this.busyDepth++;
    useLab.setState({ busy: true });
    try {
      return await fn();
    } finally {
      this.busyDepth--;
      useLab.setState({ busy: this.busyDepth > 0 });
    }
  }

  private async startNewSession(): Promise<void> {
    if (!(await this.ready())) return;
    if (useLab.getState().snapshot?.playing) await this.pause();
    const replaced = useLab.getState().snapshot?.step ?? 0;
    // the default speed comes with the new session; Undo brings the student's back with their network
    const speed = useLab.getState().settings.speed;
    await this.autosave.clear();
    this.linkSettings = {};
    // the lesson goes, and with it any experiment it would put back
    this.forgetExperiment();
    useLab.setState({
      settings: DEFAULT_SETTINGS,
      lesson: null,
      saved: null,
      probe: null,
      selectedNeuron: null,
      selectedWeight: null,
      surfaceKind: null,
    });
    await this.call((api) => api.setSettings(DEFAULT_SETTINGS));
    await this.reset();
    // a new session compares with nothing from before
    useLab.setState({ earlierRun: null });
    // the speed New session set, unless the student chose another since
    const speedBack = async () => {
      const now = useLab.getState().settings.speed;
      if (now !== speed && now === DEFAULT_SETTINGS.speed) await this.setSpeed(speed);
    };
    if (replaced > 0)
      this.undo.offer(
        `New session: default settings and a fresh network. Your network (update ${count(replaced)}) was set aside: Undo brings it back until you train this one or leave the page.`,
        'Your session is back',
        speedBack,
      );
    // an untrained network replaced: an Undo already on offer (a second New session, or a link's
    // replacement at the start) still holds, but no longer in a saved session: said so (the link's
    // notice said the network it replaced "stays saved", and New session had just cleared it)
    else if (this.undo.open)
      this.undo.offer(
        'New session: default settings and a fresh network. Undo still brings back the network set aside before, until you train this one or leave the page.',
        'Your session is back',
        speedBack,
      );
  }

  /**
   * setSettings for changes made without asking first (an edited address, a preset): a trained
   * network a rebuild replaces is kept, and its notice (`says(update)`) offers Undo. Says whether
   * the network was rebuilt and whether that notice was given.
   */
  async setSettingsWithUndo(
    patch: Partial<Settings>,
    says: (replacedUpdate: string) => string,
  ): Promise<{ rebuilt: boolean; undo: boolean }> {
    const rebuilt = resetsNetwork(patch, useLab.getState().settings);
    if (!rebuilt) {
      await this.setSettings(patch);
      return { rebuilt, undo: false };
    }
    const replaced = await this.withUndo(() => this.setSettings(patch), says);
    return { rebuilt, undo: (replaced ?? 0) > 0 };
  }

  /**
   * Replaces the network by `act`, with an Undo: paused first, so the count named is the network's
   * own (a snapshot while playing lags it); a trained network replaced is offered back in a notice
   * that `says(update, updates)` (Undo's own notice then begins `undone`). The updates set aside
   * (0: nothing trained was replaced, and nothing is offered), or null when `act` answers false
   * (nothing was replaced).
   */
  async withUndo(
    act: () => Promise<boolean | void>,
    says: (update: string, updates: number) => string,
    undone?: string,
  ): Promise<number | null> {
    if (useLab.getState().snapshot?.playing) await this.pause();
    const updates = useLab.getState().snapshot?.step ?? 0;
    if ((await act()) === false) return null;
    if (updates > 0) this.undo.offer(says(count(updates), updates), undone);
    return updates;
  }

  /** Keeps the training state now, for the lesson to put back after an experiment. */
  async markExperiment(): Promise<void> {
    const lesson = useLab.getState().lesson;
    const checkpoint = await this.call((api) => api.markExperiment());
    this.experiment = checkpoint ? { checkpoint, lesson } : null;
    this.experimentResumed = false;
    // saved with the session: a reload now keeps what the step will put back
    this.autosave.changed();
  }

  /**
   * The step of an experiment the saved session brought back that the lesson has not taken yet,
   * or null. Asked once: after it, the experiment is the lesson's to keep (it goes on as if
   * markExperiment had kept it) or to forget.
   */
  takeResumedExperiment(): number | null {
    if (!this.experimentResumed || this.experiment === null) return null;
    this.experimentResumed = false;
    return this.experiment.lesson;
  }

  /** The lesson left the step by another way (the address, a new session): nothing will put it back, nor save it. */
  forgetExperiment(): void {
    if (this.experiment === null) return;
    this.experiment = null;
    this.experimentResumed = false;
    this.autosave.changed();
  }

  /** Puts back the state markExperiment kept if the network changed since; its update, or null if nothing changed. */
  async endExperiment(): Promise<number | null> {
    if (useLab.getState().snapshot?.playing) await this.pause();
    this.replacing = true;
    const snapshot = await this.call((api) => api.endExperiment());
    this.forgetExperiment();
    if (!snapshot) {
      this.replacing = false;
      return null;
    }
    dismissAction(UNDO_RESET);
    this.receiveBroughtBack(snapshot);
    // saved at once, as after an Undo: a crash before the save restarted the experiment's network
    // while the card said the one from before was back
    void this.autosave.now();
    return snapshot.step;
  }

  /** A network the worker brought back (Undo, an experiment's end): new to the checkpoints and panels. */
  private receiveBroughtBack(snapshot: Snapshot): void {
    this.autosave.replaced();
    // the run kept to compare with is (most often) this very one, back
    useLab.setState({ ...noBatch(), saved: null, earlierRun: null });
    this.receiveFromApi(snapshot);
  }

  /**
   * Replaces the network with an imported model (already validated); false if it did not arrive
   * (the engine could not start, or died meanwhile): then nothing changed, and nothing is said opened.
   */
  async importModel(model: ModelExport): Promise<boolean> {
    if (useLab.getState().snapshot?.playing) await this.pause();
    if (!(await this.ready())) return false;
    dismissAction(UNDO_RESET);
    this.autosave.replaced();
    this.replacing = true;
    const snapshot = await this.call((api) => api.importModel(model));
    if (!snapshot) {
      this.replacing = false;
      return false;
    }
    // (and no grey "before" line: a run from update 0 beside a file's network from update 11,623
    // compares nothing, and it held the cost chart's axis at 0)
    useLab.setState({
      ...noBatch(),
      probe: null,
      saved: null,
      earlierRun: null,
    });
    this.receiveFromApi(snapshot);
    return true;
  }

  /** The current network and settings, for exporting. */
  async exportModel(): Promise<ModelExport | undefined> {
    const snapshot = await this.call((api) => api.pause());
    if (!snapshot) return undefined;
    this.receiveFromApi(snapshot);
    return {
      spec: snapshot.spec,
      params: snapshot.params,
      settings: snapshot.settings,
      step: snapshot.step,
      epoch: snapshot.epoch,
    };
  }

  /** Restarts after a crash; the restart's promise, or null if one is already under way. */
  private onCrash(reason: string): Promise<void> | null {
    if (this.restarting) return null;
    this.restarting = true;
    const from = this.autosave.lastCheckpoint;
    if (from === null && this.firstBoot) {
      // stopped while starting (loading the data): nothing trained here yet, and the saved
      // session, not yet read, is read again (a fresh network's first auto-save deleted it)
      notify(
        'warning',
        `The training engine stopped while starting (${reason}) and was started again; your saved session, if any, is resumed.`,
      );
      this.started = this.restart(null, true);
      return this.started;
    }
    const saved = from?.step ?? 0;
    const lost = Math.max(0, (useLab.getState().snapshot?.step ?? saved) - saved);
    // a half-stepped batch is redone from its start (the checkpoint keeps the batch's start)
    const stepped = useLab.getState().snapshot?.batchStepped ?? 0;
    // the weight table's columns, average and last update belong to the old worker's updates:
    // they stayed beside the restarted network ("average (2)" of a lost update, the chosen
    // weight's outline on an example now only the next one), as a reset or an import clears them
    useLab.setState(noBatch());
    // a reset, new settings or an import since the save are undone by the restart too
    const since = this.autosave.replacedSinceCheckpoint();
    const undone = since !== 0;
    // the new worker keeps nothing of the old one's: an Undo on offer is gone with it, unless the
    // one replacement since the save is the one it would undo: the restart brought that network back
    const undoLost = this.undo.open && (from === null || since !== 1);
    this.undo.end();
    notify(
      'warning',
      crashNotice({
        reason,
        saved: from === null ? null : saved,
        lost,
        stepped,
        undone,
        undoLost,
        savedEverySeconds: CHECKPOINT_EVERY_MS / 1000,
      }),
    );
    this.started = this.restart(from);
    return this.started;
  }

  /** boot() after a crash; a restart that fails shows why, with Retry (start() again). */
  private restart(from: Checkpoint | null, resume = false): Promise<void> {
    return this.boot(from, resume)
      .then(() => this.keepExperiment())
      .catch(() => {
        this.started = null;
      })
      .finally(() => {
        this.restarting = false;
      });
  }

  /**
   * A restarted worker keeps the state the lesson's experiment will put back (the crashed one
   * took it along, and Next then put nothing back); a kept state it refuses is dropped.
   */
  private async keepExperiment(): Promise<void> {
    const kept = this.experiment;
    if (!kept || !this.api) return;
    try {
      await this.answer(this.api.markExperiment(kept.checkpoint));
    } catch {
      this.forgetExperiment();
    }
  }

  private stopWorker(): void {
    this.autosave.stop();
    this.silence.stop();
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.endWorker();
  }

  private async call<T>(fn: (api: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T | undefined> {
    if (!(await this.ready())) return undefined;
    const api = this.api;
    if (!api) return undefined;
    // a worker that crashes mid-command never answers: the command ends with it (busy no
    // longer holds the step buttons and Reset until a reload)
    return this.whileBusy(() => this.answer(fn(api)));
  }

  async togglePlay(): Promise<void> {
    // Play waits for the command under way to end (Space, the lesson card's Play and the
    // controls' all come here): during a New session it trained the network about to be set
    // aside. Pause never waits.
    if (!(useLab.getState().snapshot?.playing ?? false) && useLab.getState().busy) {
      await untilIdle();
      if (useLab.getState().snapshot?.playing) return;
    }
    const playing = useLab.getState().snapshot?.playing ?? false;
    if (!(await this.ready())) return;
    if (playing) {
      await this.pause();
      // saved at once, not 200 ms on: a page left right after a pause resumed 570 updates before it (a review)
      void this.autosave.now();
    } else {
      useLab.setState(noBatch());
      await this.answer(this.api?.play());
    }
  }

  async pause(): Promise<void> {
    if (!(await this.ready())) return;
    useLab.setState({ pausing: true });
    try {
      this.receiveFromApi(await this.answer(this.api?.pause()));
    } finally {
      useLab.setState({ pausing: false });
    }
  }

  /**
   * The worker's answer, or undefined if it dies first (comlink never answers a call to a dead
   * worker: New session's pause then held the autosave off for the rest of the visit).
   */
  private answer<T>(reply: Promise<T> | undefined): Promise<T | undefined> {
    if (!reply) return Promise.resolve(undefined);
    // (owed until answered: a silent worker is noticed, see watchSilence)
    if (this.owed++ === 0) this.heard();
    return this.workerGone.race(reply).finally(() => {
      this.owed--;
      this.heard();
    });
  }

  private receiveFromApi(snapshot: Snapshot | undefined): void {
    if (snapshot && this.worker) this.receive(this.worker, snapshot);
  }

  async stepExample(): Promise<void> {
    let step;
    try {
      step = await this.call((api) => api.stepExample());
    } catch (e) {
      notify('info', e instanceof Error ? e.message : String(e));
      return;
    }
    if (!step) return;
    useLab.setState((s) => ({
      // the network view shows the example just stepped, not a drawing or test digit left in it
      probe: null,
      lastExample: step,
      lastUpdate: step.positionInBatch === 0 ? null : s.lastUpdate,
      momentumAhead: step.positionInBatch === 0 ? (step.momentumAhead ?? null) : s.momentumAhead,
      batchColumns: withSteppedColumn(s.batchColumns, step),
    }));
  }

  async stepUpdate(): Promise<void> {
    useLab.setState({ steppingBatch: true });
    const update = await this.call((api) => api.stepUpdate()).finally(() => useLab.setState({ steppingBatch: false }));
    // a diverged update was undone (maybe back several hundred updates): its columns are of nothing now
    if (update?.diverged) useLab.setState(noBatch());
    else if (update)
      useLab.setState((s) => ({ lastUpdate: update, batchColumns: withBatchColumns(s.batchColumns, update.columns) }));
  }

  async stepEpoch(): Promise<void> {
    useLab.setState(noBatch());
    this.receiveFromApi(await this.call((api) => api.stepEpoch()));
  }

  /** Back to the starting weights; false if the worker did not answer (it died, or never started). */
  async reset(): Promise<boolean> {
    keepEarlierRun();
    this.autosave.replaced();
    this.replacing = true;
    const snapshot = await this.call((api) => api.reset());
    // the save names the network Reset replaced: "not saved yet" until the next autosave
    useLab.setState({ ...noBatch(), saved: null });
    this.receiveFromApi(snapshot);
    return snapshot !== undefined;
  }

  /** Brings back what the last reset threw away, and says at which update; null once the network or its settings changed after it. */
  async undoReset(): Promise<number | null> {
    return (await this.bringBack((api) => api.undoReset()))?.step ?? null;
  }

  /** Back to the weights and settings from before the last settings change; false if there were none. */
  async backToBeforeChange(): Promise<boolean> {
    // (the worker stops training as it brings the state back); saved at once, as Undo's is: a reload
    // soon after brought back the network it replaced
    const back = await this.bringBack((api) => api.backToBeforeChange());
    if (back) void this.autosave.now();
    return back !== null;
  }

  /** A state the worker brings back (or null: it has none), in turn with the other commands. */
  private bringBack(ask: (api: Comlink.Remote<TrainerApi>) => Promise<Snapshot | null>): Promise<Snapshot | null> {
    return this.inTurn(async () => {
      this.replacing = true;
      const snapshot = await this.call(ask);
      if (!snapshot) {
        this.replacing = false;
        return null;
      }
      this.receiveBroughtBack(snapshot);
      return snapshot;
    });
  }

  async setSpeed(speed: Speed): Promise<void> {
    useLab.setState((s) => ({ settings: { ...s.settings, speed } }));
    await this.call((api) => api.setSpeed(speed));
  }

  /**
   * Applies a settings change; architecture, activation, loss, batch size or seed rebuild the
   * network. False if the worker did not answer (it died, or never started).
   */
  async setSettings(patch: Partial<Settings>): Promise<boolean> {
    const current = useLab.getState().settings;
    const rebuild = resetsNetwork(patch, current);
    // the worker forgets what a Reset (or a replacement) kept once the settings change, except
    // when an untrained network is rebuilt: then the Undo on offer still holds
    if (!(rebuild && (useLab.getState().snapshot?.step ?? 0) === 0)) this.undo.end();
    if (rebuild) keepEarlierRun();
    this.autosave.replaced();
    useLab.setState({ settings: { ...current, ...patch } });
    if (rebuild) this.replacing = true;
    // counted once the call reaches the worker: while the engine starts, the resumed session's
    // snapshot must still bring its own settings
    let counted = false;
    let snapshot: Snapshot | undefined;
    try {
      snapshot = await this.call((api) => {
        counted = true;
        this.settingsInFlight++;
        return api.setSettings(patch);
      });
    } finally {
      if (counted) this.settingsInFlight--;
    }
    if (rebuild) useLab.setState({ ...noBatch(), saved: null });
    this.receiveFromApi(snapshot);
    return snapshot !== undefined;
  }

  /** A pick (null: taking it back) changes the epoch's order: saved soon, as a step is. */
  async selectExample(index: number | null): Promise<void> {
    this.receiveFromApi(await this.call((api) => api.selectExample(index)));
    this.markChanged();
  }

  /**
   * Training images for the surface; asked again of the restarted worker if this one dies first
   * (the surface said "the training images are not loaded yet" after a crash).
   */
  async trainImages(start: number, count: number): Promise<{ pixels: Uint8Array; labels: Uint8Array } | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!(await this.ready())) return undefined;
      const got = await this.answer(this.api?.trainImages(start, count));
      if (got) return got;
    }
    return undefined;
  }

  async testImages(indices: number[]): Promise<{ pixels: Uint8Array; labels: Uint8Array } | undefined> {
    if (!(await this.ready())) return undefined;
    return this.answer(this.api?.testImages(indices));
  }

  async confusionCell(label: number, predicted: number, limit: number): Promise<number[]> {
    if (!(await this.ready())) return [];
    return (await this.answer(this.api?.confusionCell(label, predicted, limit))) ?? [];
  }

  async findByLabel(label: number, from: number, limit: number): Promise<number[]> {
    if (!(await this.ready())) return [];
    return (await this.answer(this.api?.findByLabel(label, from, limit))) ?? [];
  }

  async trajectory(): Promise<{ steps: number[]; params: Float32Array[] } | undefined> {
    if (!(await this.ready())) return undefined;
    return this.answer(this.api?.trajectory());
  }

  /** Test hook (window.__lab in the app): kill the worker as if it crashed (after an auto-save, unless `save` is false). */
  async crashForTest(save = true): Promise<void> {
    if (save) await this.autosave.now();
    // (the worker may die before its reply arrives: the hook ends with it)
    await this.answer(this.api?.crash());
  }
}

export const trainer = new TrainerBridge();

/** An Ending that has already come (no worker yet: a call answers undefined at once). */
function ended(): Ending<undefined> {
  const e = new Ending<undefined>();
  e.resolve(undefined);
  return e;
}
