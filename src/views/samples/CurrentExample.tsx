import { useEffect, useRef, useState } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { drawDigit, fitCanvas } from '../../render/digit';
import { useDevicePixelRatio } from '../use-media';
import { useLab } from '../../store/lab-store';
import { cancelPick, pendingPick, pickExample } from './pick';
import { isTestDigitProbe } from '../charts/ConfusionDigits';
import { brightest } from '../outputs';

/** The example being learned: its image and label, and a way to choose the next one. */
export function CurrentExample() {
  const snapshot = useLab((s) => s.snapshot);
  const last = useLab((s) => s.lastExample);
  const canvas = useRef<HTMLCanvasElement>(null);
  const picked = useLab((s) => s.picked);
  // the network view may be showing a test digit from the confusion matrix instead. (Not said for a
  // drawing: the draw pad under this box says what it shows, and a line added here at the first
  // stroke moved the pad down under the pen.)
  const probeLabel = useLab((s) => (s.probe && isTestDigitProbe(s.probe) ? s.probe.label : null));
  const [cursor, setCursor] = useState(0);
  const pending = pendingPick(picked, snapshot);
  // stepped (or replaced by the trainer): the choice is spent
  useEffect(() => {
    if (picked?.sent && snapshot && snapshot.nextExample.index !== picked.index) useLab.setState({ picked: null });
  }, [picked, snapshot]);
  // the example just stepped, unless the student has since picked the next one (then that one)
  const stepped = last && snapshot && snapshot.batchStepped > 0 && !pending ? last.example : null;
  const example = stepped ?? snapshot?.nextExample ?? null;

  const playing = snapshot?.playing ?? false;
  // while playing, examples fly past at thousands per second: hold the picture still
  // (redrawing this canvas at the snapshot rate also stalled software-rendered Chromium)
  const shownIndex = playing ? null : (example?.index ?? null);
  const ratio = useDevicePixelRatio();
  useEffect(() => {
    if (!example || !canvas.current || shownIndex === null) return;
    drawDigit(fitCanvas(canvas.current, 84, 84), example.pixels, 0, 0, 3);
  }, [shownIndex, stepped, ratio]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!snapshot || !example)
    return (
      // the box's place, kept while the network is built: appearing then, it moved the draw pad
      // below it by its height under the pen of a student already drawing
      <div className="current-example" data-testid="current-example-waiting" aria-hidden="true">
        <h2>Next example</h2>
        <div className="example-row">
          <div className="example-waiting" />
          <div className="big-label">
            label <strong>-</strong>
          </div>
        </div>
        <label className="field inline">
          <span>step next</span>
          <select disabled value="">
            <option value="">any digit</option>
          </select>
        </label>
      </div>
    );
  const pickByLabel = async (digit: number) => {
    const found = await trainer.findByLabel(digit, cursor, 1);
    const index = found[0] ?? (await trainer.findByLabel(digit, 0, 1))[0];
    if (index !== undefined) {
      setCursor(index + 1);
      await pickExample(index, digit);
    }
  };
  return (
    <div className="current-example" data-testid="current-example">
      <h2>{playing ? 'Training on every example' : stepped ? 'Example just stepped' : 'Next example'}</h2>
      <div className="example-row">
        <canvas
          ref={canvas}
          className={playing ? 'held' : undefined}
          role="img"
          aria-label={
            playing
              ? 'a digit held still while training'
              : `the current handwritten digit, a ${example.label}${stepped && last ? `, read by the network as ${brightest(last.activations[last.activations.length - 1])}` : ''}`
          }
        />
        {/* both in one place, the one not said hidden: swapped in and out, they changed the panel's
            height at every Play and Pause, and the page above a phone's charts moved with it where a
            browser does not hold the view (Safari before 27 has no scroll anchoring) */}
        <div className="example-words">
          <div className={playing ? 'idle' : undefined}>
            <div className="big-label">
              label <strong data-testid="example-label">{example.label}</strong>
            </div>
            <div className="hint" translate="no">
              training image #{example.index}
            </div>
          </div>
          {/* one digit under "Training on every example" read as training on that one */}
          <div className={playing ? 'hint' : 'hint idle'} data-testid={playing ? 'example-held' : undefined}>
            held still while training: examples go by too fast to draw
          </div>
        </div>
      </div>
      {probeLabel && !playing && (
        <p className="hint" data-testid="example-while-probe">
          The network shows {probeLabel}; Step example learns from this training image.
        </p>
      )}
      <label className="field inline">
        <span>step next</span>
        <select
          data-testid="pick-label"
          aria-label="Step next: an example with this label"
          // a pick restored with a saved session is shown too, so it can be taken back
          value={pending ? pending.label : snapshot.nextPicked ? snapshot.nextExample.label : ''}
          disabled={snapshot.playing}
          onChange={(e) => void (e.target.value === '' ? cancelPick() : pickByLabel(Number(e.target.value)))}
        >
          {/* chosen again, it takes the pick back (it could not be: the picked digit had to be stepped) */}
          <option value="">any digit</option>
          {Array.from({ length: 10 }, (_, d) => (
            <option key={d} value={d}>
              a {d}
            </option>
          ))}
        </select>
        {pending && (
          <button
            type="button"
            data-testid="pick-another"
            title={`Another training image of a ${pending.label}`}
            onClick={() => void pickByLabel(pending.label)}
            disabled={snapshot.playing}
          >
            another
          </button>
        )}
      </label>
    </div>
  );
}
