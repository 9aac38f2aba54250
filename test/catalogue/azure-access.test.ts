import { AZURE_SUBSCRIPTION } from './samples';
import { accessLevelsOf, azurePermissionFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import type { ResourceRef } from '../../lib/catalogue/types';

// Role names and ids as published in Microsoft's "Azure built-in roles" reference.

function ref(id: string): ResourceRef {
  const recognised = recogniseResource(id);
  if (!recognised) throw new Error(`test identifier not recognised: ${id}`);
  return recognised;
}

const RG = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers`;
const CONTAINER = `${RG}/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
const VAULT = `${RG}/Microsoft.KeyVault/vaults/acme-kv`;
const VAULT_SECRET = `${VAULT}/secrets/db-password`;
const VAULT_KEY = `${VAULT}/keys/data-key`;
const REGISTRY = `${RG}/Microsoft.ContainerRegistry/registries/acmeregistry`;
const QUEUE = `${RG}/Microsoft.ServiceBus/namespaces/acme-bus/queues/jobs`;
const TOPIC = `${RG}/Microsoft.ServiceBus/namespaces/acme-bus/topics/events`;
const TOPIC_SUBSCRIPTION = `${TOPIC}/subscriptions/audit`;
const BUS_NAMESPACE = `${RG}/Microsoft.ServiceBus/namespaces/acme-bus`;
const EVENT_HUBS_NAMESPACE = `${RG}/Microsoft.EventHub/namespaces/acme-events`;
const EVENT_HUB = `${EVENT_HUBS_NAMESPACE}/eventhubs/clicks`;
const STORAGE_QUEUE = `${RG}/Microsoft.Storage/storageAccounts/acmeweb/queueServices/default/queues/thumbnails`;

describe('azurePermissionFor', () => {
  test.each([
    [CONTAINER, 'storage-container', ['read', 'readWrite']],
    [VAULT, 'key-vault', ['encryptDecrypt', 'readSecrets']],
    [VAULT_SECRET, 'key-vault-secret', ['read']],
    [VAULT_KEY, 'key-vault-key', ['encryptDecrypt']],
    [REGISTRY, 'container-registry', ['pull', 'push']],
    [QUEUE, 'servicebus-queue', ['consume', 'publish']],
    [TOPIC, 'servicebus-topic', ['publish']],
    [TOPIC_SUBSCRIPTION, 'servicebus-subscription', ['consume']],
    [BUS_NAMESPACE, 'servicebus-namespace', ['consume', 'publish']],
    [EVENT_HUB, 'eventhub', ['consume', 'publish']],
    [EVENT_HUBS_NAMESPACE, 'eventhubs-namespace', ['consume', 'publish']],
    [STORAGE_QUEUE, 'storage-queue', ['consume', 'publish', 'read']],
  ])('%s is a %s offering %j', (id, type, levels) => {
    expect(ref(id).type).toBe(type);
    expect(accessLevelsOf(type)).toEqual(levels);
  });

  test.each([
    [CONTAINER, 'read', 'Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
    [CONTAINER, 'readWrite', 'Storage Blob Data Contributor', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'],
    [VAULT, 'readSecrets', 'Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
    [VAULT, 'encryptDecrypt', 'Key Vault Crypto User', '12338af0-0e69-4776-bea7-57ae8d297424'],
    [VAULT_SECRET, 'read', 'Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
    [VAULT_KEY, 'encryptDecrypt', 'Key Vault Crypto User', '12338af0-0e69-4776-bea7-57ae8d297424'],
    [REGISTRY, 'pull', 'AcrPull', '7f951dda-4ed3-4680-a7ca-43fe172d538d'],
    [REGISTRY, 'push', 'AcrPush', '8311e382-0749-4cb8-b61a-304f252e45ec'],
    [QUEUE, 'publish', 'Azure Service Bus Data Sender', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'],
    [QUEUE, 'consume', 'Azure Service Bus Data Receiver', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'],
    [TOPIC, 'publish', 'Azure Service Bus Data Sender', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'],
    [TOPIC_SUBSCRIPTION, 'consume', 'Azure Service Bus Data Receiver', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'],
    [BUS_NAMESPACE, 'publish', 'Azure Service Bus Data Sender', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'],
    [BUS_NAMESPACE, 'consume', 'Azure Service Bus Data Receiver', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'],
    [EVENT_HUB, 'publish', 'Azure Event Hubs Data Sender', '2b629674-e913-4c01-ae53-ef4638d8f975'],
    [EVENT_HUB, 'consume', 'Azure Event Hubs Data Receiver', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'],
    [EVENT_HUBS_NAMESPACE, 'publish', 'Azure Event Hubs Data Sender', '2b629674-e913-4c01-ae53-ef4638d8f975'],
    [EVENT_HUBS_NAMESPACE, 'consume', 'Azure Event Hubs Data Receiver', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'],
    [STORAGE_QUEUE, 'read', 'Storage Queue Data Reader', '19e7f393-937e-4f77-808e-94535e297925'],
    [STORAGE_QUEUE, 'publish', 'Storage Queue Data Message Sender', 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'],
    [STORAGE_QUEUE, 'consume', 'Storage Queue Data Message Processor', '8a0f0c08-91a1-4084-bc3d-661d67233fed'],
  ])('%s %s assigns %s (%s) at the resource itself', (id, access, roleName, roleDefinitionId) => {
    expect(azurePermissionFor(ref(id), access)).toEqual({ roleDefinitionId, roleName, scope: id });
  });

  test.each([
    `${RG}/Microsoft.Storage/storageAccounts/acmeweb/queueServices/default/queues/a--b`,
    `${RG}/Microsoft.Storage/storageAccounts/acmeweb/queueServices/default/queues/jobs-`,
    `${RG}/Microsoft.Storage/storageAccounts/acmeweb/queueServices/default/queues`,
    `${RG}/Microsoft.EventHub/namespaces/acme-events/eventhubs/clicks/consumergroups/audit`,
    `${RG}/Microsoft.EventHub/namespaces/ev`,
  ])('%s is no catalogued resource', (id) => {
    expect(recogniseResource(id)).toBeUndefined();
  });

  test('the scope is the id as declared, even in another letter case', () => {
    const id = `/subscriptions/${AZURE_SUBSCRIPTION.toUpperCase()}/resourcegroups/rg-web/providers/microsoft.containerregistry/registries/AcmeRegistry`;
    expect(azurePermissionFor(ref(id), 'pull')?.scope).toBe(id);
  });

  test.each(['write', 'read', 'owner', 'hasOwnProperty'])('an unknown access level %j gives undefined', (access) => {
    expect(azurePermissionFor(ref(VAULT), access)).toBeUndefined();
  });

  test('a resource of another cloud is a programming error', () => {
    expect(() => azurePermissionFor(ref('arn:aws:s3:::acme-web-assets'), 'read')).toThrow(/not a catalogued azure resource type/);
  });
});
