import type { AzureBuiltInRole } from './definition';

// Built-in role definitions as published in Microsoft's "Azure built-in roles" reference (role name and id).
// Ids are global constants; never add one that has not been checked against that reference.

export const STORAGE_BLOB_DATA_READER: AzureBuiltInRole = {
  name: 'Storage Blob Data Reader',
  id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
};

export const STORAGE_BLOB_DATA_CONTRIBUTOR: AzureBuiltInRole = {
  name: 'Storage Blob Data Contributor',
  id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};

export const KEY_VAULT_SECRETS_USER: AzureBuiltInRole = {
  name: 'Key Vault Secrets User',
  id: '4633458b-17de-408a-b874-0445c86b69e6',
};

export const KEY_VAULT_CRYPTO_USER: AzureBuiltInRole = {
  name: 'Key Vault Crypto User',
  id: '12338af0-0e69-4776-bea7-57ae8d297424',
};

export const ACR_PULL: AzureBuiltInRole = {
  name: 'AcrPull',
  id: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
};

export const ACR_PUSH: AzureBuiltInRole = {
  name: 'AcrPush',
  id: '8311e382-0749-4cb8-b61a-304f252e45ec',
};

export const SERVICE_BUS_DATA_SENDER: AzureBuiltInRole = {
  name: 'Azure Service Bus Data Sender',
  id: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
};

export const SERVICE_BUS_DATA_RECEIVER: AzureBuiltInRole = {
  name: 'Azure Service Bus Data Receiver',
  id: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
};

// Cosmos DB for NoSQL's own data-plane roles, defined in every account under `<account id>/sqlRoleDefinitions/<id>`:
// https://learn.microsoft.com/azure/cosmos-db/nosql/security/reference-data-plane-roles
/** Reads metadata, items, queries and the change feed. */
export const COSMOS_DB_BUILT_IN_DATA_READER: AzureBuiltInRole = {
  name: 'Cosmos DB Built-in Data Reader',
  id: '00000000-0000-0000-0000-000000000001',
};

/** Also creates, replaces and deletes items, and manages containers. */
export const COSMOS_DB_BUILT_IN_DATA_CONTRIBUTOR: AzureBuiltInRole = {
  name: 'Cosmos DB Built-in Data Contributor',
  id: '00000000-0000-0000-0000-000000000002',
};

// Event Hubs roles: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/analytics
export const EVENT_HUBS_DATA_SENDER: AzureBuiltInRole = {
  name: 'Azure Event Hubs Data Sender',
  id: '2b629674-e913-4c01-ae53-ef4638d8f975',
};

export const EVENT_HUBS_DATA_RECEIVER: AzureBuiltInRole = {
  name: 'Azure Event Hubs Data Receiver',
  id: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
};

// Storage queue roles: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
/** Peeks messages and reads queue metadata; changes nothing. */
export const STORAGE_QUEUE_DATA_READER: AzureBuiltInRole = {
  name: 'Storage Queue Data Reader',
  id: '19e7f393-937e-4f77-808e-94535e297925',
};

/** Adds messages only. */
export const STORAGE_QUEUE_DATA_MESSAGE_SENDER: AzureBuiltInRole = {
  name: 'Storage Queue Data Message Sender',
  id: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a',
};

/** Peeks, receives and deletes messages, without creating or deleting queues (unlike Storage Queue Data Contributor). */
export const STORAGE_QUEUE_DATA_MESSAGE_PROCESSOR: AzureBuiltInRole = {
  name: 'Storage Queue Data Message Processor',
  id: '8a0f0c08-91a1-4084-bc3d-661d67233fed',
};
