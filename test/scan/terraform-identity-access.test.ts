import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPathAsync } from '../../lib/scan/scan';

/**
 * Whether a federated GCP member or Azure managed identity leads to writes, read from what the module grants it: the
 * rules that only weigh writes (a tag ref, WIAM-REF-002; pull requests, WIAM-GH-001) fire on a writing grant and not
 * on a read-only one. Roles and role ids are Google's predefined roles and Azure's built-in roles; ids are made up.
 */

const GITHUB = 'https://token.actions.githubusercontent.com';
const POOL = 'projects/123456789/locations/global/workloadIdentityPools/ci-pool';
const SERVICE_ACCOUNT = 'deploy@acme-prod.iam.gserviceaccount.com';

async function rulesOf(resources: Record<string, unknown>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-access-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ resource: resources }));
    const scanned = await scanPathAsync(dir);
    expect(scanned.problems).toEqual([]);
    return [...new Set(scanned.findings.map((finding) => finding.rule))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GCP: a member joined from the repository id and the subject, as workload-iam maps it', () => {
  const provider = {
    workload_identity_pool_id: 'ci-pool',
    workload_identity_pool_provider_id: 'github',
    attribute_condition: "assertion.repository_owner_id == '65'",
    attribute_mapping: {
      'google.subject': "'gh:' + assertion.sub",
      'attribute.repository_subject': "'gh:' + assertion.repository_id + ':' + assertion.sub",
    },
    oidc: { issuer_uri: GITHUB },
  };
  const member = (sub: string) => `principalSet://iam.googleapis.com/${POOL}/attribute.repository_subject/gh:74:${sub}`;
  const bucket = (role: string, who: string) => ({ google_storage_bucket_iam_member: { assets: { bucket: 'acme-assets', role, member: who } } });
  const module = (extra: Record<string, unknown>) => ({ google_iam_workload_identity_pool_provider: { github: provider }, ...extra });

  test('a tag ref with a writing role is flagged; with a read-only role it is not', async () => {
    expect(await rulesOf(module(bucket('roles/storage.objectAdmin', member('repo:octo-org/web:ref:refs/tags/v1'))))).toContain('WIAM-REF-002');
    expect(await rulesOf(module(bucket('roles/storage.objectViewer', member('repo:octo-org/web:ref:refs/tags/v1'))))).not.toContain('WIAM-REF-002');
  });

  test('pull requests that may write are refused; an environment is not', async () => {
    expect(await rulesOf(module(bucket('roles/storage.objectUser', member('repo:octo-org/web:pull_request'))))).toContain('WIAM-GH-001');
    expect(await rulesOf(module(bucket('roles/storage.objectUser', member('repo:octo-org/web:environment:production'))))).not.toContain('WIAM-GH-001');
  });

  test('the member pins the repository: no finding that the tenant alone is trusted', async () => {
    expect(await rulesOf(module(bucket('roles/storage.objectViewer', member('repo:octo-org/web:environment:production'))))).toEqual([]);
  });

  describe('through a service account it impersonates', () => {
    const impersonating = (serviceAccountId: string, role: string) =>
      module({
        google_service_account_iam_member: {
          act: { service_account_id: serviceAccountId, role: 'roles/iam.workloadIdentityUser', member: member('repo:octo-org/web:ref:refs/tags/v1') },
        },
        ...bucket(role, `serviceAccount:${SERVICE_ACCOUNT}`),
      });

    test("the service account's writing grant is the member's", async () => {
      expect(await rulesOf(impersonating(`projects/acme-prod/serviceAccounts/${SERVICE_ACCOUNT}`, 'roles/storage.objectAdmin'))).toContain('WIAM-REF-002');
      expect(await rulesOf(impersonating(`projects/acme-prod/serviceAccounts/${SERVICE_ACCOUNT}`, 'roles/storage.objectViewer'))).not.toContain('WIAM-REF-002');
    });

    test('a service account named by reference is read from its resource', async () => {
      const byReference = (role: string) => ({
        ...impersonating('${google_service_account.deploy.name}', role),
        google_service_account: { deploy: { project: 'acme-prod', account_id: 'deploy' } },
      });
      expect(await rulesOf(byReference('roles/storage.objectAdmin'))).toContain('WIAM-REF-002');
      expect(await rulesOf(byReference('roles/storage.objectViewer'))).not.toContain('WIAM-REF-002');
    });

    test('a service account that cannot be read may write', async () => {
      expect(await rulesOf(impersonating('${var.service_account}', 'roles/storage.objectViewer'))).toContain('WIAM-REF-002');
    });

    test('the same role on a project lets the member act as every service account in it', async () => {
      const projectWide = module({
        google_project_iam_member: { act: { project: 'acme-prod', role: 'roles/iam.workloadIdentityUser', member: member('repo:octo-org/web:ref:refs/tags/v1') } },
      });
      expect(await rulesOf(projectWide)).toContain('WIAM-REF-002');
    });
  });
});

describe('Azure: a managed identity leads to writes through the roles assigned to its principal', () => {
  const credential = (extra: Record<string, unknown> = {}) => ({
    azurerm_user_assigned_identity: { app: { name: 'app', resource_group_name: 'rg', location: 'westeurope' } },
    azurerm_federated_identity_credential: {
      tag: {
        name: 'tag',
        resource_group_name: 'rg',
        parent_id: '${azurerm_user_assigned_identity.app.id}',
        issuer: GITHUB,
        subject: 'repo:octo-org/web:ref:refs/tags/v1',
        audience: ['api://AzureADTokenExchange'],
        ...extra,
      },
    },
  });
  const assigned = (role: Record<string, string>) => ({
    azurerm_role_assignment: {
      blobs: { scope: '/subscriptions/0b1c/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme', principal_id: '${azurerm_user_assigned_identity.app.principal_id}', ...role },
    },
  });
  const READER = '/subscriptions/0b1c/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
  const CONTRIBUTOR = '/subscriptions/0b1c/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe';

  test('a writing role is flagged; a read-only one, by id or by name, is not', async () => {
    expect(await rulesOf({ ...credential(), ...assigned({ role_definition_id: CONTRIBUTOR }) })).toContain('WIAM-REF-002');
    expect(await rulesOf({ ...credential(), ...assigned({ role_definition_id: READER }) })).not.toContain('WIAM-REF-002');
    expect(await rulesOf({ ...credential(), ...assigned({ role_definition_name: 'Storage Blob Data Reader' }) })).not.toContain('WIAM-REF-002');
  });

  test('a role that cannot be read, or none assigned here, may write', async () => {
    expect(await rulesOf({ ...credential(), ...assigned({ role_definition_id: '${var.role}' }) })).toContain('WIAM-REF-002');
    expect(await rulesOf(credential())).toContain('WIAM-REF-002');
  });

  test("an identity workload-iam rendered has exactly its declaration's roles: none here is none", async () => {
    expect(await rulesOf(credential({ '//': { 'workload-iam': { workload: 'web' } } }))).not.toContain('WIAM-REF-002');
  });

  test('an identity that cannot be told may write', async () => {
    expect(await rulesOf({ ...credential({ parent_id: '${var.identity}' }), ...assigned({ role_definition_id: READER }) })).toContain('WIAM-REF-002');
  });

  // Cosmos DB's own SQL role assignments reach its data; ids from Microsoft's data plane built-in roles reference.
  const COSMOS = '/subscriptions/0b1c/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/acme';
  const cosmos = (roleDefinitionId: string) => ({
    azurerm_cosmosdb_sql_role_assignment: {
      orders: {
        resource_group_name: 'rg',
        account_name: 'acme',
        scope: `${COSMOS}/dbs/orders/colls/lines`,
        role_definition_id: roleDefinitionId,
        principal_id: '${azurerm_user_assigned_identity.app.principal_id}',
      },
    },
  });

  test('a Cosmos DB SQL contributor writes; the built-in data reader does not', async () => {
    expect(await rulesOf({ ...credential(), ...cosmos(`${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`) })).toContain('WIAM-REF-002');
    expect(await rulesOf({ ...credential(), ...cosmos(`${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`) })).not.toContain('WIAM-REF-002');
  });

  test('a Cosmos DB SQL contributor is not hidden by a read-only ARM role of the same identity', async () => {
    const both = { ...credential(), ...assigned({ role_definition_id: READER }), ...cosmos(`${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`) };
    expect(await rulesOf(both)).toContain('WIAM-REF-002');
  });
});
