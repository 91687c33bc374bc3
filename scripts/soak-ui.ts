/**
 * npm run bench:soak — plays training at full speed for SOAK_MINUTES (default 10) in headless
 * Chromium and prints, each minute: epochs, frames/s and long tasks over 5 s, the page's JS heap,
 * array buffers and DOM nodes (after a forced garbage collection) and the browser's resident memory
 * (its processes only); then the end's
 * figures as ratios of the first minute's (the same page, measured in the same run). A long run
 * must keep them near 1: this found a promise race that kept every edge painting (420 MB a minute)
 * and chart nodes drawn per epoch. SOAK_TAB=surface opens that tab first (SOAK_MODE=3d its 3D view).
 */
import { execSync } from 'node:child_process';
import { openReadyApp } from './ready-app';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);

interface Sample {
  minute: number;
  epoch: number;
  framesPerSecond: number;
  longestTaskMs: number;
  tasksOver50ms: number;
  heapMB: number;
  arrayBuffersMB: number;
  domNodes: number;
  browserMB: number | null;
}

/** Resident memory of this script's browser: every process descended from this one (the renderer holds the page and its workers). */
function browserMB(): number | null {
  try {
    const rows = execSync('ps -eo pid=,ppid=,rss=')
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    const ours = new Set([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of rows)
        if (ours.has(ppid) && !ours.has(pid)) {
          ours.add(pid);
          grew = true;
        }
    }
    const kb = rows.filter(([pid]) => pid !== process.pid && ours.has(pid)).reduce((sum, [, , rss]) => sum + rss, 0);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

const { context, page, close } = await openReadyApp({ width: 1440, height: 900 });
try {
  const cdp = await context.newCDPSession(page);
  await page.evaluate(`(() => {
    const m = (window.__soak = { long: [], frames: 0, t: performance.now() });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => m.long.push(e.duration))).observe({ entryTypes: ['longtask'] });
    const tick = () => { m.frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  if (process.env.SOAK_TAB) await page.getByTestId(`tab-${process.env.SOAK_TAB}`).click();
  if (process.env.SOAK_MODE) await page.getByTestId('surface-mode').selectOption(process.env.SOAK_MODE);
  await page.getByTestId('play').click();
  const start = Date.now();
  const samples: Sample[] = [];
  for (let i = 0; i <= MINUTES; i++) {
    const due = start + i * 60_000;
    if (Date.now() < due) await page.waitForTimeout(due - Date.now());
    await page.evaluate(`window.__soak.frames = 0; window.__soak.long = []; window.__soak.t = performance.now()`);
    await page.waitForTimeout(5000);
    const m = (await page.evaluate(`(() => {
      const m = window.__soak;
      return { fps: m.frames / ((performance.now() - m.t) / 1000), long: m.long,
        epoch: window.__lab.store.getState().snapshot.epoch };
    })()`)) as { fps: number; long: number[]; epoch: number };
    await cdp.send('HeapProfiler.collectGarbage');
    const nodes = (await page.evaluate(`document.querySelectorAll('*').length`)) as number;
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    const s: Sample = {
      minute: i,
      epoch: m.epoch,
      framesPerSecond: Number(m.fps.toFixed(1)),
      longestTaskMs: Math.round(Math.max(0, ...m.long)),
      tasksOver50ms: m.long.length,
      heapMB: Number((heap.usedSize / 1e6).toFixed(1)),
      arrayBuffersMB: Number(((heap.backingStorageSize ?? 0) / 1e6).toFixed(1)),
      domNodes: nodes,
      browserMB: browserMB(),
    };
    samples.push(s);
    console.log(
      `minute ${s.minute}: epoch ${s.epoch}, ${s.framesPerSecond} frames/s, longest task ${s.longestTaskMs} ms ` +
        `(${s.tasksOver50ms} over 50 ms), JS heap ${s.heapMB} MB, array buffers ${s.arrayBuffersMB} MB, ` +
        `${s.domNodes} DOM nodes, browser ${s.browserMB ?? '?'} MB resident`,
    );
  }
  const first = samples[Math.min(1, samples.length - 1)];
  const last = samples.at(-1)!;
  const ratio = (a: number | null, b: number | null) => (a && b ? Number((a / b).toFixed(2)) : null);
  const ratios = {
    heap: ratio(last.heapMB, first.heapMB),
    arrayBuffers: ratio(last.arrayBuffersMB, first.arrayBuffersMB),
    domNodes: ratio(last.domNodes, first.domNodes),
    browserMemory: ratio(last.browserMB, first.browserMB),
    framesPerSecond: ratio(last.framesPerSecond, first.framesPerSecond),
  };
  console.log(`minute ${last.minute} against minute ${first.minute} (ratios, ~1 is steady): ${JSON.stringify(ratios)}`);
  console.log(JSON.stringify({ benchSoak: { samples, ratios } }));
} finally {
  await close();
}
