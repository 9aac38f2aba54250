/**
 * The identities a workload can be: each admits exactly one caller. These are the validated, defaulted forms
 * produced from the declaration (see SPEC §3); the compiler reads only these.
 */
export type Identity =
  | GithubIdentity
  | GitlabIdentity
  | KubernetesIdentity
  | TerraformCloudIdentity
  | SpiffeIdentity
  | OidcIdentity
  | AwsRoleIdentity
  | GcpServiceAccountIdentity
  | AzureManagedIdentityIdentity;

export type IdentityKind = Identity['kind'];

/** The family of a token issuer, which decides how its subjects and claims read (CLAIMS.md). */
export type IssuerKind =
  | 'github'
  | 'gitlab'
  | 'terraformCloud'
  | 'circleci'
  | 'bitbucket'
  | 'buildkite'
  | 'kubernetes'
  | 'spiffe'
  | 'google'
  | 'azure'
  | 'generic';

/** Which `sub` forms a GitHub trust accepts: name-based, id-based, or both (for repositories migrating). */
export type GithubSubjectFormat = 'classic' | 'immutable' | 'both';

/** A GitHub Actions job, pinned to one repository and one environment, ref or pull-request context. */
export interface GithubIdentity {
  readonly kind: 'github';
  /** `owner/repo`. */
  readonly repository: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
  readonly environment?: string;
  /** `refs/heads/…` or `refs/tags/…`. */
  readonly ref?: string;
  readonly pullRequest?: true;
  /** `job_workflow_ref` pin: `owner/repo/.github/workflows/x.yml@ref-or-sha`. */
  readonly workflow?: string;
  readonly enterpriseSlug?: string;
  /** The token issuer; defaults to `https://token.actions.githubusercontent.com` (plus `/<enterpriseSlug>`). */
  readonly issuer: string;
  readonly subjectFormat: GithubSubjectFormat;
}

/** A GitLab CI job (id_tokens) of one project on one ref. */
export interface GitlabIdentity {
  readonly kind: 'gitlab';
  /** `group/…/project`. */
  readonly project: string;
  readonly projectId: string;
  readonly namespaceId: string;
  readonly ref: string;
  readonly refType: 'branch' | 'tag';
  readonly environment?: string;
  readonly protectedRef: boolean;
  /** The instance URL, which is also the token issuer. */
  readonly host: string;
}

/** EKS specifics: IRSA (the cluster's OIDC issuer) or EKS Pod Identity (an association, no issuer). */
export interface EksCluster {
  readonly region: string;
  readonly cluster: string;
  readonly podIdentity: boolean;
}

/** GKE specifics: the cluster whose project hosts the `PROJECT_ID.svc.id.goog` workload pool. */
export interface GkeCluster {
  readonly projectId: string;
  readonly projectNumber: string;
  readonly location: string;
  readonly cluster: string;
}

/** A Kubernetes service account presenting a projected service-account token. */
export interface KubernetesIdentity {
  readonly kind: 'kubernetes';
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The cluster's OIDC issuer; absent only for EKS Pod Identity. */
  readonly issuer?: string;
  readonly flavour: 'generic' | 'eks' | 'gke' | 'aks';
  readonly eks?: EksCluster;
  readonly gke?: GkeCluster;
}

/** An HCP Terraform / Terraform Enterprise run of one workspace in one run phase. */
export interface TerraformCloudIdentity {
  readonly kind: 'terraformCloud';
  readonly organization: string;
  readonly organizationId: string;
  readonly project: string;
  readonly workspace: string;
  readonly runPhase: 'plan' | 'apply';
  /** The host URL, which is also the token issuer. */
  readonly host: string;
}

/** X.509-SVID trust through AWS IAM Roles Anywhere. */
export interface SpiffeX509 {
  /**
   * The existing Roles Anywhere trust anchor of the SPIRE CA. Its ARN carries a server-assigned id, so it is
   * referenced rather than created: the trust policy stays literal.
   */
  readonly awsTrustAnchorArn: string;
}

/** A SPIFFE workload, as a JWT-SVID (issuer + audience) or an X.509-SVID (trust anchor). */
export interface SpiffeIdentity {
  readonly kind: 'spiffe';
  /** `spiffe://trust-domain/path`. */
  readonly id: string;
  readonly trustDomain: string;
  readonly jwtIssuer?: string;
  readonly audience?: string;
  readonly x509?: SpiffeX509;
}

/** Any OIDC issuer: an exact subject, audience and extra exact claims. */
export interface OidcIdentity {
  readonly kind: 'oidc';
  /** The issuer, in the exact form a known issuer emits. */
  readonly issuer: string;
  /**
   * The issuer's family, read from the issuer (a known one, or one another identity of the declaration names), not
   * from the kind: an `oidc` identity on GitHub's issuer is judged as GitHub trust.
   */
  readonly issuerKind: IssuerKind;
  readonly audience: string;
  readonly subject: string;
  readonly claims: Readonly<Record<string, string>>;
}

/** An AWS IAM role (its sessions) reaching another account or cloud. */
export interface AwsRoleIdentity {
  readonly kind: 'awsRole';
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  /** The role name without its path, as it appears in `assumed-role/<name>/<session>`. */
  readonly roleName: string;
}

/** A GCP service account presenting a Google-signed ID token. */
export interface GcpServiceAccountIdentity {
  readonly kind: 'gcpServiceAccount';
  readonly email: string;
  /** The numeric unique id, the token's `sub` (and `azp`). */
  readonly uniqueId: string;
}

/** An Azure managed identity presenting an Entra token. */
export interface AzureManagedIdentityIdentity {
  readonly kind: 'azureManagedIdentity';
  readonly tenantId: string;
  readonly objectId: string;
  /** The audience (resource) the managed identity requests its token for. */
  readonly audience: string;
}
