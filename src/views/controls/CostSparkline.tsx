/**
 * The smoothed cost over every update so far, small, under the headline numbers: watched
 * beside the network while playing (the cost chart is below the fold on a 1280x720 screen).
 */
import { useRef } from 'react';
import { drawSparkline } from '../../render/charts/sparkline';
import type { Snapshot } from '../../protocol/snapshot';
import { useElementSize, useFrameDraw } from '../charts/use-chart';

export function CostSparkline({ snapshot }: { snapshot: Snapshot | null }) {
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useElementSize(box);
  const steps = snapshot?.costSteps;
  const n = steps?.length ?? 0;
  // redrawn when an update is added, not for every snapshot's fresh copy of the same series
  const key = n ? `${n}:${steps![n - 1]}` : '';
  useFrameDraw(() => {
    if (svg.current && snapshot)
      drawSparkline(svg.current, { steps: snapshot.costSteps, values: snapshot.costValues }, size);
  }, [key, size.width, size.height]);
  // kept mounted (hidden) before two updates, so its size is observed from the start
  return (
    <figure className="cost-spark" data-testid="cost-spark" hidden={n < 2}>
      <figcaption>cost C over all updates (smoothed, log scale)</figcaption>
      <div className="cost-spark-area" ref={box}>
        <svg ref={svg} width={size.width} height={size.height} aria-hidden="true" />
      </div>
    </figure>
  );
}
