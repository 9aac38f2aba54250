import { join } from 'node:path';
import type { PolicyResource, StackValidationArgs } from '@pulumi/policy';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { recordRegistrations, workloadIamPolicies, type Registration } from 'workload-iam/pulumi';

// The policy pack's validators called on a stack's resources, as the Pulumi engine would pass them (no Pulumi CLI):
// the component's recorded registrations, plus resources written by hand next to it.

const example = loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml'));

/** Registrations as the policy engine's resources: type, name, URN, properties and parent. */
function stackOf(registrations: readonly Registration[]): PolicyResource[] {
  const byKey = new Map<string, PolicyResource>();
  for (const registration of registrations) {
    byKey.set(`${registration.type}::${registration.name}`, {
      type: registration.type,
      name: registration.name,
      urn: `urn:pulumi:test::test::${registration.type}::${registration.name}`,
      props: registration.inputs,
    } as unknown as PolicyResource);
  }
  for (const registration of registrations) {
    if (registration.parent) (byKey.get(`${registration.type}::${registration.name}`) as { parent?: PolicyResource }).parent = byKey.get(registration.parent);
  }
  return [...byKey.values()];
}

/** What each policy reports on the stack: `<policy> <urn or stack> <message>`. */
async function violations(resources: readonly PolicyResource[]): Promise<string[]> {
  const reported: string[] = [];
  for (const policy of workloadIamPolicies) {
    await policy.validateStack({ resources } as unknown as StackValidationArgs, (message: string, urn?: string) => reported.push(`${policy.name} ${urn ?? 'stack'} ${message}`));
  }
  return reported;
}

const handWritten = (type: string, name: string, props: Record<string, unknown>): Registration => ({ type, name, inputs: props });

const writeTo = (bucket: string, action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: `arn:aws:s3:::${bucket}/*` }] });

let component: Registration[];
beforeAll(async () => {
  component = await recordRegistrations('platform', { plan: compile(example) });
}, 60000);

test('the component’s own resources: no mandatory violation; the acknowledged session length is advisory, with its reason', async () => {
  const reported = await violations(stackOf(component));
  expect(reported.filter((line) => line.startsWith('workload-iam-errors'))).toEqual([]);
  expect(reported).toContainEqual(expect.stringMatching(/^workload-iam-warnings urn:pulumi:test::test::aws:iam\/role:Role::platform-aws-prod-data-pipeline \[WIAM-SESSION-001\] .*\(acknowledged: The warehouse load step/));
});

test('a hand-written role trusting GitHub pull requests with writes is a mandatory violation, on that role', async () => {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/site:pull_request' } },
      },
    ],
  });
  const role = handWritten('aws:iam/role:Role', 'site-previews', { name: 'site-previews', assumeRolePolicy: trust });
  const policy = handWritten('aws:iam/rolePolicy:RolePolicy', 'site-previews-write', { name: 'write', role: 'site-previews', policy: writeTo('acme-site', 's3:PutObject') });
  const reported = await violations(stackOf([...component, role, policy]));
  expect(reported.filter((line) => line.startsWith('workload-iam-errors'))).toEqual([
    expect.stringMatching(/^workload-iam-errors urn:pulumi:test::test::aws:iam\/role:Role::site-previews \[WIAM-GH-001\] /),
  ]);
});

test('a write policy attached by hand to the component’s pull-request role is refused; a read one is not', async () => {
  const attached = (action: string) =>
    handWritten('aws:iam/rolePolicy:RolePolicy', `previews-${action}`, { name: 'extra', role: 'wiam-docs-preview', policy: writeTo('acme-docs', action) });
  const refused = await violations(stackOf([...component, attached('s3:PutObject')]));
  expect(refused.filter((line) => line.startsWith('workload-iam-errors'))).toEqual([
    expect.stringMatching(/^workload-iam-errors urn:pulumi:test::test::aws:iam\/role:Role::platform-aws-prod-docs-preview \[WIAM-GH-001\] /),
  ]);
  const allowed = await violations(stackOf([...component, attached('s3:GetObject')]));
  expect(allowed.filter((line) => line.startsWith('workload-iam-errors'))).toEqual([]);
});

test('GCP: a writing role bound by hand to the component’s pull-request member is refused; a read-only one is not', async () => {
  const previews = compile(
    toModel({
      version: 1,
      accounts: { 'gcp-prod': { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' } },
      workloads: [
        {
          name: 'docs-preview',
          identities: [{ github: { repository: 'acme/docs', ownerId: '65', repositoryId: '74', pullRequest: true } }],
          grants: { 'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-docs-previews', access: 'read' }] },
        },
      ],
    }),
  );
  const own = await recordRegistrations('previews', { plan: previews });
  const member = previews.gcp['gcp-prod'].members[0].member;
  const bound = (role: string) => handWritten('gcp:storage/bucketIAMMember:BucketIAMMember', `extra-${role}`, { bucket: 'acme-docs-previews', role, member });
  const refused = await violations(stackOf([...own, bound('roles/storage.objectAdmin')]));
  expect(refused.filter((line) => line.startsWith('workload-iam-errors')).join('\n')).toContain('[WIAM-GH-001]');
  const allowed = await violations(stackOf([...own, bound('roles/storage.objectViewer')]));
  expect(allowed.filter((line) => line.startsWith('workload-iam-errors'))).toEqual([]);
});
