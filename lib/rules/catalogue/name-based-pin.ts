import type { Cloud } from '../../catalogue/types';
import type { IssuerKind } from '../../model/identity';
import type { IssuerReader } from '../../trust/issuers';
import type { TrustRule } from '../rule';

/** Where a cloud cannot see the id claims, the fix is an id-based subject, or a recorded exception. */
function fixFor(cloud: Cloud, kind: IssuerKind, reader: IssuerReader): string {
  if (cloud === 'azure' && kind === 'github') return 'A federated credential matches the subject only: trust the immutable subject repo:OWNER@ID/REPO@ID:... alone (subjectFormat: immutable).';
  if (cloud === 'azure' && kind === 'gitlab') return 'A federated credential matches the subject only: trust the project_id:ID:... subject form.';
  if (cloud === 'aws' && kind === 'terraformCloud') {
    return 'AWS STS passes no HCP Terraform id claims: make sure the organization and workspace names cannot be re-registered, then acknowledge this rule with that reason.';
  }
  return `Pin immutable ids: ${reader.tenantFix}; ${reader.unitFix}.`;
}

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
  owaspNhi: ['NHI1', 'NHI6'],
  check: (view, breadth) => {
    if (!breadth.reader.offersImmutableIds) return undefined;
    const named = [breadth.tenant === 'name' ? 'organization' : undefined, breadth.unit === 'name' ? 'repository/project/workspace' : undefined].filter(Boolean);
    if (named.length === 0) return undefined;
    return { message: `the ${named.join(' and ')} ${named.length > 1 ? 'are' : 'is'} pinned by name only`, fix: fixFor(view.cloud, view.issuer.kind, breadth.reader) };
  },
};
