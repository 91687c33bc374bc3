/**
 * Starts headless Chromium with no system install needed:
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else the browser shipped
 * inside the npm package @sparticuz/chromium (unpacked from the package, no download).
 * If none can start, this throws with a message that says what was tried.
 *
 * Every binary gets the same flags: Chrome's software rendering (`--disable-gpu`: the page and
 * its 2D canvases are rasterised on the CPU, WebGL runs on SwiftShader), as Chrome renders on a
 * machine without a GPU. @sparticuz's own flags are for AWS Lambda: they force GPU rasterisation
 * through SwiftShader (`--ignore-gpu-blocklist --in-process-gpu --use-angle=swiftshader`), which
 * no desktop Chrome does, and there every changed canvas or panel ends in a slow emulated-GPU
 * flush (docs/ARCHITECTURE.md, "Which Chromium the tests run"). CHROMIUM_FLAGS=lambda (or the
 * option `lambdaFlags`) starts the browser with those instead, to compare: bench:ui measures both.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function resolveBrowser(
  lambdaFlags: boolean,
): Promise<{ executablePath: string; args: string[]; source: string }> {
  const found = await findBinary();
  if (!lambdaFlags) return { ...found, args: QUIET_FLAGS };
  const sparticuz = (await import('@sparticuz/chromium')).default;
  // its Lambda-oriented flags also turn off process isolation, which would make crossOriginIsolated false
  const dropped = ['--single-process', '--disable-site-isolation-trials', '--disable-web-security'];
  const args = [
    ...sparticuz.args.filter((a) => !dropped.includes(a) && !a.startsWith('--disable-features=')),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  return { ...found, args, source: `${found.source} with @sparticuz's Lambda flags` };
}

async function findBinary(): Promise<{ executablePath: string; source: string }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', source: '/usr/bin/chromium' };
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return { executablePath: await sparticuz.executablePath(), source: '@sparticuz/chromium' };
}

export interface LaunchOptions {
  width?: number;
  height?: number;
  deviceScaleFactor?: number;
  /** A touch screen (tablet): taps instead of clicks, `pointer: coarse`. */
  hasTouch?: boolean;
  /** @sparticuz's Lambda flags (GPU raster on SwiftShader) instead of software rendering; default CHROMIUM_FLAGS=lambda. */
  lambdaFlags?: boolean;
  /**
   * Scroll bars that take room, as on Windows and in Firefox or WebKit on Linux (headless Chromium
   * hides them by default, so no other test sees one). Default: CHROMIUM_SCROLLBARS=classic.
   */
  classicScrollbars?: boolean;
  /**
   * The system's reduced-motion setting: the app scrolls at once instead of smoothly. For tests that
   * read the page's place after a scroll, whose end under a loaded CI comes at no knowable time.
   */
  reducedMotion?: boolean;
}

/** Each open browser's profile directory (for the test that it is removed). */
const profiles = new WeakMap<BrowserContext, string>();

/** Where `context`'s profile lives while it is open. */
export function profileDirOf(context: BrowserContext): string | undefined {
  return profiles.get(context);
}

/**
 * Removes a profile directory, never throwing: the context's `close` event comes before the
 * browser process has quite finished writing there (a synchronous removal then failed with
 * ENOTEMPTY, an uncaught exception in the test run), so a busy or refilled directory is tried
 * again for a few seconds, then left.
 */
function removeProfile(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 8, retryDelay: 100 }).catch(() => undefined);
}

/** A profile untouched for this long belongs to no running browser (Chromium writes there while open). */
const STALE_PROFILE_MS = 60 * 60 * 1000;
let swept: Promise<void> | undefined;

/**
 * Removes the profiles in the temporary directory untouched for STALE_PROFILE_MS: now and then a
 * closing browser writes its cache index (24 kB) after its profile was removed, and the directory
 * comes back (one in a CI run). launchBrowser does this once per process.
 */
export async function removeStaleProfiles(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('bplab-chromium-')) continue;
    const dir = join(tmpdir(), name);
    const info = await stat(dir).catch(() => null);
    // (a running Chromium keeps a SingletonLock link there: a long soak's profile stays)
    const running = existsSync(join(dir, 'SingletonLock'));
    if (info && !running && now - info.mtimeMs > STALE_PROFILE_MS) await removeProfile(dir);
  }
}

/**
 * A fresh browser with its own empty profile; close it with `context.close()`, which also
 * deletes the profile (about 27 MB each: a machine that ran the suites for a few days had
 * 3,550 of them in its temporary directory, 78 GB, until the disk filled and Chromium could
 * load nothing, ERR_INSUFFICIENT_RESOURCES).
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserContext> {
  let resolved: Awaited<ReturnType<typeof resolveBrowser>>;
  try {
    resolved = await resolveBrowser(options.lambdaFlags ?? process.env.CHROMIUM_FLAGS === 'lambda');
  } catch (e) {
    throw new Error(
      `No Chromium could be found for the e2e tests: CHROMIUM_PATH is unset, /usr/bin/chromium is absent, ` +
        `and @sparticuz/chromium failed (${String(e)}). Run npm install, or set CHROMIUM_PATH.`,
    );
  }
  await (swept ??= removeStaleProfiles());
  // a browser that exits or hangs while starting (seen in CI right after another one closed) is
  // infrastructure, not the app: try again, and report every attempt if none starts
  const failures: string[] = [];
  for (let attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt++) {
    let dir: string | undefined;
    try {
      dir = mkdtempSync(join(tmpdir(), 'bplab-chromium-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: resolved.executablePath,
        // CHROMIUM_EXTRA_ARGS: flags for experiments (bench:ui, trace:ui), e.g. another raster path
        args: [...resolved.args, ...(process.env.CHROMIUM_EXTRA_ARGS?.split(' ').filter(Boolean) ?? [])],
        headless: true,
        ignoreDefaultArgs:
          (options.classicScrollbars ?? process.env.CHROMIUM_SCROLLBARS === 'classic') ? ['--hide-scrollbars'] : [],
        viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        hasTouch: options.hasTouch ?? false,
        isMobile: false,
        ...(options.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
        // a start that hangs fails in time for the retries (playwright's default is 180 s)
        timeout: LAUNCH_TIMEOUT_MS,
      });
      const profile = dir;
      profiles.set(context, profile);
      // one removal, started when the browser goes (closed or by itself); `await context.close()`
      // returns once it is done (a test file's process may be stopped right after its last close)
      let removal: Promise<void> | undefined;
      const remove = () => (removal ??= removeProfile(profile));
      context.on('close', () => void remove());
      const close = context.close.bind(context);
      context.close = async (...args) => {
        await close(...args);
        await remove();
      };
      return context;
    } catch (e) {
      if (dir) await removeProfile(dir);
      failures.push(`attempt ${attempt}: ${String(e)}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
  throw new Error(
    `Chromium from ${resolved.source} (${resolved.executablePath}) failed to start:\n${failures.join('\n')}`,
  );
}

const LAUNCH_ATTEMPTS = 3;
const LAUNCH_TIMEOUT_MS = 40_000;
