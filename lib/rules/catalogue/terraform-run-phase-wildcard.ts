import type { TrustRule } from '../rule';

export const TERRAFORM_RUN_PHASE_WILDCARD: TrustRule = {
  id: 'WIAM-TFC-001',
  judges: 'trust',
  severity: 'error',
  title: 'HCP Terraform run phase left open',
  explanation:
    'run_phase:* trusts plan and apply alike. Plans run for every speculative plan and pull request with far less review than an apply, so a plan-phase token must not get apply permissions.',
  fix: 'Use one trust per phase: run_phase:apply for the writing role, run_phase:plan for a read-only one.',
  references: ['https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration'],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'runPhase');
    return open ? { message: `${open.text} admits the plan and the apply phase` } : undefined;
  },
};
