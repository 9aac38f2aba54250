import type { TrustRule } from '../rule';

export const MISSING_SUBJECT: TrustRule = {
  id: 'WIAM-TRUST-002',
  judges: 'trust',
  severity: 'error',
  title: 'Web-identity trust has no subject condition',
  explanation:
    'An AWS trust statement for an OIDC provider without a condition on the token subject (<issuer>:sub) admits every token the provider issues for the audience: every repository, project or pipeline of every tenant of a shared issuer.',
  fix: 'Add StringEquals on "<issuer>:sub" with the exact subjects of the identities you trust.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub'],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (view, breadth) =>
    view.cloud === 'aws' && view.complete && !view.anyPrincipal && !breadth.hasSubject
      ? { message: `the trust of ${breadth.reader.title} tokens has no condition on sub` }
      : undefined,
};
