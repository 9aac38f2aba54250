import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { buildManifest } from '../../lib/manifest/manifest';
import { compile } from '../../lib/plan/compile';

/** examples/github-actions: parsed by GitHub's own workflow parser, with only real inputs of the actions it uses. */

const ROOT = join(__dirname, '..', '..');
const WORKFLOW = join(ROOT, 'examples', 'github-actions', 'workload-iam.yml');

/**
 * The inputs each action declares in its action.yml at the major version the example pins (written down from the
 * actions' own repositories): a key outside these would be ignored by the runner, silently.
 */
const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/checkout@v4': ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url'],
  'actions/setup-node@v4': ['always-auth', 'node-version', 'node-version-file', 'architecture', 'check-latest', 'registry-url', 'scope', 'token', 'cache', 'cache-dependency-path', 'mirror', 'mirror-token'],
  'actions/upload-artifact@v4': ['name', 'path', 'if-no-files-found', 'retention-days', 'compression-level', 'overwrite', 'include-hidden-files'],
  'github/codeql-action/upload-sarif@v3': ['sarif_file', 'checkout_path', 'ref', 'sha', 'token', 'matrix', 'category', 'wait-for-processing'],
  'aws-actions/configure-aws-credentials@v4': ['audience', 'aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'aws-region', 'mask-aws-account-id', 'role-to-assume', 'web-identity-token-file', 'role-duration-seconds', 'role-session-name', 'role-external-id', 'role-skip-session-tagging', 'http-proxy'],
};

/**
 * Runs `body` in a Node child process with GitHub's workflow parser imported. The parser is ESM only and imports its
 * JSON schema without an import attribute, which Node refuses: a load hook adds the attribute.
 */
function withParser(body: readonly string[], args: readonly string[] = []): { stdout: string; stderr: string } {
  const hook = 'export async function load(url, context, next) { return next(url, url.endsWith(".json") ? { ...context, importAttributes: { type: "json" } } : context); }';
  const script = [
    "import { register } from 'node:module';",
    "import { readFileSync } from 'node:fs';",
    `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
    "const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');",
    ...body,
  ].join('\n');
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly run?: string;
}
const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { jobs: Record<string, { steps: Step[]; permissions: Record<string, string> }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

test('GitHub\'s workflow parser reads it without an error', () => {
  const child = withParser([
    'const file = process.argv[1];',
    "const result = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());",
    'console.log(JSON.stringify({ parsed: result.value !== undefined, errors: result.context.errors.getErrors().map((e) => e.message) }));',
  ], [WORKFLOW]);
  expect(child.stderr).toBe('');
  expect(JSON.parse(child.stdout)).toEqual({ parsed: true, errors: [] });
});

test('the parser refuses a broken workflow, so the check above can fail', () => {
  const child = withParser([
    "const result = parseWorkflow({ name: 'broken.yml', content: 'on: push\\njobs:\\n  a:\\n    runs-on: ubuntu-latest\\n    stepz: []\\n' }, new NoOperationTraceWriter());",
    'console.log(JSON.stringify(result.context.errors.getErrors().map((e) => e.message)));',
  ]);
  expect(JSON.parse(child.stdout).join('\n')).toContain("Unexpected value 'stepz'");
});

test('every action is one of those listed, with only inputs its action.yml declares', () => {
  const used = steps.filter((step) => step.uses !== undefined);
  expect(used.length).toBeGreaterThan(0);
  for (const step of used) {
    expect(Object.keys(ACTION_INPUTS)).toContain(step.uses);
    for (const input of Object.keys(step.with ?? {})) expect(ACTION_INPUTS[step.uses!]).toContain(input);
  }
});

test('no static secret: credentials come from the OIDC token through the role synthesized for web-deploy', () => {
  expect(readFileSync(WORKFLOW, 'utf8')).not.toMatch(/secrets\.|aws-access-key-id|aws-secret-access-key/);
  expect(workflow.jobs.deploy.permissions['id-token']).toBe('write');
  const role = steps.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials'))!.with!['role-to-assume'];
  const model = loadDeclarationFile(join(ROOT, 'examples', 'workloads.yaml'));
  const manifest = buildManifest(model, compile(model));
  expect(manifest.workloads['web-deploy'].access['aws-prod'].principal).toBe(role);
});

test('pull requests run validate as SARIF and diff as a Markdown comment that fails on widening', () => {
  const runs = steps.flatMap((step) => (step.run ? [step.run] : [])).join('\n');
  expect(runs).toContain('workload-iam validate "$DECLARATION" --format sarif > workload-iam.sarif');
  expect(runs).toContain('workload-iam diff base.yaml "$DECLARATION" --format markdown --fail-on widened > diff.md');
  expect(steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!.with!.sarif_file).toBe('workload-iam.sarif');
});
