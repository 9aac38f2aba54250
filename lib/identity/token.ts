import { DEFAULT_ISSUERS } from './issuers';
import type {
  AzureManagedIdentityIdentity,
  GcpServiceAccountIdentity,
  GithubIdentity,
  GitlabIdentity,
  Identity,
  IssuerKind,
  KubernetesIdentity,
  OidcIdentity,
  SpiffeIdentity,
  TerraformCloudIdentity,
} from '../model/identity';

/**
 * What an identity's OIDC token carries, read from the providers' documentation (reference/CLAIMS.md):
 * the issuer, every `sub` value it may present, and the other claims that pin it exactly.
 */
export interface TokenFacts {
  readonly issuer: string;
  readonly issuerKind: IssuerKind;
  /** Accepted `sub` values, one per subject form, sorted. */
  readonly subjects: readonly string[];
  /** Further exact claims (immutable ids, workflow, protected ref, …). */
  readonly claims: Readonly<Record<string, string>>;
  /** On a shared issuer, the claim holding the tenant's immutable id and its value. */
  readonly tenant?: { readonly claim: string; readonly value: string };
  /** The audience the token is minted for, when the identity declares one (else each cloud's default). */
  readonly audience?: string;
}

/** Token facts for identities that present an OIDC token; undefined for AWS roles, Pod Identity and X.509. */
export function tokenFactsOf(identity: Identity): TokenFacts | undefined {
  switch (identity.kind) {
    case 'github':
      return github(identity);
    case 'gitlab':
      return gitlab(identity);
    case 'kubernetes':
      return kubernetes(identity);
    case 'terraformCloud':
      return terraformCloud(identity);
    case 'spiffe':
      return spiffe(identity);
    case 'oidc':
      return oidc(identity);
    case 'gcpServiceAccount':
      return gcpServiceAccount(identity);
    case 'azureManagedIdentity':
      return azureManagedIdentity(identity);
    case 'awsRole':
      return undefined;
  }
}

/** GitHub encodes a `:` inside a subject value as `%3A`, so values cannot forge extra subject fields. */
function encodeSubjectValue(value: string): string {
  return value.replace(/:/g, '%3A');
}

/** The context part of a GitHub `sub`: environment wins over ref (as GitHub mints it). */
export function githubSubjectContext(identity: GithubIdentity): string {
  if (identity.environment !== undefined) return `environment:${encodeSubjectValue(identity.environment)}`;
  if (identity.ref !== undefined) return `ref:${encodeSubjectValue(identity.ref)}`;
  return 'pull_request';
}

function githubSubjects(identity: GithubIdentity): string[] {
  const context = githubSubjectContext(identity);
  const [owner, repo] = identity.repository.split('/');
  const classic = `repo:${owner}/${repo}:${context}`;
  const immutable = `repo:${owner}@${identity.ownerId}/${repo}@${identity.repositoryId}:${context}`;
  const forms = { classic: [classic], immutable: [immutable], both: [classic, immutable] }[identity.subjectFormat];
  return forms.sort();
}

function github(identity: GithubIdentity): TokenFacts {
  const claims: Record<string, string> = {};
  if (identity.ownerId && identity.repositoryId) {
    claims.repository_owner_id = identity.ownerId;
    claims.repository_id = identity.repositoryId;
  }
  if (identity.workflow) claims.job_workflow_ref = identity.workflow;
  return {
    issuer: identity.issuer,
    issuerKind: 'github',
    subjects: githubSubjects(identity),
    claims,
    ...(identity.ownerId ? { tenant: { claim: 'repository_owner_id', value: identity.ownerId } } : {}),
  };
}

function gitlab(identity: GitlabIdentity): TokenFacts {
  const claims: Record<string, string> = {
    namespace_id: identity.namespaceId,
    project_id: identity.projectId,
  };
  if (identity.protectedRef) claims.ref_protected = 'true';
  if (identity.environment !== undefined) claims.environment = identity.environment;
  return {
    issuer: identity.host,
    issuerKind: 'gitlab',
    subjects: [`project_path:${identity.project}:ref_type:${identity.refType}:ref:${identity.ref}`],
    claims,
    tenant: { claim: 'namespace_id', value: identity.namespaceId },
  };
}

function kubernetes(identity: KubernetesIdentity): TokenFacts | undefined {
  if (!identity.issuer) return undefined;
  return {
    issuer: identity.issuer,
    issuerKind: 'kubernetes',
    subjects: [`system:serviceaccount:${identity.namespace}:${identity.serviceAccount}`],
    claims: {},
  };
}

function terraformCloud(identity: TerraformCloudIdentity): TokenFacts {
  const { organization, project, workspace, runPhase } = identity;
  return {
    issuer: identity.host,
    issuerKind: 'terraformCloud',
    subjects: [`organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${runPhase}`],
    claims: { terraform_organization_id: identity.organizationId },
    tenant: { claim: 'terraform_organization_id', value: identity.organizationId },
  };
}

function spiffe(identity: SpiffeIdentity): TokenFacts | undefined {
  if (!identity.jwtIssuer) return undefined;
  return { issuer: identity.jwtIssuer, issuerKind: 'spiffe', subjects: [identity.id], claims: {}, audience: identity.audience };
}

function oidc(identity: OidcIdentity): TokenFacts {
  const { issuer, issuerKind, subject, claims, audience } = identity;
  return { issuer, issuerKind, subjects: [subject], claims, audience };
}

function gcpServiceAccount(identity: GcpServiceAccountIdentity): TokenFacts {
  return { issuer: DEFAULT_ISSUERS.google, issuerKind: 'google', subjects: [identity.uniqueId], claims: {} };
}

function azureManagedIdentity(identity: AzureManagedIdentityIdentity): TokenFacts {
  return {
    issuer: `https://sts.windows.net/${identity.tenantId}/`,
    issuerKind: 'azure',
    subjects: [identity.objectId],
    // The issuer URL already names the tenant; `tid` is the GCP condition's tenant pin.
    claims: {},
    tenant: { claim: 'tid', value: identity.tenantId },
    audience: identity.audience,
  };
}
