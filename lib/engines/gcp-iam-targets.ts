import { gcpResourceName, type GcpResourceName } from './gcp-resource-names';

/**
 * The arguments that name the resource a member is bound on, for each GCP resource type of the catalogue (and a
 * service account), as Google's Terraform provider spells them; Pulumi's GCP package has the same arguments in camel
 * case.
 */
const TARGETS: Readonly<Record<string, (name: GcpResourceName) => Record<string, string>>> = {
  'gcs-bucket': ({ ids }) => ({ bucket: ids.buckets }),
  'pubsub-topic': ({ ids }) => ({ project: ids.projects, topic: ids.topics }),
  'pubsub-subscription': ({ ids }) => ({ project: ids.projects, subscription: ids.subscriptions }),
  'secretmanager-secret': ({ ids }) => ({ project: ids.projects, secret_id: ids.secrets }),
  'artifactregistry-repository': ({ ids }) => ({ project: ids.projects, location: ids.locations, repository: ids.repositories }),
  'bigquery-dataset': ({ ids }) => ({ project: ids.projects, dataset_id: ids.datasets }),
  'cloudrun-service': ({ ids }) => ({ project: ids.projects, location: ids.locations, name: ids.services }),
  'cloudkms-crypto-key': ({ relative }) => ({ crypto_key_id: relative }),
  // Cloud SQL and Firestore roles bind on the project, under the binding's condition.
  'cloudsql-instance': ({ ids }) => ({ project: ids.projects }),
  'spanner-database': ({ ids }) => ({ project: ids.projects, instance: ids.instances, database: ids.databases }),
  'firestore-database': ({ ids }) => ({ project: ids.projects }),
  // A 2nd gen function is invoked through the Cloud Run service of the same name.
  'cloudfunctions-function': ({ ids }) => ({ project: ids.projects, location: ids.locations, name: ids.functions }),
  'iam-service-account': ({ relative }) => ({ service_account_id: relative }),
};

/** The arguments naming `resource` (of the catalogue's `resourceType`) in its IAM member resource. */
export function gcpIamTarget(resourceType: string, resource: string): Record<string, string> {
  const target = TARGETS[resourceType];
  if (!target) throw new Error(`no IAM member resource for GCP resource type ${resourceType}`);
  return target(gcpResourceName(resource));
}
