import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPathAsync } from '../../../lib/scan/scan';
import { runCli } from '../../cli/run-cli';

// `workload-iam synth --engine pulumi`: the component run under Pulumi's mocks, its registrations recorded, sorted,
// in DIR/pulumi/resources.json; no Pulumi CLI involved. `scan` reads that file.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-pulumi-synth-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
}

test('writes resources.json: every registration with type, name, parent and inputs, sorted, byte-identical on a rerun', async () => {
  const first = await runCli('synth', EXAMPLE, '--out', join(dir, 'a'), '--engine', 'pulumi');
  expect(first.err).toBe('');
  expect(first.code).toBe(0);
  expect(first.out).toContain(`wrote 1 recorded Pulumi registrations to ${join(dir, 'a', 'pulumi')}`);
  expect(readdirSync(join(dir, 'a', 'pulumi'))).toEqual(['resources.json']);
  await runCli('synth', EXAMPLE, '--out', join(dir, 'b'), '--engine', 'pulumi');
  const text = readFileSync(join(dir, 'a', 'pulumi', 'resources.json'), 'utf8');
  expect(readFileSync(join(dir, 'b', 'pulumi', 'resources.json'), 'utf8')).toBe(text);

  const registrations = JSON.parse(text) as Registration[];
  const keys = registrations.map((r) => `${r.type}::${r.name}`);
  expect(keys).toEqual([...keys].sort());
  expect(registrations.find((r) => r.type === 'workload-iam:index:WorkloadIdentities')?.parent).toBeUndefined();
  const role = registrations.find((r) => r.type === 'aws:iam/role:Role' && r.inputs.name === 'wiam-web-deploy')!;
  expect(role.parent).toBe('workload-iam:index:Workload::workload-iam-web-deploy');
  const workload = registrations.find((r) => r.type === 'workload-iam:index:Workload' && r.name === 'workload-iam-data-pipeline')!;
  // The workload and its acknowledgements, for scan.
  expect(workload.inputs).toEqual({
    'workload-iam': {
      workload: 'data-pipeline',
      acknowledge: [{ rule: 'WIAM-SESSION-001', reason: 'The warehouse load step runs up to 100 minutes and cannot renew credentials midway' }],
    },
  });
  // A value known only once deployed reads as the output it will be.
  const assignment = registrations.find((r) => r.type === 'azure-native:authorization:RoleAssignment' && r.parent === 'workload-iam:index:Workload::workload-iam-payments-aks')!;
  expect(assignment.inputs.principalId).toBe('${azure-native:managedidentity:UserAssignedIdentity::workload-iam-azure-prod-payments-aks-identity.principalId}');
});

test('scan of resources.json judges what the file admits: a hand-edited pull-request subject with writes is refused', async () => {
  await runCli('synth', EXAMPLE, '--out', join(dir, 'edit'), '--engine', 'pulumi');
  const file = join(dir, 'edit', 'pulumi', 'resources.json');
  const clean = await scanPathAsync(file);
  expect(clean.problems).toEqual([]);
  expect(clean.findings.filter((f) => f.severity === 'error' && f.acknowledged === undefined)).toEqual([]);
  const registrations = JSON.parse(readFileSync(file, 'utf8')) as Registration[];
  const role = registrations.find((r) => r.type === 'aws:iam/role:Role' && r.inputs.name === 'wiam-web-deploy')!;
  role.inputs.assumeRolePolicy = (role.inputs.assumeRolePolicy as string).replace(/repo:acme\/web:environment:production/g, 'repo:acme/web:pull_request');
  writeFileSync(file, JSON.stringify(registrations));
  const edited = await scanPathAsync(file);
  expect(edited.findings.filter((f) => f.rule === 'WIAM-GH-001' && f.severity === 'error').map((f) => f.workload)).toEqual(['web-deploy']);
});
