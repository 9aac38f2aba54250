import { accessLevelsOf, gcpPermissionFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import type { ResourceRef } from '../../lib/catalogue/types';

// Expected roles are Google Cloud predefined roles, as listed in each product's IAM roles reference.

function ref(id: string): ResourceRef {
  const recognised = recogniseResource(id);
  if (!recognised) throw new Error(`test identifier not recognised: ${id}`);
  return recognised;
}

const BUCKET = '//storage.googleapis.com/projects/_/buckets/acme-web';
const TOPIC = '//pubsub.googleapis.com/projects/acme-prod/topics/deployments';
const SUBSCRIPTION = '//pubsub.googleapis.com/projects/acme-prod/subscriptions/deployments-worker';
const SECRET = '//secretmanager.googleapis.com/projects/123456789012/secrets/db-password';
const REPOSITORY = '//artifactregistry.googleapis.com/projects/acme-prod/locations/europe-west1/repositories/images';
const DATASET = '//bigquery.googleapis.com/projects/acme-prod/datasets/analytics_raw';
const SERVICE = '//run.googleapis.com/projects/acme-prod/locations/europe-west1/services/api';
const CRYPTO_KEY = '//cloudkms.googleapis.com/projects/acme-prod/locations/global/keyRings/app/cryptoKeys/data';

describe('gcpPermissionFor', () => {
  test.each([
    [BUCKET, 'gcs-bucket', ['read', 'readWrite', 'write']],
    [TOPIC, 'pubsub-topic', ['publish']],
    [SUBSCRIPTION, 'pubsub-subscription', ['subscribe']],
    [SECRET, 'secretmanager-secret', ['read']],
    [REPOSITORY, 'artifactregistry-repository', ['pull', 'push']],
    [DATASET, 'bigquery-dataset', ['read', 'readWrite']],
    [SERVICE, 'cloudrun-service', ['invoke']],
    [CRYPTO_KEY, 'cloudkms-crypto-key', ['decrypt', 'encrypt', 'encryptDecrypt']],
  ])('%s is a %s offering %j', (id, type, levels) => {
    expect(ref(id).type).toBe(type);
    expect(accessLevelsOf(type)).toEqual(levels);
  });

  test.each([
    // Object Viewer gets and lists objects; Object Creator creates but cannot read, overwrite or delete;
    // Object User creates, reads, updates and deletes objects without touching IAM policies.
    [BUCKET, 'read', 'roles/storage.objectViewer'],
    [BUCKET, 'write', 'roles/storage.objectCreator'],
    [BUCKET, 'readWrite', 'roles/storage.objectUser'],
    [TOPIC, 'publish', 'roles/pubsub.publisher'],
    [SUBSCRIPTION, 'subscribe', 'roles/pubsub.subscriber'],
    [SECRET, 'read', 'roles/secretmanager.secretAccessor'],
    [REPOSITORY, 'pull', 'roles/artifactregistry.reader'],
    [REPOSITORY, 'push', 'roles/artifactregistry.writer'],
    [DATASET, 'read', 'roles/bigquery.dataViewer'],
    [DATASET, 'readWrite', 'roles/bigquery.dataEditor'],
    [SERVICE, 'invoke', 'roles/run.invoker'],
    [CRYPTO_KEY, 'decrypt', 'roles/cloudkms.cryptoKeyDecrypter'],
    [CRYPTO_KEY, 'encrypt', 'roles/cloudkms.cryptoKeyEncrypter'],
    [CRYPTO_KEY, 'encryptDecrypt', 'roles/cloudkms.cryptoKeyEncrypterDecrypter'],
  ])('%s %s binds %s on the resource itself', (id, access, role) => {
    expect(gcpPermissionFor(ref(id), access)).toEqual({ role, resource: id });
  });

  test.each(['admin', 'write', 'constructor'])('an unknown access level %j gives undefined', (access) => {
    expect(gcpPermissionFor(ref(TOPIC), access)).toBeUndefined();
  });

  test('a resource of another cloud is a programming error', () => {
    expect(() => gcpPermissionFor(ref('arn:aws:s3:::acme-web-assets'), 'read')).toThrow(/not a catalogued gcp resource type/);
  });
});
