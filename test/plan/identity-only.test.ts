import { compileWorkloads, declaration, GCP_POOL } from './fixtures';
import { buildManifest, checkPlan, toModel } from '../../lib/index';
import { undeclaredAccess } from '../../lib/manifest/queries';

// An identity-only workload (identities, an empty grant list per account) is created on every cloud it names, so its
// grants can be made through an engine's own API; the manifest says its access is granted outside the declaration.

const web = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } } as const;
const identityOnly = { name: 'publisher', identities: [web], grants: { 'aws-prod': [], 'gcp-prod': [], 'azure-prod': [] } };

const plan = compileWorkloads([identityOnly]);

test('AWS: the role and its trust, with no inline policy', () => {
  const [role] = plan.aws['aws-prod'].roles;
  expect([role.name, role.inlinePolicies, role.writes]).toEqual(['wiam-publisher', {}, false]);
  expect(role.trustPolicy.Statement).toHaveLength(1);
});

test('GCP: the provider and the exact members, bound to nothing', () => {
  const account = plan.gcp['gcp-prod'];
  expect(account.bindings).toEqual([]);
  expect(account.providers).toHaveLength(1);
  const provider = account.providers[0].id;
  // One member per subject form GitHub may emit for the repository (classic and immutable), joined to its id.
  expect(account.members.map((member) => [member.workload, member.member, member.provider])).toEqual([
    ['publisher', `principalSet://iam.googleapis.com/${GCP_POOL}/attribute.repository_subject/${provider}:74:repo:acme/web:environment:production`, provider],
    ['publisher', `principalSet://iam.googleapis.com/${GCP_POOL}/attribute.repository_subject/${provider}:74:repo:acme@65/web@74:environment:production`, provider],
  ]);
});

test('Azure: the managed identity and its federated credentials, with no role assignment', () => {
  const account = plan.azure['azure-prod'];
  expect(account.identities.map((identity) => identity.name)).toEqual(['wiam-publisher']);
  expect(account.federatedCredentials.map((credential) => credential.subject).sort()).toEqual([
    'repo:acme/web:environment:production',
    'repo:acme@65/web@74:environment:production',
  ]);
  expect(account.roleAssignments).toEqual([]);
});

test('the manifest lists the workload on every cloud, its access granted outside the declaration', () => {
  const manifest = buildManifest(toModel(declaration([identityOnly])), plan, checkPlan(plan));
  expect(undeclaredAccess(manifest, 'publisher').map((access) => [access.cloud, access.account, access.principal])).toEqual([
    ['aws', 'aws-prod', 'arn:aws:iam::111122223333:role/workload-iam/wiam-publisher'],
    ['azure', 'azure-prod', 'wiam-publisher'],
    ['gcp', 'gcp-prod', GCP_POOL],
  ]);
});

test('the rules judge an identity-only GCP member as any other: a pull_request identity is reported, bound or not', () => {
  const pullRequest = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', pullRequest: true } } as const;
  const findings = (grants: Record<string, { resource: string; access: string }[]>) =>
    checkPlan(compileWorkloads([{ name: 'previews', identities: [pullRequest], grants }])).filter((f) => f.rule === 'WIAM-GH-001' && f.account === 'gcp-prod');
  expect(findings({ 'gcp-prod': [] }).map((f) => f.severity)).toEqual(['warning']);
  // Safe neighbour of the verdict: bound with write access, the same member is an error.
  expect(findings({ 'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-web', access: 'readWrite' }] }).map((f) => f.severity)).toEqual(['error']);
});
