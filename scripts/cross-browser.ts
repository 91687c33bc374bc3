/**
 * `npm run check:browsers`: the app's main paths in Firefox and in WebKit (Safari's engine), where
 * this machine has them (Debian's firefox-esr; webkit2gtk-driver with an X display, started here
 * with Xvfb when DISPLAY is unset). The tests run in Chromium only; this is the way to see the
 * others, run by hand like the benchmarks: it builds the app, serves it, and in each browser
 * checks the training, the nudges, the cost surface, the draw pad, a panel's PNG, the keyboard,
 * the saved session and the lesson's 15 steps; it prints one line per check and saves
 * screenshots to .bench/cross-browser/. Exit code 1 if a check failed, 2 if no browser was found.
 * CROSS_BROWSERS=firefox (or webkit) runs one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableBrowsers, type Driver } from './cross-browser/drivers';
import { serveBuild } from './ready-app';

const OUT = '.bench/cross-browser';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Errors the page raised (ResizeObserver's loop notice is left out: every engine raises it, and it is harmless). */
const HOOK_ERRORS = `window.__pageErrors = [];
addEventListener('error', (e) => { if (!/ResizeObserver loop/.test(e.message)) window.__pageErrors.push(e.message); });
addEventListener('unhandledrejection', (e) => window.__pageErrors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)));
return true;`;

const q = (id: string) => `document.querySelector('[data-testid="${id}"]')`;

async function until(b: Driver, body: string, what: string, timeout = 90_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (await b.exec<boolean>(body).catch(() => false)) return Date.now() - t0;
    await sleep(250);
  }
  throw new Error(`not ${what} within ${timeout / 1000} s`);
}

const ready = (b: Driver) =>
  until(b, 'return window.__lab?.store.getState().snapshot != null', 'ready (first snapshot)', 120_000);

/**
 * An expression: the non-background pixels of a canvas, read through a 2D copy (WebGL canvases keep
 * their buffer for the PNG export).
 */
const painted = (selector: string) => `(() => { const c = document.querySelector('${selector}');
if (!c || !c.width) return 0;
const copy = document.createElement('canvas'); copy.width = c.width; copy.height = c.height;
const g = copy.getContext('2d'); g.drawImage(c, 0, 0);
const d = g.getImageData(0, 0, c.width, c.height).data;
let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
return n; })()`;

/** A body that picks the surface's view (as the student's menu does). */
const surfaceMode = (mode: '2d' | '3d') =>
  `const s = ${q('surface-mode')}; s.value = '${mode}'; s.dispatchEvent(new Event('change', { bubbles: true })); return true`;

async function runChecks(b: Driver, url: string): Promise<Check[]> {
  const checks: Check[] = [];
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      const detail = await run();
      const errors = await b.exec<string[]>('return window.__pageErrors?.splice(0) ?? []');
      checks.push({
        name,
        ok: errors.length === 0,
        detail: errors.length ? `page errors: ${errors.join(' | ')}` : detail,
      });
    } catch (e) {
      checks.push({ name, ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
    const last = checks[checks.length - 1];
    console.log(`  ${last.ok ? 'ok  ' : 'FAIL'} ${name}: ${last.detail}`);
  };
  const shot = (name: string) => b.shot(`${OUT}/${b.name}-${name}.png`);
  const state = <T>(expr: string) => b.exec<T>(`const s = window.__lab.store.getState(); return ${expr};`);

  await b.size(1440, 900);
  // from the first document where the driver can (errors while the app starts), else once it is ready
  await b.initScript?.(HOOK_ERRORS);
  await check('opens and loads MNIST', async () => {
    await b.go(url);
    const ms = await ready(b);
    if (!b.initScript) await b.exec(HOOK_ERRORS);
    return `first snapshot after ${(ms / 1000).toFixed(1)} s`;
  });
  await check('Step example shows its nudges, sixteen bars a list, none hidden', async () => {
    await b.exec(`${q('step-example')}.click(); return true`);
    await until(b, 'return window.__lab.store.getState().snapshot?.batchStepped === 1', 'stepped');
    await sleep(800);
    const lists = await b.exec<{ rows: number; hidden: number }[]>(
      `return [...document.querySelectorAll('.inspector .bars')].map((box) => { const bottom = box.getBoundingClientRect().bottom;
       const rows = [...box.children]; return { rows: rows.length, hidden: rows.filter((r) => r.getBoundingClientRect().bottom > bottom + 0.5).length }; })`,
    );
    await shot('stepped');
    if (lists.length !== 3 || lists.some((l) => l.rows !== 16 || l.hidden > 0))
      throw new Error(`lists ${JSON.stringify(lists)}`);
    return '3 lists of 16 rows, all in view';
  });
  await check('keyboard: Space plays and pauses, → steps an example, ? opens the help', async () => {
    await b.exec('document.activeElement?.blur(); return true');
    await b.key('Space');
    await until(b, 'return window.__lab.store.getState().snapshot.playing === true', 'playing after Space', 15_000);
    await b.key('Space');
    await until(b, 'return window.__lab.store.getState().snapshot.playing === false', 'paused after Space', 15_000);
    await until(b, 'return !window.__lab.store.getState().busy', 'idle', 15_000);
    const before = await state<number>('s.snapshot.batchStepped');
    await b.key('ArrowRight');
    await until(
      b,
      `return window.__lab.store.getState().snapshot.batchStepped !== ${before}`,
      'stepped after →',
      15_000,
    );
    await b.key('?');
    await until(b, `return !!${q('help-overlay')}`, 'help open after ?', 5_000);
    await b.key('Escape');
    await until(b, `return !${q('help-overlay')}`, 'help closed after Escape', 5_000);
    return 'all four keys';
  });
  await check('Step epoch trains on 50,000 images and tests on 10,000', async () => {
    await b.exec(`${q('step-epoch')}.click(); return true`);
    await until(
      b,
      'const s = window.__lab.store.getState(); return s.snapshot.epoch >= 1 && !s.busy',
      'one epoch',
      180_000,
    );
    const { acc, seconds } = await state<{ acc: number; seconds: number }>(
      '{ acc: s.snapshot.epochs.at(-1).testAccuracy, seconds: s.snapshot.epochs.at(-1).seconds ?? null }',
    );
    await b.exec(`${q('charts-panel')}.scrollIntoView(); return true`);
    await sleep(800);
    await shot('charts');
    if (!(acc > 0.85)) throw new Error(`test accuracy ${acc}`);
    return `test accuracy ${(acc * 100).toFixed(1)}%${seconds ? `, epoch ${seconds.toFixed(2)} s` : ''}`;
  });
  await check("a panel's ⤓ saves a PNG with the picture in it", async () => {
    const result = await b.exec<{ type: string; width: number; dark: number } | null>(
      `let blob = null; const create = URL.createObjectURL; URL.createObjectURL = (o) => { blob = o; return create.call(URL, o); };
       try { ${q('save-png-network')}.click(); for (let i = 0; i < 100 && !blob; i++) await new Promise((r) => setTimeout(r, 100)); }
       finally { URL.createObjectURL = create; }
       if (!blob) return null;
       const bitmap = await createImageBitmap(blob); const c = document.createElement('canvas'); c.width = bitmap.width; c.height = bitmap.height;
       const g = c.getContext('2d'); g.drawImage(bitmap, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
       let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100) dark++;
       return { type: blob.type, width: bitmap.width, dark };`,
    );
    if (!result) throw new Error('no file was made');
    if (result.type !== 'image/png' || result.dark < 2000) throw new Error(JSON.stringify(result));
    return `${result.width} px wide, ${result.dark} dark pixels (neurons, digit)`;
  });
  await check('the cost surface draws in 2D, and in 3D (or says there is no WebGL)', async () => {
    await b.exec(`${q('tab-surface')}.click(); return true`);
    await until(b, `return !!${q('surface-canvas-2d')} || !!${q('surface-compute')}`, 'surface tab', 10_000);
    if (!(await b.exec<boolean>(`return !!${q('surface-canvas-2d')}`)))
      await b.exec(`${q('surface-compute')}.click(); return true`);
    await until(b, `return ${painted('[data-testid=surface-canvas-2d]')} > 10000`, '2D surface painted', 120_000);
    await b.exec(`${q('bottom-panel')}.scrollIntoView(); return true`);
    await sleep(500);
    await shot('surface-2d');
    await b.exec(surfaceMode('3d'));
    await until(
      b,
      `return !!${q('surface-show-2d')} || ${painted('[data-testid=surface-canvas-3d]')} > 10000`,
      '3D surface painted or its no-WebGL message',
      60_000,
    );
    await sleep(500);
    await shot('surface-3d');
    const noGl = await b.exec<boolean>(`return !!${q('surface-show-2d')}`);
    await b.exec(surfaceMode('2d'));
    return noGl ? '2D drawn; no WebGL here, so 3D shows its message and the way back to 2D' : '2D and 3D drawn';
  });
  await check('the draw pad reads a drawn 7', async () => {
    await b.exec(`${q('draw-pad')}.scrollIntoView({ block: 'center' }); return true`);
    await sleep(500);
    const [x, y, w, h] = await b.exec<number[]>(
      `const r = ${q('draw-pad')}.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]`,
    );
    const at = (fx: number, fy: number): [number, number] => [x + w * fx, y + h * fy];
    await b.drag([at(0.25, 0.25), at(0.5, 0.25), at(0.75, 0.25), at(0.6, 0.5), at(0.5, 0.65), at(0.42, 0.8)]);
    await until(b, `return ${q('prediction')}?.textContent === '7'`, 'read as 7', 10_000).catch(async (e: Error) => {
      throw new Error(`${e.message} (read ${await b.exec(`return ${q('prediction')}?.textContent`)})`);
    });
    await shot('draw');
    return 'read as 7';
  });
  await check('a reload resumes the saved session at the same update', async () => {
    const step = await state<number>('s.snapshot.step');
    await until(
      b,
      `return ${q('saved-status')}?.textContent === 'saved at update ${step}'`,
      `saved at update ${step}`,
      30_000,
    );
    await b.go(url);
    await ready(b);
    if (!b.initScript) await b.exec(HOOK_ERRORS);
    await sleep(1000);
    const after = await state<number>('s.snapshot.step');
    if (after !== step) throw new Error(`update ${after} after the reload, ${step} before`);
    return `update ${step} before and after`;
  });
  await check('the lesson: 15 steps, each with its title, Next to the end', async () => {
    await b.exec('window.scrollTo(0, 0); return true');
    await b.exec(`${q('mode-lesson')}.click(); return true`);
    await sleep(800);
    if (await b.exec<boolean>(`return !!${q('lesson-ask-start')}`))
      await b.exec(`${q('lesson-ask-start')}.click(); return true`);
    const titles: string[] = [];
    for (let i = 1; i <= 15; i++) {
      await until(
        b,
        `return ${q('lesson-count')}?.textContent.includes('step ${i} of 15')`,
        `lesson step ${i}`,
        30_000,
      );
      await sleep(1200);
      titles.push(await b.exec<string>(`return ${q('lesson-title')}.textContent`));
      if ([1, 2, 11, 14].includes(i)) await shot(`lesson-${String(i).padStart(2, '0')}`);
      if (i < 15) await b.exec(`${q('lesson-next')}.click(); return true`);
    }
    if (new Set(titles).size !== 15) throw new Error(`titles ${JSON.stringify(titles)}`);
    return `"${titles[0]}" … "${titles[14]}"`;
  });
  await b.size(1024, 768);
  await check(
    '1024 px: the lesson card’s settings line is whole beside each title (it wraps, three lines at most)',
    async () => {
      const cut: string[] = [];
      const wrapped: number[] = [];
      for (let i = 1; i <= 15; i++) {
        await b.exec(`location.hash = '#lesson=${i}'; return true`);
        await until(
          b,
          `return ${q('lesson-count')}?.textContent.includes('step ${i} of 15')`,
          `lesson step ${i}`,
          30_000,
        );
        await sleep(600);
        const over = await b.exec<number[]>(
          `const e = ${q('lesson-settings')}; return e ? [e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight] : [-1, -1]`,
        );
        // (1 px is rounding: Firefox's two lines of 13.75 px are 27 px tall and scroll 28, their glyphs whole)
        if (over[0] < 0 || over[0] > 1 || over[1] > 1) cut.push(`step ${i}: ${over.join(' / ')}`);
        // where Previous / Next went to a line of their own (said, not failed: a long title's step may)
        const below = await b.exec<boolean>(
          `return ${q('lesson-next')}.getBoundingClientRect().top > ${q('lesson-title')}.getBoundingClientRect().bottom`,
        );
        if (below) wrapped.push(i);
        if (i === 9) await shot('lesson-09-1024');
      }
      if (cut.length) throw new Error(`cut (or missing): ${cut.join('; ')}`);
      return `whole at all 15 steps; Next under the title’s line at ${wrapped.length ? `steps ${wrapped.join(', ')}` : 'none'}`;
    },
  );
  await b.size(390, 844);
  await check('a phone-sized window: nothing wider than the screen', async () => {
    await sleep(1500);
    const wide = await b.exec<number>(
      'return document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    await shot('phone');
    if (wide > 0) throw new Error(`the page scrolls ${wide} px sideways`);
    return '390 px, no sideways scroll';
  });
  return checks;
}

/** Xvfb on a display number it picks itself (-displayfd: a taken number cannot send WebKit to another X server). */
async function startXvfb(): Promise<ChildProcess | null> {
  if (process.env.DISPLAY || !existsSync('/usr/bin/Xvfb')) return null;
  const x = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let said = '';
    x.stdio[3]!.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('\n')) resolve(said.trim());
    });
    x.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    setTimeout(() => reject(new Error('Xvfb did not start within 10 s')), 10_000);
  });
  process.env.DISPLAY = `:${display}`;
  return x;
}

async function main(): Promise<void> {
  const only = process.env.CROSS_BROWSERS?.split(',');
  const browsers = availableBrowsers().filter((b) => !only || only.includes(b.name));
  const present = browsers.filter((b) => !b.missing);
  for (const b of browsers) if (b.missing) console.log(`${b.name}: not on this machine (${b.missing}); skipped`);
  if (present.length === 0) {
    console.log('No browser to check.');
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  const server = await serveBuild();
  const url = server.url;
  const xvfb = present.some((b) => b.name === 'webkit') ? await startXvfb() : null;
  const results: Record<string, { version: string; checks: Check[] }> = {};
  try {
    for (const entry of present) {
      let driver: Driver;
      try {
        driver = await entry.open();
      } catch (e) {
        console.log(`${entry.name}: could not start (${e instanceof Error ? e.message : String(e)})`);
        results[entry.name] = { version: '?', checks: [{ name: 'start', ok: false, detail: String(e) }] };
        continue;
      }
      console.log(`${entry.name} (${driver.version}):`);
      try {
        results[entry.name] = { version: driver.version, checks: await runChecks(driver, url) };
      } finally {
        await driver.close();
      }
    }
  } finally {
    server.close();
    xvfb?.kill();
  }
  const failed = Object.values(results).flatMap((r) => r.checks.filter((c) => !c.ok));
  console.log(
    `\n${failed.length === 0 ? 'All checks passed' : `${failed.length} check(s) failed`}; screenshots in ${OUT}/`,
  );
  console.log(JSON.stringify(results));
  process.exit(failed.length === 0 ? 0 : 1);
}

await main();
