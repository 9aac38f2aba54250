import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DeclarationInput } from '../../../lib/declaration/builder';

const AZURE_RG = '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-orders/providers';
const AKS_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/3f2e1d0c-b9a8-4765-8432-10fedcba9876/';

/**
 * The conformance fixtures: the bundled example (every identity kind on every cloud it supports, with acknowledged
 * warnings), plus what it lacks: an acknowledged error, a workload granted only through an engine, a workload that
 * impersonates a GCP service account, one that reaches GCP databases (Cloud SQL, Spanner, Firestore) and a function,
 * trust policies that differ in more than `sub`, and a workload granted every AWS database, stream and service-call
 * level (statements with Bool and StringEquals conditions among them), and a workload reaching Azure event hubs, queues
 * and Cosmos DB data.
 */
export function conformanceDeclaration(): DeclarationInput {
  const example = parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml'), 'utf8')) as DeclarationInput;
  const tfc = { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod' };
  return {
    ...example,
    workloads: [
      ...example.workloads,
      {
        name: 'infra-plan',
        description: 'Plans the network from HCP Terraform: writes state in the plan phase, acknowledged',
        acknowledge: [
          { rule: 'WIAM-TFC-002', reason: 'The plan phase applies nothing; the state bucket is versioned and changes are reviewed' },
          { rule: 'WIAM-ID-001', reason: 'AWS STS passes no HCP Terraform id claims; the names are reserved' },
        ],
        identities: [{ terraformCloud: { ...tfc, runPhase: 'plan' } }],
        grants: { 'aws-shared': [{ resource: 'arn:aws:s3:::acme-terraform-state/networking/', access: 'readWrite' }] },
      },
      {
        name: 'release-publisher',
        description: 'Granted through the engine only',
        identities: [
          { github: { repository: 'acme/release', ownerId: '65', repositoryId: '80', environment: 'release' } },
          { github: { repository: 'acme/release', ownerId: '65', repositoryId: '80', ref: 'refs/tags/v1.0.0' } },
        ],
        grants: { 'aws-prod': [], 'gcp-prod': [], 'azure-prod': [] },
      },
      {
        name: 'orders-worker',
        description: 'Reads and writes the orders data plane on AWS',
        identities: [{ kubernetes: { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', namespace: 'orders', serviceAccount: 'worker' } }],
        grants: {
          'aws-prod': [
            { resource: 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/orders_app', access: 'connect' },
            { resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/ByCustomer', access: 'read' },
            { resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-05-01T12:00:00.000', access: 'read' },
            { resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream', access: 'readWrite' },
            { resource: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders', access: 'publish' },
            { resource: 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment', access: 'startAndRead' },
            { resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/eks/orders-worker', access: 'write' },
            { resource: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod', access: 'invoke' },
            { resource: 'arn:aws:execute-api:eu-west-1:111122223333:f6g7h8i9j0/prod/POST/payments', access: 'invoke' },
            { resource: 'arn:aws:lambda:eu-west-1:111122223333:function:resize-images', access: 'invokeUrl' },
          ],
        },
      },
      {
        name: 'warehouse-loader',
        description: 'Loads the warehouse as a GCP service account it impersonates',
        impersonate: ['gcp-prod'],
        identities: [{ gitlab: { project: 'acme/data/loader', projectId: '4343', namespaceId: '77', ref: 'main', refType: 'branch' } }],
        grants: { 'gcp-prod': [{ resource: '//bigquery.googleapis.com/projects/acme-prod/datasets/warehouse', access: 'readWrite' }] },
      },
      {
        name: 'ledger-api',
        description: 'Serves the ledger from EKS: its databases on GCP and a function it calls',
        identities: [
          {
            kubernetes: {
              issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
              namespace: 'ledger',
              serviceAccount: 'ledger-api',
              eks: { region: 'eu-west-1', cluster: 'prod-main' },
            },
          },
        ],
        grants: {
          'gcp-prod': [
            { resource: '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db', access: 'connect' },
            { resource: '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger', access: 'readWrite' },
            { resource: '//firestore.googleapis.com/projects/acme-prod/databases/(default)', access: 'read' },
            { resource: '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates', access: 'invoke' },
          ],
        },
      },
      {
        name: 'order-events',
        description: 'Streams order events on Azure: an event hub, a storage queue, a whole Service Bus namespace and Cosmos DB data',
        identities: [{ kubernetes: { issuer: AKS_ISSUER, namespace: 'orders', serviceAccount: 'order-events', aks: true } }],
        grants: {
          'azure-prod': [
            { resource: `${AZURE_RG}/Microsoft.EventHub/namespaces/acme-orders/eventhubs/order-events`, access: 'publish' },
            { resource: `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeorders/queueServices/default/queues/invoices`, access: 'consume' },
            { resource: `${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-orders-bus`, access: 'publish' },
            { resource: `${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders/sqlDatabases/orders/containers/order-lines`, access: 'readWrite' },
            { resource: `${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders`, access: 'read' },
          ],
        },
      },
    ],
  } as DeclarationInput;
}
