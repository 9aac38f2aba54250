import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-options-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const optionsFile = (text: string) => {
  const file = join(dir, 'options.yaml');
  writeFileSync(file, text);
  return file;
};

test('compile options rename the roles in the manifest, in who-can-reach and in the CDK templates alike', async () => {
  const options = optionsFile('compileOptions:\n  aws: { rolePath: /ci/, roleNamePrefix: acme- }\nengines:\n  aws-cdk: { roleArnOutputs: false }\n');
  const out = join(dir, 'out');
  expect((await runCli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk', '--options', options)).code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { workloads: Record<string, { access: Record<string, { principal?: string }> }> };
  expect(manifest.workloads['web-deploy'].access['aws-prod'].principal).toBe('arn:aws:iam::111122223333:role/ci/acme-web-deploy');
  const template = readFileSync(join(out, 'aws-cdk', 'workload-iam-aws-prod.template.json'), 'utf8');
  expect(template).toContain('"RoleName": "acme-web-deploy"');
  expect(template).not.toContain('wiam-web-deploy');
  // The engine's option reached it: no role ARN outputs.
  expect(template).not.toContain('"Outputs"');
  const reach = await runCli('who-can-reach', EXAMPLE, 'arn:aws:s3:::acme-web-assets', '--options', options, '--format', 'json');
  expect(reach.out).toContain('arn:aws:iam::111122223333:role/ci/acme-web-deploy');
  // Safe neighbour: without the options, the Plan's default names.
  expect((await runCli('who-can-reach', EXAMPLE, 'arn:aws:s3:::acme-web-assets', '--format', 'json')).out).toContain('role/workload-iam/wiam-web-deploy');
});

test('synth names the clouds of the Plan that no requested engine renders', async () => {
  const result = await runCli('synth', EXAMPLE, '--out', join(dir, 'out'), '--engine', 'aws-cdk');
  expect(result.out).toContain('not rendered: gcp (gcp-prod): no requested engine renders gcp; the manifest holds it');
  expect(result.out).toContain('not rendered: azure (azure-prod): no requested engine renders azure; the manifest holds it');
  expect(result.out).not.toContain('not rendered: aws');
});

test('bad options are refused one line each, naming the option and the file, before anything is written', async () => {
  const options = optionsFile(
    'compileOptions:\n  aws: { rolePath: ci, existingOidcProviders: [{ arn: "arn:aws:iam::111122223333:oidc-provider/x", clientIds: [] }] }\n  gpc: {}\nengines:\n  aws-cdk: { shard: 2 }\n  terraform: {}\n',
  );
  const out = join(dir, 'out');
  const engine = await runCli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk', '--options', options);
  expect(engine.code).toBe(2);
  expect(engine.err.trim().split('\n')).toEqual([
    `compileOptions.aws.rolePath: rolePath must be an IAM path: "/" or "/a/b/", of printable ASCII characters (in --options ${options}) (line 2)`,
    `compileOptions.aws.existingOidcProviders[0].clientIds: list the client ids the provider has (in --options ${options}) (line 2)`,
    `compileOptions.gpc: unknown key "gpc" (allowed: aws, gcp): unknown keys are refused so a typo never changes trust (in --options ${options}) (line 3)`,
  ]);
  expect(existsSync(out)).toBe(false);

  const engines = optionsFile('engines:\n  aws-cdk: { shard: 2 }\n  terraform: {}\n');
  const result = await runCli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk', '--options', engines);
  expect(result.code).toBe(2);
  expect(result.err.trim().split('\n')).toEqual([`engines.terraform: is not an engine (engines: aws-cdk, cdktf, cdktn, pulumi) (in --options ${engines}) (line 3)`]);
  const shard = optionsFile('engines:\n  aws-cdk: { shard: 2 }\n');
  expect((await runCli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk', '--options', shard)).err).toMatch(/^engines\.aws-cdk\.shard: unknown key "shard" \(did you mean "shards"\?\).* \(in --options .*\) \(line 2\)\n$/);
  expect(existsSync(out)).toBe(false);
});

test('a manifest is compiled already: --options with it is refused', async () => {
  const out = join(dir, 'out');
  await runCli('synth', EXAMPLE, '--out', out);
  const options = optionsFile('compileOptions: { aws: { roleNamePrefix: x- } }\n');
  expect(await runCli('who-can-reach', join(out, 'manifest.json'), 'arn:aws:s3:::acme-web-assets', '--options', options)).toEqual({
    code: 2,
    out: '',
    err: `--options: ${join(out, 'manifest.json')} is a manifest, compiled already: pass --options to synth instead\n`,
  });
  expect(readdirSync(out)).toEqual(['manifest.json']);
});

test('validate and explain take the options too: a role name over 64 characters is refused at validate', async () => {
  const options = optionsFile(`compileOptions: { aws: { roleNamePrefix: ${'p'.repeat(50)} } }\n`);
  const result = await runCli('validate', EXAMPLE, '--options', options);
  expect(result.code).toBe(2);
  expect(result.err).toMatch(/^workloads\[\d+\]\.name: the role name "p{50}[a-z-]+" is \d+ characters, over the IAM limit of 64/);
});
