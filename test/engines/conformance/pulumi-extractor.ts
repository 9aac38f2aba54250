import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyRendered, mappingText, projectBinding, type Rendered } from './rendered';
import type { Plan } from '../../../lib/plan/plan';

type Inputs = Record<string, unknown>;
interface Registration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly inputs: Inputs;
}

/**
 * Where each `@pulumi/gcp` IAM member binds, as a full resource name: written here from the package's documentation,
 * independently of the renderer's own table.
 */
const GCP_TARGETS: Readonly<Record<string, (i: Inputs) => string>> = {
  'gcp:storage/bucketIAMMember:BucketIAMMember': (i) => `//storage.googleapis.com/projects/_/buckets/${i.bucket}`,
  'gcp:pubsub/topicIAMMember:TopicIAMMember': (i) => `//pubsub.googleapis.com/projects/${i.project}/topics/${i.topic}`,
  'gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember': (i) => `//pubsub.googleapis.com/projects/${i.project}/subscriptions/${i.subscription}`,
  'gcp:secretmanager/secretIamMember:SecretIamMember': (i) => `//secretmanager.googleapis.com/projects/${i.project}/secrets/${i.secretId}`,
  'gcp:artifactregistry/repositoryIamMember:RepositoryIamMember': (i) =>
    `//artifactregistry.googleapis.com/projects/${i.project}/locations/${i.location}/repositories/${i.repository}`,
  'gcp:bigquery/datasetIamMember:DatasetIamMember': (i) => `//bigquery.googleapis.com/projects/${i.project}/datasets/${i.datasetId}`,
  'gcp:cloudrunv2/serviceIamMember:ServiceIamMember': (i) => `//run.googleapis.com/projects/${i.project}/locations/${i.location}/services/${i.name}`,
  'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember': (i) => `//cloudkms.googleapis.com/${i.cryptoKeyId}`,
  'gcp:serviceaccount/iAMMember:IAMMember': (i) => `//iam.googleapis.com/${i.serviceAccountId}`,
  'gcp:spanner/databaseIAMMember:DatabaseIAMMember': (i) => `//spanner.googleapis.com/projects/${i.project}/instances/${i.instance}/databases/${i.database}`,
  'gcp:projects/iAMMember:IAMMember': (i) => projectBinding(i.project as string, i.condition as Inputs | undefined),
};

/** Reads `resources.json` back; each resource's account is the one its name starts with (`workload-iam-<account>-`). */
export function extractPulumi(dir: string, plan: Plan): Rendered {
  const registrations = JSON.parse(readFileSync(join(dir, 'resources.json'), 'utf8')) as Registration[];
  const accounts = [...Object.keys(plan.aws), ...Object.keys(plan.gcp), ...Object.keys(plan.azure)].sort((a, b) => b.length - a.length);
  const accountOf = (name: string) => accounts.find((key) => name.startsWith(`workload-iam-${key}-`))!;
  const of = (type: string) => registrations.filter((r) => r.type === type);
  const rendered = emptyRendered();
  for (const key of Object.keys(plan.aws)) rendered.awsOidcProviders[key] = {};
  for (const { name, inputs: i } of of('aws:iam/openIdConnectProvider:OpenIdConnectProvider')) {
    rendered.awsOidcProviders[accountOf(name)][i.url as string] = [...(i.clientIdLists as string[])].sort();
  }
  const policies = of('aws:iam/rolePolicy:RolePolicy');
  for (const { name, inputs: i } of of('aws:iam/role:Role')) {
    const account = accountOf(name);
    rendered.awsRoles[`${account}/${i.name as string}`] = {
      path: i.path as string,
      trustPolicy: i.assumeRolePolicy as string,
      inlinePolicies: Object.fromEntries(
        policies
          .filter((policy) => accountOf(policy.name) === account && policy.inputs.role === i.name)
          .map((policy) => [policy.inputs.name as string, policy.inputs.policy as string]),
      ),
      maxSessionDuration: i.maxSessionDuration as number,
      tags: i.tags as Record<string, string>,
    };
  }
  for (const { inputs: i } of of('aws:eks/podIdentityAssociation:PodIdentityAssociation')) {
    rendered.awsPodIdentity[`${i.clusterName}/${i.namespace}/${i.serviceAccount}`] = i.roleArn as string;
  }
  for (const { inputs: i } of of('aws:rolesanywhere/profile:Profile')) {
    rendered.awsRolesAnywhere[i.name as string] = { roleArns: [...(i.roleArns as string[])].sort(), durationSeconds: i.durationSeconds as number };
  }
  for (const { name, inputs: i } of of('gcp:iam/workloadIdentityPool:WorkloadIdentityPool')) rendered.gcpPools[accountOf(name)] = i.workloadIdentityPoolId as string;
  for (const { name, inputs: i } of of('gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider')) {
    const oidc = i.oidc as { issuerUri: string; allowedAudiences?: string[] } | undefined;
    const aws = i.aws as { accountId: string } | undefined;
    rendered.gcpProviders[`${accountOf(name)}/${i.workloadIdentityPoolProviderId as string}`] = {
      issuer: oidc ? oidc.issuerUri : `aws:${aws!.accountId}`,
      allowedAudiences: oidc?.allowedAudiences ?? [],
      attributeMapping: mappingText(i.attributeMapping),
      attributeCondition: i.attributeCondition as string,
    };
  }
  for (const [type, target] of Object.entries(GCP_TARGETS)) {
    for (const { name, inputs: i } of of(type)) rendered.gcpBindings.push(`${accountOf(name)} ${target(i)} ${i.role as string} ${i.member as string}`);
  }
  for (const { name, inputs: i } of of('gcp:serviceaccount/account:Account')) rendered.gcpServiceAccounts[`${accountOf(name)}/${i.accountId as string}`] = i.displayName as string;
  const identities = of('azure-native:managedidentity:UserAssignedIdentity');
  for (const { name, inputs: i } of identities) rendered.azureIdentities[`${accountOf(name)}/${i.resourceName as string}`] = `${i.resourceGroupName} ${i.location}`;
  for (const { name, inputs: i } of of('azure-native:managedidentity:FederatedIdentityCredential')) {
    rendered.azureCredentials[`${accountOf(name)}/${i.resourceName as string}/${i.federatedIdentityCredentialResourceName as string}`] =
      `${i.issuer} ${i.subject} ${(i.audiences as string[]).join(',')}`;
  }
  for (const { name, inputs: i } of of('azure-native:authorization:RoleAssignment')) {
    // A principal known once deployed reads `${<identity type>::<identity name>.principalId}`.
    const identity = /::([^}]+)\.principalId\}$/.exec(String(i.principalId))?.[1];
    const principal = identity ? identities.find((candidate) => candidate.name === identity)!.inputs.resourceName : i.principalId;
    rendered.azureRoleAssignments[`${accountOf(name)}/${i.roleAssignmentName as string}`] = `${i.scope} ${i.roleDefinitionId} ${principal} ${i.principalType}`;
  }
  for (const { name, inputs: i } of of('azure-native:cosmosdb:SqlResourceSqlRoleAssignment')) {
    const identity = /::([^}]+)\.principalId\}$/.exec(String(i.principalId))?.[1];
    const principal = identity ? identities.find((candidate) => candidate.name === identity)!.inputs.resourceName : i.principalId;
    rendered.azureCosmosSqlRoleAssignments[`${accountOf(name)}/${i.roleAssignmentId as string}`] =
      `${i.resourceGroupName} ${i.accountName} ${i.scope} ${i.roleDefinitionId} ${principal}`;
  }
  rendered.gcpBindings.sort();
  return rendered;
}
