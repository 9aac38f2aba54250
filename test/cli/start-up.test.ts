import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * What the CLI loads to start: `--help`, `--version`, `rules` and `catalogue` need commander and their texts, never the CEL
 * evaluator, the HCL parser, Graphviz, the SARIF builder or an engine. Each case runs the built CLI (dist/, compiled
 * by the test task before jest) in a fresh Node process and reads the modules it loaded.
 */

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

/** Every file the process had loaded after the CLI ran with `argv`, relative to the project. */
function modulesLoaded(argv: readonly string[]): string[] {
  const script = `
    const { run } = require(${JSON.stringify(MAIN)});
    const quiet = { out: () => {}, err: () => {} };
    run(${JSON.stringify(argv)}, quiet).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))));
  `;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as string[]).map((file) => file.slice(ROOT.length + 1));
}

/** Modules a start-up must not load: heavy libraries and every engine. */
const HEAVY = [
  /^node_modules\/@bufbuild\/cel\//,
  /^node_modules\/@cdktn\/hcl2json\//,
  /^node_modules\/@viz-js\//,
  /^node_modules\/node-sarif-builder\//,
  /^node_modules\/yaml\//,
  /^node_modules\/(aws-cdk-lib|constructs|cdktf|cdktn|@pulumi)\//,
  /^dist\/engines\/(aws-cdk|cdktf|cdktn|terraform|pulumi)\//,
];
const heavyIn = (modules: readonly string[]) => modules.filter((file) => HEAVY.some((pattern) => pattern.test(file)));

describe.each([[['--help']], [['--version']], [['rules']], [['rules', '--format', 'markdown']], [['catalogue']]])('workload-iam %j', (argv) => {
  test('loads neither the CEL evaluator, the HCL parser, Graphviz nor any engine', () => {
    const modules = modulesLoaded(argv);
    expect(modules).toContain('dist/cli/main.js');
    expect(heavyIn(modules)).toEqual([]);
  });
});

// The neighbour: a command that judges GCP trust does load the evaluator, so the module list above is read right.
test('validate of the bundled example loads the CEL parser, and still no engine', () => {
  const modules = modulesLoaded(['validate', join(ROOT, 'examples', 'workloads.yaml')]);
  expect(modules.some((file) => file.startsWith('node_modules/@bufbuild/cel/'))).toBe(true);
  expect(modules.filter((file) => /^dist\/engines\/(aws-cdk|cdktf|cdktn|terraform|pulumi)\//.test(file))).toEqual([]);
});
