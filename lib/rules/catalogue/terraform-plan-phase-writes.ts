import { mayWrite, type TrustRule } from '../rule';

export const TERRAFORM_PLAN_PHASE_WRITES: TrustRule = {
  id: 'WIAM-TFC-002',
  judges: 'trust',
  severity: 'error',
  title: 'HCP Terraform plan phase trusted with write access',
  explanation: 'Plan runs happen for speculative plans and pull requests; a plan-phase identity should only read.',
  fix: 'Trust run_phase:apply for write access, or keep the plan-phase workload read-only.',
  references: ['https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration'],
  acknowledgeable: true,
  owaspNhi: ['NHI5', 'NHI8'],
  check: (view, breadth) =>
    breadth.runPhases?.includes('plan') && mayWrite(view) ? { message: 'the plan phase is trusted with access that changes state' } : undefined,
};
