import type { WildcardField } from '../../trust/facts';
import type { TrustRule } from '../rule';

/** Wildcards over the context or one of its fields have their own rules (TRUST-007, REF-001, GL-002, TFC-001, TRUST-009). */
const CONTEXT_FIELDS: ReadonlySet<WildcardField> = new Set(['context', 'ref', 'refType', 'runPhase', 'member']);

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
  owaspNhi: ['NHI6', 'NHI8'],
  check: (view, breadth) =>
    breadth.reader.hasContext && breadth.unit !== 'none' && !breadth.context && !breadth.open.some((o) => CONTEXT_FIELDS.has(o.field))
      ? { message: `the trust pins one ${view.issuer.kind === 'terraformCloud' ? 'workspace' : 'repository or project'} but not which ref, environment, run phase or user` }
      : undefined,
};
