import { launchBrowser } from './browser';
import { writeFileSync } from 'node:fs';
const context = await launchBrowser();
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (e) => console.log(`[pageerror] ${String(e)}`));
await page.goto('http://127.0.0.1:4173/');
await page.waitForFunction(() => window.__lab?.store.getState().snapshot !== null, null, { timeout: 90_000 });
await page.evaluate(`(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(Math.round(e.duration)))).observe({ entryTypes: ['longtask'] });
  window.__frames = 0;
  const f = () => { window.__frames++; requestAnimationFrame(f); };
  requestAnimationFrame(f);
})()`);
const hide = process.argv[2];
if (hide) await page.evaluate(`document.querySelectorAll('${hide}').forEach(e => e.remove())`);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.start');
if (process.argv[3]) await page.evaluate(`window.__lab.trainer.setSpeed(${process.argv[3]})`);
await page.evaluate(() => window.__lab!.trainer.togglePlay());
const t0 = Date.now();
await page.waitForTimeout(6000);
const { profile } = await cdp.send('Profiler.stop');
const r = await page.evaluate(() => ({ long: (window as any).__long, frames: (window as any).__frames, step: window.__lab!.store.getState().snapshot!.step }));
console.log(JSON.stringify(r), (Date.now() - t0) / 1000);
// self time per function
const self = new Map<string, number>();
const dt = profile.timeDeltas!; const samples = profile.samples!;
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
for (let i = 0; i < samples.length; i++) { const n: any = byId.get(samples[i]); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
await context.close();
