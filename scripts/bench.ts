/**
 * npm run bench: benchmarks, single core, Node. Each section is an async function that
 * prints human-readable lines and returns a JSON-able result; the last line printed is
 * one JSON object with every section's result. Add sections (UI, cost surface) to SECTIONS.
 *
 * One core: on Linux the whole process (ours, tfjs and the garbage collectors' helper threads)
 * is pinned to one CPU with `taskset`, the last one unless `--cpu N` says otherwise. Unpinned,
 * the scheduler put ours and tfjs on different cores, and this machine's two cores differ:
 * CPU 0 ran every contender about 1.5x slower than CPU 1 (2026-12-02), so a ratio measured
 * across the two said more about the cores than about the code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { MNIST_DATA_DIR } from '../tests/helpers/mnist.ts';
import { runEngineBench } from './bench/engine.ts';

type Section = (log: (line: string) => void) => Promise<unknown>;

const SECTIONS: Record<string, Section> = {
  engine: (log) => runEngineBench(MNIST_DATA_DIR, { log }),
};

const PINNED_ENV = 'BACKPROP_LAB_BENCH_CPU';

/**
 * The CPUs this process may run on (Linux's Cpus_allowed_list: "0-3,6"), else 0 .. n-1. Not
 * availableParallelism(), a count: under `taskset -c 1` it is 1, and CPU 0 is not allowed.
 */
function allowedCpus(): number[] {
  try {
    const line = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (line) {
      const cpus = line.split(',').flatMap((part) => {
        const [a, b = a] = part.split('-').map(Number);
        return Array.from({ length: b - a + 1 }, (_, i) => a + i);
      });
      if (cpus.length > 0 && cpus.every(Number.isInteger)) return cpus;
    }
  } catch {
    // not Linux: the count is all there is
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

const USAGE = 'usage: npm run bench [-- --cpu N]';

/**
 * The CPU asked for with `--cpu N` (or `--cpu=N`), else the last one allowed; `--help` prints the
 * usage and exits 0; a bad value or any other argument exits 2 (`--bogus` was ignored, and the
 * whole bench ran as if nothing had been asked).
 */
function cpuWanted(raw: string[]): number {
  const args = raw.flatMap((a) => (a.startsWith('--cpu=') ? ['--cpu', a.slice('--cpu='.length)] : [a]));
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const refuse = (problem: string): never => {
    process.stderr.write(`bench: ${problem}\n${USAGE}\n`);
    process.exit(2);
  };
  const other = args.find((a, i) => a !== '--cpu' && args[i - 1] !== '--cpu');
  if (other !== undefined) refuse(`unknown argument '${other}'`);
  if (args.filter((a) => a === '--cpu').length > 1) refuse('--cpu is given twice');
  const allowed = allowedCpus();
  const at = args.indexOf('--cpu');
  if (at < 0) return allowed[allowed.length - 1];
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || !allowed.includes(value))
    refuse(`--cpu needs one of the CPUs allowed here (${allowed.join(', ')}), got '${args[at + 1] ?? ''}'`);
  return value;
}

/**
 * Runs this script again under `taskset -c cpu` and returns its exit code; null when it is
 * already pinned, or taskset cannot run here (then the figures are unpinned, and say so).
 */
function rerunPinned(cpu: number): number | null {
  if (process.env[PINNED_ENV] !== undefined || process.platform !== 'linux') return null;
  if (spawnSync('taskset', ['-c', String(cpu), 'true'], { stdio: 'ignore' }).status !== 0) return null;
  const child = spawnSync(
    'taskset',
    ['-c', String(cpu), process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, [PINNED_ENV]: String(cpu) },
    },
  );
  return child.status ?? 1;
}

async function main(): Promise<void> {
  const cpu = cpuWanted(process.argv.slice(2));
  const code = rerunPinned(cpu);
  if (code !== null) process.exit(code);
  const results: Record<string, unknown> = {};
  const log = (line: string) => process.stdout.write(line + '\n');
  const load = loadavg()[0];
  const pinned = process.env[PINNED_ENV];
  log(
    pinned !== undefined
      ? `pinned to CPU ${pinned} (taskset): every contender shares one core (--cpu N for another)`
      : 'not pinned to one CPU (taskset could not pin here): contenders may run on different cores',
  );
  log(`load average ${load.toFixed(2)} (other busy processes slow every figure below)`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    log(`\n== ${name} ==`);
    results[name] = await run(log);
  }
  log(JSON.stringify({ loadAverage: load, cpu: pinned === undefined ? null : Number(pinned), ...results }));
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
