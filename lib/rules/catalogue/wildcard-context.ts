import type { TrustRule } from '../rule';

export const WILDCARD_CONTEXT: TrustRule = {
  id: 'WIAM-TRUST-007',
  judges: 'trust',
  severity: 'error',
  title: 'Wildcard over every ref, environment and event of a repository',
  explanation:
    'A subject that ends in a wildcard right after the repository (repo:org/app:*) admits every branch, tag, environment and pull_request run of it: anyone who can open a pull request or push a branch gets the role.',
  fix: 'Pin the context: repo:org/app:environment:NAME or repo:org/app:ref:refs/heads/BRANCH.',
  references: ['https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims'],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'context');
    return open ? { message: `${open.text} admits every branch, tag, environment and pull request of the repository` } : undefined;
  },
};
