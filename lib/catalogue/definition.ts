import type { AwsConditions, GcpCondition } from './types';

/**
 * How a resource type is recognised. The pattern matches the whole native identifier; its named groups
 * `partition`, `accountId`, `project` and `subscriptionId` (where present) become fields of the ResourceRef,
 * and every named group is handed to the permission templates.
 */
export interface RecognisedType {
  /** Catalogue key, unique across clouds, e.g. `s3-bucket`. */
  readonly key: string;
  readonly pattern: RegExp;
  /** A real-shaped identifier of the type, shown in the catalogue documentation (a test checks it is recognised). */
  readonly example?: string;
  /** What must be done outside IAM before a grant works (e.g. a database user), shown in the documentation. */
  readonly setup?: string;
}

/** The named groups of a recognised identifier, plus the identifier itself. */
export interface IdentifierParts {
  readonly id: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
}

/** One statement of an AWS access level; resources and conditions are derived from the recognised ARN. */
export interface AwsStatementTemplate {
  readonly actions: readonly string[];
  readonly resources: (arn: IdentifierParts) => readonly string[];
  readonly conditions?: (arn: IdentifierParts) => AwsConditions;
  readonly resourceWildcardReason?: string;
}

export interface AwsResourceType extends RecognisedType {
  readonly cloud: 'aws';
  /** Access level → the statements it grants. */
  readonly access: Readonly<Record<string, readonly AwsStatementTemplate[]>>;
}

export interface GcpResourceType extends RecognisedType {
  readonly cloud: 'gcp';
  /** Access level → the predefined role bound on the resource's full name, or the roles when a level needs several. */
  readonly access: Readonly<Record<string, string | readonly string[]>>;
  /**
   * For a product whose roles bind only on the project (Cloud SQL, Firestore): the IAM condition that narrows each
   * project-level binding to the one resource.
   */
  readonly projectCondition?: (name: IdentifierParts) => GcpCondition;
  /**
   * False for a product that admits no federated principal in its IAM policies (Google's "Identity federation:
   * products and limitations"): its grants then go through a service account the workload impersonates.
   * @default true
   */
  readonly federatedPrincipals?: false;
}

/** An Azure built-in role, named and identified as in Microsoft's built-in roles reference. */
export interface AzureBuiltInRole {
  readonly name: string;
  readonly id: string;
}

export interface AzureResourceType extends RecognisedType {
  readonly cloud: 'azure';
  /** Access level → the built-in role assigned at the resource id. */
  readonly access: Readonly<Record<string, AzureBuiltInRole>>;
  /**
   * For a Cosmos DB for NoSQL resource, whose data ARM role assignments do not reach: the access roles are the
   * account's own built-in SQL role definitions, assigned at this data-plane path under the account.
   */
  readonly cosmosSqlPath?: (id: IdentifierParts) => string;
}

export type ResourceType = AwsResourceType | GcpResourceType | AzureResourceType;
