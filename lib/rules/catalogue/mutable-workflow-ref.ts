import type { TrustRule } from '../rule';

export const MUTABLE_WORKFLOW_REF: TrustRule = {
  id: 'WIAM-GH-003',
  judges: 'trust',
  severity: 'warning',
  title: 'Reusable workflow pinned at a ref that can move',
  explanation:
    'A job_workflow_ref pinned at a branch or tag (…@refs/heads/main, …@refs/tags/v1) trusts whatever code that ref points to tomorrow: anyone who can push to it or move the tag decides what runs with the role. Only a full commit SHA is immutable; a wildcard in the workflow path admits any workflow file.',
  fix: 'Pin job_workflow_ref at a full 40-character commit SHA.',
  references: ['https://docs.github.com/en/actions/reference/security/secure-use#using-third-party-actions'],
  acknowledgeable: true,
  owaspNhi: ['NHI3', 'NHI6'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'workflow');
    if (open) return { message: `${open.text} leaves the reusable workflow open` };
    const workflow = breadth.mutableWorkflows[0];
    return workflow ? { message: `reusable workflow ${workflow} is pinned at a ref that can move` } : undefined;
  },
};
