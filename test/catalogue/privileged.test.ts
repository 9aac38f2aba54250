import { AWS_RESOURCE_TYPES } from '../../lib/catalogue/aws';
import { AZURE_RESOURCE_TYPES } from '../../lib/catalogue/azure';
import { GCP_RESOURCE_TYPES } from '../../lib/catalogue/gcp';
import { privilegedAwsAction, privilegedAzureRole, privilegedGcpRole } from '../../lib/catalogue/privileged';

/**
 * What WIAM-PERM-002 counts as privileged. The actions, roles and ids below are written from the clouds' own
 * references (AWS Service Authorization Reference, Google's predefined roles, Microsoft's built-in roles), not taken
 * from the lists under test.
 */

describe('AWS actions', () => {
  test.each([
    'iam:AddUserToGroup',
    'iam:SetDefaultPolicyVersion',
    'iam:AttachRolePolicy',
    'iam:PutUserPolicy',
    'iam:CreatePolicyVersion',
    'iam:UpdateAssumeRolePolicy',
    'iam:PassRole',
    'iam:CreateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'sts:AssumeRole',
    'lambda:UpdateFunctionCode',
    's3:PutBucketPolicy',
    's3:PutBucketAcl',
    'kms:PutKeyPolicy',
    'kms:CreateGrant',
    'lambda:AddPermission',
    'sqs:SetQueueAttributes',
    'secretsmanager:PutResourcePolicy',
    'ecr:SetRepositoryPolicy',
    'ssm:SendCommand',
  ])('%s is privileged', (action) => {
    expect(privilegedAwsAction(action)).toEqual({ granted: action, why: expect.any(String) });
  });

  test.each(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'dynamodb:PutItem', 'dynamodb:Query', 'sqs:SendMessage', 'sns:Publish', 'kms:Decrypt', 'ecr:GetAuthorizationToken', 'ecr:PutImage', 'lambda:InvokeFunction', 'iam:GetRole', 'sts:GetCallerIdentity'])(
    '%s is not privileged',
    (action) => {
      expect(privilegedAwsAction(action)).toBeUndefined();
    },
  );

  // IAM compares action names case-insensitively.
  test.each(['IAM:attachrolepolicy', 'iam:addusertogroup', 'Iam:PassRole', 'S3:PUTBUCKETPOLICY', 'STS:assumerole'])('%s is privileged in any case', (action) => {
    expect(privilegedAwsAction(action)?.granted).toBe(action);
  });

  test.each([
    ['*', 'iam:PassRole'],
    ['iam:*', 'iam:PassRole'],
    ['IAM:*', 'iam:PassRole'],
    ['iam:Put*', 'iam:Put'],
    ['iam:Attach?olePolicy', 'iam:AttachRolePolicy'],
    ['iam:Add*', 'iam:AddUserToGroup'],
    ['s3:Put*', 's3:Put'],
    ['s3:*', 's3:'],
    ['kms:*', 'kms:'],
    ['lambda:Update*', 'lambda:UpdateFunctionCode'],
    ['sts:Assume*', 'sts:AssumeRole'],
    ['*:PutBucketPolicy', 's3'],
  ])('%s covers a privileged action (%s…)', (action, covered) => {
    expect(privilegedAwsAction(action)?.granted).toMatch(new RegExp(`^${action.replace(/[*?]/g, '\\$&')} \\(covers ${covered}`));
  });

  test.each(['s3:Get*', 's3:List*', 'iam:Get*', 'iam:List*', 'dynamodb:Get*', 'kms:Describe*', 'ecr:BatchGet*', 's3:GetObject?ersion'])('%s covers nothing privileged', (action) => {
    expect(privilegedAwsAction(action)).toBeUndefined();
  });

  test('every action the access catalogue grants is unprivileged, but for rds-db:connect on one database user', () => {
    const levels = AWS_RESOURCE_TYPES.flatMap((type) => Object.entries(type.access).map(([level, templates]) => [`${type.key} ${level}`, templates.flatMap((t) => t.actions)] as const));
    expect(levels.length).toBeGreaterThan(20);
    const privileged = levels.flatMap(([level, actions]) => actions.filter((action) => privilegedAwsAction(action) !== undefined).map((action) => `${level}: ${action}`));
    // The one documented exception (aws-database-login.ts); the rule checks its resources are exact dbuser ARNs.
    expect(privileged).toEqual(['rds-db-user connect: rds-db:connect']);
  });

  test('a NotAction statement (scan writes it as `* except …`) is privileged: it grants every action it does not list', () => {
    expect(privilegedAwsAction('* except iam:*, organizations:*, account:*')?.granted).toBe('* except iam:*, organizations:*, account:*');
    expect(privilegedAwsAction('* except s3:DeleteBucket')).toBeDefined();
  });

  test('an unresolved placeholder may be any action, so it is judged as a wildcard', () => {
    expect(privilegedAwsAction('${Actions}')?.granted).toBe('${Actions} (covers iam:PassRole)');
    expect(privilegedAwsAction('s3:${var.verb}')?.granted).toMatch(/^s3:\$\{var\.verb\} \(covers s3:/);
    expect(privilegedAwsAction('sqs:${Verb}Message')).toBeUndefined();
  });
});

describe('GCP roles', () => {
  test.each([
    'roles/owner',
    'roles/editor',
    'roles/resourcemanager.projectIamAdmin',
    'roles/resourcemanager.organizationAdmin',
    'roles/iam.securityAdmin',
    'roles/iam.serviceAccountAdmin',
    'roles/iam.serviceAccountUser',
    'roles/iam.serviceAccountTokenCreator',
    'roles/iam.serviceAccountKeyAdmin',
    'roles/iam.workloadIdentityUser',
    'roles/iam.workloadIdentityPoolAdmin',
    'roles/iam.roleAdmin',
    'roles/storage.admin',
    'roles/storage.objectAdmin',
    'roles/pubsub.admin',
    'roles/secretmanager.admin',
    'roles/bigquery.dataOwner',
    'roles/run.admin',
    'roles/cloudkms.admin',
    'roles/artifactregistry.admin',
    'roles/cloudbuild.builds.editor',
    'roles/container.admin',
  ])('%s is privileged', (role) => {
    expect(privilegedGcpRole(role)).toEqual({ granted: role, why: expect.stringMatching(/^it includes /) });
  });

  test.each([
    'roles/viewer',
    'roles/browser',
    'roles/storage.objectViewer',
    'roles/storage.objectCreator',
    'roles/storage.objectUser',
    'roles/pubsub.publisher',
    'roles/pubsub.subscriber',
    'roles/secretmanager.secretAccessor',
    'roles/artifactregistry.reader',
    'roles/artifactregistry.writer',
    'roles/bigquery.dataViewer',
    'roles/bigquery.dataEditor',
    'roles/run.invoker',
    'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    'roles/logging.logWriter',
  ])('%s is not privileged', (role) => {
    expect(privilegedGcpRole(role)).toBeUndefined();
  });

  test('every role the access catalogue binds is unprivileged', () => {
    const roles = GCP_RESOURCE_TYPES.flatMap((type) => Object.values(type.access).flat());
    expect(roles.filter((role) => privilegedGcpRole(role) !== undefined)).toEqual([]);
  });

  test('a custom role, whose permissions are not known here, is judged privileged', () => {
    expect(privilegedGcpRole('projects/acme-prod/roles/deployer')?.why).toMatch(/custom role/);
    expect(privilegedGcpRole('organizations/123456789012/roles/ciDeployer')?.why).toMatch(/custom role/);
  });

  test('an unresolved role may be roles/owner', () => {
    expect(privilegedGcpRole('${var.role}')?.why).toMatch(/cannot be read/);
  });
});

describe('Azure roles', () => {
  test.each([
    ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'],
    ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor'],
    ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator'],
    ['f58310d9-a9f6-439a-9e8d-f62e7b41a168', 'Role Based Access Control Administrator'],
    ['8b54135c-b56d-4d72-a534-26097cfdc8d8', 'Key Vault Data Access Administrator'],
    ['f25e0fa2-a7c8-4377-a976-54943a77a395', 'Key Vault Contributor'],
    ['3498e952-d568-435e-9b2c-8d77e338d7f7', 'Azure Kubernetes Service RBAC Admin'],
    ['b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', 'Azure Kubernetes Service RBAC Cluster Admin'],
    ['0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8', 'Azure Kubernetes Service Cluster Admin Role'],
    ['f1a07417-d97a-45cb-824c-7a7467783830', 'Managed Identity Operator'],
    ['e40ec5ca-96e0-45a2-b4ff-59039f2c2b59', 'Managed Identity Contributor'],
  ])('%s (%s) is privileged', (id, name) => {
    expect(privilegedAzureRole(id)?.granted).toBe(name);
  });

  test('the id may be upper case or the full role definition resource id', () => {
    expect(privilegedAzureRole('18D7D88D-D35E-4FB5-A5C3-7773C20A72D9')?.granted).toBe('User Access Administrator');
    expect(privilegedAzureRole('/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/providers/Microsoft.Authorization/roleDefinitions/8b54135c-b56d-4d72-a534-26097cfdc8d8')?.granted).toBe(
      'Key Vault Data Access Administrator',
    );
  });

  test.each([
    ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader'],
    ['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', 'Storage Blob Data Reader'],
    ['ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'Storage Blob Data Contributor'],
    ['4633458b-17de-408a-b874-0445c86b69e6', 'Key Vault Secrets User'],
    ['7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull'],
    ['8311e382-0749-4cb8-b61a-304f252e45ec', 'AcrPush'],
    ['00482a5a-887f-4fb3-b363-3b7fe8e74483', 'Key Vault Administrator'],
  ])('%s (%s) is not privileged', (id) => {
    expect(privilegedAzureRole(id)).toBeUndefined();
  });

  test('every role the access catalogue assigns is unprivileged', () => {
    const roles = AZURE_RESOURCE_TYPES.flatMap((type) => Object.values(type.access));
    expect(roles.filter((role) => privilegedAzureRole(role.id) !== undefined)).toEqual([]);
  });

  test('an unresolved role definition may be Owner', () => {
    expect(privilegedAzureRole('${azurerm_role_definition.custom.role_definition_resource_id}')).toBeDefined();
  });
});
