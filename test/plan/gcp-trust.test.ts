import {
  AZURE_TENANT_ID,
  compileExample,
  compileIdentities,
  compileWorkloads,
  declarationErrorOf,
  evaluateConcatenation,
  gcpAccountOf,
  gcpProviderOf,
  GCP_POOL,
  GCP_PROJECT_NUMBER,
  READ_RESOURCE,
  SUBJECT_WORKLOAD,
  workload,
  type IdentityInput,
} from './fixtures';
import type { GcpAccountPlan, GcpProvider, Plan } from '../../lib/index';

// Expected members follow Workload Identity Federation's documented forms (shared/reference/CLAIMS.md):
// `principal://iam.googleapis.com/<pool>/subject/<google.subject>` and
// `principalSet://iam.googleapis.com/<pool>/attribute.<name>/<value>`. Mapped values carry the provider id as a
// prefix because google.subject is pool-wide; GitHub and GitLab members are composite attributes joining the
// immutable ids to the subject.

const IAM = 'iam.googleapis.com';
const subjectMember = (googleSubject: string) => `principal://${IAM}/${GCP_POOL}/subject/${googleSubject}`;
const attributeMember = (attribute: string, value: string) => `principalSet://${IAM}/${GCP_POOL}/attribute.${attribute}/${value}`;

interface Compiled {
  readonly plan: Plan;
  readonly account: GcpAccountPlan;
  /** The one provider the workload authenticates through. */
  readonly provider: GcpProvider;
  /** The members bound on the sample bucket, sorted. */
  readonly members: readonly string[];
}

function compileOnGcp(identities: readonly IdentityInput[]): Compiled {
  const plan = compileIdentities('gcp', identities);
  const account = gcpAccountOf(plan);
  expect(account.providers).toHaveLength(1);
  const provider = account.providers[0];
  for (const binding of account.bindings) {
    expect(binding).toEqual(
      expect.objectContaining({ resource: READ_RESOURCE.gcp, role: 'roles/storage.objectViewer', workload: SUBJECT_WORKLOAD, provider: provider.id }),
    );
  }
  return { plan, account, provider, members: account.bindings.map((b) => b.member).sort() };
}

describe('GitHub Actions on GCP', () => {
  const web = { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } as const;

  test('the provider pins the owner by repository_owner_id and members join repository_id to each subject form', () => {
    const { provider, members } = compileOnGcp([{ github: web }]);
    const id = provider.id;
    expect(provider).toEqual(
      expect.objectContaining({
        name: `${GCP_POOL}/providers/${id}`,
        type: 'oidc',
        issuer: 'https://token.actions.githubusercontent.com',
        allowedAudiences: [],
        attributeCondition: "assertion.repository_owner_id == '65'",
        workloads: [SUBJECT_WORKLOAD],
      }),
    );
    expect(provider.attributeMapping).toEqual(
      expect.objectContaining({
        'google.subject': `'${id}:' + assertion.sub`,
        'attribute.repository_subject': `'${id}:' + assertion.repository_id + ':' + assertion.sub`,
      }),
    );
    expect(members).toEqual([
      attributeMember('repository_subject', `${id}:74:repo:acme/web:environment:production`),
      attributeMember('repository_subject', `${id}:74:repo:acme@65/web@74:environment:production`),
    ]);
  });

  test('the members are what the provider maps the documented tokens to, in either subject form', () => {
    const { provider, members } = compileOnGcp([{ github: web }]);
    const token = {
      iss: 'https://token.actions.githubusercontent.com',
      repository: 'acme/web',
      repository_id: '74',
      repository_owner: 'acme',
      repository_owner_id: '65',
      environment: 'production',
      ref: 'refs/heads/main',
      job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
    };
    const mapped = ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'].map((sub) =>
      attributeMember('repository_subject', evaluateConcatenation(provider.attributeMapping['attribute.repository_subject'], { ...token, sub })),
    );
    expect(members).toEqual(mapped);
    const recycled = { ...token, repository_id: '75', sub: 'repo:acme/web:environment:production' };
    expect(members).not.toContain(
      attributeMember('repository_subject', evaluateConcatenation(provider.attributeMapping['attribute.repository_subject'], recycled)),
    );
  });

  test('a colon in the environment is encoded %3A in the member, as GitHub encodes it in sub', () => {
    const { provider, members } = compileOnGcp([{ github: { ...web, environment: 'prod:eu', subjectFormat: 'classic' } }]);
    expect(members).toEqual([attributeMember('repository_subject', `${provider.id}:74:repo:acme/web:environment:prod%3Aeu`)]);
  });

  test('ref and pull-request contexts become ref:<ref> and pull_request subjects', () => {
    const { provider, members } = compileOnGcp([
      { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', ref: 'refs/heads/main', subjectFormat: 'immutable' } },
      { github: { repository: 'acme/docs', ownerId: '65', repositoryId: '99', pullRequest: true, subjectFormat: 'immutable' } },
    ]);
    expect(members).toEqual([
      attributeMember('repository_subject', `${provider.id}:74:repo:acme@65/web@74:ref:refs/heads/main`),
      attributeMember('repository_subject', `${provider.id}:99:repo:acme@65/docs@99:pull_request`),
    ]);
  });

  test('a workflow pin joins job_workflow_ref into the member', () => {
    const workflow = 'acme/release-workflows/.github/workflows/publish.yml@refs/heads/main';
    const { provider, members } = compileOnGcp([
      { github: { repository: 'acme/api', ownerId: '65', repositoryId: '1296269', ref: 'refs/tags/v2.4.0', workflow, subjectFormat: 'immutable' } },
    ]);
    const mapping = provider.attributeMapping['attribute.repository_workflow_subject'];
    expect(mapping).toBe(`'${provider.id}:' + assertion.repository_id + ':' + assertion.job_workflow_ref + ':' + assertion.sub`);
    const value = `${provider.id}:1296269:${workflow}:repo:acme@65/api@1296269:ref:refs/tags/v2.4.0`;
    expect(members).toEqual([attributeMember('repository_workflow_subject', value)]);
    expect(
      evaluateConcatenation(mapping, { repository_id: '1296269', job_workflow_ref: workflow, sub: 'repo:acme@65/api@1296269:ref:refs/tags/v2.4.0' }),
    ).toBe(value);
  });

  test('an enterprise slug selects the enterprise issuer, still pinned by owner id', () => {
    const { provider } = compileOnGcp([{ github: { ...web, enterpriseSlug: 'acme-corp' } }]);
    expect(provider.issuer).toBe('https://token.actions.githubusercontent.com/acme-corp');
    expect(provider.attributeCondition).toBe("assertion.repository_owner_id == '65'");
  });

  test('owners with different ids get different providers, each pinned to its own owner', () => {
    const plan = compileIdentities('gcp', [
      { github: web },
      { github: { repository: 'partner/tool', ownerId: '4711', repositoryId: '8', environment: 'production' } },
    ]);
    const conditions = gcpAccountOf(plan).providers.map((p) => p.attributeCondition).sort();
    expect(conditions).toEqual(["assertion.repository_owner_id == '4711'", "assertion.repository_owner_id == '65'"]);
    for (const binding of gcpAccountOf(plan).bindings) {
      const provider = gcpProviderOf(plan, binding.provider!);
      const ownerId = binding.member.includes(':8:') ? '4711' : '65';
      expect(provider.attributeCondition).toBe(`assertion.repository_owner_id == '${ownerId}'`);
    }
  });

  test('a GitHub identity without immutable ids is refused', () => {
    const error = declarationErrorOf(() => compileIdentities('gcp', [{ github: { repository: 'acme/web', environment: 'production' } }]));
    expect(error.message).toBe(
      'workloads[0].identities[0].github.ownerId: GCP pins GitHub by immutable ids: ownerId and repositoryId are required (needed by the grants in gcp account "gcp-prod")',
    );
  });
});

describe('GitLab CI on GCP', () => {
  const pipeline = { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } as const;
  const sub = 'project_path:acme/data/pipeline:ref_type:branch:ref:main';

  test('gitlab.com is pinned by namespace_id; the member joins project_id and ref_protected to the subject', () => {
    const { provider, members } = compileOnGcp([{ gitlab: pipeline }]);
    expect(provider).toEqual(
      expect.objectContaining({ issuer: 'https://gitlab.com', allowedAudiences: [], attributeCondition: "assertion.namespace_id == '77'" }),
    );
    expect(members).toEqual([attributeMember('project_ref', `${provider.id}:4242:true:${sub}`)]);
    const token = { project_id: '4242', ref_protected: 'true', sub, namespace_id: '77' };
    expect(attributeMember('project_ref', evaluateConcatenation(provider.attributeMapping['attribute.project_ref'], token))).toBe(members[0]);
  });

  test('an unprotected ref is admitted whether or not the ref is protected', () => {
    const { provider, members } = compileOnGcp([{ gitlab: { ...pipeline, protectedRef: false } }]);
    expect(members).toEqual([
      attributeMember('project_ref', `${provider.id}:4242:false:${sub}`),
      attributeMember('project_ref', `${provider.id}:4242:true:${sub}`),
    ]);
  });

  test('an environment is joined into the member', () => {
    const { provider, members } = compileOnGcp([{ gitlab: { ...pipeline, environment: 'production' } }]);
    expect(members).toEqual([attributeMember('project_environment_ref', `${provider.id}:4242:true:production:${sub}`)]);
  });

  test('a self-managed host is its own issuer, still pinned by namespace_id', () => {
    const { provider } = compileOnGcp([{ gitlab: { ...pipeline, host: 'https://gitlab.acme.example' } }]);
    expect(provider.issuer).toBe('https://gitlab.acme.example');
    expect(provider.attributeCondition).toBe("assertion.namespace_id == '77'");
  });
});

describe('Kubernetes service accounts on GCP', () => {
  test('a GKE service account is the principal of the cluster project\'s PROJECT.svc.id.goog pool, with no provider', () => {
    const plan = compileIdentities('gcp', [
      {
        kubernetes: {
          namespace: 'analytics',
          serviceAccount: 'spark',
          gke: { projectId: 'acme-prod', projectNumber: GCP_PROJECT_NUMBER, location: 'europe-west1', cluster: 'analytics' },
        },
      },
    ]);
    const account = gcpAccountOf(plan);
    expect(account.providers).toEqual([]);
    expect(account.bindings.map((b) => b.member)).toEqual([
      `principal://iam.googleapis.com/projects/${GCP_PROJECT_NUMBER}/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/analytics/sa/spark`,
    ]);
  });

  test('a GKE cluster in another project uses that project\'s number and pool', () => {
    const plan = compileIdentities('gcp', [
      {
        kubernetes: {
          namespace: 'ci',
          serviceAccount: 'runner',
          gke: { projectId: 'acme-build', projectNumber: '987654321098', location: 'europe-west1', cluster: 'ci' },
        },
      },
    ]);
    expect(gcpAccountOf(plan).bindings.map((b) => b.member)).toEqual([
      'principal://iam.googleapis.com/projects/987654321098/locations/global/workloadIdentityPools/acme-build.svc.id.goog/subject/ns/ci/sa/runner',
    ]);
  });

  test.each([
    ['EKS IRSA', { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', eks: { region: 'eu-west-1', cluster: 'prod-main' } }],
    ['AKS', { issuer: `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`, aks: true as const }],
    ['a generic cluster', { issuer: 'https://k8s.acme.example' }],
  ])('%s: the provider admits only the declared service account and the member is its exact subject', (_flavour, cluster) => {
    const { provider, members } = compileOnGcp([{ kubernetes: { namespace: 'orders', serviceAccount: 'orders-api', ...cluster } }]);
    expect(provider.issuer).toBe(cluster.issuer);
    expect(provider.allowedAudiences).toEqual([]);
    expect(provider.attributeCondition).toBe("assertion.sub == 'system:serviceaccount:orders:orders-api'");
    expect(members).toEqual([subjectMember(`${provider.id}:system:serviceaccount:orders:orders-api`)]);
    expect(evaluateConcatenation(provider.attributeMapping['google.subject'], { sub: 'system:serviceaccount:orders:orders-api' })).toBe(
      `${provider.id}:system:serviceaccount:orders:orders-api`,
    );
  });

  test('EKS Pod Identity is refused: it reaches AWS only', () => {
    const error = declarationErrorOf(() =>
      compileIdentities('gcp', [
        { kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].kubernetes.eks: EKS Pod Identity reaches AWS only; use IRSA (the cluster issuer) for other clouds (needed by the grants in gcp account "gcp-prod")',
    );
  });
});

describe('HCP Terraform on GCP', () => {
  test('the provider pins terraform_organization_id and the member is the workspace run-phase subject', () => {
    const { provider, members } = compileOnGcp([
      { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'apply' } },
    ]);
    expect(provider.issuer).toBe('https://app.terraform.io');
    expect(provider.attributeCondition).toBe("assertion.terraform_organization_id == 'org-AbCdEf123456'");
    expect(members).toEqual([subjectMember(`${provider.id}:organization:acme:project:platform:workspace:networking-prod:run_phase:apply`)]);
  });
});

describe('SPIFFE on GCP', () => {
  test('a JWT-SVID is admitted with its declared audience and exact SPIFFE ID', () => {
    const { provider, members } = compileOnGcp([
      { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    ]);
    expect(provider.issuer).toBe('https://oidc.mesh.acme.internal');
    expect(provider.allowedAudiences).toEqual(['workload-iam']);
    expect(provider.attributeCondition).toBe("assertion.sub == 'spiffe://mesh.acme.internal/ns/edge/sa/gateway'");
    expect(members).toEqual([subjectMember(`${provider.id}:spiffe://mesh.acme.internal/ns/edge/sa/gateway`)]);
  });

  test('an X.509-SVID is refused: it federates through IAM Roles Anywhere only', () => {
    const error = declarationErrorOf(() =>
      compileIdentities('gcp', [
        {
          spiffe: {
            id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy',
            x509: { awsTrustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
          },
        },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].spiffe.x509: X.509-SVIDs federate through AWS IAM Roles Anywhere only; use a JWT-SVID (jwtIssuer + audience) (needed by the grants in gcp account "gcp-prod")',
    );
  });
});

describe('generic OIDC on GCP', () => {
  test('extra claims are pinned in the condition next to the subject', () => {
    const { provider, members } = compileOnGcp([
      { oidc: { issuer: 'https://login.partner.example', audience: 'acme-partner-sync', subject: 'job:acme-sync', claims: { tenant: 'acme', region: 'eu' } } },
    ]);
    expect(provider.allowedAudiences).toEqual(['acme-partner-sync']);
    expect(provider.attributeCondition).toBe("(assertion.sub == 'job:acme-sync' && assertion.region == 'eu' && assertion.tenant == 'acme')");
    expect(members).toEqual([subjectMember(`${provider.id}:job:acme-sync`)]);
  });

  test('two workloads admitting one subject with different claim pins are refused (one member cannot tell them apart)', () => {
    const error = declarationErrorOf(() =>
      compileWorkloads([
        workload('pinned', [{ oidc: { issuer: 'https://login.partner.example', audience: 'acme', subject: 'job:sync', claims: { tenant: 'acme' } } }], ['gcp']),
        workload('unpinned', [{ oidc: { issuer: 'https://login.partner.example', audience: 'acme', subject: 'job:sync' } }], ['gcp']),
      ]),
    );
    // Both are refused, each naming the other: the outcome does not depend on which workload comes first.
    expect(error.message.split('\n')).toEqual([
      'workloads[0].identities[0]: admits the same subject as workload "unpinned" (identities[0]) from the same issuer but pins different claims; GCP members cannot tell them apart, so give each a distinct subject',
      'workloads[1].identities[0]: admits the same subject as workload "pinned" (identities[0]) from the same issuer but pins different claims; GCP members cannot tell them apart, so give each a distinct subject',
    ]);
  });

  test('quotes in a subject are escaped in the CEL condition', () => {
    const { provider } = compileOnGcp([{ oidc: { issuer: 'https://login.partner.example', audience: 'acme', subject: "o'brien\\job" } }]);
    expect(provider.attributeCondition).toBe("assertion.sub == 'o\\'brien\\\\job'");
  });
});

describe('other clouds\' identities on GCP', () => {
  test('an AWS role is admitted through an aws-type provider as the principalSet of its assumed-role ARN', () => {
    const { provider, members } = compileOnGcp([{ awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' } }]);
    expect(provider).toEqual(
      expect.objectContaining({ type: 'aws', awsAccountId: '444455556666', attributeCondition: "assertion.arn.startsWith('arn:aws:sts::444455556666:')" }),
    );
    expect(provider.issuer).toBeUndefined();
    expect(members).toEqual([attributeMember('aws_role', `${provider.id}:arn:aws:sts::444455556666:assumed-role/cost-reporter`)]);
    expect(members[0].endsWith('arn:aws:sts::444455556666:assumed-role/cost-reporter')).toBe(true);
  });

  test('a GCP service account is bound as serviceAccount:<email>, with no provider', () => {
    const plan = compileIdentities('gcp', [
      { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
    ]);
    expect(gcpAccountOf(plan).providers).toEqual([]);
    expect(gcpAccountOf(plan).bindings.map((b) => b.member)).toEqual(['serviceAccount:audit-collector@acme-prod.iam.gserviceaccount.com']);
  });

  test('an Azure managed identity is admitted through sts.windows.net/<tenant>/, pinned by tid, as its object id', () => {
    const { provider, members } = compileOnGcp([
      { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', audience: 'api://acme-cost-reporter' } },
    ]);
    expect(provider).toEqual(
      expect.objectContaining({
        issuer: `https://sts.windows.net/${AZURE_TENANT_ID}/`,
        allowedAudiences: ['api://acme-cost-reporter'],
        attributeCondition: `assertion.tid == '${AZURE_TENANT_ID}'`,
      }),
    );
    expect(members).toEqual([subjectMember(`${provider.id}:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a`)]);
  });
});

describe('GCP invariants', () => {
  const example = compileExample();
  const everyKind = compileIdentities('gcp', [
    { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
    { gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } },
    { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } },
    { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'dns', runPhase: 'apply' } },
    { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    { oidc: { issuer: 'https://login.partner.example', audience: 'acme', subject: 'job:sync' } },
    { awsRole: { arn: 'arn:aws:iam::444455556666:role/cost-reporter' } },
    { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' } },
  ]);
  const accounts = [...Object.values(example.gcp), ...Object.values(everyKind.gcp)];
  const providers = accounts.flatMap((account) => account.providers);
  const bindings = accounts.flatMap((account) => account.bindings);

  test('the fixtures exercise one provider per federated kind', () => {
    expect(gcpAccountOf(everyKind).providers).toHaveLength(8);
  });

  test('every provider has a non-empty attribute condition', () => {
    for (const provider of providers) expect(provider.attributeCondition.trim()).not.toBe('');
  });

  test('shared issuers are pinned by the tenant\'s immutable id', () => {
    const pins: Record<string, RegExp> = {
      'https://token.actions.githubusercontent.com': /^assertion\.repository_owner_id == '[0-9]+'$/,
      'https://gitlab.com': /^assertion\.namespace_id == '[0-9]+'$/,
      'https://app.terraform.io': /^assertion\.terraform_organization_id == 'org-[A-Za-z0-9]+'$/,
    };
    const shared = providers.filter((p) => p.issuer !== undefined && pins[p.issuer] !== undefined);
    expect(new Set(shared.map((p) => p.issuer)).size).toBe(3);
    for (const provider of shared) expect(provider.attributeCondition).toMatch(pins[provider.issuer!]);
  });

  test('provider ids are 4-32 characters of [a-z0-9-] and never start with gcp-', () => {
    for (const provider of providers) {
      expect(provider.id).toMatch(/^[a-z0-9-]{4,32}$/);
      expect(provider.id.startsWith('gcp-')).toBe(false);
      expect(provider.name.endsWith(`/providers/${provider.id}`)).toBe(true);
    }
  });

  test('every google.subject mapping is prefixed by its provider id', () => {
    for (const provider of providers) expect(provider.attributeMapping['google.subject']).toMatch(new RegExp(`^'${provider.id}:' \\+ `));
  });

  test('no binding admits a whole pool, owner or repository', () => {
    expect(bindings.length).toBeGreaterThan(0);
    const exactAttributes = ['repository_subject', 'repository_workflow_subject', 'project_ref', 'project_environment_ref', 'aws_role'];
    for (const { member } of bindings) {
      expect(member).not.toMatch(/\/\*$/);
      expect(member).not.toMatch(/\/attribute\.(repository|repository_id|repository_owner|repository_owner_id|namespace_id|project_id)\//);
      const principalSet = /^principalSet:\/\/iam\.googleapis\.com\/projects\/[0-9]+\/locations\/global\/workloadIdentityPools\/[^/]+\/attribute\.([a-z_]+)\/(.+)$/.exec(member);
      if (principalSet) {
        expect(exactAttributes).toContain(principalSet[1]);
      } else {
        expect(member).toMatch(/^(principal:\/\/iam\.googleapis\.com\/projects\/[0-9]+\/locations\/global\/workloadIdentityPools\/[^/]+\/subject\/.+|serviceAccount:.+)$/);
      }
    }
  });

  test('GitHub and GitLab principalSets name the identity\'s subject, not only its repository or project', () => {
    const composite = bindings.filter((b) => /attribute\.(repository_|project_)/.test(b.member));
    expect(composite.length).toBeGreaterThan(0);
    for (const { member } of composite) expect(member).toMatch(/:(repo:[^/]+\/[^:]+:(environment|ref|pull_request)|project_path:.+:ref_type:(branch|tag):ref:.+)/);
  });

  test('every federated binding names a provider of its account', () => {
    for (const account of accounts) {
      const ids = new Set(account.providers.map((p) => p.id));
      for (const binding of account.bindings) {
        if (binding.provider !== undefined) expect(ids.has(binding.provider)).toBe(true);
      }
    }
  });
});
