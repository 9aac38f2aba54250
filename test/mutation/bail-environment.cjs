'use strict';
// Jest's node environment that, while a mutant is active, skips every test after the first failure: one failing
// test already kills the mutant, and Stryker's jest runner cannot bail by itself. The initial (dry) run, with no
// mutant active, runs everything. Plain CommonJS: Stryker loads the environment without jest's transform.
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

class BailEnvironment extends NodeEnvironment {
  failed = false;

  handleTestEvent(event) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.failed = true;
    if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
  }
}

module.exports = BailEnvironment;
