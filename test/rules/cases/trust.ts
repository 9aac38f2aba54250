import { scanAwsCondition, scanAwsTrustPolicy, scanAzureCredential, scanGcpProvider } from '../../../lib/scan/foreign-trust';
import {
  AZURE_AUDIENCE,
  BITBUCKET,
  CIRCLECI,
  CIRCLECI_ORG,
  EKS,
  GCP_POOL_MEMBERS,
  GITHUB,
  GITHUB_IDS,
  GITLAB,
  OWNER_ID,
  REPOSITORY_ID,
  SPIRE,
  TERRAFORM,
  awsTrust,
  githubTrust,
  keys,
  webIdentityTrust,
  type RuleCaseTable,
} from '../inputs';

/** Who a trust admits: principals, subjects, tenants, repositories and their context (WIAM-TRUST-*). */

const GITHUB_ISSUER = `https://${GITHUB}`;
const PRODUCTION = 'repo:octo-org/octo-repo:environment:production';
const EXACT_GITHUB_CONDITION = { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', sub: PRODUCTION, ...GITHUB_IDS }) };

const gcpGithub = (attributeCondition: string) => () => scanGcpProvider({ issuer: GITHUB_ISSUER, attributeCondition });
const spiffeTrust = (sub: string) => () =>
  scanAwsTrustPolicy(webIdentityTrust(SPIRE, { StringEquals: keys(SPIRE, { aud: 'workload-iam' }), StringLike: keys(SPIRE, { sub }) }), { issuerKind: 'spiffe' });
const eksTrust = (like: Record<string, string>) => () =>
  awsTrust(EKS, { StringEquals: keys(EKS, { aud: 'sts.amazonaws.com' }), StringLike: keys(EKS, like) });
const circleciTrust = (sub: string) => () =>
  awsTrust(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG }), StringLike: keys(CIRCLECI, { sub }) });
const bitbucketTrust = (sub: string) => () =>
  awsTrust(BITBUCKET, { StringEquals: keys(BITBUCKET, { aud: 'ari:cloud:bitbucket::workspace/5b2a1c3d-0000-4000-8000-000000000001' }), StringLike: keys(BITBUCKET, { sub }) });

const CIRCLECI_PROJECT = `org/${CIRCLECI_ORG}/project/7a1b2c3d-0000-4000-8000-000000000001`;
const BITBUCKET_REPOSITORY = '{7a1b2c3d-0000-4000-8000-000000000001}';
const BITBUCKET_ENVIRONMENT = '{8b1b2c3d-0000-4000-8000-000000000002}';

export const TRUST_CASES: RuleCaseTable = {
  'WIAM-TRUST-001': {
    nonCompliant: [
      {
        input: 'AWS statement with Principal "*" (conditions cannot make up for it)',
        findings: () => scanAwsTrustPolicy(webIdentityTrust(GITHUB, EXACT_GITHUB_CONDITION, '*')),
        severity: 'error',
        message: 'admits any principal',
      },
      {
        input: 'AWS statement with Principal { AWS: "*" }',
        findings: () => scanAwsTrustPolicy(webIdentityTrust(GITHUB, EXACT_GITHUB_CONDITION, { AWS: '*' })),
        severity: 'error',
        message: 'admits any principal',
      },
      {
        input: 'GCP binding of the whole pool (principalSet://…/*) behind a tenant pin',
        findings: () => scanGcpProvider({ issuer: GITHUB_ISSUER, attributeCondition: `assertion.repository_owner_id == '${OWNER_ID}'`, members: [{ member: `${GCP_POOL_MEMBERS}/*` }] }),
        severity: 'error',
        message: 'admits any principal',
      },
    ],
    compliant: [
      { input: 'the same statement with the OIDC provider as Federated principal', findings: () => scanAwsTrustPolicy(webIdentityTrust(GITHUB, EXACT_GITHUB_CONDITION)) },
      {
        input: 'GCP binding of one repository (principalSet://…/attribute.repository_id/ID)',
        findings: () =>
          scanGcpProvider({
            issuer: GITHUB_ISSUER,
            attributeCondition: `assertion.repository_owner_id == '${OWNER_ID}'`,
            members: [{ member: `${GCP_POOL_MEMBERS}/attribute.repository_id/${REPOSITORY_ID}`, claims: { repository_id: REPOSITORY_ID } }],
          }),
      },
    ],
  },

  'WIAM-TRUST-002': {
    nonCompliant: [
      {
        input: 'GitHub trust pinning the audience and ids but no sub',
        findings: () => githubTrust(GITHUB_IDS),
        severity: 'error',
        message: 'GitHub Actions tokens has no condition on sub',
      },
      {
        input: 'EKS cluster trust with only an audience',
        findings: () => awsTrust(EKS, { StringEquals: keys(EKS, { aud: 'sts.amazonaws.com' }) }),
        severity: 'error',
        message: 'Kubernetes tokens has no condition on sub',
      },
      {
        input: 'a sub condition that only applies when the claim exists (StringEqualsIfExists) is no subject pin',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }), StringEqualsIfExists: keys(GITHUB, { sub: PRODUCTION }) }),
        severity: 'error',
        message: 'no condition on sub',
      },
    ],
    compliant: [
      { input: 'the GitHub trust with an exact sub', findings: () => githubTrust({ sub: PRODUCTION, ...GITHUB_IDS }) },
      { input: 'the EKS trust with an exact service account', findings: eksTrust({ sub: 'system:serviceaccount:orders:orders-api' }) },
      // A clause of a statement is judged alone; only a whole statement can lack a subject.
      { input: 'one condition clause without sub, judged as a clause', findings: () => scanAwsCondition(`https://${GITHUB}`, { StringEquals: keys(GITHUB, GITHUB_IDS) }) },
    ],
  },

  'WIAM-TRUST-003': {
    nonCompliant: [
      { input: 'StringLike sub "*"', findings: () => githubTrust({}, { sub: '*' }), severity: 'error', message: 'matches every GitHub Actions subject' },
      { input: 'StringLike sub "repo:*" (only the fixed keyword)', findings: () => githubTrust({}, { sub: 'repo:*' }), severity: 'error', message: 'matches every GitHub Actions subject' },
      {
        input: 'StringLike sub "project_path:*" on gitlab.com',
        findings: () => awsTrust(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com' }), StringLike: keys(GITLAB, { sub: 'project_path:*' }) }),
        severity: 'error',
        message: 'matches every GitLab CI subject',
      },
      {
        // RE2 `matches` is unanchored: "octo-org" anywhere in the subject, e.g. repo:evil/octo-org-fork:…
        input: "GCP assertion.sub.matches('octo-org') (unanchored)",
        findings: gcpGithub("assertion.sub.matches('octo-org')"),
        severity: 'error',
        message: 'matches every GitHub Actions subject',
      },
    ],
    compliant: [
      { input: 'StringLike with an exact subject (no wildcard)', findings: () => githubTrust(GITHUB_IDS, { sub: PRODUCTION }) },
      { input: 'GCP assertion.sub.matches anchored with ^…$', findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.sub.matches('^repo:octo-org/octo-repo:environment:production$')`) },
    ],
  },

  'WIAM-TRUST-004': {
    nonCompliant: [
      {
        input: "GCP GitHub provider pinning only the ref (assertion.ref == 'refs/heads/main')",
        findings: gcpGithub("assertion.ref == 'refs/heads/main'"),
        severity: 'error',
        message: 'accepts GitHub Actions tokens of any organization',
        fix: 'repository_owner_id',
      },
      {
        // Any organization can create a workspace called networking.
        input: 'GCP HCP Terraform provider pinning only the workspace name',
        findings: () => scanGcpProvider({ issuer: `https://${TERRAFORM}`, attributeCondition: "assertion.terraform_workspace_name == 'networking'" }),
        severity: 'error',
        message: 'accepts HCP Terraform tokens of any organization',
        fix: 'terraform_organization_id',
      },
      {
        input: 'GitLab trust pinning only ref_protected',
        findings: () => awsTrust(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true' }) }),
        severity: 'error',
        message: 'accepts GitLab CI tokens of any organization',
      },
      {
        // agent.buildkite.com serves every organization: any of them can name a pipeline deploy.
        input: 'GCP Buildkite provider pinning only the pipeline slug',
        findings: () => scanGcpProvider({ issuer: 'https://agent.buildkite.com', attributeCondition: "assertion.pipeline_slug == 'deploy'" }),
        severity: 'error',
        message: 'accepts Buildkite tokens of any organization',
        fix: 'organization_id',
      },
    ],
    compliant: [
      { input: 'the GitHub provider pinning the owner by id', findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.ref == 'refs/heads/main'`) },
      {
        input: 'the Buildkite provider pinning the organization by id',
        findings: () =>
          scanGcpProvider({
            issuer: 'https://agent.buildkite.com',
            attributeCondition: "assertion.organization_id == '0188e1f4-1c2d-4e5f-9a8b-7c6d5e4f3a2b' && assertion.pipeline_slug == 'deploy'",
          }),
      },
      // An enterprise's own issuer serves only that enterprise.
      {
        input: 'the same condition under an enterprise issuer (token.actions.githubusercontent.com/octo-enterprise)',
        findings: () => scanGcpProvider({ issuer: `${GITHUB_ISSUER}/octo-enterprise`, attributeCondition: "assertion.ref == 'refs/heads/main'" }),
      },
      { input: 'an exact classic subject names the owner', findings: () => githubTrust({ sub: PRODUCTION }) },
    ],
  },

  'WIAM-TRUST-005': {
    nonCompliant: [
      {
        input: 'GCP GitHub provider pinning only repository_owner_id, no member claims',
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}'`),
        severity: 'error',
        message: 'pins only the GitHub Actions tenant',
        fix: 'pin one repository (repository_id)',
      },
      {
        input: 'GCP GitLab provider pinning only the namespace_id',
        findings: () => scanGcpProvider({ issuer: `https://${GITLAB}`, attributeCondition: "assertion.namespace_id == '77'" }),
        severity: 'error',
        message: 'pins only the GitLab CI tenant',
      },
      {
        input: 'GCP HCP Terraform provider pinning only terraform_organization_id',
        findings: () => scanGcpProvider({ issuer: `https://${TERRAFORM}`, attributeCondition: "assertion.terraform_organization_id == 'org-AbCdEf123456'" }),
        severity: 'error',
        message: 'pins only the HCP Terraform tenant',
      },
    ],
    compliant: [
      {
        input: 'the GitHub provider pinning owner, repository and environment',
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}' && assertion.environment == 'production'`),
      },
      {
        input: 'the owner-pinning provider with a binding that names one repository and environment',
        findings: () =>
          scanGcpProvider({
            issuer: GITHUB_ISSUER,
            attributeCondition: `assertion.repository_owner_id == '${OWNER_ID}'`,
            members: [
              {
                member: `${GCP_POOL_MEMBERS}/attribute.repository_environment/${REPOSITORY_ID}:production`,
                claims: { repository_id: REPOSITORY_ID, environment: 'production' },
              },
            ],
          }),
      },
    ],
  },

  'WIAM-TRUST-006': {
    nonCompliant: [
      { input: 'StringLike sub "repo:octo-org/*"', findings: () => githubTrust({}, { sub: 'repo:octo-org/*' }), severity: 'error', message: 'admits every repository it matches' },
      {
        // octo-org/octo* also matches octo-org/octopus-payments.
        input: 'StringLike sub "repo:octo-org/octo*" (a prefix with no delimiter)',
        findings: () => githubTrust({}, { sub: 'repo:octo-org/octo*:environment:production' }),
        severity: 'error',
        message: 'admits every repository it matches',
      },
      {
        input: 'StringLike sub "repo:octo*" (organization prefix)',
        findings: () => githubTrust({}, { sub: 'repo:octo*' }),
        severity: 'error',
        message: 'leaves the GitHub Actions organization open',
      },
      {
        // IAM * spans "/": mygroup/a/b/deploy and mygroup/evil/deploy both match.
        input: 'GitLab StringLike "project_path:mygroup/*/deploy:…" across subgroups',
        findings: () =>
          awsTrust(GITLAB, {
            StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true' }),
            StringLike: keys(GITLAB, { sub: 'project_path:mygroup/*/deploy:ref_type:branch:ref:main' }),
          }),
        severity: 'error',
        message: 'admits every project it matches',
      },
      {
        input: 'EKS StringLike "system:serviceaccount:orders:*"',
        findings: eksTrust({ sub: 'system:serviceaccount:orders:*' }),
        severity: 'error',
        message: 'admits every namespace or service account it matches',
      },
      {
        input: 'SPIFFE StringLike "spiffe://example.org/*" (the whole trust domain)',
        findings: spiffeTrust('spiffe://example.org/*'),
        severity: 'error',
        message: 'admits every workload path of the trust domain it matches',
      },
      {
        input: "Azure flexible credential claims['sub'] matches 'repo:octo-org/*'",
        findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, claimsMatchingExpression: "claims['sub'] matches 'repo:octo-org/*'", audiences: [AZURE_AUDIENCE] }),
        severity: 'error',
        message: 'admits every repository it matches',
      },
      {
        input: 'CircleCI StringLike "org/ORG_ID/*" (every project of the organization)',
        findings: circleciTrust(`org/${CIRCLECI_ORG}/*`),
        severity: 'error',
        message: 'admits every project it matches',
      },
    ],
    compliant: [
      { input: 'StringLike with the exact repository and environment', findings: () => githubTrust(GITHUB_IDS, { sub: PRODUCTION }) },
      {
        input: 'GitLab exact project in a subgroup',
        findings: () =>
          awsTrust(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true', sub: 'project_path:mygroup/platform/deploy:ref_type:branch:ref:main' }) }),
      },
      { input: 'EKS exact service account', findings: eksTrust({ sub: 'system:serviceaccount:orders:orders-api' }) },
      { input: 'SPIFFE exact id', findings: spiffeTrust('spiffe://example.org/ns/edge/sa/gateway') },
      { input: 'Azure classic credential with an exact subject', findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: PRODUCTION, audiences: [AZURE_AUDIENCE] }) },
    ],
  },

  'WIAM-TRUST-007': {
    nonCompliant: [
      { input: 'StringLike sub "repo:octo-org/octo-repo:*"', findings: () => githubTrust(GITHUB_IDS, { sub: 'repo:octo-org/octo-repo:*' }), severity: 'error', message: 'admits every branch, tag, environment and pull request' },
      {
        input: 'immutable form "repo:octo-org@ID/octo-repo@ID:*"',
        findings: () => githubTrust({}, { sub: `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:*` }),
        severity: 'error',
        message: 'admits every branch, tag, environment and pull request',
      },
      {
        input: "GCP assertion.sub.startsWith('repo:octo-org/octo-repo:')",
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.sub.startsWith('repo:octo-org/octo-repo:')`),
        severity: 'error',
        message: 'admits every branch, tag, environment and pull request',
      },
    ],
    compliant: [
      { input: 'StringLike sub with the environment spelled out', findings: () => githubTrust(GITHUB_IDS, { sub: PRODUCTION }) },
      { input: 'immutable form with the environment', findings: () => githubTrust({}, { sub: `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:environment:production` }) },
    ],
  },

  'WIAM-TRUST-008': {
    nonCompliant: [
      {
        input: 'GCP GitHub provider pinning owner and repository ids but no ref or environment',
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}'`),
        severity: 'warning',
        message: 'pins one repository or project but not which ref, environment',
      },
      {
        input: 'GCP HCP Terraform provider pinning organization and workspace ids but no run phase',
        findings: () =>
          scanGcpProvider({ issuer: `https://${TERRAFORM}`, attributeCondition: "assertion.terraform_organization_id == 'org-AbCdEf123456' && assertion.terraform_workspace_id == 'ws-Nx6fAb12'" }),
        severity: 'warning',
        message: 'pins one workspace but not which',
      },
      {
        // {REPOSITORY}:* admits every deployment environment and non-deployment step.
        input: 'Bitbucket "{REPOSITORY_UUID}:*"',
        findings: bitbucketTrust(`${BITBUCKET_REPOSITORY}:*`),
        severity: 'warning',
        message: 'pins one repository or project but not which',
      },
      {
        input: 'AWS GitHub trust on repository_id without sub',
        findings: () => githubTrust(GITHUB_IDS),
        severity: 'warning',
        message: 'pins one repository or project',
      },
    ],
    compliant: [
      {
        input: 'the GitHub provider also pinning the environment',
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}' && assertion.environment == 'production'`),
      },
      { input: 'Bitbucket "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:*" (one deployment environment)', findings: bitbucketTrust(`${BITBUCKET_REPOSITORY}:${BITBUCKET_ENVIRONMENT}:*`) },
      // The wildcard ref is WIAM-REF-001's finding; a second, vaguer one would only add noise.
      { input: 'a wildcard branch (reported by WIAM-REF-001 instead)', findings: () => githubTrust(GITHUB_IDS, { sub: 'repo:octo-org/octo-repo:ref:refs/heads/*' }) },
      // Kubernetes subjects carry no context below the service account.
      { input: 'EKS exact service account', findings: eksTrust({ sub: 'system:serviceaccount:orders:orders-api' }) },
    ],
  },

  'WIAM-TRUST-009': {
    nonCompliant: [
      { input: 'CircleCI ".../project/ID/user/*"', findings: circleciTrust(`${CIRCLECI_PROJECT}/user/*`), severity: 'warning', message: 'admits any user or VCS origin of the project' },
      { input: 'CircleCI ".../project/ID/*"', findings: circleciTrust(`${CIRCLECI_PROJECT}/*`), severity: 'warning', message: 'admits any user or VCS origin of the project' },
    ],
    compliant: [
      { input: 'CircleCI exact project and user', findings: circleciTrust(`${CIRCLECI_PROJECT}/user/9e8d7c6b-0000-4000-8000-000000000002`) },
    ],
  },
};
