/* eslint-disable @typescript-eslint/no-require-imports */
import type { Cloud } from '../../catalogue/types';
import { DeclarationError } from '../../declaration/errors';

/** The classes of `@pulumi/aws` the engine renders with, each loaded by deep import of its own module. */
export interface AwsModules {
  readonly Role: typeof import('@pulumi/aws/iam/role').Role;
  readonly RolePolicy: typeof import('@pulumi/aws/iam/rolePolicy').RolePolicy;
  readonly OpenIdConnectProvider: typeof import('@pulumi/aws/iam/openIdConnectProvider').OpenIdConnectProvider;
  readonly PodIdentityAssociation: typeof import('@pulumi/aws/eks/podIdentityAssociation').PodIdentityAssociation;
  readonly Profile: typeof import('@pulumi/aws/rolesanywhere/profile').Profile;
}

/** The classes of `@pulumi/gcp`: the pool, its providers, service accounts, and the IAM member of each resource type. */
export interface GcpModules {
  readonly WorkloadIdentityPool: typeof import('@pulumi/gcp/iam/workloadIdentityPool').WorkloadIdentityPool;
  readonly WorkloadIdentityPoolProvider: typeof import('@pulumi/gcp/iam/workloadIdentityPoolProvider').WorkloadIdentityPoolProvider;
  readonly Account: typeof import('@pulumi/gcp/serviceaccount/account').Account;
  readonly ServiceAccountIAMMember: typeof import('@pulumi/gcp/serviceaccount/iammember').IAMMember;
  readonly BucketIAMMember: typeof import('@pulumi/gcp/storage/bucketIAMMember').BucketIAMMember;
  readonly TopicIAMMember: typeof import('@pulumi/gcp/pubsub/topicIAMMember').TopicIAMMember;
  readonly SubscriptionIAMMember: typeof import('@pulumi/gcp/pubsub/subscriptionIAMMember').SubscriptionIAMMember;
  readonly SecretIamMember: typeof import('@pulumi/gcp/secretmanager/secretIamMember').SecretIamMember;
  readonly RepositoryIamMember: typeof import('@pulumi/gcp/artifactregistry/repositoryIamMember').RepositoryIamMember;
  readonly DatasetIamMember: typeof import('@pulumi/gcp/bigquery/datasetIamMember').DatasetIamMember;
  readonly ServiceIamMember: typeof import('@pulumi/gcp/cloudrunv2/serviceIamMember').ServiceIamMember;
  readonly CryptoKeyIAMMember: typeof import('@pulumi/gcp/kms/cryptoKeyIAMMember').CryptoKeyIAMMember;
  readonly ProjectIAMMember: typeof import('@pulumi/gcp/projects/iammember').IAMMember;
  readonly SpannerDatabaseIAMMember: typeof import('@pulumi/gcp/spanner/databaseIAMMember').DatabaseIAMMember;
}

export interface AzureModules {
  readonly UserAssignedIdentity: typeof import('@pulumi/azure-native/managedidentity/userAssignedIdentity').UserAssignedIdentity;
  readonly FederatedIdentityCredential: typeof import('@pulumi/azure-native/managedidentity/federatedIdentityCredential').FederatedIdentityCredential;
  readonly RoleAssignment: typeof import('@pulumi/azure-native/authorization/roleAssignment').RoleAssignment;
  readonly SqlResourceSqlRoleAssignment: typeof import('@pulumi/azure-native/cosmosdb/sqlResourceSqlRoleAssignment').SqlResourceSqlRoleAssignment;
}

export interface CloudModules {
  readonly aws?: AwsModules;
  readonly gcp?: GcpModules;
  readonly azure?: AzureModules;
}

/** The package each cloud needs, with the major version the engine is written for. */
export const CLOUD_PACKAGES: Readonly<Record<Cloud, string>> = { aws: '@pulumi/aws@^7', gcp: '@pulumi/gcp@^9', azure: '@pulumi/azure-native@^3' };

/** Where each class is: its module below the package, and its export. */
const CLASSES: { readonly [C in Cloud]: Readonly<Record<string, readonly [module: string, name: string]>> } = {
  aws: {
    Role: ['iam/role', 'Role'],
    RolePolicy: ['iam/rolePolicy', 'RolePolicy'],
    OpenIdConnectProvider: ['iam/openIdConnectProvider', 'OpenIdConnectProvider'],
    PodIdentityAssociation: ['eks/podIdentityAssociation', 'PodIdentityAssociation'],
    Profile: ['rolesanywhere/profile', 'Profile'],
  },
  gcp: {
    WorkloadIdentityPool: ['iam/workloadIdentityPool', 'WorkloadIdentityPool'],
    WorkloadIdentityPoolProvider: ['iam/workloadIdentityPoolProvider', 'WorkloadIdentityPoolProvider'],
    Account: ['serviceaccount/account', 'Account'],
    ServiceAccountIAMMember: ['serviceaccount/iammember', 'IAMMember'],
    BucketIAMMember: ['storage/bucketIAMMember', 'BucketIAMMember'],
    TopicIAMMember: ['pubsub/topicIAMMember', 'TopicIAMMember'],
    SubscriptionIAMMember: ['pubsub/subscriptionIAMMember', 'SubscriptionIAMMember'],
    SecretIamMember: ['secretmanager/secretIamMember', 'SecretIamMember'],
    RepositoryIamMember: ['artifactregistry/repositoryIamMember', 'RepositoryIamMember'],
    DatasetIamMember: ['bigquery/datasetIamMember', 'DatasetIamMember'],
    ServiceIamMember: ['cloudrunv2/serviceIamMember', 'ServiceIamMember'],
    CryptoKeyIAMMember: ['kms/cryptoKeyIAMMember', 'CryptoKeyIAMMember'],
    ProjectIAMMember: ['projects/iammember', 'IAMMember'],
    SpannerDatabaseIAMMember: ['spanner/databaseIAMMember', 'DatabaseIAMMember'],
  },
  azure: {
    UserAssignedIdentity: ['managedidentity/userAssignedIdentity', 'UserAssignedIdentity'],
    FederatedIdentityCredential: ['managedidentity/federatedIdentityCredential', 'FederatedIdentityCredential'],
    RoleAssignment: ['authorization/roleAssignment', 'RoleAssignment'],
    SqlResourceSqlRoleAssignment: ['cosmosdb/sqlResourceSqlRoleAssignment', 'SqlResourceSqlRoleAssignment'],
  },
};

const packageName = (cloud: Cloud) => CLOUD_PACKAGES[cloud].slice(0, CLOUD_PACKAGES[cloud].lastIndexOf('@'));

/** The classes of one cloud, or undefined when its package is missing; any other failure to load is not hidden. */
function loadCloud(cloud: Cloud): Record<string, unknown> | undefined {
  const classes: Record<string, unknown> = {};
  for (const [key, [module, name]] of Object.entries(CLASSES[cloud])) {
    const id = `${packageName(cloud)}/${module}`;
    try {
      classes[key] = (require(id) as Record<string, unknown>)[name];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(id)) return undefined;
      throw error;
    }
  }
  return classes;
}

/**
 * The cloud packages of the clouds a declaration uses, and only those: a GCP-only user installs no AWS package. A
 * missing package is one problem naming it, and all are reported together.
 */
export function loadCloudModules(clouds: ReadonlySet<Cloud>): CloudModules {
  const loaded = (['aws', 'gcp', 'azure'] as const).filter((cloud) => clouds.has(cloud)).map((cloud) => [cloud, loadCloud(cloud)] as const);
  const missing = loaded.filter(([, classes]) => classes === undefined).map(([cloud]) => cloud);
  if (missing.length > 0) {
    throw new DeclarationError(
      missing.map((cloud) => ({
        path: ['accounts'],
        message: `${packageName(cloud)} is not installed, and the declaration has ${cloud} accounts: npm install ${CLOUD_PACKAGES[cloud]}`,
      })),
    );
  }
  return Object.fromEntries(loaded) as CloudModules;
}
