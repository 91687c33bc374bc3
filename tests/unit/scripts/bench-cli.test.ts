/** `npm run bench`'s command line: what it refuses, before any benchmark runs. */
import { expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script';

// a refusal comes at once; a bench that ran anyway fails here instead of taking minutes
const bench = (...args: string[]) => runScript('bench.ts', args, 60_000);

// `--bogus` was ignored, and the whole bench ran as if nothing had been asked
it.each([
  [['--bogus'], /unknown argument '--bogus'/],
  [['--cpu', '0', 'extra'], /unknown argument 'extra'/],
  [['--cpu', '0', '--cpu', '0'], /--cpu is given twice/],
  [['--cpu', 'abc'], /--cpu needs one of the CPUs allowed here \(.*\), got 'abc'/],
])('refuses %j with a message, the usage and exit code 2', (args, message) => {
  const r = bench(...args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/usage: npm run bench \[-- --cpu N\]/);
  expect(r.stdout).toBe('');
});

it('--help prints the usage and exits 0 without benchmarking', () => {
  const r = bench('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('usage: npm run bench [-- --cpu N]\n');
});
