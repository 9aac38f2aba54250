import type { TrustRule } from '../rule';

export const REPOSITORY_WIDE: TrustRule = {
  id: 'WIAM-TRUST-008',
  judges: 'trust',
  severity: 'warning',
  title: 'Trust admits every ref, environment or run phase of a repository',
  explanation:
    'A trust that pins the repository, project or workspace but not its context admits every branch, tag, environment, run phase or user of it. On GCP, a provider condition like this is only safe when every binding names an exact subject.',
  fix: 'Also pin an environment, a protected branch or tag, or the run phase.',
  references: ['https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines'],
  acknowledgeable: true,
  check: (view, breadth) =>
    breadth.reader.hasContext && breadth.unit !== 'none' && !breadth.context && !breadth.open.some((o) => o.field === 'context')
      ? { message: `the trust pins one ${view.issuer.kind === 'terraformCloud' ? 'workspace' : 'repository or project'} but not which ref, environment, run phase or user` }
      : undefined,
};
