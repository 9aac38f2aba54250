import type { TrustRule } from '../rule';

export const WILDCARD_MEMBER: TrustRule = {
  id: 'WIAM-TRUST-009',
  judges: 'trust',
  severity: 'warning',
  title: 'Wildcard over users or VCS origins',
  explanation:
    'A CircleCI subject with a wildcard in its user or vcs-origin field admits any user who can trigger a pipeline of the project, from any origin.',
  fix: 'Pin the user, or pin the project id and the VCS ref (oidc.circleci.com/vcs-ref) of a protected branch.',
  references: ['https://circleci.com/docs/openid-connect-tokens/'],
  acknowledgeable: true,
  owaspNhi: ['NHI6'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'member');
    return open ? { message: `${open.text} admits any user or VCS origin of the project` } : undefined;
  },
};
