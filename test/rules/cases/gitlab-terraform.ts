import { scanAzureCredential } from '../../../lib/scan/foreign-trust';
import { workload, type IdentityInput } from '../../plan/fixtures';
import { AZURE_AUDIENCE, GITLAB, TERRAFORM, awsTrust, keys, planFindings, writingWorkload, type RuleCaseTable } from '../inputs';

/** GitLab protected refs and ref types (WIAM-GL-*), HCP Terraform run phases (WIAM-TFC-*). */

function gitlabIdentity(extra: object = {}): IdentityInput {
  return { gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch', ...extra } } as IdentityInput;
}

function terraformIdentity(runPhase: 'plan' | 'apply'): IdentityInput {
  return { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase } };
}

const WORKSPACE = 'organization:acme:project:platform:workspace:networking-prod';
const terraformTrust = (exact: Record<string, string | readonly string[]>, like?: Record<string, string>) => () =>
  awsTrust(TERRAFORM, { StringEquals: keys(TERRAFORM, { aud: 'aws.workload.identity', ...exact }), ...(like ? { StringLike: keys(TERRAFORM, like) } : {}) });
const gitlabTrust = (exact: Record<string, string>, like?: Record<string, string>) => () =>
  awsTrust(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ...exact }), ...(like ? { StringLike: keys(GITLAB, like) } : {}) });

export const GITLAB_TERRAFORM_CASES: RuleCaseTable = {
  'WIAM-GL-001': {
    nonCompliant: [
      {
        input: 'declaration: gitlab protectedRef false with write access',
        findings: planFindings(writingWorkload('data-pipeline', [gitlabIdentity({ protectedRef: false })], ['aws', 'gcp'])),
        severity: 'warning',
        message: 'admits unprotected refs',
        finding: { workload: 'data-pipeline', identity: 0, path: 'workloads[data-pipeline].identities[0]', account: 'aws-prod' },
      },
      {
        input: 'declaration: the same on GCP',
        findings: planFindings(writingWorkload('data-pipeline', [gitlabIdentity({ protectedRef: false })], ['gcp'])),
        severity: 'warning',
        message: 'admits unprotected refs',
        finding: { workload: 'data-pipeline', identity: 0, path: 'workloads[data-pipeline].identities[0]', account: 'gcp-prod' },
      },
      {
        input: 'foreign gitlab.com trust on an exact subject without ref_protected',
        findings: gitlabTrust({ sub: 'project_id:4242:ref_type:branch:ref:main' }),
        severity: 'warning',
        message: 'admits unprotected refs',
      },
    ],
    compliant: [
      { input: 'declaration: protectedRef left at its default (true) with write access', findings: planFindings(writingWorkload('data-pipeline', [gitlabIdentity()], ['aws', 'gcp'])) },
      { input: 'declaration: protectedRef false with read-only access', findings: planFindings(workload('data-pipeline', [gitlabIdentity({ protectedRef: false })], ['aws', 'gcp'])) },
      { input: 'foreign trust with ref_protected "true"', findings: gitlabTrust({ sub: 'project_id:4242:ref_type:branch:ref:main', ref_protected: 'true' }) },
      // Entra compares issuer, subject and audience only: there is no way to ask for ref_protected.
      { input: 'Azure credential (cannot condition on ref_protected)', findings: () => scanAzureCredential({ issuer: `https://${GITLAB}`, subject: 'project_id:4242:ref_type:branch:ref:main', audiences: [AZURE_AUDIENCE] }) },
    ],
  },

  'WIAM-GL-002': {
    nonCompliant: [
      {
        input: 'StringLike "…:ref_type:*:ref:main" (a tag named main matches)',
        findings: gitlabTrust({ ref_protected: 'true' }, { sub: 'project_path:mygroup/myproject:ref_type:*:ref:main' }),
        severity: 'error',
        message: 'admits tags and branches alike',
      },
    ],
    compliant: [{ input: 'StringLike "…:ref_type:branch:ref:main"', findings: gitlabTrust({ ref_protected: 'true' }, { sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main' }) }],
  },

  'WIAM-TFC-001': {
    nonCompliant: [
      { input: 'StringLike "…:run_phase:*"', findings: terraformTrust({}, { sub: `${WORKSPACE}:run_phase:*` }), severity: 'error', message: 'admits the plan and the apply phase' },
      {
        input: "Azure flexible credential claims['sub'] matches '…:run_phase:*'",
        findings: () => scanAzureCredential({ issuer: `https://${TERRAFORM}`, claimsMatchingExpression: `claims['sub'] matches '${WORKSPACE}:run_phase:*'`, audiences: [AZURE_AUDIENCE] }),
        severity: 'error',
        message: 'admits the plan and the apply phase',
      },
    ],
    compliant: [{ input: 'exact "…:run_phase:apply"', findings: terraformTrust({ sub: `${WORKSPACE}:run_phase:apply` }) }],
  },

  'WIAM-TFC-002': {
    nonCompliant: [
      {
        input: 'declaration: runPhase plan with write access',
        findings: planFindings(writingWorkload('infra-plan', [terraformIdentity('plan')], ['aws', 'gcp'])),
        severity: 'error',
        message: 'the plan phase is trusted with access that changes state',
        finding: { workload: 'infra-plan', identity: 0, path: 'workloads[infra-plan].identities[0]' },
      },
      { input: 'foreign trust on "…:run_phase:plan" (permissions unknown)', findings: terraformTrust({ sub: `${WORKSPACE}:run_phase:plan` }), severity: 'error', message: 'the plan phase is trusted' },
      {
        input: 'foreign trust on both phases, listed as two exact subjects',
        findings: terraformTrust({ sub: [`${WORKSPACE}:run_phase:apply`, `${WORKSPACE}:run_phase:plan`] }),
        severity: 'error',
        message: 'the plan phase is trusted',
      },
      {
        input: 'foreign trust on "…:run_phase:*" whose terraform_run_phase claim lists plan and apply',
        findings: terraformTrust({ terraform_run_phase: ['apply', 'plan'] }, { sub: `${WORKSPACE}:run_phase:*` }),
        severity: 'error',
        message: 'the plan phase is trusted',
      },
    ],
    compliant: [
      { input: 'declaration: runPhase apply with write access', findings: planFindings(writingWorkload('infra-apply', [terraformIdentity('apply')], ['aws', 'gcp'])) },
      {
        input: 'foreign trust on both phases in the subject, narrowed to apply by terraform_run_phase',
        findings: terraformTrust({ sub: [`${WORKSPACE}:run_phase:apply`, `${WORKSPACE}:run_phase:plan`], terraform_run_phase: 'apply' }),
      },
      { input: 'declaration: runPhase plan with read-only access', findings: planFindings(workload('infra-plan', [terraformIdentity('plan')], ['aws', 'gcp', 'azure'])) },
    ],
  },
};
