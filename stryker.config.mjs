// @ts-check
/**
 * Mutation testing of the engine: `npm run mutate` (StrykerJS with its Vitest runner).
 *
 * The whole of game/ takes hours on two cores; narrow the run to the file you work on:
 *
 *   npx stryker run --mutate game/engine/outcome.ts
 *
 * (several files: --mutate game/engine/outcome.ts,game/engine/fog.ts). The score and the
 * surviving mutants print at the end; the full report is reports/mutation/mutation.json.
 *
 * Tests run through vitest.mutate.config.ts: the unit tests only (no browser, server or
 * spawned-CLI tests), each mutant against the tests that cover it (perTest).
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutate.config.ts',
    related: false,
  },
  mutate: ['game/**/*.ts', '!game/bgio.ts', '!game/globals.d.ts', '!game/data/**'],
  coverageAnalysis: 'perTest',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  // The initial run executes the whole unit suite in one thread with coverage on: on two
  // cores that can pass Stryker's default of 5 minutes.
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: a second biome.json there would stop `biome lint` in the
  // project (a nested root configuration) while a run is going on.
  // Anchored to the project root: a bare 'data' also matched game/data and left it out of the sandbox.
  ignorePatterns: ['/biome.json', '/artifacts', '/reports', '/data', '/dist'],
  cleanTempDir: true,
};
