import type { TrustRule } from '../rule';

export const TENANT_WIDE: TrustRule = {
  id: 'WIAM-TRUST-005',
  judges: 'trust',
  severity: 'error',
  title: 'Trust admits a whole organization',
  explanation:
    'A trust that pins only the tenant (an organization, group, CircleCI or Bitbucket workspace, cluster) admits every repository, project, workspace or service account in it, including ones created later by anyone allowed to create them.',
  fix: 'Pin one repository, project, workspace or service account, and its ref, environment or run phase.',
  references: ['https://cloud.google.com/iam/docs/best-practices-for-using-workload-identity-federation#avoid-subject-collisions'],
  acknowledgeable: true,
  owaspNhi: ['NHI6', 'NHI9'],
  check: (view, breadth) =>
    view.complete &&
    !view.anyPrincipal &&
    breadth.tenant !== 'none' &&
    breadth.unit === 'none' &&
    breadth.neverMatches.length === 0 &&
    !breadth.open.some((o) => o.field === 'whole' || o.field === 'tenant' || o.field === 'unit')
      ? { message: `the trust pins only the ${breadth.reader.title} tenant, so every repository or project in it is admitted`, fix: `${breadth.reader.unitFix}.` }
      : undefined,
};
