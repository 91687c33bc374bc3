import { useCallback, useEffect, useRef } from 'react';
import type { GreyImage } from '../../data/preprocess';
import { PadInk } from '../../render/draw-pad';
import { redChannel } from './classify';
import { useDevicePixelRatio } from '../use-media';

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

/**
 * A square canvas to draw on with mouse, finger or pen (pointer events, no scrolling while
 * drawing). The ink is render/draw-pad's; this view follows one pointer and reads the pixels.
 */
export function DrawPad({ size, onDraw, load = null }: DrawPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const ink = useRef<PadInk | null>(null);
  /** The pointer drawing the stroke under way. */
  const pointerId = useRef<number | null>(null);
  const frame = useRef(0);
  const grey = useRef<Uint8Array | undefined>(undefined);
  const onDrawRef = useRef(onDraw);
  useEffect(() => {
    onDrawRef.current = onDraw;
  }, [onDraw]);

  const stopFrame = () => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
  };

  const emit = useCallback((phase: DrawPhase) => {
    if (!ink.current) return;
    const image = ink.current.read();
    grey.current = redChannel(image.data, grey.current);
    onDrawRef.current({ width: image.width, height: image.height, pixels: grey.current }, phase);
  }, []);

  // a pad that changes size (the window resized, or a scroll bar came mid-stroke) or resolution
  // (zoomed) draws what is on it again, a stroke under way included; the reading stays the one made
  // before (re-read, a test digit would no longer be itself)
  const ratio = useDevicePixelRatio();
  useEffect(() => {
    if (ink.current) ink.current.resize(size);
    else {
      ink.current = new PadInk(canvasRef.current!, size);
      ink.current.wipe();
    }
    return stopFrame;
  }, [size, ratio]);

  // a loaded image: the pad wiped, the image scaled up onto it, and read like a finished stroke
  useEffect(() => {
    if (!load || !ink.current) return;
    stopFrame();
    pointerId.current = null;
    ink.current.putDigit(load.pixels);
    emit('load');
  }, [load, emit]);

  const scheduleEmit = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      emit('stroke');
    });
  };

  const at = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * size, y: ((e.clientY - r.top) / r.height) * size };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (pointerId.current !== null || (e.pointerType === 'mouse' && e.button !== 0) || !ink.current) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    pointerId.current = e.pointerId;
    const p = at(e);
    ink.current.penDown(p.x, p.y);
    scheduleEmit();
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (pointerId.current !== e.pointerId || !ink.current) return;
    // a pen or a fast mouse reports several positions per frame: draw them all
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length > 0 ? events : [e.nativeEvent]) {
      const p = at(ev);
      ink.current.penMove(p.x, p.y);
    }
    scheduleEmit();
  };

  const onPointerEnd = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (pointerId.current !== e.pointerId || !ink.current) return;
    ink.current.penUp();
    pointerId.current = null;
    // the finished stroke is read at once, not at the next frame
    stopFrame();
    emit('end');
  };

  const clear = () => {
    stopFrame();
    pointerId.current = null;
    ink.current?.wipe();
    onDrawRef.current(null, 'clear');
  };

  return (
    <div className="draw-pad">
      <canvas
        ref={canvasRef}
        data-testid="draw-pad"
        className="draw-pad-canvas"
        role="img"
        aria-label="Drawing pad: draw one digit with a mouse, finger or pen (from the keyboard, use a test digit, the menu below)"
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
