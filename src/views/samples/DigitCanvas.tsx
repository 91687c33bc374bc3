import { useEffect, useRef } from 'react';
import { drawDigitCanvas } from '../../render/digit';
import { useDevicePixelRatio } from '../use-media';

/**
 * One 28x28 digit as a small picture, `scale` CSS pixels a pixel (a table's or a list's thumbnail),
 * drawn again when its pixels or the device pixel ratio (a zoom) change.
 */
export function DigitCanvas({ pixels, scale, className }: { pixels: Uint8Array; scale: number; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const ratio = useDevicePixelRatio();
  useEffect(() => {
    if (ref.current) drawDigitCanvas(ref.current, pixels, scale);
  }, [pixels, scale, ratio]);
  return <canvas ref={ref} className={className} aria-hidden="true" />;
}
