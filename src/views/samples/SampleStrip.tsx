import { useEffect, useRef, useState } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { drawDigit, fitCanvas } from '../../render/digit';
import { MUTED_INK } from '../../render/palette';
import { useLab } from '../../store/lab-store';

const COUNT = 12;
const SCALE = 2;
const LABEL_HEIGHT = 16;
const SLOT = 28 * SCALE + 4;

/** A strip of real training digits with their labels: proof that the data arrived. */
export function SampleStrip() {
  const ready = useLab((s) => s.data.kind === 'ready');
  const [samples, setSamples] = useState<{ pixels: Uint8Array; labels: Uint8Array } | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLElement>(null);
  // as many digits as fit at full size (a strip scaled down to fit made the labels unreadable)
  const [fits, setFits] = useState(COUNT);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) =>
      setFits(Math.max(1, Math.min(COUNT, Math.floor((entry.contentRect.width + 4) / SLOT)))),
    );
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    void trainer.trainImages(0, COUNT).then((s) => {
      if (live && s) setSamples(s);
    });
    return () => {
      live = false;
    };
  }, [ready]);

  useEffect(() => {
    if (!samples || !canvas.current) return;
    const size = 28 * SCALE;
    const shown = Math.min(fits, samples.labels.length);
    const ctx = fitCanvas(canvas.current, shown * SLOT - 4, size + LABEL_HEIGHT);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillStyle = MUTED_INK;
    for (let i = 0; i < shown; i++) {
      drawDigit(ctx, samples.pixels.subarray(i * 784, (i + 1) * 784), i * SLOT, 0, SCALE);
      ctx.fillText(String(samples.labels[i]), i * SLOT + size / 2, size + 13);
    }
  }, [samples, fits]);

  return (
    <figure ref={box} className="sample-strip" title="The first training digits, with their labels">
      <canvas ref={canvas} data-testid="sample-digits" role="img" aria-label="Sample training digits" />
      <figcaption className="visually-hidden" data-testid="sample-labels">
        {/* the labels of the digits drawn (as many as fit), not all that were loaded */}
        {samples ? Array.from(samples.labels.subarray(0, Math.min(fits, samples.labels.length))).join(' ') : ''}
      </figcaption>
    </figure>
  );
}
