import { gcpIamTarget } from '../gcp-iam-targets';

/** The Terraform google provider's resource binding a member on each resource type of the catalogue. */
const IAM_MEMBER_TYPES: Readonly<Record<string, string>> = {
  'gcs-bucket': 'google_storage_bucket_iam_member',
  'pubsub-topic': 'google_pubsub_topic_iam_member',
  'pubsub-subscription': 'google_pubsub_subscription_iam_member',
  'secretmanager-secret': 'google_secret_manager_secret_iam_member',
  'artifactregistry-repository': 'google_artifact_registry_repository_iam_member',
  'bigquery-dataset': 'google_bigquery_dataset_iam_member',
  'cloudrun-service': 'google_cloud_run_v2_service_iam_member',
  'cloudkms-crypto-key': 'google_kms_crypto_key_iam_member',
  'cloudsql-instance': 'google_project_iam_member',
  'spanner-database': 'google_spanner_database_iam_member',
  'firestore-database': 'google_project_iam_member',
  'cloudfunctions-function': 'google_cloud_run_v2_service_iam_member',
  'iam-service-account': 'google_service_account_iam_member',
};

/** The resource type that binds `role` to a member on the resource, and the arguments that name the resource. */
export function gcpIamMember(resourceType: string, resource: string): { readonly type: string; readonly target: Record<string, string> } {
  const type = IAM_MEMBER_TYPES[resourceType];
  if (!type) throw new Error(`no Terraform IAM member resource for GCP resource type ${resourceType}`);
  return { type, target: gcpIamTarget(resourceType, resource) };
}

