/**
 * npm run bench:ui — builds the app, serves it, opens it in headless Chromium, plays
 * training for 10 s and prints animation frames/s, the longest main-thread task and
 * snapshots/s (human-readable, then one JSON line). Budgets: 50+ frames/s, no task over
 * 50 ms, 20+ snapshots/s. It does so twice: in the tests' Chromium (software rendering), then
 * with @sparticuz's Lambda flags (tests/helpers/browser.ts says why the tests do not use them).
 *
 * A peer is measured in the same run, browser and viewport: a blank page whose only change is
 * one 50x50 canvas refilled as often as the app received snapshots, beside a worker that
 * keeps one core busy as the trainer does. Its frames/s are the most any page showing a
 * change that often can get here; the app's are printed as a ratio of it.
 */
import { openReadyApp } from './ready-app';

const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 10);

// the tests' Chromium (software rendering, as Chrome renders without a GPU), then the same
// binary with @sparticuz's Lambda flags, which rasterise on an emulated GPU (SwiftShader);
// BENCH_UI_FLAGS=tests or =lambda measures one of them
const configs = [
  { label: "the tests' Chromium (software rendering)", key: 'tests', lambdaFlags: false },
  { label: "the same with @sparticuz's Lambda flags (GPU raster on SwiftShader)", key: 'lambda', lambdaFlags: true },
].filter((c) => !process.env.BENCH_UI_FLAGS || c.key === process.env.BENCH_UI_FLAGS);
for (const config of configs) await measure(config);

async function measure(config: (typeof configs)[number]): Promise<void> {
  console.log(`\n${config.label}:`);
  // BENCH_UI_SIZE=1920x1080 measures another window size (default 1440x900)
  const [width, height] = (process.env.BENCH_UI_SIZE ?? '1440x900').split('x').map(Number);
  const { context, page, close } = await openReadyApp({ lambdaFlags: config.lambdaFlags, width, height });
  try {
    // a slower computer (a school laptop): BENCH_UI_THROTTLE=4 runs the page's main thread 4x slower
    // (DevTools' CPU throttling; the workers run at full speed)
    const throttle = Number(process.env.BENCH_UI_THROTTLE ?? 1);
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      console.log(`main thread throttled ${throttle}x`);
    }
    // for finding what costs frames: BENCH_UI_REMOVE='.some-selector' removes elements first
    if (process.env.BENCH_UI_REMOVE) {
      await page.evaluate(
        `document.querySelectorAll(${JSON.stringify(process.env.BENCH_UI_REMOVE)}).forEach((e) => e.remove())`,
      );
    }
    // plain string: the page must not see the bundler's helpers
    await page.evaluate(`(() => {
    const m = (window.__benchUi = { long: [], frames: 0, snapshots: 0, drawn: 0 });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => m.long.push(e.duration))).observe({ entryTypes: ['longtask'] });
    const tick = () => { m.frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.__lab.store.subscribe((s, p) => { if (s.snapshot !== p.snapshot) m.snapshots++; });
  })()`);
    const drawn = () =>
      page.evaluate(() =>
        Number(document.querySelector('[data-testid=network-view]')?.getAttribute('data-drawn') ?? 0),
      );
    const drawnBefore = await drawn();
    const stepBefore = await page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    await page.evaluate(
      `window.__benchUi.start = performance.now(); window.__benchUi.frames = 0; window.__benchUi.snapshots = 0; window.__benchUi.long = [];`,
    );
    if (process.env.BENCH_UI_EVAL) await page.evaluate(process.env.BENCH_UI_EVAL);
    // BENCH_UI_SPEED=100 plays at 100 updates/s instead of the default 'max'
    if (process.env.BENCH_UI_SPEED) await page.getByTestId('speed').selectOption(process.env.BENCH_UI_SPEED);
    await page.getByTestId('play').click();
    await page.waitForTimeout(SECONDS * 1000);
    const m = (await page.evaluate(
      `(() => { const m = window.__benchUi; return { ...m, elapsed: (performance.now() - m.start) / 1000 }; })()`,
    )) as {
      long: number[];
      frames: number;
      snapshots: number;
      elapsed: number;
    };
    // pause latency: from the command to the worker's answer that it has stopped (round trip)
    const pauseMs = (await page.evaluate(
      `(async () => { const t = performance.now(); await window.__lab.trainer.pause(); return performance.now() - t; })()`,
    )) as number;
    const drawnAfter = await drawn();
    const stepAfter = await page.evaluate(() => window.__lab!.store.getState().snapshot!.step);
    const result = {
      seconds: Number(m.elapsed.toFixed(2)),
      framesPerSecond: Number((m.frames / m.elapsed).toFixed(1)),
      longestTaskMs: Math.round(Math.max(0, ...m.long)),
      tasksOver50ms: m.long.length,
      snapshotsPerSecond: Number((m.snapshots / m.elapsed).toFixed(1)),
      networkRedrawsPerSecond: Number(((drawnAfter - drawnBefore) / m.elapsed).toFixed(1)),
      updatesPerSecond: Math.round((stepAfter - stepBefore) / m.elapsed),
      pauseMs: Number(pauseMs.toFixed(1)),
    };
    console.log(
      `UI while training for ${result.seconds} s: ${result.framesPerSecond} frames/s (budget 50+), longest main-thread task ` +
        `${result.longestTaskMs} ms (budget 50; ${result.tasksOver50ms} tasks over 50 ms), ${result.snapshotsPerSecond} snapshots/s ` +
        `(budget 20+), network view redrawn ${result.networkRedrawsPerSecond}/s, ${result.updatesPerSecond} updates/s; pause took ${result.pauseMs} ms`,
    );
    if (process.env.BENCH_UI_DEBUG)
      console.log(
        await page.evaluate(() =>
          JSON.stringify((document.querySelector('[data-testid=network-view]') as HTMLElement | null)?.dataset),
        ),
      );
    console.log(JSON.stringify({ benchUi: { browser: config.key, ...result } }));
    // the peer, after the app's page is gone (its trainer would otherwise share the cores)
    await page.close();
    const peer = await context.newPage();
    if (throttle > 1)
      await (await context.newCDPSession(peer)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await peer.setContent('<canvas width="50" height="50"></canvas>');
    const peerFps = (await peer.evaluate(`new Promise((done) => {
    const busy = new Worker(URL.createObjectURL(new Blob(['for (;;) {}'], { type: 'text/javascript' })));
    const ctx = document.querySelector('canvas').getContext('2d');
    let frames = 0;
    const tick = () => { frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const fill = setInterval(() => { ctx.fillStyle = 'hsl(' + Math.random() * 360 + ',60%,50%)'; ctx.fillRect(0, 0, 50, 50); },
      1000 / ${Math.max(1, result.snapshotsPerSecond)});
    const start = performance.now();
    setTimeout(() => { clearInterval(fill); busy.terminate(); done(frames / ((performance.now() - start) / 1000)); }, ${SECONDS * 1000});
  })`)) as number;
    const peerResult = {
      peerFramesPerSecond: Number(peerFps.toFixed(1)),
      appOverPeer: Number((result.framesPerSecond / peerFps).toFixed(2)),
    };
    console.log(
      `peer (a blank page refilling one 50x50 canvas ${result.snapshotsPerSecond} times a second, one core busy): ` +
        `${peerResult.peerFramesPerSecond} frames/s; the app reaches ${peerResult.appOverPeer}x of it`,
    );
    console.log(JSON.stringify({ benchUiPeer: { browser: config.key, ...peerResult } }));
  } finally {
    await close();
  }
}
