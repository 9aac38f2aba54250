import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktn';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { directoryOutput } from '../../../lib/engines/engine-output';
import { ENGINES } from '../../../lib/engines/registry';
import { compile } from '../../../lib/plan/compile';
import { WorkloadIdentities } from 'workload-iam/cdktn';

// cdktn, the maintained fork of cdktf, renders through the same renderer: its output must be cdktf's, apart from the
// synthesizer's own `//` metadata (which names its version).

const plan = compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml')));

/** The JSON without the `//` entries, which carry each synthesizer's own metadata. */
const withoutComments = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, item]) => [key, withoutComments(item)]));
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-cdktn-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('synth --engine cdktn writes what cdktf writes, stack for stack, apart from the synthesizers’ metadata', async () => {
  for (const name of ['cdktf', 'cdktn'] as const) await ENGINES[name].render(plan, {}, directoryOutput(join(dir, name)));
  const stacks = readdirSync(join(dir, 'cdktf')).sort();
  expect(readdirSync(join(dir, 'cdktn')).sort()).toEqual(stacks);
  expect(stacks).toEqual(['workload-iam-aws-prod', 'workload-iam-aws-shared', 'workload-iam-azure-prod', 'workload-iam-gcp-prod']);
  for (const stack of stacks) {
    const [cdktf, cdktn] = ['cdktf', 'cdktn'].map((name) => JSON.parse(readFileSync(join(dir, name, stack, 'cdk.tf.json'), 'utf8')) as unknown);
    expect(withoutComments(cdktn)).toEqual(withoutComments(cdktf));
  }
});

test('the construct works in a cdktn stack, with cdktn’s own Testing', () => {
  const stack = new TerraformStack(Testing.app(), 'user-stack');
  const identities = new WorkloadIdentities(stack, 'Wi', { plan, account: 'azure-prod' });
  const json = Testing.synth(stack);
  expect(Testing.toHaveResourceWithProperties(json, 'azurerm_user_assigned_identity', { name: 'wiam-web-deploy', resource_group_name: 'rg-workload-identity' })).toBe(true);
  expect(identities.identity('web-deploy').terraformResourceType).toBe('azurerm_user_assigned_identity');
});
