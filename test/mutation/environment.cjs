'use strict';
// The test environment of `npm run mutation` (stryker.config.mjs): jest's node environment that
// - while a mutant is active, skips every test after the first failure: one failing test already kills the mutant,
//   and Stryker's jest runner cannot bail by itself;
// - hands the run's test name filter (the tests that reach the mutant) to test/mutation/suite.ts, which then loads
//   only the test files those tests are in.
// The initial (dry) run, with no mutant active and no filter, runs everything. Plain CommonJS: Stryker loads the
// environment without jest's transform.
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

class MutationEnvironment extends NodeEnvironment {
  failed = false;

  constructor(config, context) {
    super(config, context);
    // Only a mutant run's filter names the tests that reach the mutant.
    if (process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) this.global.__mutationTestNamePattern = config.globalConfig.testNamePattern;
  }

  handleTestEvent(event) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.failed = true;
    if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
  }
}

module.exports = MutationEnvironment;
