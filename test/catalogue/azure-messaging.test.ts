import { toModel } from '../../lib/declaration/parse';
import { buildManifest } from '../../lib/manifest/manifest';
import { whoCanReach } from '../../lib/manifest/queries';
import { compile } from '../../lib/plan/compile';
import { checkPlan } from '../../lib/rules/check';
import { AZURE_SUBSCRIPTION_ID, azureAccountOf, declaration, type IdentityInput } from '../plan/fixtures';

/**
 * Event Hubs, storage queues and Service Bus namespaces end to end: the role each level assigns, at which scope,
 * who reaches a neighbour, and whether a pull-request GitHub identity is admitted (WIAM-GH-001 refuses it on a level
 * that changes state). Role names and ids by hand from Microsoft's built-in roles reference (Analytics and Storage).
 */

const RG = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-events/providers`;
const EVENT_HUBS = `${RG}/Microsoft.EventHub/namespaces/acme-events`;
const CLICKS = `${EVENT_HUBS}/eventhubs/clicks`;
const ORDERS_HUB = `${EVENT_HUBS}/eventhubs/orders`;
const QUEUES = `${RG}/Microsoft.Storage/storageAccounts/acmeevents/queueServices/default/queues`;
const THUMBNAILS = `${QUEUES}/thumbnails`;
const INVOICES = `${QUEUES}/invoices`;
const BUS = `${RG}/Microsoft.ServiceBus/namespaces/acme-bus`;
const OTHER_BUS = `${RG}/Microsoft.ServiceBus/namespaces/acme-bus-2`;
const PULL_REQUEST: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', pullRequest: true } };
const ENVIRONMENT: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } };

function manifestOf(grants: readonly { resource: string; access: string }[], identity = ENVIRONMENT) {
  const model = toModel(declaration([{ name: 'events', identities: [identity], grants: { 'azure-prod': [...grants] } }]));
  return { plan: compile(model), manifest: buildManifest(model, compile(model)) };
}

describe('the role assignment of each level, at the declared resource', () => {
  test.each([
    [CLICKS, 'publish', 'Azure Event Hubs Data Sender', '2b629674-e913-4c01-ae53-ef4638d8f975'],
    [CLICKS, 'consume', 'Azure Event Hubs Data Receiver', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'],
    [EVENT_HUBS, 'consume', 'Azure Event Hubs Data Receiver', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'],
    [THUMBNAILS, 'read', 'Storage Queue Data Reader', '19e7f393-937e-4f77-808e-94535e297925'],
    [THUMBNAILS, 'publish', 'Storage Queue Data Message Sender', 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'],
    [THUMBNAILS, 'consume', 'Storage Queue Data Message Processor', '8a0f0c08-91a1-4084-bc3d-661d67233fed'],
    [BUS, 'publish', 'Azure Service Bus Data Sender', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'],
    [BUS, 'consume', 'Azure Service Bus Data Receiver', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'],
  ])('%s %s: %s (%s) and nothing else', (resource, access, roleName, roleId) => {
    const { plan } = manifestOf([{ resource, access }]);
    const assignments = azureAccountOf(plan).roleAssignments;
    expect(assignments.map((a) => [a.scope, a.roleDefinitionId.split('/').pop()])).toEqual([[resource, roleId]]);
    expect(assignments[0]).toMatchObject({ roleName });
  });
});

describe('who can reach a neighbour', () => {
  const { manifest } = manifestOf([
    { resource: CLICKS, access: 'publish' },
    { resource: THUMBNAILS, access: 'consume' },
    { resource: BUS, access: 'publish' },
  ]);
  const reached = (resource: string) => whoCanReach(manifest, resource).map((r) => `${r.resource}: ${r.access.join(' ')}`);

  test('the declared event hub, queue and namespace are reached with their role', () => {
    expect(reached(CLICKS)).toEqual([`${CLICKS}: Azure Event Hubs Data Sender`]);
    expect(reached(THUMBNAILS)).toEqual([`${THUMBNAILS}: Storage Queue Data Message Processor`]);
    expect(reached(BUS)).toEqual([`${BUS}: Azure Service Bus Data Sender`]);
  });

  test('a queue of a namespace granted as a whole is reached through the namespace', () => {
    expect(reached(`${BUS}/queues/jobs`)).toEqual([`${BUS}: Azure Service Bus Data Sender`]);
  });

  test.each([ORDERS_HUB, INVOICES, OTHER_BUS, `${OTHER_BUS}/queues/jobs`])('%s is not reached', (neighbour) => {
    expect(reached(neighbour)).toEqual([]);
  });
});

describe('a pull-request GitHub identity', () => {
  const gh001 = (resource: string, access: string) =>
    checkPlan(manifestOf([{ resource, access }], PULL_REQUEST).plan)
      .filter((f) => f.rule === 'WIAM-GH-001')
      .map((f) => f.severity);

  test.each([
    [CLICKS, 'publish'],
    [CLICKS, 'consume'],
    [EVENT_HUBS, 'publish'],
    [THUMBNAILS, 'publish'],
    [THUMBNAILS, 'consume'],
    [BUS, 'publish'],
    [BUS, 'consume'],
  ])('is refused on %s %s, which changes state', (resource, access) => {
    expect(gh001(resource, access)).toEqual(['error']);
  });

  test('is admitted with a warning on a storage queue it only reads', () => {
    expect(gh001(THUMBNAILS, 'read')).toEqual(['warning']);
  });
});
