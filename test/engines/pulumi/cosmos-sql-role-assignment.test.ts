import * as pulumi from '@pulumi/pulumi';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { AZURE_SUBSCRIPTION_ID, declaration } from '../../plan/fixtures';
import { WorkloadIdentities } from 'workload-iam/pulumi';

// A Cosmos DB container grant under Pulumi's mock runtime: azure-native's `cosmosdb.SqlResourceSqlRoleAssignment`
// (inputs from the azure-native 3 documentation), not an ARM role assignment, which would not reach the data.

const ACCOUNT = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/acme-orders`;
const CONTAINER = `${ACCOUNT}/sqlDatabases/orders/containers/order-lines`;

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        const principal = args.type === 'azure-native:managedidentity:UserAssignedIdentity' ? { principalId: `${args.inputs.resourceName}-principal` } : {};
        return { id: `${args.name}-id`, state: { ...args.inputs, ...principal } };
      },
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'test',
    'test',
    false,
  );
});

test('the SQL role assignment names the account, the container path, the built-in contributor and the workload identity', async () => {
  const plan = compile(
    toModel(
      declaration([
        {
          name: 'orders',
          identities: [{ github: { repository: 'acme/orders', ownerId: '65', repositoryId: '81', environment: 'production' } }],
          grants: { 'azure-prod': [{ resource: CONTAINER, access: 'readWrite' }] },
        },
      ]),
    ),
  );
  const component = new WorkloadIdentities('platform', { plan });
  await new Promise((resolve) => pulumi.all([component.urn, component.clientIds]).apply(resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(registered.filter((r) => r.type === 'azure-native:authorization:RoleAssignment')).toEqual([]);
  expect(registered.filter((r) => r.type === 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment').map((r) => r.inputs)).toEqual([
    {
      roleAssignmentId: plan.azure['azure-prod'].cosmosSqlRoleAssignments[0].name,
      resourceGroupName: 'rg-data',
      accountName: 'acme-orders',
      scope: `${ACCOUNT}/dbs/orders/colls/order-lines`,
      roleDefinitionId: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
      principalId: 'wiam-orders-principal',
    },
  ]);
});
