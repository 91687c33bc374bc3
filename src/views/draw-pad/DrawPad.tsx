import { useCallback, useEffect, useRef } from 'react';
import { fitCanvas } from '../../render/digit';
import type { GreyImage } from '../../data/preprocess';
import { redChannel } from './classify';

/**
 * 'stroke': while drawing (at most once per animation frame); 'end': a stroke finished; 'load':
 * the `load` image was put on the pad; 'clear': wiped.
 */
export type DrawPhase = 'stroke' | 'end' | 'load' | 'clear';

export interface DrawPadProps {
  /** CSS pixels, square. */
  size: number;
  /** The pad's pixels (bytes, white ink on black) or null once cleared. */
  onDraw: (image: GreyImage | null, phase: DrawPhase) => void;
  /**
   * A 28x28 image (bytes) to put on the pad instead of a drawing, e.g. a test digit chosen
   * from the keyboard; a new `key` puts it there again. Strokes drawn after it add to it.
   */
  load?: { pixels: Uint8Array; key: number } | null;
}

/** Marker width as a fraction of the pad: a digit drawn across most of the pad gets MNIST's stroke of about 2.5 of 20 pixels. */
const BRUSH = 0.075;

/**
 * A square canvas to draw on with mouse, finger or pen (pointer events, no scrolling
 * while drawing), white ink on black like MNIST, with a soft round marker.
 */
export function DrawPad({ size, onDraw, load = null }: DrawPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const ctxRef = useRef<CanvasRenderingContext2D | null>(null);
  const pointer = useRef<{ id: number; x: number; y: number; midX: number; midY: number } | null>(null);
  const frame = useRef(0);
  const grey = useRef<Uint8Array | undefined>(undefined);
  const onDrawRef = useRef(onDraw);
  useEffect(() => {
    onDrawRef.current = onDraw;
  }, [onDraw]);

  const wipe = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // willReadFrequently keeps the pixels on the CPU: we read them back every frame
    canvas.getContext('2d', { willReadFrequently: true });
    const ctx = fitCanvas(canvas, size, size);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    const width = size * BRUSH;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = width;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    // the soft edge of a marker: a white glow around the core
    ctx.shadowColor = 'rgba(255, 255, 255, 0.85)';
    ctx.shadowBlur = width * 0.45 * (window.devicePixelRatio || 1);
    ctxRef.current = ctx;
  }, [size]);

  useEffect(() => {
    wipe();
    return () => cancelAnimationFrame(frame.current);
  }, [wipe]);

  const emit = useCallback((phase: DrawPhase) => {
    const canvas = canvasRef.current;
    const ctx = ctxRef.current;
    if (!canvas || !ctx) return;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    grey.current = redChannel(data, grey.current);
    onDrawRef.current({ width: canvas.width, height: canvas.height, pixels: grey.current }, phase);
  }, []);

  // a loaded image: the pad wiped, the image scaled up onto it, and read like a finished stroke
  useEffect(() => {
    const ctx = ctxRef.current;
    if (!load || !ctx) return;
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    pointer.current = null;
    wipe();
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const sctx = small.getContext('2d')!;
    const image = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      image.data.set([load.pixels[i], load.pixels[i], load.pixels[i], 255], i * 4);
    }
    sctx.putImageData(image, 0, 0);
    const pad = ctxRef.current!;
    pad.save();
    pad.shadowBlur = 0;
    pad.imageSmoothingEnabled = true;
    pad.drawImage(small, 0, 0, size, size);
    pad.restore();
    emit('load');
  }, [load, size, wipe, emit]);

  const scheduleEmit = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      emit('stroke');
    });
  }, [emit]);

  const at = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * size, y: ((e.clientY - r.top) / r.height) * size };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (pointer.current || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const ctx = ctxRef.current;
    if (!ctx) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = at(e);
    pointer.current = { id: e.pointerId, x: p.x, y: p.y, midX: p.x, midY: p.y };
    ctx.beginPath();
    ctx.arc(p.x, p.y, ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.fill();
    scheduleEmit();
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const last = pointer.current;
    const ctx = ctxRef.current;
    if (!last || last.id !== e.pointerId || !ctx) return;
    // a pen or a fast mouse reports several positions per frame: draw them all
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length > 0 ? events : [e.nativeEvent]) {
      const p = at(ev);
      // smooth: a quadratic curve through the midpoints, with the last point as control
      const midX = (last.x + p.x) / 2;
      const midY = (last.y + p.y) / 2;
      ctx.beginPath();
      ctx.moveTo(last.midX, last.midY);
      ctx.quadraticCurveTo(last.x, last.y, midX, midY);
      ctx.stroke();
      last.x = p.x;
      last.y = p.y;
      last.midX = midX;
      last.midY = midY;
    }
    scheduleEmit();
  };

  const onPointerEnd = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const last = pointer.current;
    const ctx = ctxRef.current;
    if (!last || last.id !== e.pointerId || !ctx) return;
    ctx.beginPath();
    ctx.moveTo(last.midX, last.midY);
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
    pointer.current = null;
    // the finished stroke is read at once, not at the next frame
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    emit('end');
  };

  const clear = () => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    pointer.current = null;
    wipe();
    onDrawRef.current(null, 'clear');
  };

  return (
    <div className="draw-pad">
      <canvas
        ref={canvasRef}
        data-testid="draw-pad"
        className="draw-pad-canvas"
        role="img"
        aria-label="Drawing pad: draw one digit with a mouse, finger or pen"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onContextMenu={(e) => e.preventDefault()}
      />
      <button type="button" className="draw-pad-clear" data-testid="clear-drawing" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
