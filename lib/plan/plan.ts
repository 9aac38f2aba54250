import type { GcpCondition } from '../catalogue/types';
import type { IssuerKind } from '../model/identity';
import type { Acknowledgement } from '../model/workload';

/**
 * The Plan: what every engine renders, as plain, literal, deep-frozen data (invariants in design/PLAN.md).
 * Engines may add what their platform needs but never change a trust document, condition, member, action or role.
 */
export interface Plan {
  readonly aws: Readonly<Record<string, AwsAccountPlan>>;
  readonly gcp: Readonly<Record<string, GcpAccountPlan>>;
  readonly azure: Readonly<Record<string, AzureAccountPlan>>;
  /** Per workload that has any, the rules it deliberately overrides and why (SPEC §3). */
  readonly acknowledgements: Readonly<Record<string, readonly Acknowledgement[]>>;
}

/** Where a Plan element comes from in the declaration, so findings can point at it. */
export interface Origin {
  readonly workload: string;
  /** Indexes into the workload's `identities`. */
  readonly identities?: readonly number[];
  /** Indexes into the workload's grants for this account. */
  readonly grants?: readonly number[];
  /**
   * For an AWS trust statement merged from identities that differ only in `sub`: the subjects each identity
   * contributes, aligned with `identities`, so a finding or an explanation names the right identity.
   */
  readonly subjects?: readonly (readonly string[])[];
}

/** Where a permission statement comes from, and why its resource is `*` when the action admits no other. */
export interface PermissionOrigin extends Origin {
  /** The catalogue's reason a statement's resource is `*` (e.g. `ecr:GetAuthorizationToken`), so rules need no catalogue. */
  readonly resourceWildcardReason?: string;
}

/** A claim the declaration pins but the target cloud cannot condition on; recorded, never silently dropped. */
export interface UnenforcedClaim {
  readonly identity: number;
  readonly claim: string;
  readonly value: string;
}

export type PolicyDocument = {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
};

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface AwsAccountPlan {
  readonly accountId: string;
  readonly partition: string;
  /** The region workloads sign in to, when the declaration names one. */
  readonly region?: string;
  readonly oidcProviders: readonly AwsOidcProvider[];
  readonly roles: readonly AwsRole[];
  readonly podIdentityAssociations: readonly AwsPodIdentityAssociation[];
  readonly rolesAnywhereProfiles: readonly AwsRolesAnywhereProfile[];
}

export interface AwsOidcProvider {
  /** Stable id: the issuer host and path. */
  readonly key: string;
  readonly url: string;
  readonly issuerKind: IssuerKind;
  readonly arn: string;
  /** Audiences (client ids), sorted. */
  readonly clientIds: readonly string[];
  /** Whether the provider exists already (compile option `aws.existingOidcProviders`): engines reference it by ARN. */
  readonly imported?: true;
}

export interface AwsRole {
  /** Stable id: the workload name. */
  readonly key: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly workload: string;
  readonly description?: string;
  readonly trustPolicy: PolicyDocument;
  /** Which identities each trust statement admits (same order as the statements). */
  readonly trustOrigins: readonly Origin[];
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
  /** Which grants each permission statement comes from, per inline policy. */
  readonly permissionOrigins: Readonly<Record<string, readonly PermissionOrigin[]>>;
  readonly maxSessionDuration: number;
  /** Keys of the OIDC providers the trust references (engines add the dependency). */
  readonly oidcProviders: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly unenforcedClaims: readonly UnenforcedClaim[];
  /** Escape-hatch justifications, carried to the manifest. */
  readonly justifications: readonly string[];
  /** Whether any grant can change state (rules are stricter on trust that leads to writes). */
  readonly writes: boolean;
}

export interface AwsPodIdentityAssociation {
  readonly key: string;
  readonly role: string;
  readonly cluster: string;
  readonly region: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly origin: Origin;
}

export interface AwsRolesAnywhereProfile {
  readonly key: string;
  readonly name: string;
  readonly trustAnchorArn: string;
  /** The trust anchor's region: a profile lives beside its anchor. */
  readonly region: string;
  /** Role keys the profile may vend. */
  readonly roles: readonly string[];
  readonly roleArns: readonly string[];
  /** The shortest session of its roles: a profile vends sessions no longer than each role allows. */
  readonly maxSessionDuration: number;
}

export interface GcpAccountPlan {
  readonly projectId: string;
  readonly projectNumber: string;
  readonly pool: { readonly id: string; readonly name: string };
  readonly providers: readonly GcpProvider[];
  readonly bindings: readonly GcpBinding[];
  /**
   * Every member each workload's identities are admitted as, bound or not: an identity-only workload
   * (`grants: { gcp-prod: [] }`) is granted through the engine, which binds these.
   */
  readonly members: readonly GcpMember[];
  /** Service accounts workloads impersonate (SPEC §1), sorted by workload. */
  readonly serviceAccounts: readonly GcpServiceAccount[];
}

/** A workload's identity as a GCP IAM member. */
export interface GcpMember {
  readonly member: string;
  readonly workload: string;
  /** The provider the member authenticates through, when federated. */
  readonly provider?: string;
  readonly origin: Origin;
  /** The exact token claims the member stands for, when federated. */
  readonly claims?: Readonly<Record<string, string>>;
}

/**
 * The service account a workload acts as in one project: its federated members hold
 * `roles/iam.workloadIdentityUser` on it, and it holds the workload's grants.
 */
export interface GcpServiceAccount {
  /** Stable id: the workload name. */
  readonly key: string;
  /** The account id (6-30 characters), derived from the workload name. */
  readonly accountId: string;
  readonly email: string;
  /** Full resource name, as its IAM bindings name it. */
  readonly resource: string;
  readonly displayName: string;
  readonly workload: string;
  /** Whether the workload asked for it (`impersonate`), or a resource it is granted cannot take a federated principal. */
  readonly reason: 'declared' | 'resource';
}

export type GcpProviderType = 'oidc' | 'aws';

export interface GcpProvider {
  readonly id: string;
  /** Full resource name, also the default audience a token must carry. */
  readonly name: string;
  readonly type: GcpProviderType;
  /** OIDC issuer URL. */
  readonly issuer?: string;
  /** The issuer's family, for OIDC providers. */
  readonly issuerKind?: IssuerKind;
  /** AWS account for an `aws` provider. */
  readonly awsAccountId?: string;
  /** Empty means the provider's own resource name (with or without `https:`) is the only accepted audience. */
  readonly allowedAudiences: readonly string[];
  readonly attributeMapping: Readonly<Record<string, string>>;
  readonly attributeCondition: string;
  readonly workloads: readonly string[];
}

export interface GcpBinding {
  /** Full resource name of the resource granted: the binding is set on it, or, with a `condition`, on its project. */
  readonly resource: string;
  readonly resourceType: string;
  readonly role: string;
  /**
   * For a role that binds only on the project (Cloud SQL, Firestore): the binding is set on the project holding
   * `resource`, with this IAM condition admitting `resource` alone.
   */
  readonly condition?: GcpCondition;
  readonly member: string;
  readonly workload: string;
  /** The provider the member authenticates through, when federated. */
  readonly provider?: string;
  readonly origin: Origin;
  readonly justification?: string;
  /** Whether the role can change state (for an impersonation binding: whether the service account's grants can). */
  readonly writes: boolean;
  /**
   * `impersonation`: the member may act as the workload's service account (`roles/iam.workloadIdentityUser` on it);
   * `serviceAccount`: a grant the service account holds. Absent: a grant bound to the member itself.
   */
  readonly binds?: 'impersonation' | 'serviceAccount';
  /**
   * The exact token claims the member stands for (e.g. `sub`, `repository_id`), so rules and `explain` can read
   * what a token must present without inverting the attribute mapping. Absent for non-federated members.
   */
  readonly claims?: Readonly<Record<string, string>>;
}

export interface AzureAccountPlan {
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly identities: readonly AzureManagedIdentity[];
  readonly federatedCredentials: readonly AzureFederatedCredential[];
  readonly roleAssignments: readonly AzureRoleAssignment[];
  readonly cosmosSqlRoleAssignments: readonly AzureCosmosSqlRoleAssignment[];
  readonly unenforcedClaims: readonly (UnenforcedClaim & { readonly workload: string })[];
}

export interface AzureManagedIdentity {
  readonly key: string;
  readonly name: string;
  readonly workload: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface AzureFederatedCredential {
  /** Key of the managed identity it belongs to. */
  readonly identity: string;
  readonly name: string;
  readonly issuer: string;
  readonly issuerKind: IssuerKind;
  readonly subject: string;
  readonly audience: string;
  readonly origin: Origin;
}

/** The principal of a role assignment: the workload's managed identity (known at deploy) or a literal object id. */
export type AzurePrincipal =
  | { readonly ref: string; readonly attr: 'principalId' }
  | { readonly objectId: string };

/**
 * A Cosmos DB for NoSQL data-plane role assignment, a resource of the account itself: ARM role assignments grant no
 * access to Cosmos DB data.
 */
export interface AzureCosmosSqlRoleAssignment {
  /** Deterministic GUID, like a role assignment's. */
  readonly name: string;
  readonly principal: AzurePrincipal;
  /** The resource group and name of the Cosmos DB account, which holds the assignment. */
  readonly resourceGroup: string;
  readonly accountName: string;
  /** The resource as declared (account, SQL database or container). */
  readonly resource: string;
  /** The data-plane path granted: `<account id>[/dbs/<database>[/colls/<container>]]`. */
  readonly scope: string;
  /** `<account id>/sqlRoleDefinitions/<id>`. */
  readonly roleDefinitionId: string;
  readonly roleName: string;
  readonly workload: string;
  readonly origin: Origin;
  /** Whether the role can change state. */
  readonly writes: boolean;
}

export interface AzureRoleAssignment {
  /** Deterministic GUID (role assignments are named by GUID). */
  readonly name: string;
  readonly principal: AzurePrincipal;
  readonly principalType: 'ServicePrincipal';
  readonly scope: string;
  readonly roleDefinitionId: string;
  readonly roleName?: string;
  readonly workload: string;
  readonly origin: Origin;
  readonly justification?: string;
  /** Whether the role can change state. */
  readonly writes: boolean;
}
