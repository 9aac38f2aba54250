#!/usr/bin/env node
// The CLI lives in the compiled library; this shim only hands it the process arguments.
require('../dist/cli/main').run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
