import { useEffect, useRef } from 'react';
import { drawSignedMap } from '../../render/signed-map';
import { useDevicePixelRatio } from '../use-media';
import { sig } from '../controls/format';
import { PointedValue } from '../PointedValue';

export interface SignedMapProps {
  /** cols * rows signed values, row-major. */
  values: Float32Array;
  cols: number;
  rows: number;
  /** CSS pixels per cell. */
  cell: number;
  label: string;
}

/** Signed values as cells on the shared diverging scale (orange -, grey 0, blue +), scaled to the largest |value|. */
export function SignedMap({ values, cols, rows, cell, label }: SignedMapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));

  const ratio = useDevicePixelRatio();
  useEffect(() => {
    if (canvas.current) drawSignedMap(canvas.current, values, cols, rows, cell, max);
  }, [values, cols, rows, cell, max, ratio]);

  return (
    <span className="signed-map">
      <PointedValue values={values} cols={cols} rows={rows} cell={cell}>
        <canvas ref={canvas} role="img" aria-label={`${label}; largest size ${sig(max, 3)}`} />
      </PointedValue>
      <span className="hint">±{sig(max, 3)}</span>
    </span>
  );
}
