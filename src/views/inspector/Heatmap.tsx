/**
 * A 28x28 map of one value per input pixel (a first-layer neuron's weights or nudges), blue
 * positive, orange negative, its strongest colour the largest |value|, which its caption names.
 */
import { useEffect, useRef } from 'react';
import { drawSignedHeatmap } from '../../render/heatmap';
import { fitCanvas } from '../../render/digit';
import { useDevicePixelRatio } from '../use-media';
import { sig } from '../controls/format';
import { PointedValue } from '../PointedValue';

/** The largest |value| (NaN if any value is NaN). */
export function largestAbs(values: Float32Array): number {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  return largest;
}

/**
 * What the largest |value| of a bar list or a map is drawn as (its longest bar, its strongest
 * colour): the others are to that scale, so tiny wishes drawn full length are not read as big.
 */
export function scaleCaption(largest: number, drawnAs: string): string {
  if (largest === 0) return 'all 0';
  if (!Number.isFinite(largest)) return 'some values are not numbers: the network has diverged';
  const scale = `${drawnAs} is |value| = ${sig(largest, 3)}, the others to scale`;
  // said in words: bars drawn full length for 10⁻²⁶ (a network saturated by α = 20) would
  // otherwise read as a strong wish
  return largest < ALL_BUT_ZERO ? `${scale}: all but 0, so this example asks next to nothing here` : scale;
}

/**
 * Below this, a list's largest |value| is called all but 0. A wish is −∂C/∂(something) for one
 * example, typically 10⁻³ to 1; saturated sigmoids (σ′(z) ≈ 0) give 10⁻²⁶.
 */
export const ALL_BUT_ZERO = 1e-7;

export function Heatmap({ values, testId, label }: { values: Float32Array; testId: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ratio = useDevicePixelRatio();
  useEffect(() => {
    const ctx = fitCanvas(canvas.current!, 112, 112);
    drawSignedHeatmap(ctx, values, 0, 0, 4);
  }, [values, ratio]);
  return (
    <div className="heatmap">
      <PointedValue values={values} cols={28} rows={28} cell={4} testId={testId}>
        <canvas ref={canvas} data-testid={testId} role="img" aria-label={label} />
      </PointedValue>
      <span className="hint" data-testid={`${testId}-scale`}>
        {scaleCaption(largestAbs(values), 'the strongest colour')}
      </span>
    </div>
  );
}
