import { evaluateAwsTrust } from '../../lib/evaluate/aws-trust';
import { evaluateAzureCredential } from '../../lib/evaluate/azure';
import { evaluateGcpBinding } from '../../lib/evaluate/gcp';
import type { Token } from '../../lib/evaluate/token';
import type { Plan } from '../../lib/plan/plan';
import { awsAccountOf, azureAccountOf, compileIdentities, gcpAccountOf, GCP_POOL, type Cloud, type IdentityInput } from '../plan/fixtures';

// Our own compiled trust, run through the evaluators: the declared identity's token is accepted and tokens of
// other repositories, branches, environments, namespaces or audiences are not. Tokens are written from the
// providers' documented payloads (shared/reference/CLAIMS.md).

type Verdict = 'accepted' | 'rejected' | 'unsupported';

/** Accepted if any element admits the token; unsupported if one cannot be read; rejected otherwise. */
function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('accepted')) return 'accepted';
  return verdicts.includes('unsupported') ? 'unsupported' : 'rejected';
}

function onAws(plan: Plan, token: Token): Verdict {
  const account = awsAccountOf(plan);
  return overall(
    account.roles.map((role) => {
      const providers = account.oidcProviders.filter((provider) => role.oidcProviders.includes(provider.key));
      const clientIds = providers.length > 0 ? { clientIds: providers.flatMap((provider) => provider.clientIds) } : {};
      return evaluateAwsTrust(role.trustPolicy, token, { partition: account.partition, accountId: account.accountId, ...clientIds }).verdict;
    }),
  );
}

function onGcp(plan: Plan, token: Token): Verdict {
  const account = gcpAccountOf(plan);
  return overall(
    account.bindings.map((binding) => {
      const provider = account.providers.find((candidate) => candidate.id === binding.provider);
      return evaluateGcpBinding({ member: binding.member, poolName: account.pool.name, ...(provider ? { provider } : {}) }, token).verdict;
    }),
  );
}

function onAzure(plan: Plan, token: Token): Verdict {
  return overall(azureAccountOf(plan).federatedCredentials.map((credential) => evaluateAzureCredential(credential, token).verdict));
}

const EVALUATE: Readonly<Record<Cloud, (plan: Plan, token: Token) => Verdict>> = { aws: onAws, gcp: onGcp, azure: onAzure };

/** What a token needs in `aud` for each cloud: STS's audience, the GCP provider's resource name, Entra's exchange. */
function audienceFor(cloud: Cloud, plan: Plan, awsAudience: string): string {
  if (cloud === 'aws') return awsAudience;
  if (cloud === 'azure') return 'api://AzureADTokenExchange';
  const [provider] = gcpAccountOf(plan).providers;
  return `https://iam.googleapis.com/${GCP_POOL}/providers/${provider.id}`;
}

describe('GitHub Actions environment production of acme/web (owner id 65, repository id 74)', () => {
  const web = { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } as const;
  const identity: IdentityInput = { github: web };

  /** The documented payload shape, for this repository's production environment. */
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:acme/web:environment:production',
    environment: 'production',
    ref: 'refs/heads/main',
    ref_type: 'branch',
    repository: 'acme/web',
    repository_owner: 'acme',
    repository_id: '74',
    repository_owner_id: '65',
    event_name: 'workflow_dispatch',
    job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
  };

  const variants: readonly [string, Record<string, string>, Readonly<Record<Cloud, Verdict>>][] = [
    ['the declared environment', {}, { aws: 'accepted', gcp: 'accepted', azure: 'accepted' }],
    ['the immutable subject form', { sub: 'repo:acme@65/web@74:environment:production' }, { aws: 'accepted', gcp: 'accepted', azure: 'accepted' }],
    ['another environment', { sub: 'repo:acme/web:environment:staging', environment: 'staging' }, { aws: 'rejected', gcp: 'rejected', azure: 'rejected' }],
    ['a branch of the repository', { sub: 'repo:acme/web:ref:refs/heads/main' }, { aws: 'rejected', gcp: 'rejected', azure: 'rejected' }],
    ['a pull request', { sub: 'repo:acme/web:pull_request', event_name: 'pull_request' }, { aws: 'rejected', gcp: 'rejected', azure: 'rejected' }],
    [
      'another repository of the owner',
      { sub: 'repo:acme/api:environment:production', repository: 'acme/api', repository_id: '75' },
      { aws: 'rejected', gcp: 'rejected', azure: 'rejected' },
    ],
    // Entra matches the subject only: a re-registered name presenting the classic subject passes the classic
    // credential. The Plan records repository_id / repository_owner_id as unenforced claims for Azure.
    ['a recycled repository name', { repository_id: '9001', repository_owner_id: '9000' }, { aws: 'rejected', gcp: 'rejected', azure: 'accepted' }],
  ];

  describe.each(['aws', 'gcp', 'azure'] as const)('on %s', (cloud) => {
    const plan = compileIdentities(cloud, [identity]);
    const token = (overrides: Record<string, string>, aud = audienceFor(cloud, plan, 'sts.amazonaws.com')): Token => ({ claims: { ...claims, aud, ...overrides } });

    test.each(variants)('%s', (_name, overrides, expected) => {
      expect(EVALUATE[cloud](plan, token(overrides))).toBe(expected[cloud]);
    });

    test("GitHub's default audience is refused", () => {
      expect(EVALUATE[cloud](plan, token({}, 'https://github.com/acme'))).toBe('rejected');
    });

    test('a token of another issuer is refused', () => {
      expect(EVALUATE[cloud](plan, token({ iss: 'https://token.actions.githubusercontent.com/acme-enterprise' }))).toBe('rejected');
    });
  });

  test('on Azure, trusting only the immutable subject refuses the recycled name', () => {
    const plan = compileIdentities('azure', [{ github: { ...web, subjectFormat: 'immutable' } }]);
    const recycled = { claims: { ...claims, aud: 'api://AzureADTokenExchange', repository_id: '9001', repository_owner_id: '9000' } };
    expect(onAzure(plan, recycled)).toBe('rejected');
    expect(onAzure(plan, { claims: { ...recycled.claims, sub: 'repo:acme@65/web@74:environment:production' } })).toBe('accepted');
  });
});

describe('GitLab CI on branch main of acme/data/pipeline (project 4242, namespace 77, protected ref)', () => {
  const identity: IdentityInput = { gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } };

  const claims = {
    iss: 'https://gitlab.com',
    sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
    namespace_id: '77',
    namespace_path: 'acme/data',
    project_id: '4242',
    project_path: 'acme/data/pipeline',
    ref: 'main',
    ref_type: 'branch',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    pipeline_source: 'push',
    user_login: 'dev',
  };

  const variants: readonly [string, Record<string, string>, Readonly<Record<Cloud, Verdict>>][] = [
    ['the declared branch', {}, { aws: 'accepted', gcp: 'accepted', azure: 'accepted' }],
    [
      'another branch',
      { sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:dev', ref: 'dev', ref_path: 'refs/heads/dev' },
      { aws: 'rejected', gcp: 'rejected', azure: 'rejected' },
    ],
    ['a tag of the same name', { sub: 'project_path:acme/data/pipeline:ref_type:tag:ref:main', ref_type: 'tag' }, { aws: 'rejected', gcp: 'rejected', azure: 'rejected' }],
    [
      'another project of the namespace',
      { sub: 'project_path:acme/data/other:ref_type:branch:ref:main', project_path: 'acme/data/other', project_id: '4243' },
      { aws: 'rejected', gcp: 'rejected', azure: 'rejected' },
    ],
    // Entra cannot see ref_protected or the ids: those are recorded as unenforced claims for Azure.
    ['an unprotected ref', { ref_protected: 'false' }, { aws: 'rejected', gcp: 'rejected', azure: 'accepted' }],
    ['a recycled project path', { project_id: '9001', namespace_id: '9000' }, { aws: 'rejected', gcp: 'rejected', azure: 'accepted' }],
  ];

  describe.each(['aws', 'gcp', 'azure'] as const)('on %s', (cloud) => {
    const plan = compileIdentities(cloud, [identity]);
    const token = (overrides: Record<string, string>, aud = audienceFor(cloud, plan, 'sts.amazonaws.com')): Token => ({ claims: { ...claims, aud, ...overrides } });

    test.each(variants)('%s', (_name, overrides, expected) => {
      expect(EVALUATE[cloud](plan, token(overrides))).toBe(expected[cloud]);
    });

    test('another audience is refused', () => {
      expect(EVALUATE[cloud](plan, token({}, 'https://gitlab.com'))).toBe('rejected');
    });
  });
});

describe('HCP Terraform workspace networking-prod, apply phase', () => {
  const identity: IdentityInput = {
    terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'apply' },
  };
  const claims = {
    iss: 'https://app.terraform.io',
    sub: 'organization:acme:project:platform:workspace:networking-prod:run_phase:apply',
    terraform_organization_id: 'org-AbCdEf123456',
    terraform_organization_name: 'acme',
    terraform_project_name: 'platform',
    terraform_workspace_name: 'networking-prod',
    terraform_run_phase: 'apply',
  };

  describe.each(['aws', 'gcp', 'azure'] as const)('on %s', (cloud) => {
    const plan = compileIdentities(cloud, [identity]);
    const token = (overrides: Record<string, string>): Token => ({ claims: { ...claims, aud: audienceFor(cloud, plan, 'aws.workload.identity'), ...overrides } });

    test('the apply run is accepted, the plan run and another workspace are not', () => {
      expect(EVALUATE[cloud](plan, token({}))).toBe('accepted');
      expect(EVALUATE[cloud](plan, token({ sub: 'organization:acme:project:platform:workspace:networking-prod:run_phase:plan', terraform_run_phase: 'plan' }))).toBe('rejected');
      expect(EVALUATE[cloud](plan, token({ sub: 'organization:acme:project:platform:workspace:networking-dev:run_phase:apply', terraform_workspace_name: 'networking-dev' }))).toBe(
        'rejected',
      );
    });
  });

  test('on GCP, the organization id pins the tenant: a same-named organization is refused', () => {
    const plan = compileIdentities('gcp', [identity]);
    const squatter = { claims: { ...claims, aud: audienceFor('gcp', plan, ''), terraform_organization_id: 'org-Squatter999' } };
    expect(onGcp(plan, squatter)).toBe('rejected');
  });
});

describe('Kubernetes service account orders/orders-api', () => {
  test('EKS IRSA on AWS: the pod token (aud a list) is accepted, another namespace or service account is not', () => {
    const issuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const plan = compileIdentities('aws', [{ kubernetes: { issuer, namespace: 'orders', serviceAccount: 'orders-api', eks: { region: 'eu-west-1', cluster: 'prod-main' } } }]);
    const pod = (sub: string): Token => ({ claims: { 'iss': issuer, 'aud': ['sts.amazonaws.com'], sub, 'kubernetes.io': { namespace: 'orders' } } });
    expect(onAws(plan, pod('system:serviceaccount:orders:orders-api'))).toBe('accepted');
    expect(onAws(plan, pod('system:serviceaccount:default:orders-api'))).toBe('rejected');
    expect(onAws(plan, pod('system:serviceaccount:orders:default'))).toBe('rejected');
  });

  test('GKE on GCP: a pod of a cluster in the project is its member, another namespace is not', () => {
    const plan = compileIdentities('gcp', [
      { kubernetes: { namespace: 'orders', serviceAccount: 'orders-api', gke: { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'main' } } },
    ]);
    const pod = (sub: string): Token => ({
      claims: { iss: 'https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/main', aud: ['acme-prod.svc.id.goog'], sub },
    });
    expect(onGcp(plan, pod('system:serviceaccount:orders:orders-api'))).toBe('accepted');
    expect(onGcp(plan, pod('system:serviceaccount:payments:orders-api'))).toBe('rejected');
  });

  test('AKS on Azure: exact issuer and subject', () => {
    const issuer = 'https://westeurope.oic.prod-aks.azure.com/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/3f2e1d0c-b9a8-4765-8432-10fedcba9876/';
    const plan = compileIdentities('azure', [{ kubernetes: { issuer, namespace: 'orders', serviceAccount: 'orders-api', aks: true } }]);
    const pod = (sub: string, iss = issuer): Token => ({ claims: { iss, aud: ['api://AzureADTokenExchange'], sub } });
    expect(onAzure(plan, pod('system:serviceaccount:orders:orders-api'))).toBe('accepted');
    expect(onAzure(plan, pod('system:serviceaccount:orders:orders-api', issuer.slice(0, -1)))).toBe('rejected');
    expect(onAzure(plan, pod('system:serviceaccount:orders:orders-api-2'))).toBe('rejected');
  });
});
