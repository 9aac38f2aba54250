import { azurePermissionFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { azureRoleOnlyReads } from '../../lib/catalogue/role-access';
import { toModel } from '../../lib/declaration/parse';
import { buildManifest } from '../../lib/manifest/manifest';
import { whoCanReach } from '../../lib/manifest/queries';
import { compile } from '../../lib/plan/compile';
import { planSummary } from '../../lib/plan/summary';
import { checkPlan } from '../../lib/rules/check';
import { AZURE_SUBSCRIPTION_ID, azureAccountOf, declaration, type IdentityInput } from '../plan/fixtures';

/**
 * Cosmos DB for NoSQL data: ARM role assignments do not reach it, so a grant becomes a SQL role assignment of the
 * account. Expected values by hand from Microsoft's "Data plane built-in roles reference" (Built-in Data Reader
 * `…0001`, Built-in Data Contributor `…0002`, defined under `<account id>/sqlRoleDefinitions/`) and the scope format
 * of "Create Update Sql Role Assignment" (`<account id>`, `…/dbs/<database>`, `…/dbs/<database>/colls/<container>`).
 */

const ACCOUNT = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/acme-orders`;
const OTHER_ACCOUNT = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/acme-orders-2`;
const DATABASE = `${ACCOUNT}/sqlDatabases/orders`;
const CONTAINER = `${DATABASE}/containers/order-lines`;
const NEIGHBOUR_CONTAINER = `${DATABASE}/containers/payments`;
const READER = `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`;
const CONTRIBUTOR = `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`;
const ENVIRONMENT: IdentityInput = { github: { repository: 'acme/orders', ownerId: '65', repositoryId: '81', environment: 'production' } };
const PULL_REQUEST: IdentityInput = { github: { repository: 'acme/orders', ownerId: '65', repositoryId: '81', pullRequest: true } };

function compiled(grants: readonly { resource: string; access: string }[], identity = ENVIRONMENT) {
  const model = toModel(declaration([{ name: 'orders', identities: [identity], grants: { 'azure-prod': [...grants] } }]));
  const plan = compile(model);
  return { plan, account: azureAccountOf(plan), manifest: buildManifest(model, plan) };
}

describe('the catalogue', () => {
  test.each([
    [ACCOUNT, 'cosmosdb-account'],
    [DATABASE, 'cosmosdb-sql-database'],
    [CONTAINER, 'cosmosdb-sql-container'],
  ])('%s is a %s', (id, type) => {
    expect(recogniseResource(id)?.type).toBe(type);
  });

  test.each([
    [ACCOUNT, 'read', 'Cosmos DB Built-in Data Reader', '00000000-0000-0000-0000-000000000001', ACCOUNT],
    [ACCOUNT, 'readWrite', 'Cosmos DB Built-in Data Contributor', '00000000-0000-0000-0000-000000000002', ACCOUNT],
    [DATABASE, 'read', 'Cosmos DB Built-in Data Reader', '00000000-0000-0000-0000-000000000001', `${ACCOUNT}/dbs/orders`],
    [CONTAINER, 'readWrite', 'Cosmos DB Built-in Data Contributor', '00000000-0000-0000-0000-000000000002', `${ACCOUNT}/dbs/orders/colls/order-lines`],
  ])('%s %s: %s (%s) at the data-plane path %s', (id, access, roleName, roleDefinitionId, scope) => {
    expect(azurePermissionFor(recogniseResource(id)!, access)).toEqual({ roleDefinitionId, roleName, scope, cosmosAccount: ACCOUNT });
  });

  test('a Cosmos SQL reader only reads; the contributor writes; an ARM role definition with the same GUID is not taken for it', () => {
    expect(azureRoleOnlyReads(READER)).toBe(true);
    expect(azureRoleOnlyReads(CONTRIBUTOR)).toBe(false);
    expect(azureRoleOnlyReads(`/subscriptions/${AZURE_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001`)).toBe(false);
  });
});

describe('the Plan', () => {
  test('a container grant is one SQL role assignment of the account, for the managed identity, and no ARM role assignment', () => {
    const { account } = compiled([{ resource: CONTAINER, access: 'readWrite' }]);
    expect(account.roleAssignments).toEqual([]);
    expect(account.cosmosSqlRoleAssignments).toEqual([
      {
        name: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        principal: { ref: 'orders', attr: 'principalId' },
        resourceGroup: 'rg-data',
        accountName: 'acme-orders',
        resource: CONTAINER,
        scope: `${ACCOUNT}/dbs/orders/colls/order-lines`,
        roleDefinitionId: CONTRIBUTOR,
        roleName: 'Cosmos DB Built-in Data Contributor',
        workload: 'orders',
        origin: { workload: 'orders', identities: [0], grants: [0] },
        writes: true,
      },
    ]);
  });

  test('attack: a container declared is never assigned at the account or its database', () => {
    const { account } = compiled([{ resource: CONTAINER, access: 'read' }]);
    expect(account.cosmosSqlRoleAssignments.map((a) => a.scope)).toEqual([`${ACCOUNT}/dbs/orders/colls/order-lines`]);
    expect(account.cosmosSqlRoleAssignments.map((a) => a.scope)).not.toContain(ACCOUNT);
    expect(account.cosmosSqlRoleAssignments.map((a) => a.scope)).not.toContain(`${ACCOUNT}/dbs/orders`);
  });

  test('the summary counts it among the role assignments', () => {
    expect(planSummary(compiled([{ resource: CONTAINER, access: 'read' }]).plan).azureRoleAssignments).toBe(1);
  });

  test('the assignment name is the same whatever else the workload is granted', () => {
    const alone = compiled([{ resource: CONTAINER, access: 'read' }]).account.cosmosSqlRoleAssignments[0].name;
    const withMore = compiled([
      { resource: ACCOUNT, access: 'read' },
      { resource: CONTAINER, access: 'read' },
    ]).account.cosmosSqlRoleAssignments.find((a) => a.resource === CONTAINER)!.name;
    expect(withMore).toBe(alone);
  });
});

describe('who can reach', () => {
  const { manifest } = compiled([{ resource: CONTAINER, access: 'readWrite' }]);
  const reached = (resource: string) => whoCanReach(manifest, resource).map((r) => `${r.workload} ${r.resource}: ${r.access.join(' ')}`);

  test('the container declared, by its ARM id', () => {
    expect(reached(CONTAINER)).toEqual([`orders ${CONTAINER}: Cosmos DB Built-in Data Contributor`]);
  });

  test.each([NEIGHBOUR_CONTAINER, OTHER_ACCOUNT, `${OTHER_ACCOUNT}/sqlDatabases/orders/containers/order-lines`])('a neighbour %s is not reached', (neighbour) => {
    expect(reached(neighbour)).toEqual([]);
  });
});

describe('a pull-request GitHub identity', () => {
  const gh001 = (resource: string, access: string) =>
    checkPlan(compiled([{ resource, access }], PULL_REQUEST).plan)
      .filter((f) => f.rule === 'WIAM-GH-001')
      .map((f) => f.severity);

  test('is refused on readWrite, which changes data', () => {
    expect(gh001(CONTAINER, 'readWrite')).toEqual(['error']);
  });

  test('is admitted with a warning on read', () => {
    expect(gh001(CONTAINER, 'read')).toEqual(['warning']);
  });
});
