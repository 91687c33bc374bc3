/**
 * Nothing in the app crosses a thread as a transfer (docs/ARCHITECTURE.md, "No transfers"):
 * a transfer detaches an ArrayBuffer, and after the first detach V8 checks every typed-array
 * access of that thread, which slowed the engine's epoch by a third in Node 20. The one
 * exception is the edge worker's pixels: that worker runs no engine code, and only the sender
 * detaches. The checks run on the source, since a detach leaves no trace a test in a browser
 * can read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(import.meta.dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** Code without its comments (line and block), so a comment may explain the rule. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Lines that transfer: comlink's transfer(), a postMessage with a transfer list, structuredClone's, ArrayBuffer#transfer. */
function transfersIn(text: string): string[] {
  const patterns = [
    /Comlink\.transfer\s*\(/,
    /\btransfer\s*\(\s*[^)]/,
    /postMessage\s*\([^;]*,\s*\[/,
    /\{\s*transfer\s*:/,
    /\.transfer(ToFixedLength)?\s*\(/,
  ];
  return code(text)
    .split('\n')
    .filter((line) => patterns.some((p) => p.test(line)));
}

describe('no transfers between threads', () => {
  it('finds a transfer where there is one (the check can fail)', () => {
    expect(transfersIn('onSnapshot(Comlink.transfer(s, [s.params.buffer]));')).toHaveLength(1);
    expect(transfersIn('port.postMessage(msg, [buf]);')).toHaveLength(1);
    expect(transfersIn('structuredClone(b, { transfer: [b] });')).toHaveLength(1);
    expect(transfersIn('const c = b.transfer();')).toHaveLength(1);
    expect(transfersIn('// snapshots are never sent with Comlink.transfer(...)\nport.postMessage(msg);')).toHaveLength(
      0,
    );
  });

  it('no file under src/ transfers a buffer but the edge worker, its pixels', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) =>
      transfersIn(readFileSync(f, 'utf8')).map((line) => `${relative(srcDir, f)}: ${line.trim()}`),
    );
    expect(found).toEqual(['worker/edge-raster.worker.ts: return Comlink.transfer(result, [result.pixels.buffer]);']);
  });
});
