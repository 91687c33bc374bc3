/** Runs one of the project's scripts as a user runs it (`npx tsx scripts/<name>.ts ...`), from the project's root. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The script's exit status and output. `timeoutMs` bounds it: a hung run (or one that went on
 * when it should have refused) fails its test instead of blocking the test worker (vitest cannot
 * time out a synchronous call).
 */
export function runScript(script: string, args: string[], timeoutMs: number) {
  const r = spawnSync(resolve(PROJECT_ROOT, 'node_modules/.bin/tsx'), [`scripts/${script}`, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
