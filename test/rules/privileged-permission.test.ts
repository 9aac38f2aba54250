import { githubIdentity } from './inputs';
import { checkPlan, runRules } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import type { PermissionView } from '../../lib/trust/permission-view';
import { AZURE_SUBSCRIPTION_ID, awsRoleOf, compileWorkloads, declarationErrorOf, workload, type WorkloadInput } from '../plan/fixtures';

/**
 * WIAM-PERM-002 from a declaration and on permissions written elsewhere (the views scan builds), with the attack
 * (a privileged permission) and its safe neighbour side by side. Actions and role ids come from the clouds' references.
 */

const IDENTITY = githubIdentity({ environment: 'production' });
const DEPLOYER_ROLE = 'arn:aws:iam::111122223333:role/deployer';
const BUCKET = 'arn:aws:s3:::acme-web-assets';
const GCS_BUCKET = '//storage.googleapis.com/projects/_/buckets/acme-web';
const CONTAINER = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
const VAULT = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.KeyVault/vaults/acme-kv`;
const JUSTIFICATION = 'Deploys hand the runtime role to the ECS tasks they start';

type Grant = NonNullable<WorkloadInput['grants']>[string][number];

const withGrant = (account: string, grant: Grant) => workload('deployer', [IDENTITY], [], { grants: { [account]: [grant] } });
const privileged = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'WIAM-PERM-002').map((f) => `${f.severity}: ${f.message}`);
const declared = (account: string, grant: Grant) => privileged(checkPlan(compileWorkloads([withGrant(account, grant)])));
const refusal = (account: string, grant: Grant) => declarationErrorOf(() => compileWorkloads([withGrant(account, grant)])).message;
/** The rules on one permission written outside the declaration, where nothing forces a justification. */
const foreign = (view: Omit<PermissionView, 'where'>) => privileged(runRules({ trust: [], permissions: [{ ...view, where: { path: 'Policy.Statement[0]' } }], sessions: [] }));

describe('a justified iam:PassRole on an IAM role of the account (SPEC §4)', () => {
  const grant = { resource: DEPLOYER_ROLE, actions: ['iam:PassRole'], justification: JUSTIFICATION };

  test('is accepted and compiles into an inline policy on that exact role ARN', () => {
    const role = awsRoleOf(compileWorkloads([withGrant('aws-prod', grant)]), 'deployer');
    expect(Object.values(role.inlinePolicies).flatMap((document) => document.Statement)).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'iam:PassRole', Resource: DEPLOYER_ROLE }),
    ]);
  });

  test('is flagged by WIAM-PERM-002 as a justified warning', () => {
    expect(declared('aws-prod', grant)).toEqual([`warning: iam:PassRole is granted, justified: ${JUSTIFICATION}`]);
  });

  test('a role under a path is recognised as well', () => {
    const role = awsRoleOf(compileWorkloads([withGrant('aws-prod', { ...grant, resource: 'arn:aws:iam::111122223333:role/service-role/ecs/web-task' })]), 'deployer');
    expect(JSON.stringify(role.inlinePolicies)).toContain('"Resource":"arn:aws:iam::111122223333:role/service-role/ecs/web-task"');
  });

  test('without a justification it is refused: the escape hatch needs one', () => {
    expect(refusal('aws-prod', { resource: DEPLOYER_ROLE, actions: ['iam:PassRole'] })).toBe(
      'workloads[0].grants.aws-prod[0].justification: actions is an escape hatch from the access catalogue and requires a justification',
    );
  });

  test('a role of another account is refused, as any resource the account does not own', () => {
    expect(refusal('aws-prod', { ...grant, resource: 'arn:aws:iam::444455556666:role/deployer' })).toBe(
      'workloads[0].grants.aws-prod[0].resource: the resource belongs to AWS account 444455556666, not 111122223333; grant it through the account that owns it',
    );
  });

  test('a role of another partition is refused', () => {
    expect(refusal('aws-prod', { ...grant, resource: 'arn:aws-cn:iam::111122223333:role/deployer' })).toMatch(/the resource is in partition aws-cn, the account in aws/);
  });

  test.each(['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/deploy?r', 'arn:aws:iam::111122223333:role/${aws:username}', 'arn:aws:iam::111122223333:role/'])(
    '%s is not one role and is refused',
    (resource) => {
      expect(refusal('aws-prod', { ...grant, resource })).toMatch(/^workloads\[0\]\.grants\.aws-prod\[0\]\.resource: /);
    },
  );

  test('an access level is refused with the way out: an IAM role has none, only the justified escape hatch', () => {
    expect(refusal('aws-prod', { resource: DEPLOYER_ROLE, access: 'read' })).toBe(
      'workloads[0].grants.aws-prod[0].access: "read" is not an access level of iam-role (it has none; grant actions with a justification)',
    );
  });

  test('iam:PassRole on "*" written outside the declaration stays an error', () => {
    expect(foreign({ cloud: 'aws', actions: ['iam:PassRole'], resources: ['*'] })).toEqual([
      "error: iam:PassRole is granted without a justification: it hands a role to a service, which then acts with all of that role's permissions",
    ]);
  });
});

describe('AWS actions', () => {
  test.each(['iam:AddUserToGroup', 'iam:SetDefaultPolicyVersion', 'iam:CreateAccessKey'])('a declared, justified %s is a warning', (action) => {
    expect(declared('aws-prod', { resource: DEPLOYER_ROLE, actions: [action], justification: JUSTIFICATION })).toEqual([`warning: ${action} is granted, justified: ${JUSTIFICATION}`]);
  });

  test.each([
    ['iam:AddUserToGroup', 'arn:aws:iam::111122223333:group/admins'],
    ['iam:SetDefaultPolicyVersion', 'arn:aws:iam::111122223333:policy/deploy'],
    ['s3:PutBucketPolicy', BUCKET],
    ['kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['IAM:attachrolepolicy', DEPLOYER_ROLE],
    ['iam:Put*', DEPLOYER_ROLE],
    ['s3:Put*', BUCKET],
    ['*', '*'],
  ])('%s written elsewhere is an error', (action, resource) => {
    expect(foreign({ cloud: 'aws', actions: ['s3:GetObject', action], resources: [resource] })).toEqual([expect.stringMatching(new RegExp(`^error: ${action.replace(/[*?]/g, '\\$&')}( \\(covers [^)]+\\))? is granted without a justification: `))]);
  });

  test('a NotAction statement is an error', () => {
    expect(foreign({ cloud: 'aws', actions: ['* except iam:*'], resources: ['*'] })).toEqual([
      'error: * except iam:* is granted without a justification: NotAction grants every action it does not list, including those added later',
    ]);
  });

  test.each([
    ['s3:GetObject', `${BUCKET}/*`],
    ['s3:Get*', `${BUCKET}/*`],
    ['dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'],
    ['sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:jobs'],
  ])('%s is left alone', (action, resource) => {
    expect(foreign({ cloud: 'aws', actions: [action], resources: [resource] })).toEqual([]);
  });

  test('catalogue access levels never grant a privileged action', () => {
    expect(declared('aws-prod', { resource: BUCKET, access: 'readWrite' })).toEqual([]);
    expect(declared('aws-prod', { resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/acme/api', access: 'push' })).toEqual([]);
  });
});

describe('GCP roles', () => {
  test('a declared, justified roles/iam.serviceAccountTokenCreator is a warning', () => {
    expect(declared('gcp-prod', { resource: GCS_BUCKET, role: 'roles/iam.serviceAccountTokenCreator', justification: 'Signs URLs for the CDN' })).toEqual([
      'warning: roles/iam.serviceAccountTokenCreator is granted, justified: Signs URLs for the CDN',
    ]);
  });

  test('a declared custom role is judged privileged, its permissions being unknown', () => {
    expect(declared('gcp-prod', { resource: GCS_BUCKET, role: 'projects/acme-prod/roles/bucketJanitor', justification: 'Rotates the retention policy' })).toEqual([
      'warning: projects/acme-prod/roles/bucketJanitor is granted, justified: Rotates the retention policy',
    ]);
  });

  test.each(['roles/storage.objectAdmin', 'roles/resourcemanager.projectIamAdmin', 'roles/iam.workloadIdentityUser', 'roles/editor'])('%s written elsewhere is an error', (role) => {
    expect(foreign({ cloud: 'gcp', actions: [], resources: [GCS_BUCKET], role })).toEqual([expect.stringMatching(new RegExp(`^error: ${role.replace('.', '\\.')} is granted without a justification: it includes `))]);
  });

  test.each(['roles/storage.objectViewer', 'roles/storage.objectUser', 'roles/pubsub.publisher'])('%s is left alone', (role) => {
    expect(foreign({ cloud: 'gcp', actions: [], resources: [GCS_BUCKET], role })).toEqual([]);
    expect(declared('gcp-prod', { resource: GCS_BUCKET, role, justification: 'Mirrors the legacy binding' })).toEqual([]);
  });
});

describe('Azure roles', () => {
  const KEY_VAULT_DATA_ACCESS_ADMINISTRATOR = '8b54135c-b56d-4d72-a534-26097cfdc8d8';
  const ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168';
  const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

  test('a declared, justified Key Vault Data Access Administrator is a warning naming the role', () => {
    expect(declared('azure-prod', { resource: VAULT, roleDefinitionId: KEY_VAULT_DATA_ACCESS_ADMINISTRATOR, justification: 'Grants the app its secrets role' })).toEqual([
      'warning: Key Vault Data Access Administrator is granted, justified: Grants the app its secrets role',
    ]);
  });

  test('Role Based Access Control Administrator written elsewhere is an error, by id in any case', () => {
    expect(foreign({ cloud: 'azure', actions: [], resources: [CONTAINER], role: ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR.toUpperCase() })).toEqual([
      'error: Role Based Access Control Administrator is granted without a justification: it creates role assignments (Microsoft.Authorization/roleAssignments/write)',
    ]);
  });

  test('Storage Blob Data Contributor is left alone', () => {
    expect(foreign({ cloud: 'azure', actions: [], resources: [CONTAINER], role: STORAGE_BLOB_DATA_CONTRIBUTOR, roleName: 'Storage Blob Data Contributor' })).toEqual([]);
    expect(declared('azure-prod', { resource: CONTAINER, access: 'readWrite' })).toEqual([]);
  });
});
