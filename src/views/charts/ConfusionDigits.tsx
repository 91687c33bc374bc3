/**
 * The test digits behind a confusion-matrix cell. Clicking one shows it in the network
 * view (the store's probe) with the network's output for it now: both follow the weights
 * as they change (a Step after the click), so the readout is never of an older network.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { predict } from '../../engine';
import type { Cell } from '../../render/charts/confusion';
import { DIGIT_SIZE } from '../../render/digit';
import { DigitCanvas } from '../samples/DigitCanvas';
import { useLab } from '../../store/lab-store';
import { brightest, outputsAreProbabilities, outputValue } from '../outputs';
import { revealNetwork } from '../motion';

/** Digits fetched per cell; a diagonal cell holds ~1,000, a handful show the idea. */
export const DIGIT_LIMIT = 24;
const PIXELS = DIGIT_SIZE * DIGIT_SIZE;
const THUMB_SCALE = 1.5;
const PROBE_PREFIX = 'test #';

/**
 * Whether the network view shows a test digit clicked here: the one probe with a true label (a
 * drawing has none; the draw pad's test image is named "test image #…", so not by the name).
 */
export function isTestDigitProbe(probe: { trueLabel?: number } | null | undefined): boolean {
  return probe?.trueLabel !== undefined;
}

interface Loaded {
  key: string;
  indices: number[];
  pixels: Uint8Array;
  error: string | null;
}

interface Chosen {
  index: number;
  label: number;
  input: Float32Array;
}

interface Read {
  output: Float32Array;
  probabilities: boolean;
}

/** The network's output for the chosen digit, with the weights shown now; null mid-rebuild. */
function useRead(chosen: Chosen | null): Read | null {
  // nothing chosen: no need to follow the weights (no re-render 4 times a second while playing)
  const snapshot = useLab((s) => (chosen ? s.panelSnapshot : null));
  return useMemo(() => {
    if (!chosen || !snapshot) return null;
    try {
      return {
        output: predict({ spec: snapshot.spec, params: snapshot.params }, chosen.input, 1),
        probabilities: outputsAreProbabilities(snapshot.spec),
      };
    } catch {
      return null; /* a spec/params mismatch mid-rebuild: the network view still shows the digit */
    }
  }, [chosen, snapshot]);
}

function OutputBars({ chosen, read }: { chosen: Chosen; read: Read | null }) {
  if (!read) return null;
  const out = read.output;
  const best = brightest(out);
  const value = (v: number) => outputValue(v, read.probabilities);
  return (
    <div className="digit-output" data-testid="confusion-digit-output">
      <p>
        test #{chosen.index}, a {chosen.label}: the network reads <strong>{best}</strong> ({value(out[best])})
      </p>
      <div className="output-bars" aria-hidden="true">
        {Array.from(out, (v, j) => (
          <span key={j} title={`${j}: ${value(v)}`} className={j === chosen.label ? 'true' : undefined}>
            <i style={{ height: `calc(${Math.max(0, Math.min(1, v))} * (100% - 12px))` }} />
            <b>{j}</b>
          </span>
        ))}
      </div>
    </div>
  );
}

interface ConfusionDigitsProps {
  cell: Cell;
  /** "true 4 read as 9: 23 digits" */
  description: string;
  /** Digits in the cell at the last evaluation. */
  total: number | null;
  /** Changes when a new evaluation arrives, so the digits are fetched again. */
  evaluation: string;
  onClose: () => void;
}

export const ConfusionDigits = memo(function ConfusionDigits({
  cell,
  description,
  total,
  evaluation,
  onClose,
}: ConfusionDigitsProps) {
  const key = `${cell.label}:${cell.predicted}:${evaluation}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);

  useEffect(() => {
    let live = true;
    const load = async (): Promise<Loaded> => {
      const indices = await trainer.confusionCell(cell.label, cell.predicted, DIGIT_LIMIT);
      const images = indices.length ? await trainer.testImages(indices) : undefined;
      return { key, indices, pixels: images?.pixels ?? new Uint8Array(0), error: null };
    };
    load()
      .catch((e: unknown): Loaded => ({
        key,
        indices: [],
        pixels: new Uint8Array(0),
        error: e instanceof Error ? e.message : String(e),
      }))
      .then((result) => {
        if (live) setLoaded(result);
      });
    return () => {
      live = false;
    };
  }, [cell.label, cell.predicted, key]);

  const read = useRead(chosen);

  // the network view's probe follows the weights too, while it is still this digit
  const params = useLab((s) => (chosen ? s.panelSnapshot?.params : undefined));
  // gone without Close (a Reset empties the matrix): the network view goes back to the training example
  useEffect(
    () => () => {
      if (isTestDigitProbe(useLab.getState().probe)) useLab.setState({ probe: null });
    },
    [],
  );
  useEffect(() => {
    const probe = useLab.getState().probe;
    if (!chosen || !params || probe?.label !== `${PROBE_PREFIX}${chosen.index}` || probe.params === params) return;
    const spec = useLab.getState().panelSnapshot?.spec ?? probe.spec;
    useLab.setState({ probe: { ...probe, spec, params } });
  }, [chosen, params]);

  const show = (index: number, pixels: Uint8Array) => {
    const snapshot = useLab.getState().panelSnapshot;
    if (!snapshot) return;
    const input = Float32Array.from(pixels, (p) => p / 255);
    useLab.setState({
      probe: {
        input,
        spec: snapshot.spec,
        params: snapshot.params,
        label: `${PROBE_PREFIX}${index}`,
        trueLabel: cell.label,
      },
    });
    setChosen({ index, label: cell.label, input });
    revealNetwork();
  };

  const ready = loaded?.key === key ? loaded : null;
  const thumbs = useMemo(
    () =>
      ready
        ? ready.indices.map((index, i) => ({ index, pixels: ready.pixels.subarray(i * PIXELS, (i + 1) * PIXELS) }))
        : [],
    [ready],
  );
  return (
    <div className="confusion-digits" data-testid="confusion-digits">
      <div className="confusion-digits-head">
        <span>{description}</span>
        <button type="button" className="close" onClick={onClose} aria-label="Close the digits">
          ×
        </button>
      </div>
      {!ready && <p className="hint">Finding the digits…</p>}
      {ready?.error && <p className="hint error">Could not fetch the digits: {ready.error}</p>}
      {ready && !ready.error && ready.indices.length === 0 && (
        <p className="hint">None now: the network has changed since this was measured.</p>
      )}
      {ready && ready.indices.length > 0 && (
        <>
          <p className="hint">
            {total !== null && total > ready.indices.length
              ? ready.indices.length >= DIGIT_LIMIT
                ? `The first ${ready.indices.length} of ${total}; `
                : `${ready.indices.length} of the ${total} counted (the network has changed since); `
              : ''}
            click one to see it in the network.
          </p>
          <div className="digit-thumbs">
            {thumbs.map(({ index, pixels }) => (
              <button
                key={index}
                type="button"
                className="digit-thumb"
                data-index={index}
                aria-pressed={chosen?.index === index}
                aria-label={`test #${index}, a ${cell.label}`}
                onClick={() => show(index, pixels)}
              >
                <DigitCanvas pixels={pixels} scale={THUMB_SCALE} />
              </button>
            ))}
          </div>
        </>
      )}
      {chosen && <OutputBars chosen={chosen} read={read} />}
    </div>
  );
});
