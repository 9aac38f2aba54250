import { mayWrite, type TrustRule } from '../rule';

export const WILDCARD_REF: TrustRule = {
  id: 'WIAM-REF-001',
  judges: 'trust',
  severity: 'error',
  title: 'Wildcard branch, tag or environment on a trust that leads to writes',
  explanation:
    'A pattern over refs or environments (refs/heads/*, main*, ????, ref.startsWith(…), ref.matches(…)) admits any branch or tag whose name fits, and anyone who can push a branch chooses the name. Branch protection only covers names that exist and are protected.',
  fix: 'Pin exact protected branches, tags or environments.',
  references: ['https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims', 'https://docs.gitlab.com/ci/cloud_services/'],
  acknowledgeable: true,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'ref');
    if (!open) return undefined;
    const message = `${open.text} admits any branch, tag or environment whose name fits`;
    return mayWrite(view) ? { message } : { message: `${message} (read-only access)`, severity: 'warning' };
  },
};
