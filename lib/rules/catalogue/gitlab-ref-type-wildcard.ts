import type { TrustRule } from '../rule';

export const GITLAB_REF_TYPE_WILDCARD: TrustRule = {
  id: 'WIAM-GL-002',
  judges: 'trust',
  severity: 'error',
  title: 'GitLab ref_type left open',
  explanation:
    'ref_type:* admits a tag as well as a branch of the same name; creating a tag called main usually needs less than pushing to the protected main branch.',
  fix: 'Pin ref_type:branch or ref_type:tag.',
  references: ['https://docs.gitlab.com/ci/cloud_services/aws/'],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'refType');
    return open ? { message: `${open.text} admits tags and branches alike` } : undefined;
  },
};
