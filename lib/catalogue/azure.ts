import {
  ACR_PULL,
  ACR_PUSH,
  COSMOS_DB_BUILT_IN_DATA_CONTRIBUTOR,
  COSMOS_DB_BUILT_IN_DATA_READER,
  EVENT_HUBS_DATA_RECEIVER,
  EVENT_HUBS_DATA_SENDER,
  KEY_VAULT_CRYPTO_USER,
  KEY_VAULT_SECRETS_USER,
  SERVICE_BUS_DATA_RECEIVER,
  SERVICE_BUS_DATA_SENDER,
  STORAGE_BLOB_DATA_CONTRIBUTOR,
  STORAGE_BLOB_DATA_READER,
  STORAGE_QUEUE_DATA_MESSAGE_PROCESSOR,
  STORAGE_QUEUE_DATA_MESSAGE_SENDER,
  STORAGE_QUEUE_DATA_READER,
} from './azure-roles';
import type { AzureResourceType } from './definition';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RESOURCE_GROUP = '[-\\w.()]{0,89}[-\\w()]';
const KEY_VAULT = 'Microsoft\\.KeyVault/vaults/[a-z][a-z0-9-]{1,22}[a-z0-9]';
const KEY_VAULT_OBJECT = '[a-z0-9-]{1,127}';
const SERVICE_BUS_NAMESPACE = 'Microsoft\\.ServiceBus/namespaces/[a-z][a-z0-9-]{4,48}[a-z0-9]';
const SERVICE_BUS_ENTITY = '[a-z0-9][a-z0-9._-]{0,259}';
const STORAGE_ACCOUNT = 'Microsoft\\.Storage/storageAccounts/[a-z0-9]{3,24}';
// Namespace: 6-50 letters, digits and hyphens, starting with a letter; event hub: 1-256 letters, digits, `.`, `_`, `-`.
const EVENT_HUBS_NAMESPACE = 'Microsoft\\.EventHub/namespaces/[a-z][a-z0-9-]{4,48}[a-z0-9]';
// Account: 3-50 lower-case letters, digits and hyphens; database and container names: up to 255 characters
// other than `/ \\ # ?`.
const COSMOS_ACCOUNT = 'Microsoft\\.DocumentDB/databaseAccounts/[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])';
const COSMOS_NAME = '[^/\\\\#?\\s]{1,255}';
const COSMOS_DATA = {
  read: COSMOS_DB_BUILT_IN_DATA_READER,
  readWrite: COSMOS_DB_BUILT_IN_DATA_CONTRIBUTOR,
};
const EVENT_HUB = '[a-z0-9](?:[a-z0-9._-]{0,254}[a-z0-9])?';

/**
 * A resource id under a resource group. ARM treats ids case-insensitively (tools emit both `resourceGroups`
 * and `resourcegroups`), so the match is too; the assignment scope is the id exactly as declared.
 */
function resourceId(providerPath: string): RegExp {
  return new RegExp(`^/subscriptions/(?<subscriptionId>${GUID})/resourceGroups/${RESOURCE_GROUP}/providers/${providerPath}$`, 'i');
}

export const AZURE_RESOURCE_TYPES: readonly AzureResourceType[] = [
  {
    key: 'storage-container',
    cloud: 'azure',
    pattern: resourceId(
      `${STORAGE_ACCOUNT}/blobServices/default/containers/(?:\\$root|\\$web|[a-z0-9][a-z0-9-]{1,61}[a-z0-9])`,
    ),
    // No built-in role writes blobs without reading them, so there is no `write`.
    access: {
      read: STORAGE_BLOB_DATA_READER,
      readWrite: STORAGE_BLOB_DATA_CONTRIBUTOR,
    },
  },
  {
    key: 'key-vault',
    cloud: 'azure',
    // The whole vault (Microsoft's recommended scope: one vault per application and environment).
    pattern: resourceId(KEY_VAULT),
    access: {
      readSecrets: KEY_VAULT_SECRETS_USER,
      encryptDecrypt: KEY_VAULT_CRYPTO_USER,
    },
  },
  {
    key: 'key-vault-secret',
    cloud: 'azure',
    // Key Vault accepts role assignments on a single secret, the narrowest scope.
    pattern: resourceId(`${KEY_VAULT}/secrets/${KEY_VAULT_OBJECT}`),
    access: { read: KEY_VAULT_SECRETS_USER },
  },
  {
    key: 'key-vault-key',
    cloud: 'azure',
    // No built-in role encrypts without decrypting (or the reverse), so only the pair is offered.
    pattern: resourceId(`${KEY_VAULT}/keys/${KEY_VAULT_OBJECT}`),
    access: { encryptDecrypt: KEY_VAULT_CRYPTO_USER },
  },
  {
    key: 'container-registry',
    cloud: 'azure',
    pattern: resourceId('Microsoft\\.ContainerRegistry/registries/[a-z0-9]{5,50}'),
    access: {
      pull: ACR_PULL,
      push: ACR_PUSH,
    },
  },
  {
    key: 'servicebus-queue',
    cloud: 'azure',
    pattern: resourceId(`${SERVICE_BUS_NAMESPACE}/queues/${SERVICE_BUS_ENTITY}`),
    access: {
      publish: SERVICE_BUS_DATA_SENDER,
      consume: SERVICE_BUS_DATA_RECEIVER,
    },
  },
  {
    key: 'servicebus-topic',
    cloud: 'azure',
    pattern: resourceId(`${SERVICE_BUS_NAMESPACE}/topics/${SERVICE_BUS_ENTITY}`),
    access: { publish: SERVICE_BUS_DATA_SENDER },
  },
  {
    key: 'servicebus-subscription',
    cloud: 'azure',
    // Messages are received from a topic through one of its subscriptions, which takes role assignments itself.
    pattern: resourceId(`${SERVICE_BUS_NAMESPACE}/topics/${SERVICE_BUS_ENTITY}/subscriptions/[a-z0-9][a-z0-9._-]{0,49}`),
    access: { consume: SERVICE_BUS_DATA_RECEIVER },
  },
  {
    key: 'servicebus-namespace',
    cloud: 'azure',
    // Every queue and topic of the namespace, for a workload that owns the namespace's whole traffic.
    pattern: resourceId(SERVICE_BUS_NAMESPACE),
    access: {
      publish: SERVICE_BUS_DATA_SENDER,
      consume: SERVICE_BUS_DATA_RECEIVER,
    },
  },
  {
    key: 'eventhub',
    cloud: 'azure',
    pattern: resourceId(`${EVENT_HUBS_NAMESPACE}/eventhubs/${EVENT_HUB}`),
    access: {
      publish: EVENT_HUBS_DATA_SENDER,
      consume: EVENT_HUBS_DATA_RECEIVER,
    },
  },
  {
    key: 'eventhubs-namespace',
    cloud: 'azure',
    // Every event hub of the namespace.
    pattern: resourceId(EVENT_HUBS_NAMESPACE),
    access: {
      publish: EVENT_HUBS_DATA_SENDER,
      consume: EVENT_HUBS_DATA_RECEIVER,
    },
  },
  {
    key: 'storage-queue',
    cloud: 'azure',
    // Queue names: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
    pattern: resourceId(`${STORAGE_ACCOUNT}/queueServices/default/queues/[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]`),
    // `read` peeks without dequeuing; `consume` receives and deletes; neither creates nor deletes queues.
    access: {
      read: STORAGE_QUEUE_DATA_READER,
      publish: STORAGE_QUEUE_DATA_MESSAGE_SENDER,
      consume: STORAGE_QUEUE_DATA_MESSAGE_PROCESSOR,
    },
  },
  {
    key: 'cosmosdb-account',
    cloud: 'azure',
    pattern: resourceId(COSMOS_ACCOUNT),
    access: COSMOS_DATA,
    cosmosSqlPath: () => '',
  },
  {
    key: 'cosmosdb-sql-database',
    cloud: 'azure',
    pattern: resourceId(`${COSMOS_ACCOUNT}/sqlDatabases/(?<database>${COSMOS_NAME})`),
    access: COSMOS_DATA,
    cosmosSqlPath: ({ groups }) => `/dbs/${groups.database}`,
  },
  {
    key: 'cosmosdb-sql-container',
    cloud: 'azure',
    pattern: resourceId(`${COSMOS_ACCOUNT}/sqlDatabases/(?<database>${COSMOS_NAME})/containers/(?<container>${COSMOS_NAME})`),
    access: COSMOS_DATA,
    cosmosSqlPath: ({ groups }) => `/dbs/${groups.database}/colls/${groups.container}`,
  },
];
