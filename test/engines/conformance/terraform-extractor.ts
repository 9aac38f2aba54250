import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyRendered, mappingText, projectBinding, type Rendered } from './rendered';
import type { Plan } from '../../../lib/plan/plan';

type Body = Record<string, unknown>;
type TerraformJson = { resource?: Record<string, Record<string, Body>> };

/**
 * Where each google provider IAM member resource binds, as a full resource name: written here from the provider's
 * documentation, independently of the renderer's own table.
 */
const GCP_TARGETS: Readonly<Record<string, (body: Body) => string>> = {
  google_storage_bucket_iam_member: (b) => `//storage.googleapis.com/projects/_/buckets/${b.bucket}`,
  google_pubsub_topic_iam_member: (b) => `//pubsub.googleapis.com/projects/${b.project}/topics/${b.topic}`,
  google_pubsub_subscription_iam_member: (b) => `//pubsub.googleapis.com/projects/${b.project}/subscriptions/${b.subscription}`,
  google_secret_manager_secret_iam_member: (b) => `//secretmanager.googleapis.com/projects/${b.project}/secrets/${b.secret_id}`,
  google_artifact_registry_repository_iam_member: (b) => `//artifactregistry.googleapis.com/projects/${b.project}/locations/${b.location}/repositories/${b.repository}`,
  google_bigquery_dataset_iam_member: (b) => `//bigquery.googleapis.com/projects/${b.project}/datasets/${b.dataset_id}`,
  google_cloud_run_v2_service_iam_member: (b) => `//run.googleapis.com/projects/${b.project}/locations/${b.location}/services/${b.name}`,
  google_kms_crypto_key_iam_member: (b) => `//cloudkms.googleapis.com/${b.crypto_key_id}`,
  google_service_account_iam_member: (b) => `//iam.googleapis.com/${b.service_account_id}`,
  google_spanner_database_iam_member: (b) => `//spanner.googleapis.com/projects/${b.project}/instances/${b.instance}/databases/${b.database}`,
  google_project_iam_member: (b) => projectBinding(b.project as string, b.condition as Body | undefined),
};

/** Reads Terraform JSON stacks (`<stack>/cdk.tf.json`, one per account: `workload-iam-<account key>`) back. */
export function extractTerraform(dir: string, plan: Plan): Rendered {
  const rendered = emptyRendered();
  for (const stack of readdirSync(dir).sort()) {
    const account = stack.replace(/^workload-iam-/, '');
    const json = JSON.parse(readFileSync(join(dir, stack, 'cdk.tf.json'), 'utf8')) as TerraformJson;
    const resources = json.resource ?? {};
    const of = (type: string) => Object.entries(resources[type] ?? {});
    const byReference = (text: unknown) => /^\$\{([a-z_]+)\.([^.]+)\.[a-z_]+\}$/.exec(String(text));
    if (Object.keys(plan.aws).includes(account)) {
      rendered.awsOidcProviders[account] = Object.fromEntries(of('aws_iam_openid_connect_provider').map(([, b]) => [b.url as string, [...(b.client_id_list as string[])].sort()]));
      const roleNames = new Map(of('aws_iam_role').map(([name, b]) => [name, b.name as string]));
      for (const [, b] of of('aws_iam_role')) {
        rendered.awsRoles[`${account}/${b.name as string}`] = {
          path: b.path as string,
          trustPolicy: b.assume_role_policy as string,
          inlinePolicies: Object.fromEntries(
            of('aws_iam_role_policy')
              .filter(([, policy]) => roleNames.get(byReference(policy.role)?.[2] ?? '') === b.name)
              .map(([, policy]) => [policy.name as string, policy.policy as string]),
          ),
          maxSessionDuration: b.max_session_duration as number,
          tags: b.tags as Record<string, string>,
        };
      }
      for (const [, b] of of('aws_eks_pod_identity_association')) rendered.awsPodIdentity[`${b.cluster_name}/${b.namespace}/${b.service_account}`] = b.role_arn as string;
      for (const [, b] of of('aws_rolesanywhere_profile')) rendered.awsRolesAnywhere[b.name as string] = { roleArns: [...(b.role_arns as string[])].sort(), durationSeconds: b.duration_seconds as number };
    }
    for (const [, b] of of('google_iam_workload_identity_pool')) rendered.gcpPools[account] = b.workload_identity_pool_id as string;
    for (const [, b] of of('google_iam_workload_identity_pool_provider')) {
      const oidc = b.oidc as { issuer_uri: string; allowed_audiences?: string[] } | undefined;
      const aws = b.aws as { account_id: string } | undefined;
      rendered.gcpProviders[`${account}/${b.workload_identity_pool_provider_id as string}`] = {
        issuer: oidc ? oidc.issuer_uri : `aws:${aws!.account_id}`,
        allowedAudiences: oidc?.allowed_audiences ?? [],
        attributeMapping: mappingText(b.attribute_mapping),
        attributeCondition: b.attribute_condition as string,
      };
    }
    for (const [type, target] of Object.entries(GCP_TARGETS)) {
      for (const [, b] of of(type)) rendered.gcpBindings.push(`${account} ${target(b)} ${b.role as string} ${b.member as string}`);
    }
    for (const [, b] of of('google_service_account')) rendered.gcpServiceAccounts[`${account}/${b.account_id as string}`] = b.display_name as string;
    const identityNames = new Map(of('azurerm_user_assigned_identity').map(([name, b]) => [name, b.name as string]));
    for (const [, b] of of('azurerm_user_assigned_identity')) rendered.azureIdentities[`${account}/${b.name as string}`] = `${b.resource_group_name} ${b.location}`;
    for (const [, b] of of('azurerm_federated_identity_credential')) {
      const identity = identityNames.get(byReference(b.parent_id)?.[2] ?? '');
      rendered.azureCredentials[`${account}/${identity}/${b.name as string}`] = `${b.issuer} ${b.subject} ${(b.audience as string[]).join(',')}`;
    }
    for (const [, b] of of('azurerm_role_assignment')) {
      const principal = byReference(b.principal_id) ? identityNames.get(byReference(b.principal_id)![2]) : b.principal_id;
      rendered.azureRoleAssignments[`${account}/${b.name as string}`] = `${b.scope} ${b.role_definition_id} ${principal} ${b.principal_type}`;
    }
    for (const [, b] of of('azurerm_cosmosdb_sql_role_assignment')) {
      const principal = byReference(b.principal_id) ? identityNames.get(byReference(b.principal_id)![2]) : b.principal_id;
      rendered.azureCosmosSqlRoleAssignments[`${account}/${b.name as string}`] = `${b.resource_group_name} ${b.account_name} ${b.scope} ${b.role_definition_id} ${principal}`;
    }
  }
  rendered.gcpBindings.sort();
  return rendered;
}
