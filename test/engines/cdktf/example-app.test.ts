import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// examples/cdktf is a cdktf app that imports `workload-iam/cdktf` as a user would: through the package's own exports,
// i.e. the compiled dist/. Here it runs as `cdktf synth` would run it (its app command, with CDKTF_OUTDIR set); types
// are checked by `tsc -p test/tsconfig.json`, so ts-node only transpiles.

const ROOT = join(__dirname, '..', '..', '..');
const APP = join(ROOT, 'examples', 'cdktf');

type Stack = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  provider: Record<string, unknown[]>;
  terraform: { required_providers: Record<string, unknown> };
};

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'wiam-cdktf-example-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the example app synthesizes: the user’s providers, the Plan’s resources, the user’s grant', () => {
  expect(existsSync(join(ROOT, 'dist', 'engines', 'cdktf', 'index.js'))).toBe(true);
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--prefer-ts-exts', 'main.ts'], {
    cwd: APP,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CDKTF_OUTDIR: out, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the app exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);

  const aws = JSON.parse(readFileSync(join(out, 'stacks', 'aws-prod', 'cdk.tf.json'), 'utf8')) as Stack;
  expect(aws.provider.aws).toEqual([{ allowed_account_ids: ['111122223333'], region: 'eu-west-1' }]);
  expect(Object.keys(aws.terraform.required_providers).sort()).toEqual(['aws']);
  const roles = Object.values(aws.resource.aws_iam_role);
  expect(roles.map((role) => role.name).sort()).toContain('wiam-docs-preview');
  for (const role of roles) expect(role.permissions_boundary).toBe('arn:aws:iam::111122223333:policy/workload-boundary');
  expect(Object.values(aws.resource.aws_iam_role_policy).map((policy) => policy.name)).toContain('previews-read');

  const gcp = JSON.parse(readFileSync(join(out, 'stacks', 'gcp-prod', 'cdk.tf.json'), 'utf8')) as Stack;
  expect(gcp.provider.google).toEqual([{ project: 'acme-prod' }]);
  expect(Object.values(gcp.resource.google_iam_workload_identity_pool).map((pool) => pool.workload_identity_pool_id)).toEqual(['workload-iam-v1']);
});
