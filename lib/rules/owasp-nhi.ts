/**
 * The OWASP Non-Human Identities Top 10 (2025): every rule names the risks it guards against, so a finding can be
 * read against the list security teams already track.
 */
export const OWASP_NHI_TOP_10 = {
  NHI1: 'Improper Offboarding',
  NHI2: 'Secret Leakage',
  NHI3: 'Vulnerable Third-Party NHI',
  NHI4: 'Insecure Authentication',
  NHI5: 'Overprivileged NHI',
  NHI6: 'Insecure Cloud Deployment Configurations',
  NHI7: 'Long-Lived Secrets',
  NHI8: 'Environment Isolation',
  NHI9: 'NHI Reuse',
  NHI10: 'Human Use of NHI',
} as const;

export type OwaspNhiRisk = keyof typeof OWASP_NHI_TOP_10;

export const OWASP_NHI_TOP_10_URL = 'https://owasp.org/www-project-non-human-identities-top-10/2025/';
