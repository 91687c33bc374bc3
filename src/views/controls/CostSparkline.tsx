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
  // redrawn when an update is added, not for every snapshot's fresh copy of the same series; while
  // playing about once a second (each changed drawing costs the page a raster: at the panels'
  // 4/s it took ~2 of the ~15 frames/s `npm run bench:ui` measures)
  const last = n ? steps![n - 1] : -1;
  const perSecond = snapshot?.playing ? Math.max(1, Math.round(snapshot.updatesPerSecond)) : 1;
  const key = n ? `${n > 1 ? 1 : 0}:${Math.floor(last / perSecond)}` : '';
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
