import { mayWrite, type TrustRule } from '../rule';

export const TAG_REF: TrustRule = {
  id: 'WIAM-REF-002',
  judges: 'trust',
  severity: 'warning',
  title: 'Trust on a tag that leads to writes',
  explanation: 'Tags can be created, deleted and moved by anyone with push access unless tag protection is configured, so a trust on a tag name is only as strong as that protection.',
  fix: 'Protect the tag pattern (GitHub rulesets, GitLab protected tags) and prefer an environment with required reviewers.',
  references: ['https://docs.gitlab.com/user/project/protected_tags/', 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets'],
  acknowledgeable: true,
  owaspNhi: ['NHI8'],
  check: (view, breadth) => (breadth.tag && mayWrite(view) ? { message: 'the trust admits a tag ref, which can be moved or recreated' } : undefined),
};
