import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// examples/aws-cdk is a CDK app that imports `workload-iam/aws-cdk` as a user would: through the package's own
// exports, i.e. the compiled dist/. Here `cdk synth` runs it with the aws-cdk CLI from devDependencies (types are
// checked by `tsc -p test/tsconfig.json`, so ts-node only transpiles).

const ROOT = join(__dirname, '..', '..', '..');
const APP = join(ROOT, 'examples', 'aws-cdk');
const COMPILED = join(ROOT, 'dist', 'engines', 'aws-cdk', 'index.js');

interface TemplateJson {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown>; readonly DependsOn?: string[] }>;
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'wiam-example-app-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('`cdk synth` synthesizes the example app', () => {
  if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: compile the library first (npx projen compile)`);
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', out], {
    cwd: APP,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CDK_VALIDATION: 'false', TS_NODE_TRANSPILE_ONLY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`cdk synth exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);

  const web = JSON.parse(readFileSync(join(out, 'WebApp.template.json'), 'utf8')) as TemplateJson;
  const roles = Object.entries(web.Resources).filter(([, resource]) => resource.Type === 'AWS::IAM::Role');
  expect(roles.map(([, role]) => role.Properties!.RoleName).sort()).toEqual(['wiam-web-deploy', 'wiam-web-preview', 'wiam-web-preview-publish']);
  for (const [, role] of roles) expect(role.Properties!.PermissionsBoundary).toBe('arn:aws:iam::111122223333:policy/workload-boundary');
  // The existing GitHub provider is referenced, not created.
  expect(Object.values(web.Resources).filter((resource) => resource.Type === 'AWS::IAM::OIDCProvider')).toEqual([]);
  // The identity-only publishing role has no inline policy: its one policy is the bucket grant, which writes. The
  // pull-request role's bucket grant only reads (the actions aws-cdk-lib's grantRead and grantReadWrite write).
  const publisher = roles.find(([, role]) => role.Properties!.RoleName === 'wiam-web-preview-publish')![1];
  expect(publisher.Properties!.Policies).toBeUndefined();
  const grants = Object.values(web.Resources).filter((resource) => resource.Type === 'AWS::IAM::Policy');
  const actionsOf = (roleName: string) =>
    grants
      .filter((grant) => JSON.stringify(grant.Properties!.Roles) === JSON.stringify([roleName]))
      .flatMap((grant) => (grant.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
      .flatMap((statement) => statement.Action)
      .sort();
  expect(actionsOf('wiam-web-preview')).toEqual(['s3:GetBucket*', 's3:GetObject*', 's3:List*']);
  expect(actionsOf('wiam-web-preview-publish')).toEqual(
    ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention']
      .concat(['s3:PutObjectTagging', 's3:PutObjectVersionTagging']),
  );

  const orders = JSON.parse(readFileSync(join(out, 'Orders.template.json'), 'utf8')) as TemplateJson;
  expect(Object.values(orders.Resources).map((resource) => resource.Type).sort()).toEqual(['AWS::CDK::Metadata', 'AWS::IAM::OIDCProvider', 'AWS::IAM::Role']);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; displayName?: string }> };
  const stacks = Object.values(manifest.artifacts).filter((artifact) => artifact.type === 'aws:cloudformation:stack').map((artifact) => artifact.displayName);
  expect(stacks.sort()).toEqual(['Orders', 'Platform/platform-aws-prod', 'Platform/platform-aws-prod-eu-west-1', 'Platform/platform-aws-shared', 'WebApp']);
}, 120_000);

test('`cdk synth` fails on a rule error, naming the rule and the fix', () => {
  if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: compile the library first (npx projen compile)`);
  // A deploy role trusting pull_request runs: WIAM-GH-001, which no acknowledgement can excuse.
  const app = join(out, 'refused-app.js');
  writeFileSync(
    app,
    [
      `const { App, Stack } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});`,
      `const { WorkloadIdentities } = require(${JSON.stringify(COMPILED)});`,
      'const app = new App();',
      'const stack = new Stack(app, \'Refused\', { env: { account: \'111122223333\', region: \'eu-west-1\' } });',
      'new WorkloadIdentities(stack, \'Ci\', { declaration: { version: 1, accounts: { prod: { cloud: \'aws\', accountId: \'111122223333\' } }, workloads: [',
      '  { name: \'site\', identities: [{ github: { repository: \'acme/site\', ownerId: \'65\', repositoryId: \'912\', pullRequest: true } }],',
      '    grants: { prod: [{ resource: \'arn:aws:s3:::acme-site\', access: \'write\' }] } }] } });',
      'app.synth();',
    ].join('\n'),
  );
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--app', `${process.execPath} ${app}`, '--output', join(out, 'refused.out')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CDK_VALIDATION: 'false', CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  if (result.error) throw result.error;
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('[WIAM-GH-001] workloads[site].identities[0]: pull_request runs are admitted, and the access granted changes state. Fix: ');
}, 120_000);
