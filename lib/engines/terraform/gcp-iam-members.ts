import { gcpResourceName, type GcpResourceName } from '../gcp-resource-names';

/** How Terraform's google provider binds a member on each resource type of the catalogue (and on a service account). */
const IAM_MEMBERS: Readonly<Record<string, { readonly type: string; readonly target: (name: GcpResourceName) => Record<string, string> }>> = {
  'gcs-bucket': { type: 'google_storage_bucket_iam_member', target: ({ ids }) => ({ bucket: ids.buckets }) },
  'pubsub-topic': { type: 'google_pubsub_topic_iam_member', target: ({ ids }) => ({ project: ids.projects, topic: ids.topics }) },
  'pubsub-subscription': { type: 'google_pubsub_subscription_iam_member', target: ({ ids }) => ({ project: ids.projects, subscription: ids.subscriptions }) },
  'secretmanager-secret': { type: 'google_secret_manager_secret_iam_member', target: ({ ids }) => ({ project: ids.projects, secret_id: ids.secrets }) },
  'artifactregistry-repository': {
    type: 'google_artifact_registry_repository_iam_member',
    target: ({ ids }) => ({ project: ids.projects, location: ids.locations, repository: ids.repositories }),
  },
  'bigquery-dataset': { type: 'google_bigquery_dataset_iam_member', target: ({ ids }) => ({ project: ids.projects, dataset_id: ids.datasets }) },
  'cloudrun-service': { type: 'google_cloud_run_v2_service_iam_member', target: ({ ids }) => ({ project: ids.projects, location: ids.locations, name: ids.services }) },
  'cloudkms-crypto-key': { type: 'google_kms_crypto_key_iam_member', target: ({ relative }) => ({ crypto_key_id: relative }) },
  'iam-service-account': { type: 'google_service_account_iam_member', target: ({ relative }) => ({ service_account_id: relative }) },
};

/** The resource type that binds `role` to a member on the resource, and the arguments that name the resource. */
export function gcpIamMember(resourceType: string, resource: string): { readonly type: string; readonly target: Record<string, string> } {
  const member = IAM_MEMBERS[resourceType];
  if (!member) throw new Error(`no Terraform IAM member resource for GCP resource type ${resourceType}`);
  return { type: member.type, target: member.target(gcpResourceName(resource)) };
}

/** The resource types Terraform can bind on, for the test that every catalogue type has one. */
export const TERRAFORM_GCP_TYPES: readonly string[] = Object.keys(IAM_MEMBERS);
