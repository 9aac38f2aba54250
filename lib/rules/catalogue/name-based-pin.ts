import type { TrustRule } from '../rule';

export const NAME_BASED_PIN: TrustRule = {
  id: 'WIAM-ID-001',
  judges: 'trust',
  severity: 'warning',
  title: 'Identity pinned by name where an immutable id exists',
  explanation:
    'Organization, repository, project and workspace names can be renamed, deleted and registered again by someone else; a trust on names then admits the newcomer. GitHub, GitLab and HCP Terraform tokens carry immutable ids (repository_owner_id / repository_id, namespace_id / project_id, terraform_organization_id / terraform_workspace_id). GitHub also emits an id-based subject for repositories created after 2026-07-15, so a name-only trust can stop matching.',
  fix: 'Pin the immutable ids as well (in the declaration: github ownerId and repositoryId; gitlab projectId and namespaceId).',
  references: [
    'https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims',
    'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
    'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens',
  ],
  acknowledgeable: true,
  check: (_view, breadth) => {
    if (!breadth.reader.offersImmutableIds) return undefined;
    const named = [breadth.tenant === 'name' ? 'organization' : undefined, breadth.unit === 'name' ? 'repository/project/workspace' : undefined].filter(Boolean);
    return named.length > 0 ? { message: `the ${named.join(' and ')} ${named.length > 1 ? 'are' : 'is'} pinned by name only`, fix: `Pin immutable ids: ${breadth.reader.tenantFix}; ${breadth.reader.unitFix}.` } : undefined;
  },
};
