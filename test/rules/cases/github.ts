import { runRules } from '../../../lib/rules/check';
import type { Finding } from '../../../lib/rules/rule';
import { scanAzureCredential, scanGcpProvider } from '../../../lib/scan/foreign-trust';
import { awsStatementView } from '../../../lib/trust/aws-view';
import { workload } from '../../plan/fixtures';
import {
  AZURE_AUDIENCE,
  COMMIT_SHA,
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
  webIdentityTrust,
  writingWorkload,
  type IamCondition,
  type RuleCaseTable,
} from '../inputs';

/** GitHub Actions contexts, reusable workflows and refs (WIAM-GH-*, WIAM-REF-*). */

const GITHUB_ISSUER = `https://${GITHUB}`;
const REPOSITORY = 'repo:octo-org/octo-repo';
const DEPLOY_WORKFLOW = 'octo-org/automation/.github/workflows/deploy.yml';
const PINNED_GCP = `assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}'`;

const gcpGithub = (attributeCondition: string) => () => scanGcpProvider({ issuer: GITHUB_ISSUER, attributeCondition });

/** The rules on one GitHub trust statement of a role whose permissions only read. */
function readOnlyRole(condition: IamCondition): () => Finding[] {
  return () => {
    const view = awsStatementView(webIdentityTrust(GITHUB, condition).Statement[0], { where: { path: 'Statement[0]' }, access: 'read' });
    return runRules({ trust: view ? [view] : [], permissions: [], sessions: [] });
  };
}

const PULL_REQUEST_IDENTITY = githubIdentity({ pullRequest: true });

export const GITHUB_CASES: RuleCaseTable = {
  'WIAM-GH-001': {
    nonCompliant: [
      {
        input: 'declaration: pull-request identity with write grants',
        findings: planFindings(writingWorkload('docs-preview', [PULL_REQUEST_IDENTITY], ['aws', 'gcp', 'azure'])),
        severity: 'error',
        message: 'pull_request runs are admitted, and the access granted changes state',
        finding: { workload: 'docs-preview', identity: 0, path: 'workloads[docs-preview].identities[0]', account: 'aws-prod' },
      },
      {
        input: 'declaration: pull-request identity with write grants on GCP',
        findings: planFindings(writingWorkload('docs-preview', [PULL_REQUEST_IDENTITY], ['gcp'])),
        severity: 'error',
        message: 'the access granted changes state',
        finding: { workload: 'docs-preview', identity: 0, path: 'workloads[docs-preview].identities[0]', account: 'gcp-prod' },
      },
      {
        input: 'declaration: pull-request identity, second of the workload, with write grants on Azure',
        findings: planFindings(writingWorkload('docs-preview', [githubIdentity({ environment: 'production' }), PULL_REQUEST_IDENTITY], ['azure'])),
        severity: 'error',
        message: 'the access granted changes state',
        finding: { workload: 'docs-preview', identity: 1, path: 'workloads[docs-preview].identities[1]', account: 'azure-prod' },
      },
      {
        input: 'declaration: pull-request identity with read-only grants',
        findings: planFindings(workload('docs-preview', [PULL_REQUEST_IDENTITY], ['aws'])),
        severity: 'warning',
        message: 'pull_request runs are admitted (read-only access)',
        finding: { workload: 'docs-preview', identity: 0, path: 'workloads[docs-preview].identities[0]' },
      },
      {
        input: 'foreign trust on "…:pull_request" (permissions unknown, judged as writes)',
        findings: () => githubTrust({ sub: `${REPOSITORY}:pull_request`, ...GITHUB_IDS }),
        severity: 'error',
        message: 'the access granted is unknown',
      },
      {
        input: "GCP assertion.event_name == 'pull_request_target'",
        findings: gcpGithub(`${PINNED_GCP} && assertion.event_name == 'pull_request_target'`),
        severity: 'error',
        message: 'pull_request runs are admitted',
      },
      {
        input: 'Azure credential for the immutable pull_request subject',
        findings: () => scanAzureCredential({ issuer: GITHUB_ISSUER, subject: `repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:pull_request`, audiences: [AZURE_AUDIENCE] }),
        severity: 'error',
        message: 'pull_request runs are admitted',
      },
    ],
    compliant: [
      { input: 'declaration: environment identity with write grants', findings: planFindings(writingWorkload('web-deploy', [githubIdentity({ environment: 'production' })], ['aws', 'gcp', 'azure'])) },
      // repo:…:* admits pull requests too, but WIAM-TRUST-007 already refuses it for that and more.
      { input: 'a wildcard over the whole context (WIAM-TRUST-007 reports it)', findings: () => githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:*` }) },
    ],
  },

  'WIAM-GH-002': {
    nonCompliant: [
      {
        input: 'customised subject "job_workflow_ref:…@refs/heads/main" alone',
        findings: () => githubTrust({ sub: `job_workflow_ref:${DEPLOY_WORKFLOW}@refs/heads/main` }),
        severity: 'error',
        message: 'names a reusable workflow but no repository',
      },
      {
        // A commit SHA fixes the workflow's code, not who calls it.
        input: 'customised subject "job_workflow_ref:…@<sha>" alone',
        findings: () => githubTrust({ sub: `job_workflow_ref:${DEPLOY_WORKFLOW}@${COMMIT_SHA}` }),
        severity: 'error',
        message: 'names a reusable workflow but no repository',
      },
      {
        input: 'customised subject "repository_owner_id:ID:job_workflow_ref:…@<sha>" (every repository of the owner)',
        findings: () => githubTrust({ sub: `repository_owner_id:${OWNER_ID}:job_workflow_ref:${DEPLOY_WORKFLOW}@${COMMIT_SHA}` }),
        severity: 'error',
        message: 'names a reusable workflow but no repository',
      },
    ],
    compliant: [
      { input: 'customised subject with the calling repository and environment', findings: () => githubTrust({ sub: `${REPOSITORY}:environment:production:job_workflow_ref:${DEPLOY_WORKFLOW}@${COMMIT_SHA}`, ...GITHUB_IDS }) },
      { input: 'customised subject "repository_id:ID:job_workflow_ref:…"', findings: () => githubTrust({ sub: `repository_id:${REPOSITORY_ID}:job_workflow_ref:${DEPLOY_WORKFLOW}@${COMMIT_SHA}` }) },
    ],
  },

  'WIAM-GH-003': {
    nonCompliant: [
      {
        input: 'declaration: workflow pinned at refs/heads/main',
        findings: planFindings(writingWorkload('api-release', [githubIdentity({ ref: 'refs/heads/main' }, { workflow: `${DEPLOY_WORKFLOW}@refs/heads/main` })], ['aws', 'gcp'])),
        severity: 'warning',
        message: `reusable workflow ${DEPLOY_WORKFLOW}@refs/heads/main is pinned at a ref that can move`,
        finding: { workload: 'api-release', identity: 0, path: 'workloads[api-release].identities[0]' },
      },
      {
        input: 'customised subject with job_workflow_ref at a tag',
        findings: () => githubTrust({ sub: `${REPOSITORY}:environment:production:job_workflow_ref:${DEPLOY_WORKFLOW}@refs/tags/v1`, ...GITHUB_IDS }),
        severity: 'warning',
        message: 'is pinned at a ref that can move',
      },
      {
        input: 'customised subject with a wildcard workflow path',
        findings: () => githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:environment:production:job_workflow_ref:octo-org/automation/.github/workflows/*` }),
        severity: 'warning',
        message: 'leaves the reusable workflow open',
      },
      {
        input: 'GCP assertion.job_workflow_ref at a branch',
        findings: gcpGithub(`${PINNED_GCP} && assertion.environment == 'production' && assertion.job_workflow_ref == '${DEPLOY_WORKFLOW}@refs/heads/main'`),
        severity: 'warning',
        message: 'is pinned at a ref that can move',
      },
    ],
    compliant: [
      { input: 'declaration: workflow pinned at a commit SHA', findings: planFindings(writingWorkload('api-release', [githubIdentity({ ref: 'refs/heads/main' }, { workflow: `${DEPLOY_WORKFLOW}@${COMMIT_SHA}` })], ['aws', 'gcp'])) },
      { input: 'GCP assertion.job_workflow_ref at a commit SHA', findings: gcpGithub(`${PINNED_GCP} && assertion.environment == 'production' && assertion.job_workflow_ref == '${DEPLOY_WORKFLOW}@${COMMIT_SHA}'`) },
    ],
  },

  'WIAM-REF-001': {
    nonCompliant: [
      { input: 'StringLike "…:ref:refs/heads/*"', findings: () => githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:ref:refs/heads/*` }), severity: 'error', message: 'admits any branch, tag or environment whose name fits' },
      { input: 'StringLike "…:environment:prod*"', findings: () => githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:environment:prod*` }), severity: 'error', message: 'admits any branch, tag or environment whose name fits' },
      { input: "GCP assertion.ref.startsWith('refs/heads/release-')", findings: gcpGithub(`${PINNED_GCP} && assertion.ref.startsWith('refs/heads/release-')`), severity: 'error', message: 'whose name fits' },
      {
        // RE2 matches anywhere: refs/heads/evil-refs/heads/main fits.
        input: "GCP assertion.ref.matches('refs/heads/main') (unanchored)",
        findings: gcpGithub(`${PINNED_GCP} && assertion.ref.matches('refs/heads/main')`),
        severity: 'error',
        message: 'whose name fits',
      },
      {
        input: 'GitLab "…:ref_type:branch:ref:release-*"',
        findings: () =>
          awsTrust(GITLAB, {
            StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true' }),
            StringLike: keys(GITLAB, { sub: 'project_path:mygroup/myproject:ref_type:branch:ref:release-*' }),
          }),
        severity: 'error',
        message: 'whose name fits',
      },
      {
        input: 'the same wildcard branch on a read-only role',
        findings: readOnlyRole({ StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }), StringLike: keys(GITHUB, { sub: `${REPOSITORY}:ref:refs/heads/*` }) }),
        severity: 'warning',
        message: 'whose name fits (read-only access)',
      },
    ],
    compliant: [
      { input: 'an exact branch', findings: () => githubTrust({ sub: `${REPOSITORY}:ref:refs/heads/main`, ...GITHUB_IDS }) },
      { input: "GCP assertion.ref.matches('^refs/heads/main$') (anchored)", findings: gcpGithub(`${PINNED_GCP} && assertion.ref.matches('^refs/heads/main$')`) },
    ],
  },

  'WIAM-REF-002': {
    nonCompliant: [
      {
        input: 'declaration: tag ref with write grants',
        findings: planFindings(writingWorkload('api-release', [githubIdentity({ ref: 'refs/tags/v2.4.0' })], ['aws'])),
        severity: 'warning',
        message: 'admits a tag ref',
        finding: { workload: 'api-release', identity: 0, path: 'workloads[api-release].identities[0]' },
      },
      {
        input: 'GitLab "…:ref_type:tag:ref:v1.0.0"',
        findings: () => awsTrust(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true', sub: 'project_id:4242:ref_type:tag:ref:v1.0.0' }) }),
        severity: 'warning',
        message: 'admits a tag ref',
      },
    ],
    compliant: [
      { input: 'declaration: tag ref with read-only grants', findings: planFindings(workload('api-release', [githubIdentity({ ref: 'refs/tags/v2.4.0' })], ['aws'])) },
      { input: 'declaration: branch ref with write grants', findings: planFindings(writingWorkload('api-release', [githubIdentity({ ref: 'refs/heads/main' })], ['aws'])) },
    ],
  },
};
