import { accessLevelsOf, gcpPermissionsFor, takesFederatedPrincipals } from '../../lib/catalogue/access';
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
const SQL_INSTANCE = '//sqladmin.googleapis.com/projects/acme-prod/instances/orders-db';
const SPANNER_DATABASE = '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger';
const FIRESTORE_DATABASE = '//firestore.googleapis.com/projects/acme-prod/databases/(default)';
const FUNCTION = '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates';

describe('gcpPermissionsFor', () => {
  test.each([
    [BUCKET, 'gcs-bucket', ['read', 'readWrite', 'write']],
    [TOPIC, 'pubsub-topic', ['publish']],
    [SUBSCRIPTION, 'pubsub-subscription', ['subscribe']],
    [SECRET, 'secretmanager-secret', ['read']],
    [REPOSITORY, 'artifactregistry-repository', ['pull', 'push']],
    [DATASET, 'bigquery-dataset', ['read', 'readWrite']],
    [SERVICE, 'cloudrun-service', ['invoke']],
    [CRYPTO_KEY, 'cloudkms-crypto-key', ['decrypt', 'encrypt', 'encryptDecrypt']],
    [SQL_INSTANCE, 'cloudsql-instance', ['connect']],
    [SPANNER_DATABASE, 'spanner-database', ['read', 'readWrite']],
    [FIRESTORE_DATABASE, 'firestore-database', ['read', 'readWrite']],
    [FUNCTION, 'cloudfunctions-function', ['invoke']],
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
    // Spanner Database Reader reads and queries; Database User also writes (and changes the schema).
    [SPANNER_DATABASE, 'read', 'roles/spanner.databaseReader'],
    [SPANNER_DATABASE, 'readWrite', 'roles/spanner.databaseUser'],
    // A 2nd gen function is invoked through its Cloud Run service: Cloud Run Invoker, not Cloud Functions Invoker.
    [FUNCTION, 'invoke', 'roles/run.invoker'],
  ])('%s %s binds %s on the resource itself', (id, access, role) => {
    expect(gcpPermissionsFor(ref(id), access)).toEqual([{ role, resource: id }]);
  });

  // Cloud SQL IAM database authentication needs both Client (connect) and Instance User (log in); the roles bind on
  // the project, so the binding carries the condition Google documents for one instance.
  test('Cloud SQL connect binds Client and Instance User, each narrowed to the instance by name and type', () => {
    const condition = {
      title: 'workload-iam: one Cloud SQL instance',
      description: `Only ${SQL_INSTANCE}`,
      expression: "resource.name == 'projects/acme-prod/instances/orders-db' && resource.type == 'sqladmin.googleapis.com/Instance'",
    };
    expect(gcpPermissionsFor(ref(SQL_INSTANCE), 'connect')).toEqual([
      { role: 'roles/cloudsql.client', resource: SQL_INSTANCE, condition },
      { role: 'roles/cloudsql.instanceUser', resource: SQL_INSTANCE, condition },
    ]);
  });

  test.each([
    ['read', 'roles/datastore.viewer'],
    ['readWrite', 'roles/datastore.user'],
  ])('Firestore %s binds %s narrowed to the database by name', (access, role) => {
    expect(gcpPermissionsFor(ref(FIRESTORE_DATABASE), access)).toEqual([
      {
        role,
        resource: FIRESTORE_DATABASE,
        condition: {
          title: 'workload-iam: one Firestore database',
          description: `Only ${FIRESTORE_DATABASE}`,
          expression: "resource.name == 'projects/acme-prod/databases/(default)'",
        },
      },
    ]);
  });

  test.each([
    [SQL_INSTANCE, false],
    [SPANNER_DATABASE, false],
    [FIRESTORE_DATABASE, false],
    [FUNCTION, true],
    [SERVICE, true],
  ])('%s takes federated principals: %s', (id, federated) => {
    expect(takesFederatedPrincipals(ref(id))).toBe(federated);
  });

  test.each([
    // Conditions name the project by id: a project number would never match, so it is not recognised.
    '//sqladmin.googleapis.com/projects/123456789012/instances/orders-db',
    '//firestore.googleapis.com/projects/123456789012/databases/(default)',
    '//sqladmin.googleapis.com/projects/acme-prod/instances/Orders',
    '//firestore.googleapis.com/projects/acme-prod/databases/(other)',
    '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/FxRates',
    '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger/tables/t',
  ])('%s is not recognised', (id) => {
    expect(recogniseResource(id)).toBeUndefined();
  });

  test.each(['admin', 'write', 'constructor'])('an unknown access level %j gives undefined', (access) => {
    expect(gcpPermissionsFor(ref(TOPIC), access)).toBeUndefined();
  });

  test('a resource of another cloud is a programming error', () => {
    expect(() => gcpPermissionsFor(ref('arn:aws:s3:::acme-web-assets'), 'read')).toThrow(/not a catalogued gcp resource type/);
  });
});
