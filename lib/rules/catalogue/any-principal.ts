import type { TrustRule } from '../rule';

export const ANY_PRINCIPAL: TrustRule = {
  id: 'WIAM-TRUST-001',
  judges: 'trust',
  severity: 'error',
  title: 'Trust admits any principal',
  explanation:
    'A trust whose principal is "*" (AWS) or a whole workload identity pool (GCP principalSet …/*) lets every identity that can reach the cloud in, whatever its conditions say about one claim.',
  fix: 'Trust one OIDC provider (Federated) or one member (principal://.../subject/..., principalSet://.../attribute.../...), never "*" or a whole pool.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://cloud.google.com/iam/docs/principal-identifiers',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (view) => (view.anyPrincipal ? { message: 'the trust admits any principal ("*" or the whole pool)' } : undefined),
};
