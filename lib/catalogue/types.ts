/** The clouds workload-iam federates into. */
export type Cloud = 'aws' | 'gcp' | 'azure';

/** A concrete cloud resource recognised from its native identifier (AWS ARN, GCP full resource name, Azure resource id). */
export interface ResourceRef {
  readonly cloud: Cloud;
  /** Catalogue key of the resource type, e.g. `s3-bucket`, `gcs-bucket`, `storage-container`. */
  readonly type: string;
  /** The native identifier exactly as declared. */
  readonly id: string;
  /** AWS: the ARN partition (`aws`, `aws-cn`, `aws-us-gov`, …). */
  readonly partition?: string;
  /** AWS: the account id in the ARN; absent where the ARN carries none (S3). */
  readonly accountId?: string;
  /** GCP: the project id or number in the name; absent where the name has none (`projects/_` buckets). */
  readonly project?: string;
  /** Azure: the subscription id, lower-cased (ARM compares GUIDs case-insensitively). */
  readonly subscriptionId?: string;
}

/** An IAM `Condition` block: operator → condition key → values, e.g. `{ StringLike: { 's3:prefix': ['assets/*'] } }`. */
export type AwsConditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** One AWS policy statement of a grant: the exact actions on the exact resource ARNs. */
export interface AwsPermission {
  /** Sorted, without wildcards. */
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: AwsConditions;
  /**
   * Why this statement's resource is `"*"`: set only for actions IAM cannot scope to a resource
   * (e.g. `ecr:GetAuthorizationToken`), so rules can tell a deliberate wildcard from a mistake.
   */
  readonly resourceWildcardReason?: string;
}

/** An IAM condition on a binding, as Google's IAM policies spell it: a CEL expression, with a title and a description. */
export interface GcpCondition {
  readonly title: string;
  readonly description: string;
  readonly expression: string;
}

/** GCP permission for one grant: a predefined role bound on one resource. */
export interface GcpPermission {
  readonly role: string;
  /** The resource granted (a full resource name, e.g. `//storage.googleapis.com/projects/_/buckets/b`). */
  readonly resource: string;
  /**
   * Set where the role binds only on the project (Cloud SQL, Firestore): the binding is set on the project that holds
   * `resource`, and this condition admits `resource` alone.
   */
  readonly condition?: GcpCondition;
}

/** Azure permission for one grant: a built-in role assigned at one scope. */
export interface AzurePermission {
  /** The GUID of the built-in role definition. */
  readonly roleDefinitionId: string;
  readonly roleName: string;
  /** The ARM scope of the assignment (the resource id, or its narrowest assignable parent). */
  readonly scope: string;
  /**
   * For Cosmos DB data: the account id whose SQL role definition `roleDefinitionId` names; `scope` is then the
   * data-plane path (`<account id>[/dbs/<database>[/colls/<container>]]`).
   */
  readonly cosmosAccount?: string;
}
