import { TerraformStack, Testing } from 'cdktf';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { AZURE_SUBSCRIPTION_ID, declaration } from '../../plan/fixtures';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// A Cosmos DB container grant in a user's cdktf stack: azurerm's `azurerm_cosmosdb_sql_role_assignment` (arguments
// from the azurerm 4 documentation), not an ARM role assignment, which would not reach the data.

const ACCOUNT = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/acme-orders`;
const CONTAINER = `${ACCOUNT}/sqlDatabases/orders/containers/order-lines`;

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

test('the SQL role assignment names the account, the container path, the built-in reader and the workload identity', () => {
  const plan = compile(
    toModel(
      declaration([
        {
          name: 'orders',
          identities: [{ github: { repository: 'acme/orders', ownerId: '65', repositoryId: '81', environment: 'production' } }],
          grants: { 'azure-prod': [{ resource: CONTAINER, access: 'read' }] },
        },
      ]),
    ),
  );
  const stack = new TerraformStack(Testing.app(), 'user-stack');
  new WorkloadIdentities(stack, 'Wi', { plan, account: 'azure-prod' });
  const json = JSON.parse(Testing.synth(stack)) as Json;
  expect(json.resource.azurerm_role_assignment).toBeUndefined();
  const [identity] = Object.keys(json.resource.azurerm_user_assigned_identity);
  expect(Object.values(json.resource.azurerm_cosmosdb_sql_role_assignment)).toEqual([
    {
      name: plan.azure['azure-prod'].cosmosSqlRoleAssignments[0].name,
      resource_group_name: 'rg-data',
      account_name: 'acme-orders',
      scope: `${ACCOUNT}/dbs/orders/colls/order-lines`,
      role_definition_id: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
      principal_id: `\${azurerm_user_assigned_identity.${identity}.principal_id}`,
    },
  ]);
});
