import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The cloud packages are loaded for the clouds a declaration uses, and only those, in a process of their own (the
 * built package, as a user's program loads it): a GCP-only program loads no AWS or Azure package, and a missing one is
 * one clear error naming it.
 */

const ROOT = join(__dirname, '..', '..', '..');
const HIDE = join(ROOT, 'test', 'fixtures', 'pulumi', 'hide-package.js');

const GCP_ONLY = {
  version: 1,
  accounts: { 'gcp-prod': { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' } },
  workloads: [
    {
      name: 'web-deploy',
      identities: [{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }],
      grants: { 'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-web', access: 'read' }] },
    },
  ],
};

/** A program that creates the component under mocks and prints the Pulumi packages loaded (or the error's message). */
const program = (declaration: unknown) => `
const pulumi = require('@pulumi/pulumi');
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, 'p', 's', false).then(() => {
  try {
    new (require('workload-iam/pulumi').WorkloadIdentities)('platform', { declaration: ${JSON.stringify(declaration)} });
  } catch (error) {
    console.log('error: ' + error.message);
  }
  const loaded = Object.keys(require.cache).map((file) => /node_modules\\/(@pulumi\\/[^/]+)\\//.exec(file)?.[1]).filter(Boolean);
  console.log(JSON.stringify([...new Set(loaded)].sort()));
});
`;

const run = (code: string, env: Record<string, string> = {}, preload: string[] = []) =>
  execFileSync(process.execPath, [...preload, '-e', code], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

test('a GCP-only declaration loads @pulumi/gcp and neither @pulumi/aws nor @pulumi/azure-native', () => {
  const lines = run(program(GCP_ONLY)).trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toEqual(['@pulumi/gcp', '@pulumi/pulumi']);
});

test('a missing cloud package is one error naming it and how to install it', () => {
  const output = run(program(GCP_ONLY), { WIAM_HIDE: '@pulumi/gcp' }, ['--require', HIDE]);
  expect(output).toContain('error: accounts: @pulumi/gcp is not installed, and the declaration has gcp accounts: npm install @pulumi/gcp@^9\n');
  expect(output.match(/is not installed/g)).toHaveLength(1);
});

test('safe neighbour: a package the declaration does not need may be missing', () => {
  const output = run(program(GCP_ONLY), { WIAM_HIDE: '@pulumi/aws' }, ['--require', HIDE]);
  expect(output).not.toContain('error:');
});

test('the hiding preload does hide: requiring the hidden package fails', () => {
  const result = spawnSync(process.execPath, ['--require', HIDE, '-e', "require('@pulumi/gcp/iam')"], { cwd: ROOT, env: { ...process.env, WIAM_HIDE: '@pulumi/gcp' }, encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("Cannot find module '@pulumi/gcp/iam'");
});
