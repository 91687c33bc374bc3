/** `scripts/pretrain.ts`'s command line: what it refuses, before it trains or writes anything. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT, runScript } from '../../helpers/run-script';

const shipped = resolve(PROJECT_ROOT, 'public/models/pretrained.json');
// a refusal comes at once; a run that trained anyway fails here
const pretrain = (...args: string[]) => runScript('pretrain.ts', args, 60_000);

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
