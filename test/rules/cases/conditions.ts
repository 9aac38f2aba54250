import { scanAzureCredential, scanGcpProvider } from '../../../lib/scan/foreign-trust';
import {
  AZURE_AUDIENCE,
  BITBUCKET,
  CIRCLECI,
  CIRCLECI_ORG,
  GITHUB,
  GITHUB_IDS,
  GITLAB,
  OWNER_ID,
  REPOSITORY_ID,
  awsTrust,
  githubIdentity,
  githubTrust,
  keys,
  planFindings,
  writingWorkload,
  type RuleCaseTable,
} from '../inputs';

/** How conditions compare (WIAM-OP-*), the audience (WIAM-AUD-001) and whether identities are pinned by id (WIAM-ID-001). */

const GITHUB_ISSUER = `https://${GITHUB}`;
const PRODUCTION = 'repo:octo-org/octo-repo:environment:production';
const IMMUTABLE_PRODUCTION = `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:environment:production`;
const GITLAB_PINNED = "assertion.namespace_id == '77' && assertion.ref == 'main' && assertion.ref_type == 'branch' && assertion.ref_protected == 'true'";

const gcpGitlab = (attributeCondition: string) => () => scanGcpProvider({ issuer: `https://${GITLAB}`, attributeCondition });
const gcpGithub = (attributeCondition: string) => () => scanGcpProvider({ issuer: GITHUB_ISSUER, attributeCondition });
const bitbucketTrust = (sub: string) => () =>
  awsTrust(BITBUCKET, { StringEquals: keys(BITBUCKET, { aud: 'ari:cloud:bitbucket::workspace/5b2a1c3d-0000-4000-8000-000000000001' }), StringLike: keys(BITBUCKET, { sub }) });

export const CONDITION_CASES: RuleCaseTable = {
  'WIAM-OP-001': {
    nonCompliant: [
      {
        // Excluding one subject admits every other branch, tag and environment of the repository.
        input: 'StringNotEquals sub "…:pull_request"',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }), StringNotEquals: keys(GITHUB, { sub: 'repo:octo-org/octo-repo:pull_request' }) }),
        severity: 'error',
        message: 'uses a negated comparison',
      },
      {
        input: 'StringLikeIfExists sub (passes for a token without sub)',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com' }), StringLikeIfExists: keys(GITHUB, { sub: PRODUCTION }) }),
        severity: 'error',
        message: 'uses an IfExists operator',
      },
      {
        input: 'ForAllValues:StringEquals sub (passes for an absent claim)',
        findings: () => awsTrust(GITHUB, { 'StringEquals': keys(GITHUB, { aud: 'sts.amazonaws.com' }), 'ForAllValues:StringEquals': keys(GITHUB, { sub: PRODUCTION }) }),
        severity: 'error',
        message: 'uses the ForAllValues set operator',
      },
      {
        input: "GCP assertion.repository_owner_id != '666'",
        findings: gcpGithub("assertion.repository_owner_id != '666'"),
        severity: 'error',
        message: 'uses a negated comparison',
      },
      {
        input: "GCP !(assertion.ref == 'refs/heads/dev')",
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && !(assertion.ref == 'refs/heads/dev')`),
        severity: 'error',
        message: 'uses a negated comparison',
      },
    ],
    compliant: [
      { input: 'StringEquals on the same sub', findings: () => githubTrust({ sub: PRODUCTION, ...GITHUB_IDS }) },
      { input: 'StringLike without IfExists', findings: () => githubTrust(GITHUB_IDS, { sub: PRODUCTION }) },
    ],
  },

  'WIAM-OP-002': {
    nonCompliant: [
      {
        input: 'StringEquals sub "…:ref:refs/heads/*" (the * is literal)',
        findings: () => githubTrust({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/*', ...GITHUB_IDS }),
        severity: 'warning',
        message: 'compares literally: its * or ? is not a wildcard',
      },
      {
        input: 'Azure classic credential whose subject contains *',
        findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:environment:*`, audiences: [AZURE_AUDIENCE] }),
        severity: 'warning',
        message: 'compares literally',
      },
      {
        input: "Azure flexible credential claims['sub'] eq '…refs/heads/*'",
        findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, claimsMatchingExpression: "claims['sub'] eq 'repo:octo-org/octo-repo:ref:refs/heads/*'", audiences: [AZURE_AUDIENCE] }),
        severity: 'warning',
        message: 'compares literally',
      },
      {
        input: "GCP assertion.ref == 'refs/heads/release-?'",
        findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}' && assertion.ref == 'refs/heads/release-?'`),
        severity: 'warning',
        message: 'compares literally',
      },
    ],
    compliant: [
      { input: 'StringEquals on an exact branch', findings: () => githubTrust({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', ...GITHUB_IDS }) },
      { input: 'Azure classic credential with an exact subject', findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: IMMUTABLE_PRODUCTION, audiences: [AZURE_AUDIENCE] }) },
    ],
  },

  'WIAM-OP-003': {
    nonCompliant: [
      {
        // GitLab's project_id claim is the string "4242"; CEL 4242 == "4242" is false.
        input: 'GCP assertion.project_id == 4242 (an int)',
        findings: gcpGitlab(`${GITLAB_PINNED} && assertion.project_id == 4242`),
        severity: 'warning',
        message: 'compares a string claim with a non-string value',
      },
      {
        input: 'GCP assertion.ref_protected == true (a bool)',
        findings: gcpGitlab("assertion.namespace_id == '77' && assertion.project_id == '4242' && assertion.ref == 'main' && assertion.ref_protected == true"),
        severity: 'warning',
        message: 'compares a string claim with a non-string value',
      },
      {
        input: 'Bitbucket exact "{REPOSITORY_UUID}:{STEP_UUID}" (the step uuid is new every run)',
        findings: () =>
          awsTrust(BITBUCKET, {
            StringEquals: keys(BITBUCKET, {
              aud: 'ari:cloud:bitbucket::workspace/5b2a1c3d-0000-4000-8000-000000000001',
              sub: '{7a1b2c3d-0000-4000-8000-000000000001}:{9c1b2c3d-0000-4000-8000-000000000003}',
            }),
          }),
        severity: 'warning',
        message: 'pins the step uuid',
      },
      {
        input: 'Bitbucket subject written with a repository name instead of its uuid',
        findings: bitbucketTrust('web-app:*'),
        severity: 'warning',
        message: 'Bitbucket subjects carry uuids, never names',
      },
      {
        input: 'CircleCI subject in another layout (project/… without org/…)',
        findings: () => awsTrust(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG, sub: 'project/7a1b2c3d-0000-4000-8000-000000000001' }) }),
        severity: 'warning',
        message: 'is not a CircleCI subject',
      },
    ],
    compliant: [
      { input: "GCP assertion.project_id == '4242' (a string)", findings: gcpGitlab(`${GITLAB_PINNED} && assertion.project_id == '4242'`) },
      { input: 'Bitbucket "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:*"', findings: bitbucketTrust('{7a1b2c3d-0000-4000-8000-000000000001}:{8b1b2c3d-0000-4000-8000-000000000002}:*') },
    ],
  },

  'WIAM-AUD-001': {
    nonCompliant: [
      {
        input: 'StringEquals aud with two values',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: ['sts.amazonaws.com', 'https://github.com/octo-org'], sub: IMMUTABLE_PRODUCTION }) }),
        severity: 'error',
        message: 'accepts several audiences',
      },
      {
        input: 'Azure credential with two audiences',
        findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: IMMUTABLE_PRODUCTION, audiences: [AZURE_AUDIENCE, 'api://octo-deployer'] }),
        severity: 'error',
        message: 'accepts several audiences',
      },
      {
        input: 'AWS trust without an aud condition',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { sub: IMMUTABLE_PRODUCTION }) }),
        severity: 'warning',
        message: 'no audience condition',
      },
    ],
    compliant: [
      { input: 'one audience (sts.amazonaws.com)', findings: () => githubTrust({ sub: IMMUTABLE_PRODUCTION }) },
      { input: 'Azure credential with api://AzureADTokenExchange only', findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: IMMUTABLE_PRODUCTION, audiences: [AZURE_AUDIENCE] }) },
      // GCP providers list their allowed audiences outside the condition.
      { input: 'GCP condition without aud', findings: gcpGithub(`assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}' && assertion.environment == 'production'`) },
    ],
  },

  'WIAM-ID-001': {
    nonCompliant: [
      {
        input: 'classic subject only: owner and repository by name',
        findings: () => githubTrust({ sub: PRODUCTION }),
        severity: 'warning',
        message: 'the organization and repository/project/workspace are pinned by name only',
        fix: 'repository_owner_id',
      },
      {
        input: 'GCP GitLab condition on namespace_path and project_path',
        findings: gcpGitlab("assertion.namespace_path == 'acme' && assertion.project_path == 'acme/web' && assertion.ref == 'main' && assertion.ref_protected == 'true'"),
        severity: 'warning',
        message: 'pinned by name only',
        fix: 'namespace_id',
      },
      {
        input: 'declaration: github identity without ownerId and repositoryId',
        findings: planFindings(writingWorkload('web-deploy', [{ github: { repository: 'acme/web', environment: 'production' } }], ['aws'])),
        severity: 'warning',
        message: 'pinned by name only',
        finding: { workload: 'web-deploy', identity: 0, path: 'workloads[web-deploy].identities[0]', account: 'aws-prod' },
      },
    ],
    compliant: [
      { input: 'classic subject with repository_owner_id and repository_id', findings: () => githubTrust({ sub: PRODUCTION, ...GITHUB_IDS }) },
      { input: 'immutable subject repo:octo-org@ID/octo-repo@ID:…', findings: () => githubTrust({ sub: IMMUTABLE_PRODUCTION }) },
      { input: 'declaration: github identity with ownerId and repositoryId', findings: planFindings(writingWorkload('web-deploy', [githubIdentity({ environment: 'production' })], ['aws', 'gcp'])) },
      // CircleCI subjects are made of ids only.
      { input: 'CircleCI exact subject', findings: () => awsTrust(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG, sub: `org/${CIRCLECI_ORG}/project/7a1b2c3d-0000-4000-8000-000000000001/user/9e8d7c6b-0000-4000-8000-000000000002` }) }) },
    ],
  },
};
