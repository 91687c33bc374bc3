import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../vite.config';
import { BROWSERS_NEEDED, BUILD_TARGET } from '../../../src/data/browsers';

describe('the browsers the app says it needs are the ones it is built for', () => {
  it('vite.config.ts builds for BUILD_TARGET (a Vite upgrade would move its default target unseen)', () => {
    expect((config as { build?: { target?: unknown } }).build?.target).toEqual(BUILD_TARGET);
  });

  it('BROWSERS_NEEDED names each target and its version', () => {
    const versions: Record<string, string> = {};
    for (const t of BUILD_TARGET) versions[t.replace(/[\d.]+$/, '')] = t.replace(/^[a-z]+/, '');
    expect(BROWSERS_NEEDED).toContain(`Chrome or Edge ${versions.chrome}`);
    expect(versions.edge).toBe(versions.chrome);
    expect(BROWSERS_NEEDED).toContain(`Firefox ${versions.firefox}`);
    expect(BROWSERS_NEEDED).toContain(`Safari ${versions.safari}`);
    expect(BROWSERS_NEEDED).toContain(`iPadOS ${versions.ios}`);
  });

  it("index.html's messages (shown before any script runs) say the same words", () => {
    const html = readFileSync(join(process.cwd(), 'index.html'), 'utf8').replace(/\s+/g, ' ');
    const said = [...html.matchAll(/Chrome or Edge .*? or later/g)].map((m) => m[0]);
    expect(said).toEqual([BROWSERS_NEEDED, BROWSERS_NEEDED]);
  });
});
