import type { TrustRule } from '../rule';

export const REUSABLE_WORKFLOW_ONLY: TrustRule = {
  id: 'WIAM-GH-002',
  judges: 'trust',
  severity: 'error',
  title: 'Trust names a reusable workflow but no calling repository',
  explanation:
    'A customised subject such as job_workflow_ref:org/automation/.github/workflows/deploy.yml@… admits every repository that calls the workflow and customises its subject that way, in any organization that can read the workflow.',
  fix: 'Pin the calling repository too (repo:... in the subject, or repository_id), and the environment or ref it deploys from.',
  references: ['https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-with-reusable-workflows'],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI9'],
  check: (_view, breadth) => (breadth.workflowOnly ? { message: 'the subject names a reusable workflow but no repository' } : undefined),
};
