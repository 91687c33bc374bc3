/** `scripts/pretrain.ts`'s command line: what it refuses, before it trains or writes anything. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const shipped = resolve(root, 'public/models/pretrained.json');

function pretrain(...args: string[]) {
  const r = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['scripts/pretrain.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    // a refusal comes at once; a run that trained anyway fails here
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr };
}

// a mistyped --dry-run was ignored: the run trained and overwrote the shipped model
it.each([
  [['--dryrun'], /unknown option --dryrun/],
  [['--epochs=abc'], /--epochs=abc: expected a number >= 0/],
  [['--lr'], /--lr needs a value, as --lr=N/],
  [['--dry-run=yes'], /--dry-run takes no value/],
  [['20'], /unexpected argument '20'/],
])('refuses %j with the usage and exit code 2, and leaves the shipped model as it was', (args, message) => {
  const before = readFileSync(shipped, 'utf8');
  const r = pretrain(...args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/usage: npx tsx scripts\/pretrain\.ts/);
  expect(readFileSync(shipped, 'utf8')).toBe(before);
});
