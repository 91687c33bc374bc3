/**
 * The app's state, in zustand slices. Holds data only (never DOM nodes); the bridge
 * writes worker results here and views subscribe with selectors.
 */
import { create } from 'zustand';
import type { LoadProgress } from '../data/load-mnist';
import type { NetworkSpec } from '../engine';
import type { ExampleStep, MomentumAhead, Snapshot, TableColumn, UpdateStep } from '../protocol/snapshot';
import { DEFAULT_SETTINGS, type Settings } from '../protocol/settings';
import type { SliceKind } from '../protocol/surface-api';

export type DataStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; progress: LoadProgress | null }
  | { kind: 'ready'; fromCache: boolean; trainCount: number }
  /** `engine`: the training engine, not the data, failed (its worker died while restarting) */
  | { kind: 'error'; message: string; engine?: boolean };

/** A neuron: layer 0 is the input (784 pixels), L the output. */
export interface NeuronRef {
  layer: number;
  index: number;
}

/** The weight from neuron `from` of layer-1 to neuron `to` of `layer`. */
export interface WeightRef {
  layer: number;
  to: number;
  from: number;
}

export interface Notice {
  id: number;
  tone: 'info' | 'warning' | 'error';
  text: string;
  /** A button in the notice (e.g. Undo); the notice goes away when it is pressed. */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  testId: string;
  run: () => void;
}

export interface LabState {
  settings: Settings;
  data: DataStatus;
  snapshot: Snapshot | null;
  /**
   * The snapshot the detail panels (inspector, charts, tables, surface) draw: the same
   * as `snapshot` when paused, at most 4 per second while playing, so the main thread
   * keeps its frame rate for the network view.
   */
  panelSnapshot: Snapshot | null;
  /** Examples stepped in the current batch, oldest first (at most TABLE_COLUMNS). */
  batchColumns: TableColumn[];
  /** The last example stepped (also when the batch has more than TABLE_COLUMNS). */
  lastExample: ExampleStep | null;
  lastUpdate: UpdateStep | null;
  /** The momentum part of the current batch's update, known at its first example (the table shows it before Step batch). */
  momentumAhead: MomentumAhead | null;
  selectedNeuron: NeuronRef | null;
  hoveredNeuron: NeuronRef | null;
  selectedWeight: WeightRef | null;
  /** The weight the chain-rule panel explains (the selected one or its default), highlighted in the network. */
  chainWeight: WeightRef | null;
  /** That weight's chain-rule product and the example it is for, shown beside its row in the table. */
  chainProduct: { value: number; example: string; exampleIndex: number } | null;
  /**
   * The weight-matrix table shows each example's nudges −∂C/∂w, as the lecture's table does
   * (the colours then match the Nudges tab), instead of its gradient ∂C/∂w.
   */
  tableNudges: boolean;
  notices: Notice[];
  /** The trainer is busy with a command (buttons show it). */
  busy: boolean;
  /**
   * Pause was asked for and the worker has not answered yet: it pauses between updates, and one
   * update of full-batch GD on a large network takes seconds (the button said "Pause" for 2 s).
   */
  pausing: boolean;
  /** Step batch is under way (the rest of a batch of 50,000 takes seconds on a large network). */
  steppingBatch: boolean;
  /**
   * An input the student is probing outside training (a drawn digit): the network
   * view lights its activations instead of the current example's.
   */
  probe: {
    input: Float32Array;
    /** The network that reads it (the draw pad's may be the pretrained one, with its own activation and loss). */
    spec: NetworkSpec;
    params: Float32Array;
    label: string;
    /** A test digit's true class: then the inspector backprops it (no update: test images are never trained on). */
    trueLabel?: number;
    /** Read by the draw pad's pretrained network, not the one being trained (whose example the inspector explains). */
    pretrained?: boolean;
  } | null;
  /** The guided lesson's open step (0-based), or null in free play. */
  lesson: number | null;
  /**
   * The lesson is asking before it replaces a trained network with the lecture's fresh one:
   * the step it would open, and whether the student was already in the lesson (Next, a step's
   * dot) rather than entering it, and the updates of the network it would replace (said as
   * asked: a link's rebuild could replace it meanwhile, and the card said "0 updates"); or null.
   */
  lessonAsk: { step: number; within: boolean; trained: number } | null;
  /**
   * What opening this lesson step did that the student should know (the experiment's network put
   * back), shown on the card, which stays on screen wherever the step scrolls; null when nothing.
   */
  lessonNote: string | null;
  /** The chosen tab of each tab group ('inspector', 'bottom'), so the lesson can open them. */
  tabs: Record<string, string>;
  /** The last autosave to IndexedDB: the update it holds. */
  saved: { step: number; at: number } | null;
  /**
   * Bumped with the first snapshot of weights put in place other than by training (Reset,
   * Undo, a put-back experiment, an opened model, a rebuild, a restarted worker): a picture
   * computed from the weights before is of a network no longer there.
   */
  networkReplaced: number;
  /** The keyboard-shortcut overlay is open. */
  helpOpen: boolean;
  /** Single-key shortcuts (Space, arrows, E, N, P, ?) are on; the help overlay turns them off (kept in localStorage). */
  shortcutsOn: boolean;
  /** The cost surface as a 2D contour map or a 3D surface. */
  surfaceMode: '2d' | '3d';
  /**
   * The cost surface's slice (a lesson step may choose it); null until chosen: the panel then opens
   * on the training path once there is one (SURFACE_PATH_AFTER updates), else random directions.
   */
  surfaceKind: SliceKind | null;
  /** The GD vs SGD race's learning rate, when a lesson step sets it (else the network's). */
  raceRate: number | null;
  /**
   * The training image the student picked to step next (by label, or from the digit strip),
   * until it is stepped: the choice is for one example. `sent` once the worker has it.
   */
  picked: PickedExample | null;
  /**
   * The cost history of the trained network a Reset or a rebuilding setting replaced, to draw
   * beside the new run's (GD against SGD, one rate against another); null until then, and after
   * New session.
   */
  earlierRun: EarlierRun | null;
}

export interface EarlierRun {
  /** Its settings: the chart names those that set it apart from this run's (earlierLabel). */
  settings: Settings;
  steps: Float64Array;
  values: Float32Array;
}

export interface PickedExample {
  index: number;
  label: number;
  sent: boolean;
}

const SHORTCUTS_KEY = 'backprop-lab:shortcuts';

function readShortcutsOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** Turns the single-key shortcuts on or off, remembered on this browser. */
export function setShortcutsOn(on: boolean): void {
  useLab.setState({ shortcutsOn: on });
  try {
    globalThis.localStorage?.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
  } catch {
    // storage refused (private mode): the choice holds for this page
  }
}

/**
 * The weight table's batch gone (its columns, the example last stepped and the last update): when
 * the network they were of is replaced, reset, restarted or its update undone.
 */
export function noBatch(): Pick<LabState, 'batchColumns' | 'lastExample' | 'lastUpdate'> {
  return { batchColumns: [], lastExample: null, lastUpdate: null };
}

export const useLab = create<LabState>(() => ({
  settings: DEFAULT_SETTINGS,
  data: { kind: 'idle' },
  snapshot: null,
  panelSnapshot: null,
  batchColumns: [],
  lastExample: null,
  lastUpdate: null,
  momentumAhead: null,
  selectedNeuron: null,
  hoveredNeuron: null,
  selectedWeight: null,
  chainWeight: null,
  chainProduct: null,
  tableNudges: false,
  notices: [],
  busy: false,
  pausing: false,
  steppingBatch: false,
  probe: null,
  lesson: null,
  lessonAsk: null,
  lessonNote: null,
  picked: null,
  earlierRun: null,
  tabs: {},
  saved: null,
  networkReplaced: 0,
  helpOpen: false,
  shortcutsOn: readShortcutsOn(),
  surfaceMode: '2d',
  surfaceKind: null,
  raceRate: null,
}));

export function chooseTab(group: string, id: string): void {
  useLab.setState((s) => ({ tabs: { ...s.tabs, [group]: id } }));
}

let nextNoticeId = 1;

/** The testid of the Reset notice's Undo button. */
export const UNDO_RESET = 'undo-reset';

/** Information goes away by itself after this long; warnings, errors and notices with a button stay. */
export const INFO_NOTICE_MS = 15_000;

/** Shows a notice; returns its id (for dismissNotice). */
export function notify(tone: Notice['tone'], text: string, action?: NoticeAction): number {
  const notice = { id: nextNoticeId++, tone, text, action };
  // the same message again replaces the old one rather than stacking a second copy
  // the oldest go beyond four, but not one with a button (an Undo) while it still applies
  useLab.setState((s) => {
    const kept = s.notices.filter((n) => n.text !== text);
    while (kept.length > 3) {
      const oldest = kept.findIndex((n) => !n.action);
      kept.splice(oldest < 0 ? 0 : oldest, 1);
    }
    return { notices: [...kept, notice] };
  });
  // a notice with a button (Undo) waits for the student, who may reach it by keyboard
  if (tone === 'info' && !action) setTimeout(() => dismissNotice(notice.id), INFO_NOTICE_MS);
  return notice.id;
}

/** Takes away the notices whose button is `testId` (an Undo that no longer applies). */
export function dismissAction(testId: string): void {
  useLab.setState((s) =>
    s.notices.some((n) => n.action?.testId === testId)
      ? { notices: s.notices.filter((n) => n.action?.testId !== testId) }
      : s,
  );
}

export function dismissNotice(id: number): void {
  useLab.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Selects a neuron; a picked weight that does not end at it is dropped (it stayed drawn thick, as if one of its edges). */
export function selectNeuron(neuron: NeuronRef | null): void {
  const w = useLab.getState().selectedWeight;
  const keep = w !== null && neuron !== null && w.layer === neuron.layer && w.to === neuron.index;
  useLab.setState(keep ? { selectedNeuron: neuron } : { selectedNeuron: neuron, selectedWeight: null });
}

/**
 * The selections that still name something in a network of `sizes`; the others become null. A
 * new shape (another hidden size, an opened model, a link) with "output 9 of layer 3" still
 * selected blanked the whole page ("layer 3 is not in 1..2").
 */
type Selections = Pick<LabState, 'selectedNeuron' | 'hoveredNeuron' | 'selectedWeight' | 'chainWeight'>;

export function selectionsFitting(sizes: readonly number[], s: Selections): Partial<Selections> {
  const fits = (n: NeuronRef | null) =>
    n !== null && n.layer >= 0 && n.layer < sizes.length && n.index < sizes[n.layer];
  const patch: Partial<Selections> = {};
  if (s.selectedNeuron && !fits(s.selectedNeuron)) patch.selectedNeuron = null;
  if (s.hoveredNeuron && !fits(s.hoveredNeuron)) patch.hoveredNeuron = null;
  if (s.selectedWeight && !weightFits(sizes, s.selectedWeight)) patch.selectedWeight = null;
  // (the chain-rule tab puts its weight back once it has drawn for the new shape)
  if (s.chainWeight && !weightFits(sizes, s.chainWeight)) patch.chainWeight = null;
  return patch;
}

/** Whether weight `w` is one of a network of `sizes` (a weight kept from another shape is not). */
export function weightFits(sizes: readonly number[], w: WeightRef): boolean {
  return w.layer >= 1 && w.layer < sizes.length && w.to < sizes[w.layer] && w.from < sizes[w.layer - 1];
}

export function hoverNeuron(neuron: NeuronRef | null): void {
  useLab.setState({ hoveredNeuron: neuron });
}

export function selectWeight(weight: WeightRef | null): void {
  useLab.setState({ selectedWeight: weight });
}
