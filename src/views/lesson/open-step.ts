/** Opening a lesson step: its settings (from the lecture's network), tabs, selection and a live example. */
import { trainer } from '../../bridge/trainer-bridge';
import { forwardTrace } from '../../engine';
import type { Snapshot } from '../../protocol/snapshot';
import { changedSettings, describeSettings, resetsNetwork, type Settings } from '../../protocol/settings';
import { chooseTab, notify, selectNeuron, useLab } from '../../store/lab-store';
import { exampleShown, steppedInView } from '../network/displayed';
import { LECTURE, LESSON, type LessonStep } from './steps';
import { revealBottomPanelWith, scrollBehavior, scrollToTopRow } from '../motion';
import { count } from '../controls/format';
import { forgetLessonSpeed, speedForStep, speedPutBack } from './lesson-speed';

/** Said when the lesson replaces a trained network; it goes with the lesson (it stood on in free play). */
export const STARTS_FRESH =
  'The lesson uses the lecture’s network (sigmoid, squared error) with batch 16: it starts fresh.';

/** The step whose experiment the worker keeps a state for (put back when the student leaves it). */
let experimentStep: number | null = null;
/** Bumped by every step opened and by leaving the lesson: an older call that wakes up stops. */
let generation = 0;
let settingLesson = false;

function setLesson(n: number | null): void {
  settingLesson = true;
  useLab.setState({ lesson: n });
  settingLesson = false;
}

/** The step's experiment is over with nothing put back: the network on screen stays. */
function forgetKeptExperiment(): void {
  experimentStep = null;
  trainer.forgetExperiment();
}

// the step changed by anything else (the URL hash, a new session, a resumed session): that
// experiment is forgotten (a resumed session's own is given to the bridge after it sets the step)
useLab.subscribe((s, p) => {
  if (s.lesson !== p.lesson && !settingLesson) forgetKeptExperiment();
  // (a new session leaves the lesson so: a speed kept from before it is not put back later)
  if (s.lesson === null && p.lesson !== null && !settingLesson) forgetLessonSpeed();
});

/**
 * The experiment a reload in its middle brought back (the saved session's) becomes the lesson's
 * while the lesson is still on its step, and is forgotten otherwise: the student chose free play
 * over a rebuild (`leaving`), or the lesson moved on before opening the step. Left in the bridge,
 * a later visit to that step adopted it, and moving on put back a network from long before.
 */
function adoptResumedExperiment(leaving: boolean): void {
  const kept = trainer.takeResumedExperiment();
  if (kept === null) return;
  if (!leaving && experimentStep === null && kept === useLab.getState().lesson) experimentStep = kept;
  else trainer.forgetExperiment();
}

/**
 * Puts back the network from before the experiment if the student changed it (trained, or new
 * settings), and says so: on the lesson card when a step opens (a notice at the top of the page
 * was off-screen when the step scrolled to the table), in a notice when the lesson closes.
 */
async function putBackExperiment(say: 'card' | 'notice'): Promise<void> {
  if (experimentStep === null) return;
  experimentStep = null;
  try {
    const step = await trainer.endExperiment();
    if (step === null) return;
    const text = `The lesson put back the network from before your experiment (update ${count(step)}).`;
    if (say === 'card') useLab.setState({ lessonNote: text });
    else notify('info', text);
  } catch (e) {
    notify(
      'warning',
      `Could not put back the network from before the experiment: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The first hidden layer's neuron whose z on `pixels` is nearest 0 (see LessonStep.selectResponsive). */
function responsiveNeuron(snapshot: Snapshot, pixels: Uint8Array): number {
  const { z } = forwardTrace(
    { spec: snapshot.spec, params: snapshot.params },
    Float32Array.from(pixels, (p) => p / 255),
  );
  let best = 0;
  for (let j = 1; j < z[1].length; j++) if (Math.abs(z[1][j]) < Math.abs(z[1][best])) best = j;
  return best;
}

/** Scrolls the part of the inspector a step asks about into its panel's view (the panel scrolls, not the page). */
function revealInInspector(testId: string): void {
  const el = document.querySelector<HTMLElement>(`.inspector [data-testid="${testId}"]`);
  const panel = el?.closest<HTMLElement>('.inspector');
  if (!el || !panel) return;
  // stacked (phones, tablets), the inspector does not scroll by itself: the page does, the part's
  // caption (the hint just above it) near the screen's top (centred, step 4's 600 px of summed
  // wishes began above the screen, their heading hidden; from the bars' own top, their sentence
  // was 32 px above the screen on a tablet)
  if (panel.scrollHeight <= panel.clientHeight + 1) {
    const caption = el.previousElementSibling;
    (caption?.classList.contains('hint') ? caption : el).scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
    return;
  }
  const offset = el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  panel.scrollTo({ top: panel.scrollTop + offset - 40, behavior: scrollBehavior() });
}

/**
 * Whether the student has pointed, typed or scrolled with a wheel since this was called (within
 * `ms`): a reveal run again after that would move the page under their finger.
 */
function studentActs(ms: number): () => boolean {
  let acted = false;
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  const stop = () => (acted = true);
  for (const e of events) window.addEventListener(e, stop, { once: true, capture: true, passive: true });
  setTimeout(() => events.forEach((e) => window.removeEventListener(e, stop, { capture: true })), ms);
  return () => acted;
}

/** How long after a step opens its reveal follows the card's height. */
const SETTLE_MS = 1500;

/**
 * Runs `reveal` again (in the next frame, once the layout has taken the new height) when the lesson
 * card is laid out and each time it changes height within SETTLE_MS of a step opening, or `also`
 * does within `alsoMs`, until the student acts. The card takes the new step's text after the first
 * scroll, and the top row above the bottom panel grows or shrinks by as much: the panel ended 49 px
 * below the screen on step 7 at 1366x768. `also`: the bottom panel, whose tab fills in after the
 * first scroll, as late as the step's example is stepped (on a slow machine, seconds): the cost
 * surface's map came 300 px lower on a 768x1024 tablet, under the bar, and the weight table's
 * first column made the page 52 px longer after the scroll had stopped at the page's end. Also
 * the page's root, whose height follows the lesson's bar: the page's foot makes room for the bar
 * (--lesson-dock-height) a frame or more after the bar comes, and a smooth scroll started before
 * that stops at the shorter page's end (the weight table's panel 56 px down a portrait tablet's
 * screen, in about 1 of 4 runs).
 */
function whileCardSettles(gen: number, reveal: () => void, also: (Element | null)[] = [], alsoMs = SETTLE_MS): void {
  const card = document.querySelector<HTMLElement>('[data-testid=lesson-panel]');
  if (!card || typeof ResizeObserver === 'undefined') return;
  const acted = studentActs(Math.max(SETTLE_MS, alsoMs));
  const follow = (el: Element, ms: number) => {
    // (also on the observer's first call, made once the element is laid out: the first reveal may
    // have run before the card's height reached --lesson-height)
    const observer = new ResizeObserver(() => {
      if (gen !== generation || acted()) return observer.disconnect();
      requestAnimationFrame(() => gen === generation && !acted() && reveal());
    });
    observer.observe(el);
    setTimeout(() => observer.disconnect(), ms);
  };
  follow(card, SETTLE_MS);
  for (const el of also) if (el) follow(el, alsoMs);
}

/** How long a step waits for the bar (a loaded machine's smooth scroll and frames are slow: 4 s ran out). */
const BAR_WAIT_MS = 10_000;

/**
 * Runs `reveal` again once the lesson's bar comes (within BAR_WAIT_MS): on a small screen it appears only
 * when the scroll to the bottom panel has taken the card away, and then covers the screen's foot.
 */
function whenBarComes(gen: number, reveal: () => void): void {
  const until = performance.now() + BAR_WAIT_MS;
  // not once the student has done something: the page would move under their finger
  const acted = studentActs(BAR_WAIT_MS);
  const look = () => {
    if (gen !== generation || acted() || performance.now() > until) return;
    if (document.querySelector('[data-testid=lesson-dock]'))
      requestAnimationFrame(() => gen === generation && reveal());
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/**
 * A link with lesson= and other settings: the step's settings win, and it says so (they went
 * without a word; `asking`: the card asks first whether to replace the trained network). The first
 * network may already be the step's (setLessonStart), so this compares with the step's settings,
 * not with what is left to change.
 */
function sayLinkUnused(wanted: Partial<Settings>, asking: boolean): void {
  const link = trainer.linkAsked();
  const current = useLab.getState().settings;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const unused = Object.fromEntries(
    Object.entries(link).filter(
      ([k, v]) =>
        k in wanted &&
        !same(v, wanted[k as keyof Settings]) &&
        // asking, the link's settings that needed no rebuild were applied (lr=0.5): only the held
        // ones are unused by the network kept
        !(asking && same(v, current[k as keyof Settings])),
    ),
  ) as Partial<Settings>;
  if (Object.keys(unused).length) {
    notify(
      'info',
      asking
        ? // the link's settings were not applied to the saved network either: free play keeps it as it was
          `The link set ${describeSettings(unused)}; the lesson uses the lecture’s network and settings instead, and staying in free play keeps your saved network as it is.`
        : `The link set ${describeSettings(unused)}; the lesson uses the lecture’s network and settings instead (free play keeps any settings).`,
    );
  }
}

/** The settings step `n` (0-based) trains with: the lecture's, and the step's own on top. */
export function stepSettings(n: number): Partial<Settings> {
  return { ...LECTURE, ...LESSON[n].settings };
}

/**
 * Opens step `index`. Opening the lesson on a trained network whose settings it must rebuild
 * (the lecture's sigmoid, squared error, batch 16) first asks, on the card: that training would
 * be gone. `confirmed` is the student's yes.
 */
export async function openLessonStep(
  index: number,
  confirmed = false,
  atStart = false,
  /** The student has been at work elsewhere on the page (while the digits loaded): it is not moved. */
  stay = false,
): Promise<void> {
  const n = Math.max(0, Math.min(LESSON.length - 1, index));
  const step = LESSON[n];
  // at the start (a reload in the lesson, a link with lesson=) the card is already set, but the
  // resumed network may be a trained one the step would rebuild: asked, as on entering the lesson
  const wasOpen = !atStart && useLab.getState().lesson !== null && useLab.getState().lessonAsk === null;
  const gen = ++generation;

  // asked within the lesson too: a network opened or rebuilt there (other settings than the
  // lecture's) and trained was replaced by the next step without a word
  const before = useLab.getState();
  const asks =
    !confirmed &&
    (before.snapshot?.step ?? 0) > 0 &&
    resetsNetwork(changedSettings(stepSettings(n), before.settings), before.settings);
  // (asked, the network is the student's or the lecture's new one: not the experiment's from before)
  adoptResumedExperiment(asks);
  if (asks) {
    // asked first on a trained network, a link's hidden=32-16 went unsaid
    if (atStart) sayLinkUnused(stepSettings(n), true);
    setLesson(n);
    useLab.setState({ lessonAsk: { step: n, within: wasOpen, trained: before.snapshot!.step } });
    return;
  }
  if (atStart) sayLinkUnused(stepSettings(n), false);
  useLab.setState({ lessonAsk: null, lessonNote: null });
  // the card moves on at once, whatever the trainer is doing
  setLesson(n);
  // a neuron the student picks while the step opens (its network built, its example stepped) is
  // theirs: the step's own pick came later and replaced it, and its scroll pulled the page away
  const pickedBefore = useLab.getState().selectedNeuron;
  const studentPicked = () => {
    const now = useLab.getState().selectedNeuron;
    return now !== null && now !== pickedBefore;
  };
  // the lesson talks about the training example: a drawing or test digit left in the network view goes
  if (!wasOpen && !stay && useLab.getState().probe) useLab.setState({ probe: null });
  if (experimentStep !== null && experimentStep !== n) await putBackExperiment('card');
  if (gen !== generation) return;
  if (step.inspector) chooseTab('inspector', step.inspector);
  if (step.bottom) chooseTab('bottom', step.bottom);
  if (step.surfaceMode) useLab.setState({ surfaceMode: step.surfaceMode });
  if (step.surfaceKind) useLab.setState({ surfaceKind: step.surfaceKind });
  useLab.setState({ raceRate: step.raceRate ?? null });
  // after React has drawn the tab: the table or surface the step talks about, on screen
  if (stay) {
    // (the step's settings and example below still come: only the page stays where the student is)
  } else if (step.showBottom) {
    // the chart lifted clear of the bar or the screen's foot, by half a screen at most (on a phone
    // step 9's learning-rate chart lay wholly under the bar, 310 px below the panel's top)
    const chart = step.showChart;
    const reveal = () => revealBottomPanelWith(chart);
    requestAnimationFrame(reveal);
    whileCardSettles(
      gen,
      reveal,
      [document.querySelector('[data-testid=bottom-panel]'), document.documentElement],
      BAR_WAIT_MS,
    );
    whenBarComes(gen, reveal);
  }
  // a step about the top row: back up, where the network and the inspector are whole (not under the
  // card); also when the lesson opens (from the controls' link on a phone the card was ~850 px above)
  else {
    const card = document.querySelector<HTMLElement>('[data-testid=lesson-panel]');
    // where the card does not stick (phones), up to the card itself: the header's settings above
    // it took a third of a phone's screen at every step, and the lesson sets them
    if (card && getComputedStyle(card).position !== 'sticky') {
      const top = card.getBoundingClientRect().top + window.scrollY - 4;
      if (Math.abs(window.scrollY - top) > 1) window.scrollTo({ top });
    } else {
      scrollToTopRow();
      // again once the card is drawn (opening the lesson, it is not there yet), while it settles
      requestAnimationFrame(() => gen === generation && scrollToTopRow(true));
      whileCardSettles(gen, () => scrollToTopRow(true));
    }
  }

  const wanted = stepSettings(n);
  const current = useLab.getState().settings;
  const speed = speedForStep(wanted.speed, current.speed);
  const patch = changedSettings(wanted, current);
  delete patch.speed;
  if (Object.keys(patch).length) {
    const replacesTrained =
      !wasOpen && (useLab.getState().snapshot?.step ?? 0) > 0 && resetsNetwork(patch, useLab.getState().settings);
    if (replacesTrained) notify('info', STARTS_FRESH);
    if (useLab.getState().snapshot?.playing) await trainer.pause();
    await trainer.setSettings(patch);
    // its cost chart too: free play's run, kept as the grey "before" line, is not the lesson's
    if (replacesTrained) useLab.setState({ earlierRun: null });
    if (gen !== generation) return;
  }
  // as the speed menu sets it: the settings' path would end a Reset's Undo on offer
  if (speed !== undefined) await trainer.setSpeed(speed);
  if (gen !== generation) return;
  const { snapshot, lastExample } = useLab.getState();
  // no stepped example on show (none yet, or its batch was applied by Step batch): step one, so
  // the nudges the step talks about are drawn
  if (step.needsExample && snapshot && !snapshot.playing && !steppedInView(snapshot, lastExample)) {
    await trainer.stepExample();
    if (gen !== generation) return;
  }
  // the digit the network view and the inspector show: the example just stepped, or once its
  // batch is applied (Step batch) the next one
  const { snapshot: now, lastExample: last } = useLab.getState();
  const shown = now ? (steppedInView(now, last)?.example ?? exampleShown(now)) : null;
  if (studentPicked()) return keepExperiment(step, n, gen, wasOpen);
  if (step.select) {
    const output = step.select.layer === (snapshot?.spec.sizes.length ?? 4) - 1;
    selectNeuron({ layer: step.select.layer, index: output ? (shown?.label ?? 0) : step.select.index });
    // not beside the weight table: there the rows stay the neuron's while examples and batches
    // are stepped (step 10's update column is read beside them)
    if (output && step.bottom !== 'batch') followShownLabel(gen, step.select.layer);
  }
  if (step.selectResponsive && now && shown) selectNeuron({ layer: 1, index: responsiveNeuron(now, shown.pixels) });
  const picked = useLab.getState().selectedNeuron;
  if (step.reveal) {
    const id = step.reveal;
    // after React has drawn the selected neuron's panel; not once the student moved on (another
    // step, or a neuron of their own)
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (gen === generation && useLab.getState().selectedNeuron === picked) revealInInspector(id);
      }),
    );
  } else {
    // from its top: step 4's scroll to the summed wishes was kept through the next steps
    document.querySelector('.inspector')?.scrollTo({ top: 0 });
  }
  await keepExperiment(step, n, gen, wasOpen);
}

/**
 * While step `gen` stays open and its pick stands, the selected output follows the digit shown:
 * on step 5, "Step epoch" ended on a 9 with output 1 still selected, whose nudges read 10⁻¹¹. Ends
 * with the step, the lesson, or a neuron or weight the student picks; waits while the weight table is open.
 */
function followShownLabel(gen: number, layer: number): void {
  let picked = useLab.getState().selectedNeuron;
  const weight = useLab.getState().selectedWeight;
  let selecting = false;
  const unsubscribe = useLab.subscribe((s) => {
    if (selecting) return;
    // a weight picked (step 11's "from neuron" list keeps the neuron) is the student's too
    const theirs = s.selectedNeuron !== picked || (s.selectedWeight !== weight && s.selectedWeight !== null);
    if (gen !== generation || s.lesson === null || theirs || picked?.layer !== layer) {
      unsubscribe();
      return;
    }
    // not while the weight table is open: its rows follow the selected neuron, and would jump at
    // every Step example
    if (!s.snapshot || s.probe || s.tabs.bottom === 'batch') return;
    const label = (steppedInView(s.snapshot, s.lastExample)?.example ?? exampleShown(s.snapshot)).label;
    if (label === picked.index) return;
    selecting = true;
    selectNeuron({ layer, index: label });
    selecting = false;
    picked = useLab.getState().selectedNeuron;
  });
}

/**
 * Kept when walked into from another step, or opened (a link, a reload) on an untrained network:
 * a trained one on a reload may already be the experiment's, and putting that back would promise
 * what it cannot keep. A link straight to the step never kept it, and the card's "the lesson puts
 * back the network" was untrue there. A reload in the middle of the experiment brings its kept
 * state with the saved session: that one is the step's.
 */
async function keepExperiment(step: LessonStep, n: number, gen: number, wasOpen: boolean): Promise<void> {
  if (!step.experiment || experimentStep !== null) return;
  const untrained = useLab.getState().snapshot?.step === 0;
  if (wasOpen || untrained) {
    await trainer.markExperiment();
    // still on this step (a quick Next may have left it meanwhile: then nothing is kept, nor
    // saved with the session for a later visit to adopt)
    if (gen === generation) experimentStep = n;
    else trainer.forgetExperiment();
  }
}

/**
 * The step's action button ("Set α to 20"). An experiment nothing kept yet (a link or reload
 * straight to the step on a trained network, where the network may already be an experiment's)
 * is kept now, before the button changes anything: the card promises that moving on puts back
 * the network and the settings from before, and there α 20 and its constant schedule stayed.
 */
export async function runStepAction(step: LessonStep): Promise<void> {
  if (!step.action) return;
  const n = useLab.getState().lesson;
  // (one resumed with the saved session and not taken yet is the step's: the network before it, not this one)
  adoptResumedExperiment(false);
  if (step.experiment && experimentStep === null && n !== null && LESSON[n] === step) {
    const gen = generation;
    await trainer.markExperiment();
    // the student moved on meanwhile: nothing is kept (the bridge held it, and a crash handed it on)
    if (gen !== generation) return void (await trainer.endExperiment());
    experimentStep = n;
  }
  await trainer.setSettings(step.action.settings);
}

export function closeLesson(): void {
  generation++;
  // left from the card's question ("Keep mine: free play"): the student keeps the network they
  // trained, not the one from before an experiment (step 9's, if they rebuilt theirs during it)
  const keepsTheirs = useLab.getState().lessonAsk !== null;
  const back = speedPutBack();
  // playing at the lesson's pace, the speed from before the lesson (full speed) would race
  // through epochs nobody asked for (a teacher's review: 307 updates became 9,336 in 3 s): free
  // play starts paused, where the class was
  if (back !== undefined && useLab.getState().snapshot?.playing) trainer.pause().catch(() => {});
  if (back !== undefined) trainer.setSpeed(back).catch(() => {}); // a dead worker says so itself
  useLab.setState((s) => ({
    lessonAsk: null,
    lessonNote: null,
    notices: s.notices.filter((n) => n.text !== STARTS_FRESH),
  }));
  // the experiment of a reload in its middle, not taken yet (a Retry after a failed start opens no
  // step), is put back as the step's own would be
  adoptResumedExperiment(keepsTheirs);
  if (keepsTheirs) forgetKeptExperiment();
  void putBackExperiment('notice');
  setLesson(null);
  useLab.setState({ raceRate: null });
}
