/**
 * Screenshots of the running app for looking at (and for the README):
 * npx tsx scripts/screenshot.ts URL OUT.png [width height] [actions...]
 * actions: play:SECONDS, click:TESTID, wait:MS, eval:JS; env FULL_PAGE=0 (viewport only), CLIP=x,y,w,h,
 * INIT=JS (run in the page before its own scripts, e.g. to take WebGL away)
 */
import { launchBrowser } from '../tests/helpers/browser';

const [url = 'http://127.0.0.1:4173/', out = 'screenshot.png', w = '1440', h = '900', ...actions] =
  process.argv.slice(2);
const context = await launchBrowser({ width: Number(w), height: Number(h) });
if (process.env.INIT) await context.addInitScript(process.env.INIT);
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}] ${m.text()}`);
});
page.on('pageerror', (e) => console.log(`[pageerror] ${String(e)}`));
await page.goto(url);
await page.waitForFunction(() => window.__lab?.store.getState().snapshot !== null, null, { timeout: 90_000 });
for (const action of actions) {
  // split at the first colon only: an eval's script may hold more
  const at = action.indexOf(':');
  const kind = at < 0 ? action : action.slice(0, at);
  const arg = at < 0 ? '' : action.slice(at + 1);
  if (kind === 'click') await page.getByTestId(arg).click();
  else if (kind === 'wait') await page.waitForTimeout(Number(arg));
  else if (kind === 'play') {
    await page.getByTestId('play').click();
    await page.waitForTimeout(Number(arg) * 1000);
    await page.getByTestId('play').click();
  } else if (kind === 'eval') await page.evaluate(arg);
}
await page.waitForTimeout(500);
// CLIP=x,y,w,h saves only that part of the page, at full resolution
const clip = process.env.CLIP?.split(',').map(Number);
await page.screenshot({
  path: out,
  fullPage: process.env.FULL_PAGE !== '0',
  clip: clip?.length === 4 ? { x: clip[0], y: clip[1], width: clip[2], height: clip[3] } : undefined,
});
await context.close();
console.log(`wrote ${out}`);
