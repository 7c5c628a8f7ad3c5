import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests that mutation testing (`npm run mutate`, stryker.config.mjs) runs: the
 * in-process unit tests. Left out: the browser tests (tests/e2e) and the server tests
 * (tests/server), which are slow and reach the engine through a server; and the CLI
 * tests, the queue tests and the client build test, which spawn separate processes that
 * Stryker's active mutant never reaches.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'tests/e2e/**',
        'tests/server/**',
        'tests/cli.test.ts',
        'tests/analyze-cli.test.ts',
        'tests/queue.test.ts',
        'tests/client-chunks.test.ts',
        'node_modules/**',
      ],
    },
  }),
);
