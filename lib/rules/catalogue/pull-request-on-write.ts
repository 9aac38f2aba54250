import { mayWrite, type TrustRule } from '../rule';

export const PULL_REQUEST_ON_WRITE: TrustRule = {
  id: 'WIAM-GH-001',
  judges: 'trust',
  severity: 'error',
  title: 'Pull-request runs admitted by a trust that leads to writes',
  explanation:
    'A pull_request run executes code that has not been reviewed or merged (for forks, code by anyone). A role, member or identity it can assume must not be able to change anything: a deploy or publish role trusting pull_request subjects hands production to every contributor.',
  fix: 'Trust an environment with required reviewers or a protected branch for write access; give pull-request runs a separate, read-only workload.',
  references: [
    'https://docs.github.com/en/actions/reference/security/oidc#filtering-for-pull_request-events',
    'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (view, breadth) => {
    if (!breadth.pullRequest || breadth.open.some((o) => o.field === 'context')) return undefined;
    const reason = view.accessReason === undefined ? '' : ` (${view.accessReason})`;
    return mayWrite(view)
      ? { message: `pull_request runs are admitted, and the ${view.access === 'write' ? 'access granted changes state' : 'access granted is unknown'}${reason}` }
      : { message: 'pull_request runs are admitted (read-only access)', severity: 'warning' };
  },
};
