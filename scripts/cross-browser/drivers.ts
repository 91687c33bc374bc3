/**
 * Two browsers other than the tests' Chromium, driven the same way: Firefox (Gecko) through
 * puppeteer-core over WebDriver BiDi, and WebKit (Safari's engine, as WebKitGTK's MiniBrowser)
 * through WebKitWebDriver's WebDriver classic, spoken here over HTTP. Both from Debian's packages
 * (firefox-esr, webkit2gtk-driver; WebKitGTK needs an X display, e.g. xvfb). Playwright's own
 * Firefox and WebKit are patched builds that cannot be downloaded here, and its BiDi Firefox needs
 * commands Firefox ESR 153 lacks; puppeteer-core 24 is the last line that runs on Node 20.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

export interface Driver {
  name: string;
  version: string;
  go(url: string): Promise<void>;
  /** Runs `body` in every new document before its own scripts (Firefox); WebDriver classic has no such command (WebKit). */
  initScript?(body: string): Promise<void>;
  /** Runs `body` (a function body: `return ...`) in the page and returns its JSON value. */
  exec<T = unknown>(body: string): Promise<T>;
  size(width: number, height: number): Promise<void>;
  shot(file: string): Promise<void>;
  /** A mouse drag through viewport points. */
  drag(points: [number, number][]): Promise<void>;
  /** One key pressed and released: a character, or 'Space', 'ArrowRight', 'Escape'. */
  key(name: 'Space' | 'ArrowRight' | 'Escape' | string): Promise<void>;
  close(): Promise<void>;
}

export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function firefox(): Promise<Driver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  const page = await browser.newPage();
  const keys: Record<string, string> = { Space: ' ', ArrowRight: 'ArrowRight', Escape: 'Escape' };
  return {
    name: 'firefox',
    version: await browser.version(),
    initScript: async (body) => void (await page.evaluateOnNewDocument(`(() => { ${body} })()`)),
    go: async (url) => void (await page.goto(url)),
    exec: (body) => page.evaluate(`(async () => { ${body} })()`) as never,
    size: (width, height) => page.setViewport({ width, height }),
    shot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    drag: async (points) => {
      await page.mouse.move(...points[0]);
      await page.mouse.down();
      for (const p of points.slice(1)) await page.mouse.move(...p, { steps: 2 });
      await page.mouse.up();
    },
    key: (name) => page.keyboard.press((keys[name] ?? name) as never),
    close: () => browser.close(),
  };
}

/** WebDriver's key codes for the keys the app listens to. */
const WEBDRIVER_KEYS: Record<string, string> = { Space: ' ', ArrowRight: '\uE014', Escape: '\uE00C' };

export async function webkit(): Promise<Driver> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // a browser that hangs fails the check instead of the script waiting for ever
      signal: AbortSignal.timeout(180_000),
    });
    const json = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (json.value && typeof json.value === 'object' && json.value.error)
      throw new Error(`WebKitWebDriver ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  interface Session {
    sessionId: string;
    capabilities: { browserVersion?: string };
  }
  let session: Session | null = null;
  for (let attempt = 0; attempt < 20 && !session; attempt++) {
    await sleep(250);
    session = await call<Session>('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } } },
    }).catch(() => null);
  }
  if (!session) {
    driver.kill();
    throw new Error('WebKitWebDriver did not start a session (is an X display set? DISPLAY, or xvfb)');
  }
  const S = `/session/${session.sessionId}`;
  const pointer = (actions: unknown[]) =>
    call('POST', `${S}/actions`, {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  return {
    name: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion ?? '?'}`,
    go: async (url) => void (await call('POST', `${S}/url`, { url })),
    exec: (body) =>
      call('POST', `${S}/execute/async`, {
        script: `(async () => { ${body} })().then(arguments[0], (e) => arguments[0]({ __error: String(e) }))`,
        args: [],
      }).then((v) => {
        if (v && typeof v === 'object' && '__error' in v) throw new Error(String((v as { __error: string }).__error));
        return v as never;
      }),
    size: async (width, height) => {
      // the window's outer size: grow it by the browser's chrome until the page's viewport is this size
      await call('POST', `${S}/window/rect`, { width, height });
      const inner = await call<[number, number]>('POST', `${S}/execute/sync`, {
        script: 'return [innerWidth, innerHeight]',
        args: [],
      });
      await call('POST', `${S}/window/rect`, {
        width: width + (width - inner[0]),
        height: height + (height - inner[1]),
      });
    },
    shot: async (file) => writeFileSync(file, Buffer.from(await call<string>('GET', `${S}/screenshot`), 'base64')),
    drag: async (points) => {
      const [x0, y0] = points[0].map(Math.round);
      await pointer([
        { type: 'pointerMove', x: x0, y: y0, duration: 0 },
        { type: 'pointerDown', button: 0 },
        ...points.slice(1).map(([x, y]) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 20 })),
        { type: 'pointerUp', button: 0 },
      ]);
    },
    key: async (name) => {
      const value = WEBDRIVER_KEYS[name] ?? name;
      await call('POST', `${S}/actions`, {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ],
          },
        ],
      });
    },
    close: async () => {
      await call('DELETE', S).catch(() => undefined);
      driver.kill();
    },
  };
}

/** The browsers this machine has, by name. */
export function availableBrowsers(): { name: string; open: () => Promise<Driver>; missing?: string }[] {
  return [
    {
      name: 'firefox',
      open: firefox,
      missing: existsSync(FIREFOX) ? undefined : `${FIREFOX} (apt install firefox-esr)`,
    },
    {
      name: 'webkit',
      open: webkit,
      missing: existsSync(WEBKIT_DRIVER) ? undefined : `${WEBKIT_DRIVER} (apt install webkit2gtk-driver xvfb)`,
    },
  ];
}
