import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The jest suite as one test file, for `npm run mutation` only (stryker.config.mjs; `npm test` runs the files
 * themselves). Jest gives every test file a fresh module registry, so a mutant reached by thirty files would load
 * the library thirty times; here it is loaded once per mutant run. Each file's tests sit in a describe block named
 * after the file, so test names stay unique.
 *
 * Left out: the CDK engine tests (aws-cdk-lib synth, cfn-lint, the example app, the IAM simulator; seconds per file,
 * and they judge the Plan through the rules the other tests cover), test/cli/cli.test.ts and synth-out.test.ts (they
 * spawn the built bin/, which runs dist/, never the mutated sources), test/package (packs dist/, which the sandbox
 * leaves out), and the fast-check properties (seconds per run, they reach nearly every mutant and draw new inputs each run, so whether
 * they kill a mutant would change from run to run).
 */
const ROOT = join(__dirname, '..');
/**
 * In a mutant run, the environment (environment.cjs) hands over Stryker's filter: the full names of the tests that
 * reach the mutant, as one regular expression of escaped names. Each full name starts with its file's name.
 */
const FILTER = (globalThis as { __mutationTestNamePattern?: string | null }).__mutationTestNamePattern ?? undefined;
/** The filter with its escapes undone, to look for file names in. */
const FILTERED_NAMES = FILTER?.replace(/\\(.)/g, '$1');
const reachesTheMutant = (name: string) => FILTERED_NAMES === undefined || FILTERED_NAMES.includes(`${name} `);
const LEFT_OUT = [/^engines\//, /^cli\/(cli|synth-out)\.test\.ts$/, /^package\//, /^properties\//];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    });
}

for (const file of testFiles(ROOT)) {
  const name = relative(ROOT, file);
  if (LEFT_OUT.some((pattern) => pattern.test(name)) || !reachesTheMutant(name)) continue;
  describe(name, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  });
}
