import {
  compileWorkloads,
  declaration,
  declarationErrorOf,
  gcpAccountOf,
  GCP_POOL,
  GCP_PROJECT_ID,
  READ_RESOURCE,
  workload,
  type IdentityInput,
} from './fixtures';
import { explainToken } from '../../lib/explain/explain';
import { buildManifest, checkPlan, toModel, type GcpBinding } from '../../lib/index';
import { whoCanReach } from '../../lib/manifest/queries';

// Service-account impersonation (SPEC §1): the workload's exact federated members hold roles/iam.workloadIdentityUser
// on a service account of their own, which holds the grants. Member forms and the service account's resource name are
// written from Google's documentation: `principalSet://iam.googleapis.com/<pool>/attribute.<name>/<value>` and
// `//iam.googleapis.com/projects/<project>/serviceAccounts/<email>`, with emails `<id>@<project>.iam.gserviceaccount.com`.

const web: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', subjectFormat: 'classic' } };
const EMAIL = `wiam-web-deploy@${GCP_PROJECT_ID}.iam.gserviceaccount.com`;
const SERVICE_ACCOUNT = `//iam.googleapis.com/projects/${GCP_PROJECT_ID}/serviceAccounts/${EMAIL}`;
const impersonating = (name = 'web-deploy', identities: readonly IdentityInput[] = [web]) => workload(name, identities, ['gcp'], { impersonate: ['gcp-prod'] });

const byKind = (bindings: readonly GcpBinding[], binds: GcpBinding['binds']) => bindings.filter((binding) => binding.binds === binds);

describe('the Plan of an impersonating workload', () => {
  const plan = compileWorkloads([impersonating()]);
  const account = gcpAccountOf(plan);

  test('holds the service account, named from the workload', () => {
    expect(account.serviceAccounts).toEqual([
      { key: 'web-deploy', accountId: 'wiam-web-deploy', email: EMAIL, resource: SERVICE_ACCOUNT, displayName: 'workload-iam: web-deploy', workload: 'web-deploy', reason: 'declared' },
    ]);
  });

  test('binds the exact member, and only it, as workloadIdentityUser on the service account', () => {
    const provider = account.providers[0].id;
    expect(byKind(account.bindings, 'impersonation').map(({ resource, role, member, provider: via, claims }) => ({ resource, role, member, via, claims }))).toEqual([
      {
        resource: SERVICE_ACCOUNT,
        role: 'roles/iam.workloadIdentityUser',
        member: `principalSet://iam.googleapis.com/${GCP_POOL}/attribute.repository_subject/${provider}:74:repo:acme/web:environment:production`,
        via: provider,
        claims: { sub: 'repo:acme/web:environment:production', repository_id: '74' },
      },
    ]);
  });

  test('binds the grants to the service account, never to the federated member', () => {
    expect(byKind(account.bindings, 'serviceAccount').map(({ resource, role, member }) => ({ resource, role, member }))).toEqual([
      { resource: READ_RESOURCE.gcp, role: 'roles/storage.objectViewer', member: `serviceAccount:${EMAIL}` },
    ]);
    expect(account.bindings.filter((binding) => binding.resource === READ_RESOURCE.gcp && binding.member.startsWith('principal'))).toEqual([]);
    expect(account.bindings.filter((binding) => binding.binds === undefined)).toEqual([]);
  });

  test('the manifest names the service account as the principal, its grants as permissions, the member as trust', () => {
    const manifest = buildManifest(toModel(declaration([impersonating()])), plan, checkPlan(plan));
    const access = manifest.workloads['web-deploy'].access['gcp-prod'];
    expect(access.principal).toBe(`serviceAccount:${EMAIL}`);
    expect(access.permissions).toEqual([{ grant: 0, resources: [READ_RESOURCE.gcp], role: 'roles/storage.objectViewer' }]);
    expect(access.trust.map((trust) => trust.identities)).toEqual([[0]]);
    expect(whoCanReach(manifest, READ_RESOURCE.gcp).map((reach) => [reach.workload, reach.principal])).toEqual([['web-deploy', `serviceAccount:${EMAIL}`]]);
  });
});

describe('explain through impersonation', () => {
  const plan = compileWorkloads([impersonating(), workload('docs', [{ github: { repository: 'acme/docs', ownerId: '65', repositoryId: '75', environment: 'production' } }], ['gcp'])]);
  const provider = gcpAccountOf(plan).providers[0];
  const token = (overrides: Record<string, string> = {}) => ({
    claims: {
      iss: 'https://token.actions.githubusercontent.com',
      aud: `https://iam.googleapis.com/${provider.name}`,
      sub: 'repo:acme/web:environment:production',
      repository: 'acme/web',
      repository_owner: 'acme',
      repository_owner_id: '65',
      repository_id: '74',
      environment: 'production',
      job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
      ...overrides,
    },
  });

  test('the declared identity impersonates the service account and reaches its grants', () => {
    const matches = explainToken(plan, token());
    expect(matches.map((match) => [match.workload, match.via.endsWith(`impersonating serviceAccount:${EMAIL}`), match.reaches])).toEqual([
      ['web-deploy', true, [{ resources: [READ_RESOURCE.gcp], role: 'roles/storage.objectViewer' }]],
    ]);
    expect(matches[0].reason).toContain(`holds roles/iam.workloadIdentityUser on ${EMAIL}`);
  });

  test('a neighbour cannot: another environment, a recycled repository id, another repository of the owner', () => {
    expect(explainToken(plan, token()).map((match) => match.workload)).toEqual(['web-deploy']);
    const neighbours: Record<string, string>[] = [
      { sub: 'repo:acme/web:environment:staging', environment: 'staging' },
      { repository_id: '99' },
      { sub: 'repo:acme/web-fork:environment:production', repository: 'acme/web-fork', repository_id: '76' },
    ];
    for (const overrides of neighbours) {
      expect(explainToken(plan, token(overrides)).filter((match) => match.workload === 'web-deploy')).toEqual([]);
    }
  });
});

describe('who may impersonate, and where', () => {
  test('only GCP accounts the workload has grants for; each once', () => {
    const problems = (impersonate: string[], grants = { 'gcp-prod': [{ resource: READ_RESOURCE.gcp, access: 'read' }] }) =>
      declarationErrorOf(() => toModel(declaration([{ name: 'web-deploy', identities: [web], grants, impersonate }]))).message.split('\n');
    expect(problems(['gcp-prod', 'gcp-prod'])).toEqual(['workloads[0].impersonate[1]: "gcp-prod" is listed twice']);
    expect(problems(['aws-prod'])).toEqual(['workloads[0].impersonate[0]: "aws-prod" is a aws account: only GCP workloads act through a service account they impersonate']);
    expect(problems(['gcp-stage'])).toEqual(['workloads[0].impersonate[0]: unknown account "gcp-stage" (GCP accounts: gcp-prod)']);
    expect(problems(['gcp-prod'], {} as never)).toEqual([
      'workloads[0].impersonate[0]: the workload has no grants for "gcp-prod"; add `grants: { gcp-prod: [...] }` (an empty list for a service account granted outside the declaration)',
    ]);
  });

  test('a workload with only a Google service account identity has nobody to impersonate with: refused', () => {
    const serviceAccountOnly: IdentityInput = { gcpServiceAccount: { email: 'ci-runner@acme-ci.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } };
    expect(declarationErrorOf(() => compileWorkloads([impersonating('web-deploy', [serviceAccountOnly])])).message).toBe(
      'workloads[0].impersonate[0]: the workload has no federated identity in "gcp-prod" that could impersonate a service account; its service-account identities are granted directly',
    );
  });

  test('safe neighbour: a Google service account identity beside a federated one is bound directly, the federated one impersonates', () => {
    const serviceAccount: IdentityInput = { gcpServiceAccount: { email: 'ci-runner@acme-ci.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } };
    const account = gcpAccountOf(compileWorkloads([impersonating('web-deploy', [web, serviceAccount])]));
    expect(account.bindings.filter((binding) => binding.resource === READ_RESOURCE.gcp).map((binding) => binding.member).sort()).toEqual([
      'serviceAccount:ci-runner@acme-ci.iam.gserviceaccount.com',
      `serviceAccount:${EMAIL}`,
    ]);
  });

  test('an identity-only workload gets its service account with no grants, for grants made through the engine', () => {
    const account = gcpAccountOf(compileWorkloads([{ name: 'web-deploy', identities: [web], grants: { 'gcp-prod': [] }, impersonate: ['gcp-prod'] }]));
    expect(account.serviceAccounts.map((serviceAccount) => serviceAccount.email)).toEqual([EMAIL]);
    expect(account.bindings.map((binding) => [binding.binds, binding.role, binding.writes])).toEqual([['impersonation', 'roles/iam.workloadIdentityUser', false]]);
  });

  test('safe neighbour: without impersonate, members are bound directly and no service account exists', () => {
    const account = gcpAccountOf(compileWorkloads([workload('web-deploy', [web], ['gcp'])]));
    expect(account.serviceAccounts).toEqual([]);
    expect(account.bindings.map((binding) => [binding.binds, binding.member.startsWith('principalSet://')])).toEqual([[undefined, true]]);
  });
});

describe('service account ids', () => {
  const idOf = (name: string) => gcpAccountOf(compileWorkloads([impersonating(name)])).serviceAccounts[0].accountId;

  test('are the workload name behind the prefix while it fits 30 characters', () => {
    expect(idOf('ab')).toBe('wiam-ab');
    expect(idOf('a'.repeat(25))).toBe(`wiam-${'a'.repeat(25)}`);
  });

  test('longer, or ending in a hyphen, they keep the start and a digest of the whole name: valid, unique, at most 30', () => {
    const ids = ['a'.repeat(26), `${'a'.repeat(26)}b`, `${'a'.repeat(39)}c`, 'web-', 'web-deploy-'].map(idOf);
    for (const id of ids) expect(id).toMatch(/^[a-z]([-a-z0-9]{4,28})[a-z0-9]$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0].startsWith(`wiam-${'a'.repeat(16)}-`)).toBe(true);
  });

  test('do not depend on other workloads', () => {
    const alone = gcpAccountOf(compileWorkloads([impersonating()])).serviceAccounts;
    const withOthers = gcpAccountOf(compileWorkloads([impersonating('aaa'), impersonating(), impersonating('zzz')])).serviceAccounts;
    expect(withOthers.find((serviceAccount) => serviceAccount.workload === 'web-deploy')).toEqual(alone[0]);
  });
});

describe('the rules on impersonation', () => {
  test('judge the service account grants as permissions, and never the workloadIdentityUser binding itself', () => {
    const plan = compileWorkloads([
      workload('web-deploy', [web], ['gcp'], {
        impersonate: ['gcp-prod'],
        grants: { 'gcp-prod': [{ resource: READ_RESOURCE.gcp, role: 'roles/storage.admin', justification: 'the deploy job rotates bucket settings' }] },
      }),
    ]);
    const findings = checkPlan(plan);
    expect(findings.filter((finding) => finding.resource?.includes('serviceAccounts/'))).toEqual([]);
    expect(findings.some((finding) => finding.resource === READ_RESOURCE.gcp)).toBe(true);
  });

  test('judge the impersonating member as trust: a pull_request identity that leads to writes is refused', () => {
    const pullRequest: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', pullRequest: true } };
    const plan = compileWorkloads([
      workload('web-deploy', [pullRequest], ['gcp'], { impersonate: ['gcp-prod'], grants: { 'gcp-prod': [{ resource: READ_RESOURCE.gcp, access: 'readWrite' }] } }),
    ]);
    expect(checkPlan(plan).filter((finding) => finding.severity === 'error' && finding.rule === 'WIAM-GH-001').map((finding) => finding.workload)).toEqual(['web-deploy']);
  });
});
