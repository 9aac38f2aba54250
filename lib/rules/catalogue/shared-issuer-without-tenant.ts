import type { TrustRule } from '../rule';

export const SHARED_ISSUER_WITHOUT_TENANT: TrustRule = {
  id: 'WIAM-TRUST-004',
  judges: 'trust',
  severity: 'error',
  title: 'Shared issuer without a tenant pin',
  explanation:
    'GitHub (token.actions.githubusercontent.com), gitlab.com, HCP Terraform (app.terraform.io), Buildkite (agent.buildkite.com) and accounts.google.com issue tokens to every customer. A trust that does not pin your organization admits tokens minted for anyone else’s, e.g. any organization with a workspace of the same name.',
  fix: 'Pin the tenant by its immutable id (GitHub repository_owner_id, GitLab namespace_id, HCP Terraform terraform_organization_id, Buildkite organization_id) or in an exact subject.',
  references: [
    'https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI9'],
  check: (view, breadth) =>
    view.complete && breadth.reader.shared(view.issuer.url) && breadth.tenant === 'none' && !breadth.open.some((o) => o.field === 'whole')
      ? {
        message: `the trust accepts ${breadth.reader.title} tokens of any organization: nothing pins the tenant`,
        fix: `Pin the tenant: ${breadth.reader.tenantFix}.`,
      }
      : undefined,
};
