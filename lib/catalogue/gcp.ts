import type { GcpResourceType } from './definition';

// Full-resource-name building blocks: a project id (6-30 chars) or number, and a location such as `europe-west1`.
const PROJECT = 'projects/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,19})';
const LOCATION = 'locations/[a-z][a-z0-9-]*[a-z0-9]';
/** Pub/Sub topic and subscription ids: 3-255 chars, starting with a letter, never with `goog`. */
const PUBSUB_ID = '(?!goog)[A-Za-z][A-Za-z0-9._~%+-]{2,254}';

/** The full resource name `//<service host>/<path>`. */
function fullName(host: string, path: string): RegExp {
  return new RegExp(`^//${host.replace(/\./g, '\\.')}/${path}$`);
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
];
