import { Match, Template } from 'aws-cdk-lib/assertions';
import { onlyResource, resourcesOf, testStack, trustPolicyOf } from './helpers';
import { WorkloadRole } from '../../../lib/engines/aws-cdk/index';
import type { PolicyStatement } from '../../../lib/index';
import { AWS_ACCOUNT_ID, AZURE_TENANT_ID, declaration, SUBJECT_WORKLOAD, workload, type IdentityInput } from '../../plan/fixtures';

// For every identity kind that can reach AWS, the synthesized role trusts exactly what the providers' documentation
// says a token of that identity carries (shared/reference/CLAIMS.md): the expected statements are written out here by
// hand, never computed by the code under test. Each test also checks the template against the Plan, which the
// engine must render unchanged.

const ROLE_NAME = `wiam-${SUBJECT_WORKLOAD}`;
const ROLE_ARN = `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/${ROLE_NAME}`;
const GITHUB = 'token.actions.githubusercontent.com';
const providerArn = (hostAndPath: string) => `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${hostAndPath}`;

interface Synthesized {
  readonly template: Template;
  readonly role: WorkloadRole;
}

/** One workload with these identities, granted in the AWS account, rendered by WorkloadRole into a stack. */
function synth(identities: readonly IdentityInput[]): Synthesized {
  const stack = testStack();
  const role = new WorkloadRole(stack, 'Subject', { declaration: declaration([workload(SUBJECT_WORKLOAD, identities, ['aws'])]), workload: SUBJECT_WORKLOAD });
  return { template: Template.fromStack(stack), role };
}

/** The synthesized trust is exactly `statements`, and exactly the Plan's. */
function expectTrust({ template, role }: Synthesized, statements: readonly PolicyStatement[]): void {
  template.hasResourceProperties('AWS::IAM::Role', {
    RoleName: ROLE_NAME,
    AssumeRolePolicyDocument: Match.exact({ Version: '2012-10-17', Statement: statements }),
  });
  expect(trustPolicyOf(template, ROLE_NAME)).toEqual(role.planRole.trustPolicy);
}

function webIdentity(hostAndPath: string, equals: Record<string, string | string[]>): PolicyStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: providerArn(hostAndPath) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: equals },
  };
}

/** The stack creates the issuer's provider with these audiences, and the role waits for it. */
function expectProvider({ template }: Synthesized, url: string, clientIds: readonly string[]): void {
  const provider = onlyResource(template, 'AWS::IAM::OIDCProvider');
  expect(provider.Properties).toEqual({ Url: url, ClientIdList: clientIds });
  const role = onlyResource(template, 'AWS::IAM::Role');
  expect(role.DependsOn).toEqual([provider.logicalId]);
}

describe('GitHub Actions', () => {
  test('an environment with immutable ids: aud, both subject forms, repository_id and repository_owner_id', () => {
    const synthesized = synth([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }]);
    expectTrust(synthesized, [
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '74',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      }),
    ]);
    expectProvider(synthesized, 'https://token.actions.githubusercontent.com', ['sts.amazonaws.com']);
  });

  test('a branch without ids: only the classic subject repo:O/R:ref:refs/heads/B', () => {
    expectTrust(synth([{ github: { repository: 'acme/web', ref: 'refs/heads/main' } }]), [
      webIdentity(GITHUB, { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/web:ref:refs/heads/main' }),
    ]);
  });

  test('pull requests: repo:O/R:pull_request', () => {
    expectTrust(synth([{ github: { repository: 'acme/docs', ownerId: '65', repositoryId: '99', pullRequest: true } }]), [
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:repository_id`]: '99',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/docs:pull_request', 'repo:acme@65/docs@99:pull_request'],
      }),
    ]);
  });

  test('a workflow pin: job_workflow_ref', () => {
    const workflow = 'acme/release-workflows/.github/workflows/publish.yml@refs/heads/main';
    expectTrust(synth([{ github: { repository: 'acme/api', ownerId: '65', repositoryId: '1296269', ref: 'refs/tags/v2.4.0', workflow } }]), [
      webIdentity(GITHUB, {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:job_workflow_ref`]: workflow,
        [`${GITHUB}:repository_id`]: '1296269',
        [`${GITHUB}:repository_owner_id`]: '65',
        [`${GITHUB}:sub`]: ['repo:acme/api:ref:refs/tags/v2.4.0', 'repo:acme@65/api@1296269:ref:refs/tags/v2.4.0'],
      }),
    ]);
  });

  test('an enterprise slug: the issuer https://token.actions.githubusercontent.com/<slug> and its own provider', () => {
    const synthesized = synth([{ github: { repository: 'acme/web', environment: 'production', enterpriseSlug: 'acme-corp' } }]);
    const issuer = `${GITHUB}/acme-corp`;
    expectTrust(synthesized, [
      webIdentity(issuer, { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'repo:acme/web:environment:production' }),
    ]);
    expectProvider(synthesized, 'https://token.actions.githubusercontent.com/acme-corp', ['sts.amazonaws.com']);
  });
});

describe('GitLab CI', () => {
  test('gitlab.com: aud, sub, project_id, namespace_id and ref_protected', () => {
    const synthesized = synth([{ gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } }]);
    expectTrust(synthesized, [
      webIdentity('gitlab.com', {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:namespace_id': '77',
        'gitlab.com:project_id': '4242',
        'gitlab.com:ref_protected': 'true',
        'gitlab.com:sub': 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
      }),
    ]);
    expectProvider(synthesized, 'https://gitlab.com', ['sts.amazonaws.com']);
  });
});

describe('Kubernetes service accounts', () => {
  const eksIssuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

  test('EKS IRSA: the cluster issuer, aud sts.amazonaws.com, sub system:serviceaccount:NS:SA', () => {
    const synthesized = synth([
      { kubernetes: { issuer: `https://${eksIssuer}`, namespace: 'orders', serviceAccount: 'orders-api', eks: { region: 'eu-west-1', cluster: 'prod-main' } } },
    ]);
    expectTrust(synthesized, [
      webIdentity(eksIssuer, { [`${eksIssuer}:aud`]: 'sts.amazonaws.com', [`${eksIssuer}:sub`]: 'system:serviceaccount:orders:orders-api' }),
    ]);
    expectProvider(synthesized, `https://${eksIssuer}`, ['sts.amazonaws.com']);
    expect(resourcesOf(synthesized.template, 'AWS::EKS::PodIdentityAssociation')).toEqual({});
  });

  test('EKS Pod Identity: pods.eks.amazonaws.com with session tags, and the association binding the service account', () => {
    const synthesized = synth([
      { kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } },
    ]);
    expectTrust(synthesized, [
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
    const association = onlyResource(synthesized.template, 'AWS::EKS::PodIdentityAssociation');
    expect(association.Properties).toEqual({
      ClusterName: 'prod-main',
      Namespace: 'billing',
      ServiceAccount: 'billing-worker',
      RoleArn: ROLE_ARN,
      Tags: [{ Key: 'workload-iam:workload', Value: SUBJECT_WORKLOAD }],
    });
    expect(association.DependsOn).toEqual([onlyResource(synthesized.template, 'AWS::IAM::Role').logicalId]);
    expect(resourcesOf(synthesized.template, 'AWS::IAM::OIDCProvider')).toEqual({});
  });

  test('a generic cluster issuer', () => {
    expectTrust(synth([{ kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } }]), [
      webIdentity('k8s.acme.example', { 'k8s.acme.example:aud': 'sts.amazonaws.com', 'k8s.acme.example:sub': 'system:serviceaccount:jobs:nightly' }),
    ]);
  });

  test('an AKS issuer keeps its trailing slash in the provider and the condition keys', () => {
    const aks = `westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`;
    const synthesized = synth([{ kubernetes: { issuer: `https://${aks}`, namespace: 'payments', serviceAccount: 'payments-api', aks: true } }]);
    expectTrust(synthesized, [webIdentity(aks, { [`${aks}:aud`]: 'sts.amazonaws.com', [`${aks}:sub`]: 'system:serviceaccount:payments:payments-api' })]);
    expectProvider(synthesized, `https://${aks}`, ['sts.amazonaws.com']);
  });

  test('a GKE cluster through its container.googleapis.com issuer', () => {
    const gke = 'container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics';
    expectTrust(
      synth([
        {
          kubernetes: {
            namespace: 'analytics',
            serviceAccount: 'spark',
            gke: { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'analytics' },
          },
        },
      ]),
      [webIdentity(gke, { [`${gke}:aud`]: 'sts.amazonaws.com', [`${gke}:sub`]: 'system:serviceaccount:analytics:spark' })],
    );
  });
});

describe('HCP Terraform', () => {
  test('app.terraform.io: aud aws.workload.identity and the organization/project/workspace/run_phase subject', () => {
    const synthesized = synth([
      { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'apply' } },
    ]);
    expectTrust(synthesized, [
      webIdentity('app.terraform.io', {
        'app.terraform.io:aud': 'aws.workload.identity',
        'app.terraform.io:sub': 'organization:acme:project:platform:workspace:networking-prod:run_phase:apply',
      }),
    ]);
    expectProvider(synthesized, 'https://app.terraform.io', ['aws.workload.identity']);
  });
});

describe('SPIFFE', () => {
  test('a JWT-SVID: the declared audience and the SPIFFE ID as subject', () => {
    const synthesized = synth([
      { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    ]);
    expectTrust(synthesized, [
      webIdentity('oidc.mesh.acme.internal', {
        'oidc.mesh.acme.internal:aud': 'workload-iam',
        'oidc.mesh.acme.internal:sub': 'spiffe://mesh.acme.internal/ns/edge/sa/gateway',
      }),
    ]);
    expectProvider(synthesized, 'https://oidc.mesh.acme.internal', ['workload-iam']);
  });

  test('an X.509-SVID: IAM Roles Anywhere with the URI SAN and the existing trust anchor pinned, and a profile', () => {
    const anchor = `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`;
    const synthesized = synth([{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy', x509: { awsTrustAnchorArn: anchor } } }]);
    expectTrust(synthesized, [
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
    const profile = onlyResource(synthesized.template, 'AWS::RolesAnywhere::Profile');
    expect(profile.Properties).toEqual({
      Name: expect.stringMatching(/^workload-iam-[0-9a-f]{8}$/),
      Enabled: true,
      DurationSeconds: 3600,
      RoleArns: [ROLE_ARN],
    });
    expect(profile.DependsOn).toEqual([onlyResource(synthesized.template, 'AWS::IAM::Role').logicalId]);
    // The trust anchor exists already: it is referenced, never created.
    expect(resourcesOf(synthesized.template, 'AWS::RolesAnywhere::TrustAnchor')).toEqual({});
  });
});

describe('generic OIDC', () => {
  test('the declared issuer, audience and exact subject', () => {
    const synthesized = synth([{ oidc: { issuer: 'https://login.partner.example', audience: 'acme-partner-sync', subject: 'job:acme-sync' } }]);
    expectTrust(synthesized, [
      webIdentity('login.partner.example', { 'login.partner.example:aud': 'acme-partner-sync', 'login.partner.example:sub': 'job:acme-sync' }),
    ]);
    expectProvider(synthesized, 'https://login.partner.example', ['acme-partner-sync']);
  });
});

describe('other clouds\' identities', () => {
  test('an AWS role: Principal.AWS with sts:AssumeRole, no OIDC provider', () => {
    const synthesized = synth([{ awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' } }]);
    expectTrust(synthesized, [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' }, Action: 'sts:AssumeRole' },
    ]);
    expect(resourcesOf(synthesized.template, 'AWS::IAM::OIDCProvider')).toEqual({});
  });

  test('a GCP service account: accounts.google.com with aud and sub its numeric unique id, no provider to create', () => {
    const synthesized = synth([{ gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } }]);
    expectTrust(synthesized, [
      {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'accounts.google.com:aud': '104729364512345678901', 'accounts.google.com:sub': '104729364512345678901' } },
      },
    ]);
    expect(resourcesOf(synthesized.template, 'AWS::IAM::OIDCProvider')).toEqual({});
  });

  test('an Azure managed identity: sts.windows.net/<tenant>/ with its audience and object id', () => {
    const entra = `sts.windows.net/${AZURE_TENANT_ID}/`;
    const synthesized = synth([{ azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } }]);
    expectTrust(synthesized, [
      webIdentity(entra, { [`${entra}:aud`]: 'api://AzureADTokenExchange', [`${entra}:sub`]: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }),
    ]);
    expectProvider(synthesized, `https://${entra}`, ['api://AzureADTokenExchange']);
  });
});

describe('the rest of the role', () => {
  test('inline policies, session length, path, name, description and the tag naming the workload', () => {
    const stack = testStack();
    new WorkloadRole(stack, 'Subject', {
      declaration: declaration([
        workload(SUBJECT_WORKLOAD, [{ github: { repository: 'acme/web', environment: 'production' } }], ['aws'], {
          description: 'Reads the web assets',
          sessionDuration: '2h',
        }),
      ]),
      workload: SUBJECT_WORKLOAD,
    });
    const role = onlyResource(Template.fromStack(stack), 'AWS::IAM::Role');
    expect(role.Properties).toEqual({
      RoleName: ROLE_NAME,
      Path: '/workload-iam/',
      Description: 'Reads the web assets',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: expect.any(Object),
      // The catalogue's read level for a bucket: list it and get its objects.
      Policies: [
        {
          PolicyName: 'workload-iam-grants',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Grant0Part0', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-web-assets' },
              { Sid: 'Grant0Part1', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-web-assets/*' },
            ],
          },
        },
      ],
      Tags: [{ Key: 'workload-iam:workload', Value: SUBJECT_WORKLOAD }],
    });
  });
});
