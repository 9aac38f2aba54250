// StrykerJS configuration for `npm run mutation` (not part of `npm test`): mutates the code that decides what a
// trust admits and judges it, then runs the jest suite against each mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  mutate: ['lib/plan/**/*.ts', 'lib/rules/**/*.ts', 'lib/trust/**/*.ts', 'lib/scan/**/*.ts'],
  jest: {
    projectType: 'custom',
    // The suite as one file, so each mutant run loads the library once (test/mutation/suite.ts says which test
    // files it leaves out and why).
    config: {
      testMatch: ['<rootDir>/test/mutation/suite.ts'],
      // Stops a mutant's run at its first failing test, and loads only the test files that reach the mutant.
      testEnvironment: './test/mutation/environment.cjs',
    },
    // Its requires are computed, so jest cannot relate it to a source file; per-test coverage selects the tests.
    enableFindRelatedTests: false,
  },
  // Type checks are turned off only in the mutated files: generated data files elsewhere are compared byte for byte.
  disableTypeChecks: 'lib/{plan,rules,trust,scan}/**/*.ts',
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Module-level constants (rule ids and texts, tables) would each need the whole suite; the generated RULES.md
  // check covers the rule texts. Left out to keep a run tractable.
  ignoreStatic: true,
  // Re-runs only mutants whose code or covering tests changed (reports/stryker-incremental.json).
  incremental: true,
  // The machine is a shared 2-core one.
  concurrency: 2,
  // Leave build output and reports out of the sandbox copy.
  ignorePatterns: ['dist', 'artifacts', 'coverage', 'test-reports', 'out', 'bench/.out', 'examples/aws-cdk/cdk.out'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  thresholds: { high: 90, low: 80, break: null },
};
