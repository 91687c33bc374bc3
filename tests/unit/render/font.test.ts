import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { canvasFont, PAGE_FONT } from '../../../src/render/font';

it('the canvases’ font is the page’s (styles.css, :root)', () => {
  const css = readFileSync(new URL('../../../src/styles.css', import.meta.url), 'utf8');
  const root = /:root\s*{([^}]*)}/.exec(css)![1];
  const family = /font-family:\s*([^;]*);/.exec(root)![1].replace(/\s+/g, ' ').trim();
  expect(family).toBe(PAGE_FONT);
  expect(canvasFont(11, 600)).toBe(`600 11px ${PAGE_FONT}`);
});
