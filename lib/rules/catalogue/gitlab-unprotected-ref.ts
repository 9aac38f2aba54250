import { mayWrite, type TrustRule } from '../rule';

export const GITLAB_UNPROTECTED_REF: TrustRule = {
  id: 'WIAM-GL-001',
  judges: 'trust',
  severity: 'warning',
  title: 'GitLab trust that leads to writes does not require a protected ref',
  explanation:
    'GitLab subjects do not say whether the ref is protected: a Developer can push a branch named like a protected one in a fork or run a merge-request pipeline on a source branch. The ref_protected claim is the guard, and AWS (gitlab.com) and GCP can condition on it.',
  fix: 'Require ref_protected == "true" (in the declaration: protectedRef: true, the default).',
  references: ['https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload'],
  acknowledgeable: true,
  owaspNhi: ['NHI6', 'NHI8'],
  check: (view, breadth) =>
    view.issuer.kind === 'gitlab' && view.cloud !== 'azure' && view.complete && mayWrite(view) && !breadth.refProtected
      ? { message: 'the trust admits unprotected refs (no ref_protected == "true")' }
      : undefined,
};
