/** `npm run train`: the headless trainer's command line, run as a user runs it. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script';

// (100 s: a real epoch runs in some of these)
const train = (...args: string[]) => runScript('train.ts', args, 100_000);

function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

describe('npm run train', () => {
  it.each([
    [['--lr', 'abc', '--epochs', '1'], /--lr must be a number/],
    [['--epochs', '1', '--colour', 'red'], /unknown flag --colour/],
    [['--lr', '0.1'], /--epochs is required/],
    [['--epochs', '1', '--activation', 'softsign'], /--activation must be one of sigmoid, relu, tanh/],
    [['--epochs', '1', '--all=yes'], /--all takes no value/],
    // a bad value is named even when --epochs is missing too
    [['--lr', 'abc'], /--lr must be a number/],
    [['--epochs', '1', '--epochs', '2'], /--epochs is given twice/],
    [['--json', '--epochs', '1', '--json'], /--json is given twice/],
  ])('refuses %j with a message and exit code 2', (args, message) => {
    const r = train(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run train/);
  });

  it.each([[['--help']], [['-h']], [['--epochs', '1', '--help']]])(
    '%j prints the usage and exits 0 without training',
    (args) => {
      const r = train(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run train -- --epochs N/);
      expect(r.stdout).not.toMatch(/epoch 1/);
      expect(r.stderr).toBe('');
    },
  );

  it('trains one epoch on the first 50,000 images and reports validation and test accuracy as JSON', () => {
    const r = train('--epochs', '1', '--json');
    expect(r.status).toBe(0);
    const out = lastJson(r.stdout);
    expect(out.epochs).toBe(1);
    expect(out.trainingImages).toBe(50_000);
    expect(out.testAccuracy).toBeGreaterThan(0.85);
    expect(out.validationAccuracy).toBeGreaterThan(0.85);
    expect(out.seconds).toBeGreaterThan(0);
  });

  it('with --all trains on all 60,000 images and has no validation accuracy', () => {
    const r = train('--epochs', '1', '--all', '--json');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/on 60000 training images \(no validation split\)/);
    const out = lastJson(r.stdout);
    expect(out.trainingImages).toBe(60_000);
    expect(out.validationAccuracy).toBeNull();
    expect(out.testAccuracy).toBeGreaterThan(0.85);
  });
});
