/* eslint-disable @typescript-eslint/no-require-imports */
import type { Cloud } from '../../catalogue/types';
import { DeclarationError } from '../../declaration/errors';

/** The modules of `@pulumi/aws` the engine renders with, loaded by deep import. */
export interface AwsModules {
  readonly iam: typeof import('@pulumi/aws/iam');
  readonly eks: typeof import('@pulumi/aws/eks');
  readonly rolesanywhere: typeof import('@pulumi/aws/rolesanywhere');
}

/** The modules of `@pulumi/gcp`: the pool, service accounts, and each service a member is bound on. */
export interface GcpModules {
  readonly iam: typeof import('@pulumi/gcp/iam');
  readonly serviceaccount: typeof import('@pulumi/gcp/serviceaccount');
  readonly storage: typeof import('@pulumi/gcp/storage');
  readonly pubsub: typeof import('@pulumi/gcp/pubsub');
  readonly secretmanager: typeof import('@pulumi/gcp/secretmanager');
  readonly artifactregistry: typeof import('@pulumi/gcp/artifactregistry');
  readonly bigquery: typeof import('@pulumi/gcp/bigquery');
  readonly cloudrunv2: typeof import('@pulumi/gcp/cloudrunv2');
  readonly kms: typeof import('@pulumi/gcp/kms');
}

export interface AzureModules {
  readonly managedidentity: typeof import('@pulumi/azure-native/managedidentity');
  readonly authorization: typeof import('@pulumi/azure-native/authorization');
}

export interface CloudModules {
  readonly aws?: AwsModules;
  readonly gcp?: GcpModules;
  readonly azure?: AzureModules;
}

/** The package each cloud needs, with the major version the engine is written for. */
export const CLOUD_PACKAGES: Readonly<Record<Cloud, string>> = { aws: '@pulumi/aws@^7', gcp: '@pulumi/gcp@^9', azure: '@pulumi/azure-native@^3' };

/** The module `id`, or a problem naming the package to install; any other failure to load is not hidden. */
function load<T>(id: string, cloud: Cloud, problems: { path: string[]; message: string }[]): T | undefined {
  try {
    return require(id) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes(id)) throw error;
    const wanted = CLOUD_PACKAGES[cloud];
    const name = wanted.slice(0, wanted.lastIndexOf('@'));
    if (!problems.some((problem) => problem.message.startsWith(name))) {
      problems.push({ path: ['accounts'], message: `${name} is not installed, and the declaration has ${cloud} accounts: npm install ${wanted}` });
    }
    return undefined;
  }
}

/**
 * The cloud packages of the clouds a declaration uses, and only those: a GCP-only user installs no AWS package. A
 * missing package is one problem naming it, and all are reported together.
 */
export function loadCloudModules(clouds: ReadonlySet<Cloud>): CloudModules {
  const problems: { path: string[]; message: string }[] = [];
  const aws = clouds.has('aws')
    ? {
      iam: load<AwsModules['iam']>('@pulumi/aws/iam', 'aws', problems),
      eks: load<AwsModules['eks']>('@pulumi/aws/eks', 'aws', problems),
      rolesanywhere: load<AwsModules['rolesanywhere']>('@pulumi/aws/rolesanywhere', 'aws', problems),
    }
    : undefined;
  const gcpModule = <K extends keyof GcpModules>(name: K) => load<GcpModules[K]>(`@pulumi/gcp/${name}`, 'gcp', problems);
  const gcp = clouds.has('gcp')
    ? {
      iam: gcpModule('iam'),
      serviceaccount: gcpModule('serviceaccount'),
      storage: gcpModule('storage'),
      pubsub: gcpModule('pubsub'),
      secretmanager: gcpModule('secretmanager'),
      artifactregistry: gcpModule('artifactregistry'),
      bigquery: gcpModule('bigquery'),
      cloudrunv2: gcpModule('cloudrunv2'),
      kms: gcpModule('kms'),
    }
    : undefined;
  const azure = clouds.has('azure')
    ? {
      managedidentity: load<AzureModules['managedidentity']>('@pulumi/azure-native/managedidentity', 'azure', problems),
      authorization: load<AzureModules['authorization']>('@pulumi/azure-native/authorization', 'azure', problems),
    }
    : undefined;
  if (problems.length > 0) throw new DeclarationError(problems);
  return {
    ...(aws ? { aws: aws as AwsModules } : {}),
    ...(gcp ? { gcp: gcp as GcpModules } : {}),
    ...(azure ? { azure: azure as AzureModules } : {}),
  };
}
