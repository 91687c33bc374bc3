/**
 * npm run bench: benchmarks, single core, Node. Each section is an async function that
 * prints human-readable lines and returns a JSON-able result; the last line printed is
 * one JSON object with every section's result. Add sections (UI, cost surface) to SECTIONS.
 */
import { loadavg } from 'node:os';
import { loadMnist } from '../tests/helpers/mnist.ts';
import { runEngineBench } from './bench/engine.ts';

type Section = (log: (line: string) => void) => Promise<unknown>;

const SECTIONS: Record<string, Section> = {
  engine: (log) => runEngineBench(loadMnist().train, { log }),
};

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  const log = (line: string) => process.stdout.write(line + '\n');
  const load = loadavg()[0];
  log(`load average ${load.toFixed(2)} (other busy processes slow every figure below)`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    log(`\n== ${name} ==`);
    results[name] = await run(log);
  }
  log(JSON.stringify({ loadAverage: load, ...results }));
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
