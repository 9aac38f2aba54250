import {
  AWS_ACCOUNT_ID,
  AZURE_TENANT_ID,
  awsAccountOf,
  awsRoleOf,
  compileExample,
  compileIdentities,
  declarationErrorOf,
  exampleDeclaration,
  type IdentityInput,
} from './fixtures';
import { compile, toModel, type PolicyStatement } from '../../lib/index';

// Expected trust is written from the providers' documentation (shared/reference/CLAIMS.md, SPEC §4):
// AWS STS names an OIDC provider after the issuer's host and path, and its condition keys are `<host/path>:<claim>`.

const GITHUB = 'token.actions.githubusercontent.com';
const providerArn = (hostAndPath: string) => `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${hostAndPath}`;

/** The trust statements of the single compiled workload. */
function trustOf(identities: readonly IdentityInput[]): readonly PolicyStatement[] {
  const role = awsRoleOf(compileIdentities('aws', identities));
  expect(role.trustPolicy.Version).toBe('2012-10-17');
  return role.trustPolicy.Statement;
}

function webIdentity(hostAndPath: string, equals: Record<string, string | string[]>): PolicyStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: providerArn(hostAndPath) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: equals },
  };
}

describe('GitHub Actions on AWS', () => {
  test('an environment with immutable ids pins aud, both subject forms, repository_id and repository_owner_id', () => {
    const plan = compileIdentities('aws', [
      { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
    ]);
    const role = awsRoleOf(plan);
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      }),
    ]);
    expect(role.oidcProviders).toEqual([GITHUB]);
    expect(role.unenforcedClaims).toEqual([]);
    expect(awsAccountOf(plan).oidcProviders).toEqual([
      {
        key: GITHUB,
        url: 'https://token.actions.githubusercontent.com',
        issuerKind: 'github',
        arn: providerArn(GITHUB),
        clientIds: ['sts.amazonaws.com'],
      },
    ]);
  });

  test('a colon inside an environment name is encoded %3A in the subject', () => {
    expect(trustOf([{ github: { repository: 'acme/web', environment: 'prod:eu' } }])).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:acme/web:environment:prod%3Aeu',
      }),
    ]);
  });

  test('without immutable ids only the classic subject is trusted and no id condition is added', () => {
    expect(trustOf([{ github: { repository: 'acme/web', environment: 'production' } }])).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:acme/web:environment:production',
      }),
    ]);
  });

  test('a branch ref is trusted as repo:O/R:ref:refs/heads/B', () => {
    expect(trustOf([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', ref: 'refs/heads/main' } }])).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/web:ref:refs/heads/main', 'repo:acme@65/web@74:ref:refs/heads/main'],
      }),
    ]);
  });

  test('a tag ref is trusted as repo:O/R:ref:refs/tags/T', () => {
    expect(trustOf([{ github: { repository: 'acme/api', ref: 'refs/tags/v2.4.0' } }])).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:acme/api:ref:refs/tags/v2.4.0',
      }),
    ]);
  });

  test('pull requests are trusted as repo:O/R:pull_request', () => {
    expect(trustOf([{ github: { repository: 'acme/docs', ownerId: '65', repositoryId: '99', pullRequest: true } }])).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '99',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/docs:pull_request', 'repo:acme@65/docs@99:pull_request'],
      }),
    ]);
  });

  test('subjectFormat immutable trusts only repo:O@OWNER_ID/R@REPO_ID and keeps the id conditions', () => {
    expect(
      trustOf([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', subjectFormat: 'immutable' } }]),
    ).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: 'repo:acme@65/web@74:environment:production',
      }),
    ]);
  });

  test('subjectFormat classic with ids trusts only the name-based subject, still pinned to the ids', () => {
    expect(
      trustOf([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', subjectFormat: 'classic' } }]),
    ).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: 'repo:acme/web:environment:production',
      }),
    ]);
  });

  test('a workflow pin becomes a job_workflow_ref condition', () => {
    const workflow = 'acme/release-workflows/.github/workflows/publish.yml@refs/heads/main';
    expect(
      trustOf([{ github: { repository: 'acme/api', ownerId: '65', repositoryId: '1296269', ref: 'refs/tags/v2.4.0', workflow } }]),
    ).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:job_workflow_ref`]: workflow,
        [`${GITHUB}:repository_id`]: '1296269',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/api:ref:refs/tags/v2.4.0', 'repo:acme@65/api@1296269:ref:refs/tags/v2.4.0'],
      }),
    ]);
  });

  test('an enterprise slug selects the issuer https://token.actions.githubusercontent.com/<slug> and its provider', () => {
    const plan = compileIdentities('aws', [
      { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', enterpriseSlug: 'acme-corp' } },
    ]);
    const issuer = `${GITHUB}/acme-corp`;
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      webIdentity(issuer, {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:repository_id`]: '74',
        [`${issuer}:repository_owner_id`]: '65',
        [`${issuer}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      }),
    ]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => [p.url, p.arn])).toEqual([
      ['https://token.actions.githubusercontent.com/acme-corp', providerArn(issuer)],
    ]);
  });

  test('a GHE.com issuer keeps the GitHub id condition keys', () => {
    const issuer = 'token.actions.octocorp.ghe.com';
    expect(
      trustOf([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', issuer: `https://${issuer}` } }]),
    ).toEqual([
      webIdentity(issuer, {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:repository_id`]: '74',
        [`${issuer}:repository_owner_id`]: '65',
        [`${issuer}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      }),
    ]);
  });

  test('a GitHub Enterprise Server issuer has only aud and sub keys; the ids are recorded as unenforced', () => {
    const role = awsRoleOf(
      compileIdentities('aws', [
        { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', issuer: 'https://ghes.acme.example/_services/token' } },
      ]),
    );
    const issuer = 'ghes.acme.example/_services/token';
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity(issuer, {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      }),
    ]);
    expect(role.unenforcedClaims).toEqual([
      { identity: 0, claim: 'repository_id', value: '74' },
      { identity: 0, claim: 'repository_owner_id', value: '65' },
    ]);
  });
});

describe('GitLab CI on AWS', () => {
  const pipeline = { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } as const;

  test('gitlab.com pins aud, sub, project_id, namespace_id and ref_protected', () => {
    const role = awsRoleOf(compileIdentities('aws', [{ gitlab: pipeline }]));
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity('gitlab.com', {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:namespace_id': '77',
        'gitlab.com:project_id': '4242',
        'gitlab.com:ref_protected': 'true',
        'gitlab.com:sub': 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
      }),
    ]);
    expect(role.unenforcedClaims).toEqual([]);
  });

  test('an environment, which STS cannot condition on, is recorded as unenforced', () => {
    const role = awsRoleOf(compileIdentities('aws', [{ gitlab: { ...pipeline, environment: 'production' } }]));
    expect(role.unenforcedClaims).toEqual([{ identity: 0, claim: 'environment', value: 'production' }]);
  });

  test('protectedRef false drops the ref_protected condition; a tag ref is ref_type:tag', () => {
    expect(trustOf([{ gitlab: { ...pipeline, ref: 'v1.0.0', refType: 'tag', protectedRef: false } }])).toEqual([
      webIdentity('gitlab.com', {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:namespace_id': '77',
        'gitlab.com:project_id': '4242',
        'gitlab.com:sub': 'project_path:acme/data/pipeline:ref_type:tag:ref:v1.0.0',
      }),
    ]);
  });

  test('a self-managed host has only aud and sub keys and records the other claims as unenforced', () => {
    const role = awsRoleOf(compileIdentities('aws', [{ gitlab: { ...pipeline, host: 'https://gitlab.acme.example/' } }]));
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity('gitlab.acme.example', {
        'gitlab.acme.example:aud': 'sts.amazonaws.com',
        'gitlab.acme.example:sub': 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
      }),
    ]);
    expect(role.unenforcedClaims).toEqual([
      { identity: 0, claim: 'namespace_id', value: '77' },
      { identity: 0, claim: 'project_id', value: '4242' },
      { identity: 0, claim: 'ref_protected', value: 'true' },
    ]);
  });
});

describe('Kubernetes service accounts on AWS', () => {
  const eksIssuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

  test('EKS IRSA trusts the cluster issuer with aud sts.amazonaws.com and sub system:serviceaccount:NS:SA', () => {
    const plan = compileIdentities('aws', [
      {
        kubernetes: {
          issuer: `https://${eksIssuer}`,
          namespace: 'orders',
          serviceAccount: 'orders-api',
          eks: { region: 'eu-west-1', cluster: 'prod-main' },
        },
      },
    ]);
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      webIdentity(eksIssuer, {
        [`${eksIssuer}:aud`]: 'sts.amazonaws.com',
        [`${eksIssuer}:sub`]: 'system:serviceaccount:orders:orders-api',
      }),
    ]);
    expect(awsAccountOf(plan).podIdentityAssociations).toEqual([]);
  });

  test('a generic cluster issuer is trusted the same way', () => {
    expect(trustOf([{ kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } }])).toEqual([
      webIdentity('k8s.acme.example', {
        'k8s.acme.example:aud': 'sts.amazonaws.com',
        'k8s.acme.example:sub': 'system:serviceaccount:jobs:nightly',
      }),
    ]);
  });

  test('an AKS issuer keeps its trailing slash in the provider and the condition keys', () => {
    const aks = `westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`;
    expect(trustOf([{ kubernetes: { issuer: `https://${aks}`, namespace: 'payments', serviceAccount: 'payments-api', aks: true } }])).toEqual([
      webIdentity(aks, {
        [`${aks}:aud`]: 'sts.amazonaws.com',
        [`${aks}:sub`]: 'system:serviceaccount:payments:payments-api',
      }),
    ]);
  });

  test('a GKE cluster is trusted through its container.googleapis.com issuer', () => {
    const gke = 'container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics';
    expect(
      trustOf([
        {
          kubernetes: {
            namespace: 'analytics',
            serviceAccount: 'spark',
            gke: { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'analytics' },
          },
        },
      ]),
    ).toEqual([
      webIdentity(gke, {
        [`${gke}:aud`]: 'sts.amazonaws.com',
        [`${gke}:sub`]: 'system:serviceaccount:analytics:spark',
      }),
    ]);
  });

  test('EKS Pod Identity trusts pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, bound by an association', () => {
    const plan = compileIdentities('aws', [
      { kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } },
    ]);
    const role = awsRoleOf(plan);
    expect(role.trustPolicy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-1:${AWS_ACCOUNT_ID}:cluster/prod-main`,
            'aws:RequestTag/kubernetes-namespace': 'billing',
            'aws:RequestTag/kubernetes-service-account': 'billing-worker',
            'aws:SourceAccount': AWS_ACCOUNT_ID,
          },
        },
      },
    ]);
    expect(role.oidcProviders).toEqual([]);
    expect(awsAccountOf(plan).oidcProviders).toEqual([]);
    expect(awsAccountOf(plan).podIdentityAssociations).toEqual([
      expect.objectContaining({
        role: role.key,
        cluster: 'prod-main',
        region: 'eu-west-1',
        namespace: 'billing',
        serviceAccount: 'billing-worker',
        origin: { workload: role.workload, identities: [0] },
      }),
    ]);
  });
});

describe('HCP Terraform on AWS', () => {
  const workspace = { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'apply' } as const;

  test('app.terraform.io is trusted with aud aws.workload.identity and the organization/project/workspace/run_phase subject', () => {
    const role = awsRoleOf(compileIdentities('aws', [{ terraformCloud: workspace }]));
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity('app.terraform.io', {
        'app.terraform.io:aud': 'aws.workload.identity',
        'app.terraform.io:sub': 'organization:acme:project:platform:workspace:networking-prod:run_phase:apply',
      }),
    ]);
    expect(role.unenforcedClaims).toEqual([{ identity: 0, claim: 'terraform_organization_id', value: 'org-AbCdEf123456' }]);
  });

  test('a Terraform Enterprise host is its own issuer; the plan phase is its own subject', () => {
    expect(trustOf([{ terraformCloud: { ...workspace, runPhase: 'plan', host: 'https://tfe.acme.example' } }])).toEqual([
      webIdentity('tfe.acme.example', {
        'tfe.acme.example:aud': 'aws.workload.identity',
        'tfe.acme.example:sub': 'organization:acme:project:platform:workspace:networking-prod:run_phase:plan',
      }),
    ]);
  });
});

describe('SPIFFE on AWS', () => {
  const anchor = `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`;

  test('a JWT-SVID is trusted with the declared audience and the SPIFFE ID as subject', () => {
    const plan = compileIdentities('aws', [
      { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    ]);
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      webIdentity('oidc.mesh.acme.internal', {
        'oidc.mesh.acme.internal:aud': 'workload-iam',
        'oidc.mesh.acme.internal:sub': 'spiffe://mesh.acme.internal/ns/edge/sa/gateway',
      }),
    ]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => p.clientIds)).toEqual([['workload-iam']]);
  });

  test('an X.509-SVID is trusted through IAM Roles Anywhere: URI SAN and trust anchor pinned, with a profile', () => {
    const plan = compileIdentities('aws', [{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy', x509: { awsTrustAnchorArn: anchor } } }]);
    const role = awsRoleOf(plan);
    expect(role.trustPolicy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: {
          ArnEquals: { 'aws:SourceArn': anchor },
          StringEquals: { 'aws:PrincipalTag/x509SAN/URI': 'spiffe://mesh.acme.internal/ns/edge/sa/proxy' },
        },
      },
    ]);
    expect(role.oidcProviders).toEqual([]);
    expect(awsAccountOf(plan).rolesAnywhereProfiles).toEqual([
      expect.objectContaining({ trustAnchorArn: anchor, roles: [role.key], roleArns: [role.arn], maxSessionDuration: 3600 }),
    ]);
  });

  test('a trust anchor in another account is refused', () => {
    const error = declarationErrorOf(() =>
      compileIdentities('aws', [
        {
          spiffe: {
            id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy',
            x509: { awsTrustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:999988887777:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
          },
        },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].spiffe.x509: the trust anchor is in account 999988887777; Roles Anywhere needs it in 111122223333 (needed by the grants in aws account "aws-prod")',
    );
  });
});

describe('generic OIDC on AWS', () => {
  test('an issuer is trusted with the declared audience and exact subject', () => {
    expect(trustOf([{ oidc: { issuer: 'https://login.partner.example', audience: 'acme-partner-sync', subject: 'job:acme-sync' } }])).toEqual([
      webIdentity('login.partner.example', {
        'login.partner.example:aud': 'acme-partner-sync',
        'login.partner.example:sub': 'job:acme-sync',
      }),
    ]);
  });

  test('extra claims are refused: STS cannot condition on a generic issuer\'s custom claims', () => {
    const error = declarationErrorOf(() =>
      compileIdentities('aws', [
        { oidc: { issuer: 'https://login.partner.example', audience: 'acme-partner-sync', subject: 'job:acme-sync', claims: { tenant: 'acme' } } },
      ]),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.message).toBe(
      'workloads[0].identities[0].oidc.claims: AWS STS cannot condition on custom claims of a generic issuer; encode them in the subject or grant through GCP (needed by the grants in aws account "aws-prod")',
    );
  });
});

describe('other clouds\' identities on AWS', () => {
  test('an AWS role is trusted as Principal.AWS with sts:AssumeRole and needs no OIDC provider', () => {
    const plan = compileIdentities('aws', [{ awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' } }]);
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' }, Action: 'sts:AssumeRole' },
    ]);
    expect(awsAccountOf(plan).oidcProviders).toEqual([]);
  });

  test('a GCP service account is trusted through accounts.google.com with aud and sub both its unique id', () => {
    const plan = compileIdentities('aws', [
      { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
    ]);
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'accounts.google.com:aud': '104729364512345678901', 'accounts.google.com:sub': '104729364512345678901' },
        },
      },
    ]);
    expect(awsAccountOf(plan).oidcProviders).toEqual([]);
  });

  test('an Azure managed identity is trusted through sts.windows.net/<tenant>/ with its audience and object id', () => {
    const entra = `sts.windows.net/${AZURE_TENANT_ID}/`;
    const plan = compileIdentities('aws', [
      { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
      { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', audience: 'api://acme-cost-reporter' } },
    ]);
    expect(awsRoleOf(plan).trustPolicy.Statement).toEqual([
      webIdentity(entra, { [`${entra}:aud`]: 'api://AzureADTokenExchange', [`${entra}:sub`]: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }),
      webIdentity(entra, { [`${entra}:aud`]: 'api://acme-cost-reporter', [`${entra}:sub`]: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' }),
    ]);
    expect(awsAccountOf(plan).oidcProviders).toEqual([
      { key: entra, url: `https://${entra}`, issuerKind: 'azure', arn: providerArn(entra), clientIds: ['api://AzureADTokenExchange', 'api://acme-cost-reporter'] },
    ]);
  });
});

describe('trust statement merging', () => {
  test('identities differing only in sub share one statement with the subjects unioned and sorted', () => {
    const role = awsRoleOf(
      compileIdentities('aws', [
        { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'staging' } },
        { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
      ]),
    );
    expect(role.trustPolicy.Statement).toEqual([
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: [
          'repo:acme/web:environment:production',
          'repo:acme/web:environment:staging',
          'repo:acme@65/web@74:environment:production',
          'repo:acme@65/web@74:environment:staging',
        ],
      }),
    ]);
    expect(role.trustOrigins).toEqual([
      {
        workload: role.workload,
        identities: [0, 1],
        subjects: [
          ['repo:acme/web:environment:staging', 'repo:acme@65/web@74:environment:staging'],
          ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
        ],
      },
    ]);
  });

  test('repositories with different ids get separate statements: no id of one is combined with a subject of the other', () => {
    const role = awsRoleOf(
      compileIdentities('aws', [
        { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
        { github: { repository: 'acme/api', ownerId: '65', repositoryId: '1296269', environment: 'production' } },
      ]),
    );
    const statements = role.trustPolicy.Statement;
    expect(statements).toHaveLength(2);
    expect(statements).toEqual(
      expect.arrayContaining([
        webIdentity(GITHUB, {
          [`${GITHUB}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB}:repository_id`]: '74',
          [`${GITHUB}:repository_owner_id`]: '65',
          [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
        }),
        webIdentity(GITHUB, {
          [`${GITHUB}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB}:repository_id`]: '1296269',
          [`${GITHUB}:repository_owner_id`]: '65',
          [`${GITHUB}:sub`]: ['repo:acme/api:environment:production', 'repo:acme@65/api@1296269:environment:production'],
        }),
      ]),
    );
    const repositoryOfId: Record<string, string> = { 74: 'web', 1296269: 'api' };
    for (const statement of statements) {
      const equals = statement.Condition!.StringEquals;
      const repository = repositoryOfId[equals[`${GITHUB}:repository_id`] as string];
      const subjects = [equals[`${GITHUB}:sub`]].flat();
      for (const subject of subjects) expect(subject).toMatch(new RegExp(`^repo:acme(@65)?/${repository}(@[0-9]+)?:`));
    }
    expect(role.trustOrigins.map((o) => o.identities).sort()).toEqual([[0], [1]]);
  });

  test('GitLab projects in different namespaces get separate statements', () => {
    const statements = trustOf([
      { gitlab: { project: 'acme/web', projectId: '1', namespaceId: '10', ref: 'main', refType: 'branch' } },
      { gitlab: { project: 'other/web', projectId: '2', namespaceId: '20', ref: 'main', refType: 'branch' } },
    ]);
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const equals = statement.Condition!.StringEquals;
      expect(typeof equals['gitlab.com:sub']).toBe('string');
      expect(equals['gitlab.com:sub']).toContain(equals['gitlab.com:namespace_id'] === '10' ? 'project_path:acme/web:' : 'project_path:other/web:');
    }
  });

  test('a workflow pin keeps an identity out of the statement of the same repository without the pin', () => {
    const statements = trustOf([
      { github: { repository: 'acme/api', ownerId: '65', repositoryId: '12', ref: 'refs/heads/main' } },
      {
        github: {
          repository: 'acme/api',
          ownerId: '65',
          repositoryId: '12',
          ref: 'refs/tags/v1',
          workflow: 'acme/release/.github/workflows/publish.yml@refs/heads/main',
        },
      },
    ]);
    expect(statements).toHaveLength(2);
    const pinned = statements.filter((s) => s.Condition!.StringEquals[`${GITHUB}:job_workflow_ref`] !== undefined);
    expect(pinned).toHaveLength(1);
    expect(pinned[0].Condition!.StringEquals[`${GITHUB}:sub`]).toEqual(['repo:acme/api:ref:refs/tags/v1', 'repo:acme@65/api@12:ref:refs/tags/v1']);
  });
});

describe('trust of the bundled example', () => {
  const plan = compileExample();
  const roles = Object.values(plan.aws).flatMap((account) => account.roles);
  const statements = roles.flatMap((role) => role.trustPolicy.Statement.map((statement) => ({ role: role.name, statement })));

  test('compiles into both AWS accounts', () => {
    expect(Object.keys(plan.aws)).toEqual(['aws-prod', 'aws-shared']);
    expect(statements.length).toBeGreaterThan(0);
  });

  test('uses only StringEquals and ArnEquals: never ForAllValues, IfExists, negated operators or StringLike', () => {
    for (const { statement } of statements) {
      for (const operator of Object.keys(statement.Condition ?? {})) {
        expect(['StringEquals', 'ArnEquals']).toContain(operator);
      }
    }
    const json = JSON.stringify(roles.map((role) => role.trustPolicy));
    for (const forbidden of ['ForAllValues', 'ForAnyValue', 'IfExists', 'Not', 'Like']) expect(json).not.toContain(forbidden);
  });

  test('no trust value is or contains a wildcard', () => {
    const values = statements.flatMap(({ statement }) =>
      Object.values(statement.Condition ?? {}).flatMap((keys) => Object.values(keys).flat()),
    );
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).not.toMatch(/[*?]/);
  });

  test('every web-identity statement pins exactly one audience and at least one exact subject', () => {
    const web = statements.filter(({ statement }) => statement.Action === 'sts:AssumeRoleWithWebIdentity');
    expect(web.length).toBeGreaterThan(0);
    for (const { statement } of web) {
      const equals = statement.Condition!.StringEquals;
      const audiences = Object.keys(equals).filter((key) => key.endsWith(':aud'));
      const subjects = Object.keys(equals).filter((key) => key.endsWith(':sub'));
      expect(audiences).toHaveLength(1);
      expect(typeof equals[audiences[0]]).toBe('string');
      expect(subjects).toHaveLength(1);
      const subjectValues = [equals[subjects[0]]].flat();
      expect(subjectValues).toEqual([...subjectValues].sort());
    }
  });

  test('sessions are one hour unless the workload asks for more (data-pipeline: 2h)', () => {
    const sessions = Object.fromEntries(roles.map((role) => [role.workload, role.maxSessionDuration]));
    expect(sessions['data-pipeline']).toBe(7200);
    for (const [name, seconds] of Object.entries(sessions)) if (name !== 'data-pipeline') expect(seconds).toBe(3600);
  });

  test('the example declaration object compiles to the same plan as its text', () => {
    expect(compile(toModel(exampleDeclaration()))).toEqual(plan);
  });
});
