import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/helpers/component-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // a condition in the browser waited for, not timed: vitest's 1 s default failed on a slower
          // CI machine where a resize, a smooth scroll or a drawing took longer
          expect: { poll: { timeout: 15_000 } },
          // one more try for a test that fails: the suite drives a real browser and a worker on 2
          // shared cores, and four clean-clone runs here each met a different rare timing failure
          // (three fixed, one not yet understood). A failure that repeats still fails the run, and
          // the first attempt's failure and page errors stay in the log (docs/ARCHITECTURE.md)
          retry: 1,
        },
      },
    ],
  },
});
