/**
 * npm run trace:ui — where the browser's time goes while training plays: builds, serves and
 * opens the app in the tests' headless Chromium, presses Play, records a Chrome trace over
 * CDP for TRACE_UI_SECONDS (default 5) and prints frames/s, each thread's busy ms per second
 * and the GPU thread's main costs (canvas and tile raster, compositing, WebGL). Written to
 * find out why `npm run bench:ui` misses 50 frames/s (docs/ARCHITECTURE.md, Rendering).
 * TRACE_UI_OUT=file.json also saves the raw events (open them in chrome://tracing);
 * TRACE_UI_CATEGORIES replaces the trace categories (add 'devtools.timeline' for Paint events
 * naming the element repainted).
 */
import { writeFileSync } from 'node:fs';
import { openReadyApp } from './ready-app';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

const SECONDS = Number(process.env.TRACE_UI_SECONDS ?? 5);
const GPU_COSTS = [
  'RasterDecoderImpl::DoEndRasterCHROMIUM',
  'SkiaOutputSurfaceImplOnGpu::FinishPaintRenderPass',
  'GLContextEGL::MakeCurrent',
  'WebGL',
];

const { context, page, close } = await openReadyApp();
try {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  // plain string: the page must not see the bundler's helpers
  await page.evaluate(
    `(() => { window.__frames = 0; const t = () => { window.__frames++; requestAnimationFrame(t); }; requestAnimationFrame(t); })()`,
  );
  await page.getByTestId('play').click();
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.start', {
    categories: process.env.TRACE_UI_CATEGORIES ?? 'toplevel,disabled-by-default-devtools.timeline,viz,gpu',
    transferMode: 'ReportEvents',
  });
  const f0 = (await page.evaluate('window.__frames')) as number;
  await page.waitForTimeout(SECONDS * 1000);
  const f1 = (await page.evaluate('window.__frames')) as number;
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  if (process.env.TRACE_UI_OUT) writeFileSync(process.env.TRACE_UI_OUT, JSON.stringify(events));

  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const busy = new Map<string, number>();
  const costs = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? String(e.tid);
    // top-level tasks only, so nested events are not counted twice
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask')
      busy.set(thread, (busy.get(thread) ?? 0) + e.dur / 1000);
    if (GPU_COSTS.includes(e.name)) costs.set(e.name, (costs.get(e.name) ?? 0) + e.dur / 1000);
  }
  const perSecond = (m: Map<string, number>) =>
    Object.fromEntries([...m].filter(([, v]) => v / SECONDS >= 5).map(([k, v]) => [k, Math.round(v / SECONDS)]));
  const result = {
    seconds: SECONDS,
    framesPerSecond: Number(((f1 - f0) / SECONDS).toFixed(1)),
    busyMsPerSecond: perSecond(busy),
    gpuThreadMsPerSecond: perSecond(costs),
  };
  console.log(`while playing for ${SECONDS} s: ${result.framesPerSecond} frames/s`);
  console.log('busy ms per second, by thread:', result.busyMsPerSecond);
  console.log('GPU thread ms per second, by cost:', result.gpuThreadMsPerSecond);
  console.log(JSON.stringify({ traceUi: result }));
} finally {
  await close();
}
