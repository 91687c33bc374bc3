import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useHoldInView } from './hold-in-view';
import { LOAD_FAILED_WHERE } from '../shell/data-progress';
import type { Network } from '../../engine';
import { preprocessDigit, toBytes, type GreyImage } from '../../data/preprocess';
import { loadPretrained, type PretrainedModel } from '../../data/pretrained';
import { drawDigit, fitCanvas } from '../../render/digit';
import { useDevicePixelRatio } from '../use-media';
import { trainer } from '../../bridge/trainer-bridge';
import { useLab } from '../../store/lab-store';
import { percent } from '../controls/format';
import { outputValue } from '../outputs';
import { readDigit, outputsAreProbabilities, teachStep } from './classify';
import { DrawPad, type DrawPhase } from './DrawPad';
import { OutputBars } from './OutputBars';
import { TeachIt } from './TeachIt';
import './draw-pad.css';

export type NetworkSource = 'pretrained' | 'training';

export interface DrawPanelProps {
  /** Largest side of the square pad in CSS pixels (default 236); narrower where the panel is. */
  padSize?: number;
  /** Which network reads the drawing at first (default: the shipped pretrained one). */
  initialSource?: NetworkSource;
}

type ModelState = { kind: 'loading' } | { kind: 'ready'; model: PretrainedModel } | { kind: 'error'; message: string };

const PREVIEW_SCALE = 3;
/** Said for a test digit chosen before the digits are in, or after they failed. */
const NOTE_WAIT = 'The test digits are still downloading: choose one again once they are in.';
const NOTE_FAILED = `The test digits could not be loaded: ${LOAD_FAILED_WHERE}.`;

/** The test images a "use a test digit" choice picks from (every digit is among MNIST's first 200). */
const TEST_POOL = 200;

/**
 * Draw a digit and watch the network read it: the pad, the 28x28 image the network
 * sees (MNIST's 20x20-box and centre-of-mass recipe), the outputs for 0-9, and
 * "teach it". Classified on the UI thread (one forward pass), live while drawing.
 */
export function DrawPanel({ padSize = 236, initialSource = 'pretrained' }: DrawPanelProps) {
  const [source, setSource] = useState<NetworkSource>(initialSource);
  const [modelState, setModelState] = useState<ModelState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** The pretrained weights after "teach it" steps (a local copy; null = as shipped). */
  const [taughtParams, setTaughtParams] = useState<Float32Array | null>(null);
  const [taught, setTaught] = useState(0);
  const [input, setInput] = useState<Float32Array | null>(null);
  /** A test digit put on the pad (from the keyboard, or to see a real one read). */
  const [load, setLoad] = useState<{ pixels: Uint8Array; key: number } | null>(null);
  const [loadNote, setLoadNote] = useState('');
  const tests = useRef<{ pixels: Uint8Array; labels: Uint8Array } | null>(null);
  /** How many of each digit were put on the pad: the next choice of it takes the next one. */
  const loadCount = useRef(new Array<number>(10).fill(0));
  /** The test digit on the pad (its label), until the pad is cleared. */
  const [chosenDigit, setChosenDigit] = useState<number | null>(null);
  const loadTestDigit = async (digit: number) => {
    // asked while the digits download, the test images came a minute later on a slow line and
    // replaced whatever had been drawn since (a slow-network review): said now, and not queued
    const data = useLab.getState().data.kind;
    if (!tests.current && data !== 'ready') {
      setLoadNote(data === 'error' ? NOTE_FAILED : NOTE_WAIT);
      return;
    }
    tests.current ??=
      (await trainer.testImages(Array.from({ length: TEST_POOL }, (_, i) => i)).catch(() => undefined)) ?? null;
    const pool = tests.current;
    if (!pool) {
      setLoadNote('The test digits are not loaded yet.');
      return;
    }
    // the next one of that digit each time it is chosen
    const of = Array.from(pool.labels.keys()).filter((i) => pool.labels[i] === digit);
    const nth = loadCount.current[digit]++;
    const k = of[nth % of.length];
    setChosenDigit(digit);
    setLoad({ pixels: pool.pixels.slice(k * 784, (k + 1) * 784), key: k });
    setLoadNote(`test image #${k}, a ${digit}: draw on it to change it`);
  };
  // the wait is over once the digits are in: its note goes
  const dataReady = useLab((s) => s.data.kind === 'ready');
  if (dataReady && (loadNote === NOTE_WAIT || loadNote === NOTE_FAILED)) setLoadNote('');
  /** Finished strokes read so far (on the prediction element, for timing it in tests). */
  const [strokes, setStrokes] = useState(0);
  // while the training network is built the page above can grow under a finger drawing here
  const panel = useRef<HTMLElement>(null);
  /**
   * The pad's side: padSize, or the panel's width where that is less. A 236 px canvas shown in
   * the 234 px (210 below 1280) the controls' column leaves was resampled, its strokes softened.
   */
  const [side, setSide] = useState(padSize);
  useEffect(() => {
    const el = panel.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      if (width > 0) setSide(Math.max(120, Math.min(padSize, width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [padSize]);
  useHoldInView(
    panel,
    useLab((s) => s.snapshot === null),
  );
  const trainedSpec = useLab((s) => s.panelSnapshot?.spec);
  const trainedParams = useLab((s) => s.panelSnapshot?.params);

  useEffect(() => {
    let live = true;
    loadPretrained().then(
      (model) => live && setModelState({ kind: 'ready', model }),
      (e: unknown) => live && setModelState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const net: Network | null = useMemo(() => {
    if (source === 'training')
      return trainedSpec && trainedParams ? { spec: trainedSpec, params: trainedParams } : null;
    if (modelState.kind !== 'ready') return null;
    return { spec: modelState.model.spec, params: taughtParams ?? modelState.model.params };
  }, [source, trainedSpec, trainedParams, modelState, taughtParams]);

  const reading = useMemo(() => (net && input ? readDigit(net, input) : null), [net, input]);

  /** The test image the input is, untouched (put on the pad and not drawn on since), else null. */
  const [exactTest, setExactTest] = useState<number | null>(null);
  const loaded = useRef(load);
  loaded.current = load;
  const onDraw = useCallback((image: GreyImage | null, phase: DrawPhase) => {
    // a test digit just put on the pad is read as itself, the very input the network gets for it
    // in training and testing; read back from the pad (scaled up, then centred and scaled down
    // again) it changed, and the network could read it otherwise than in testing
    const exact = phase === 'load' ? loaded.current : null;
    setExactTest(exact ? exact.key : null);
    setInput(exact ? Float32Array.from(exact.pixels, (p) => p / 255) : image ? preprocessDigit(image) : null);
    if (phase === 'end' || phase === 'load') setStrokes((n) => n + 1);
    if (phase === 'clear') {
      setStrokes(0);
      setLoadNote('');
      setChosenDigit(null);
    }
  }, []);

  // light the drawing's activations in the network view while there is one, and follow its network
  // as it trains; once something else has taken the view (Step example, the lesson, a test digit),
  // only a new drawing brings it back (a rebuilt or trained network put it back over the lesson's
  // example, and over each example stepped)
  const published = useRef<Float32Array | null>(null);
  /** Whether the network view shows the drawing this pad published last (not another probe). */
  const showsOurs = () => {
    const shown = useLab.getState().probe;
    return shown !== null && shown.input === published.current;
  };
  useEffect(() => {
    const ours = showsOurs();
    if (!ours && input === published.current) return;
    if (!input || !net) {
      if (ours) useLab.setState({ probe: null });
      // withdrawn by the pad itself (no drawing, or its network not built yet): shown again once it can be
      published.current = null;
      return;
    }
    published.current = input;
    useLab.setState({
      probe: {
        input,
        spec: net.spec,
        params: net.params,
        // which network reads it: the pretrained one is not the one being trained
        // a test image not drawn on is not "your drawing" (a maths review)
        label: `${exactTest !== null && chosenDigit !== null ? `test image #${exactTest} (a ${chosenDigit})` : 'your drawing'}, read by ${source === 'pretrained' ? 'the pretrained network' : 'your network'}${reading ? ` as ${reading.digit}` : ''}`,
        pretrained: source === 'pretrained',
      },
    });
  }, [input, net, reading, source, exactTest, chosenDigit]);
  // the pad's own probe goes with it (not a confusion-matrix test digit shown meanwhile)
  useEffect(
    () => () => {
      if (showsOurs()) useLab.setState({ probe: null });
    },
    [],
  );

  const preview = useRef<HTMLCanvasElement>(null);
  const ratio = useDevicePixelRatio();
  useEffect(() => {
    if (!preview.current) return;
    const ctx = fitCanvas(preview.current, 28 * PREVIEW_SCALE, 28 * PREVIEW_SCALE);
    drawDigit(ctx, input ? toBytes(input) : new Uint8Array(784), 0, 0, PREVIEW_SCALE);
  }, [input, ratio]);

  const applyTraining = source === 'training';
  const onApply = useCallback(
    (label: number, learningRate: number) => {
      if (!net || !input || source !== 'pretrained') return;
      setTaughtParams(teachStep(net, input, label, learningRate));
      setTaught((n) => n + 1);
    },
    [net, input, source],
  );

  const status =
    source === 'pretrained'
      ? modelState.kind === 'loading'
        ? 'loading the pretrained network…'
        : modelState.kind === 'error'
          ? null
          : `pretrained: ${percent(modelState.model.testAccuracy)} on the MNIST test set${taught > 0 ? `, then taught ${taught} step${taught > 1 ? 's' : ''} by you` : ''}`
      : net
        ? 'the network you are training, as it is now'
        : 'the network you are training is not built yet';

  return (
    <section className="draw-panel" id="draw-a-digit" aria-label="Draw a digit" ref={panel}>
      <h2 id="draw-a-digit-title" tabIndex={-1}>
        Draw a digit
      </h2>
      <div className="draw-source" role="radiogroup" aria-label="Which network reads the drawing">
        <label>
          <input
            type="radio"
            name="draw-source"
            checked={source === 'pretrained'}
            onChange={() => setSource('pretrained')}
          />
          pretrained network
        </label>
        <label>
          <input
            type="radio"
            name="draw-source"
            checked={source === 'training'}
            onChange={() => setSource('training')}
          />
          the network you are training
        </label>
      </div>
      {modelState.kind === 'error' && source === 'pretrained' ? (
        <div className="draw-error" role="alert">
          <p>The pretrained network could not be loaded: {modelState.message}</p>
          <button
            type="button"
            onClick={() => {
              setModelState({ kind: 'loading' });
              setAttempt((a) => a + 1);
            }}
          >
            Retry
          </button>
        </div>
      ) : (
        <p className="hint draw-status">{status}</p>
      )}
      {/* the pad and its result: one column, or side by side in a wide panel (draw-pad.css) */}
      <div className="draw-body">
        <div className="draw-input">
          <DrawPad size={side} onDraw={onDraw} load={load} />
          <label className="field inline draw-load">
            <span>or use a test digit</span>
            {/* keeps the chosen digit: the arrow keys on a closed list step through the digits */}
            <select
              data-testid="load-test-digit"
              aria-label="Or use a test digit: which digit"
              value={chosenDigit ?? ''}
              onChange={(e) => e.target.value !== '' && void loadTestDigit(Number(e.target.value))}
            >
              <option value="" disabled>
                choose…
              </option>
              {Array.from({ length: 10 }, (_, d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          {chosenDigit !== null && (
            <button
              type="button"
              className="link"
              data-testid="load-another"
              onClick={() => void loadTestDigit(chosenDigit)}
            >
              another {chosenDigit}
            </button>
          )}
          {loadNote && (
            <p className="hint" data-testid="load-note" role="status">
              {loadNote}
            </p>
          )}
        </div>
        <div className="draw-result">
          <div className="draw-reading">
            <figure className="draw-preview">
              <canvas ref={preview} role="img" aria-label="The 28x28 image the network sees" />
              <figcaption
                className="hint"
                title="As MNIST’s digits were made: the ink is scaled to fit 20×20 and centred, so a small digit’s strokes grow thick"
              >
                what the network sees (28×28, scaled up as MNIST’s were: draw large)
              </figcaption>
            </figure>
            <div className="draw-answer">
              <span className="hint">it reads</span>
              <output data-testid="prediction" data-strokes={strokes} className="draw-prediction">
                {reading ? String(reading.digit) : ''}
              </output>
              {/* said whole: the live digit alone was heard as a bare "2" ("it reads" is outside it) */}
              <span className="visually-hidden" aria-live="polite" data-testid="prediction-said">
                {reading && net
                  ? `It reads ${reading.digit} (${outputValue(reading.outputs[reading.digit], outputsAreProbabilities(net))}).`
                  : ''}
              </span>
              {input ? null : <span className="hint draw-empty">draw something</span>}
            </div>
          </div>
          <OutputBars
            outputs={reading?.outputs ?? null}
            probabilities={net ? outputsAreProbabilities(net) : true}
            digit={reading?.digit ?? null}
          />
          {net && input && reading ? (
            <details className="draw-teach">
              <summary>Teach it: what would this drawing change?</summary>
              <TeachIt
                // a test digit put on the pad starts afresh, on its own label
                key={load ? `test-${load.key}` : 'drawn'}
                knownLabel={chosenDigit}
                net={net}
                input={input}
                reading={reading.digit}
                onApply={applyTraining ? null : onApply}
                applyNote={
                  applyTraining
                    ? 'To change the network you are training, use its Step buttons; here the step is only shown.'
                    : 'The step changes a copy of the pretrained network on this page only.'
                }
                taught={taught}
                onReset={
                  applyTraining
                    ? null
                    : () => {
                        setTaughtParams(null);
                        setTaught(0);
                      }
                }
              />
            </details>
          ) : null}
        </div>
      </div>
    </section>
  );
}
