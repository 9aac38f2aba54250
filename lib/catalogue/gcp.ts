import type { GcpResourceType, IdentifierParts } from './definition';

// Full-resource-name building blocks: a project id (6-30 chars) or number, and a location such as `europe-west1`.
const PROJECT = 'projects/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,19})';
const LOCATION = 'locations/[a-z][a-z0-9-]*[a-z0-9]';
/** A project id alone: IAM conditions on a resource name match the name with the project id, never its number. */
const PROJECT_ID = 'projects/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])';
/** Pub/Sub topic and subscription ids: 3-255 chars, starting with a letter, never with `goog`. */
const PUBSUB_ID = '(?!goog)[A-Za-z][A-Za-z0-9._~%+-]{2,254}';

/** The full resource name `//<service host>/<path>`. */
function fullName(host: string, path: string): RegExp {
  return new RegExp(`^//${host.replace(/\./g, '\\.')}/${path}$`);
}

/** The name a resource has in IAM conditions (`resource.name`): its full name without the service host. */
function relativeName({ id }: IdentifierParts): string {
  return id.replace(/^\/\/[^/]+\//, '');
}

/** The predefined role that lets its members act as a service account: what impersonation is granted by. */
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

export const GCP_RESOURCE_TYPES: readonly GcpResourceType[] = [
  {
    key: 'gcs-bucket',
    cloud: 'gcp',
    // Bucket names are global, so the name carries no project.
    pattern: fullName('storage.googleapis.com', 'projects/_/buckets/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]'),
    access: {
      read: 'roles/storage.objectViewer',
      // Creates objects only: overwriting or deleting one needs readWrite.
      write: 'roles/storage.objectCreator',
      readWrite: 'roles/storage.objectUser',
    },
  },
  {
    key: 'pubsub-topic',
    cloud: 'gcp',
    pattern: fullName('pubsub.googleapis.com', `${PROJECT}/topics/${PUBSUB_ID}`),
    access: { publish: 'roles/pubsub.publisher' },
  },
  {
    key: 'pubsub-subscription',
    cloud: 'gcp',
    pattern: fullName('pubsub.googleapis.com', `${PROJECT}/subscriptions/${PUBSUB_ID}`),
    access: { subscribe: 'roles/pubsub.subscriber' },
  },
  {
    key: 'secretmanager-secret',
    cloud: 'gcp',
    pattern: fullName('secretmanager.googleapis.com', `${PROJECT}/secrets/[A-Za-z0-9_-]{1,255}`),
    access: { read: 'roles/secretmanager.secretAccessor' },
  },
  {
    key: 'artifactregistry-repository',
    cloud: 'gcp',
    pattern: fullName('artifactregistry.googleapis.com', `${PROJECT}/${LOCATION}/repositories/[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?`),
    access: {
      pull: 'roles/artifactregistry.reader',
      push: 'roles/artifactregistry.writer',
    },
  },
  {
    key: 'bigquery-dataset',
    cloud: 'gcp',
    pattern: fullName('bigquery.googleapis.com', `${PROJECT}/datasets/[A-Za-z0-9_]{1,1024}`),
    // No predefined role writes table data without reading it, so there is no `write`.
    access: {
      read: 'roles/bigquery.dataViewer',
      readWrite: 'roles/bigquery.dataEditor',
    },
  },
  {
    key: 'cloudrun-service',
    cloud: 'gcp',
    pattern: fullName('run.googleapis.com', `${PROJECT}/${LOCATION}/services/[a-z](?:[a-z0-9-]{0,47}[a-z0-9])?`),
    access: { invoke: 'roles/run.invoker' },
  },
  {
    key: 'cloudkms-crypto-key',
    cloud: 'gcp',
    pattern: fullName('cloudkms.googleapis.com', `${PROJECT}/${LOCATION}/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}`),
    access: {
      decrypt: 'roles/cloudkms.cryptoKeyDecrypter',
      encrypt: 'roles/cloudkms.cryptoKeyEncrypter',
      encryptDecrypt: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    },
  },
  {
    // Cloud SQL IAM database authentication. Client connects through the Auth Proxy and connectors
    // (cloudsql.instances.connect), Instance User logs in to the database (cloudsql.instances.login); both are needed.
    // https://cloud.google.com/iam/docs/roles-permissions/cloudsql, https://cloud.google.com/sql/docs/postgres/iam-authentication
    key: 'cloudsql-instance',
    cloud: 'gcp',
    // Instance ids: lowercase letters, digits and hyphens, starting with a letter (the project id and it at most 98).
    pattern: fullName('sqladmin.googleapis.com', `${PROJECT_ID}/instances/[a-z](?:[a-z0-9-]{0,95}[a-z0-9])?`),
    access: { connect: ['roles/cloudsql.client', 'roles/cloudsql.instanceUser'] },
    // Cloud SQL's IAM database users are Google users, groups and service accounts only: a workload logs in as the
    // service account it impersonates.
    federatedPrincipals: false,
    // Both roles are granted on the project; the condition Google documents for one instance ("Use IAM Conditions",
    // https://cloud.google.com/sql/docs/postgres/iam-conditions) names it and its type.
    projectCondition: (name) => ({
      title: 'workload-iam: one Cloud SQL instance',
      description: `Only ${name.id}`,
      expression: `resource.name == '${relativeName(name)}' && resource.type == 'sqladmin.googleapis.com/Instance'`,
    }),
  },
  {
    // https://cloud.google.com/iam/docs/roles-permissions/spanner
    key: 'spanner-database',
    cloud: 'gcp',
    // Instance ids: 2-64 characters; database ids: 2-30; lowercase letters, digits, hyphens (and `_` in databases).
    pattern: fullName(
      'spanner.googleapis.com',
      `${PROJECT}/instances/[a-z][a-z0-9-]{0,62}[a-z0-9]/databases/[a-z][a-z0-9_-]{0,28}[a-z0-9]`,
    ),
    access: {
      read: 'roles/spanner.databaseReader',
      // Reads and writes data; Database User also updates the schema (DDL): no predefined role writes without it.
      readWrite: 'roles/spanner.databaseUser',
    },
    // Not confirmed to take federated principals in Google's "Identity federation: products and limitations"; a
    // service account it grants works in every product.
    federatedPrincipals: false,
  },
  {
    // https://cloud.google.com/iam/docs/roles-permissions/datastore, https://cloud.google.com/firestore/docs/security/iam
    key: 'firestore-database',
    cloud: 'gcp',
    // Database ids: 4-63 lowercase letters, digits and hyphens, starting with a letter; or `(default)`.
    pattern: fullName('firestore.googleapis.com', `${PROJECT_ID}/databases/(?:[a-z][a-z0-9-]{2,61}[a-z0-9]|\\(default\\))`),
    access: {
      read: 'roles/datastore.viewer',
      readWrite: 'roles/datastore.user',
    },
    // Not confirmed to take federated principals (as for Spanner).
    federatedPrincipals: false,
    // The roles bind on the project; Firestore's documented condition for one database names it.
    projectCondition: (name) => ({
      title: 'workload-iam: one Firestore database',
      description: `Only ${name.id}`,
      expression: `resource.name == '${relativeName(name)}'`,
    }),
  },
  {
    // A Cloud Functions (2nd gen) function is served by a Cloud Run service of the same name, and invoking it is
    // authorised by Cloud Run Invoker on that service, not by roles/cloudfunctions.invoker (1st gen only).
    // https://cloud.google.com/functions/docs/securing/managing-access-iam, https://cloud.google.com/iam/docs/roles-permissions/run
    key: 'cloudfunctions-function',
    cloud: 'gcp',
    // Names as the Cloud Run service's, so the function's name is its service's.
    pattern: fullName('cloudfunctions.googleapis.com', `${PROJECT}/${LOCATION}/functions/[a-z](?:[a-z0-9-]{0,47}[a-z0-9])?`),
    access: { invoke: 'roles/run.invoker' },
  },
];
