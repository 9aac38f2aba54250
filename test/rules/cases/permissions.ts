import { runRules } from '../../../lib/rules/check';
import type { Finding } from '../../../lib/rules/rule';
import type { PermissionView } from '../../../lib/trust/permission-view';
import { AZURE_SUBSCRIPTION_ID, workload, type WorkloadInput } from '../../plan/fixtures';
import { githubIdentity, planFindings, type RuleCaseTable } from '../inputs';

/** Permissions (WIAM-PERM-*), sessions (WIAM-SESSION-001) and acknowledgements (WIAM-ACK-001). */

const IDENTITY = githubIdentity({ environment: 'production' });
const BUCKET = 'arn:aws:s3:::acme-web-assets';
const FUNCTION = 'arn:aws:lambda:eu-west-1:111122223333:function:render-invoice';
const GCS_BUCKET = '//storage.googleapis.com/projects/_/buckets/acme-web';
const CONTAINER = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
/** Azure built-in role definition ids (learn.microsoft.com, built-in roles). */
const AZURE_OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const AZURE_USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
const AZURE_STORAGE_BLOB_DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

/** The rules on one permission written outside the declaration, where nothing forces a justification. */
function permission(view: Omit<PermissionView, 'where'>): () => Finding[] {
  return () => runRules({ trust: [], permissions: [{ ...view, where: { path: 'Policy.Statement[0]' } }], sessions: [] });
}

type GrantInput = NonNullable<WorkloadInput['grants']>[string][number];

const grantsOf = (account: string, grant: GrantInput) => ({ grants: { [account]: [grant] } });

export const PERMISSION_CASES: RuleCaseTable = {
  'WIAM-PERM-001': {
    nonCompliant: [
      {
        input: "declaration: escape hatch actions ['s3:*'] with a justification",
        findings: planFindings(workload('bucket-janitor', [IDENTITY], ['aws'], grantsOf('aws-prod', { resource: BUCKET, actions: ['s3:*'], justification: 'Lifecycle janitor needs every bucket action' }))),
        severity: 'warning',
        message: 'action s3:* is granted, justified: Lifecycle janitor needs every bucket action',
        finding: { workload: 'bucket-janitor', path: 'workloads[bucket-janitor].grants.aws-prod' },
      },
      { input: 'policy statement with action "*"', findings: permission({ cloud: 'aws', actions: ['*'], resources: [BUCKET] }), severity: 'error', message: 'action * is granted without a justification' },
      { input: 'policy statement with action "s3:*Object"', findings: permission({ cloud: 'aws', actions: ['s3:*Object'], resources: [BUCKET] }), severity: 'error', message: 'action s3:*Object is granted without a justification' },
      // IAM's `?` matches one character: in the service prefix, or leading the action name, it reaches other actions.
      { input: 'policy statement with action "s?:GetObject"', findings: permission({ cloud: 'aws', actions: ['s3:GetObject', 's?:GetObject'], resources: [BUCKET] }), severity: 'error', message: 'action s?:GetObject is granted without a justification' },
      { input: 'policy statement with action "s3:?etObject"', findings: permission({ cloud: 'aws', actions: ['s3:?etObject'], resources: [BUCKET] }), severity: 'error', message: 'action s3:?etObject is granted without a justification' },
      {
        input: 'policy statement on resource "*"',
        findings: permission({ cloud: 'aws', actions: ['s3:GetObject'], resources: ['*'] }),
        severity: 'error',
        message: 'resource "*" is granted without a justification',
      },
    ],
    compliant: [
      { input: 'declaration: catalogue access readWrite on the bucket', findings: planFindings(workload('bucket-writer', [IDENTITY], ['aws'], grantsOf('aws-prod', { resource: BUCKET, access: 'readWrite' }))) },
      // ECR login tokens cannot be scoped to a repository; the catalogue grants them on "*" with that reason.
      {
        input: 'declaration: ECR push (ecr:GetAuthorizationToken on "*", by necessity)',
        findings: planFindings(workload('image-push', [IDENTITY], ['aws'], grantsOf('aws-prod', { resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/acme/api', access: 'push' }))),
      },
      {
        input: "declaration: escape hatch actions ['s3:GetObject'] (exact action)",
        findings: planFindings(workload('bucket-reader', [IDENTITY], ['aws'], grantsOf('aws-prod', { resource: BUCKET, actions: ['s3:GetObject'], justification: 'Only objects are read, never listed' }))),
      },
      // aws-cdk-lib's bucket.grantReadWrite names action families by their start, on the bucket and its objects.
      {
        input: 'policy statement with s3:GetObject*, s3:List*, s3:DeleteObject* and s3:Abort* on the exact bucket',
        findings: permission({ cloud: 'aws', actions: ['s3:GetObject*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'], resources: [BUCKET, `${BUCKET}/*`] }),
      },
      { input: 'policy statement with s3:GetObjec? (a `?` after the start of the name) on the exact bucket', findings: permission({ cloud: 'aws', actions: ['s3:GetObjec?'], resources: [BUCKET] }) },
    ],
  },

  'WIAM-PERM-002': {
    nonCompliant: [
      {
        input: "declaration: escape hatch actions ['iam:PassRole'] with a justification",
        findings: planFindings(
          workload('invoice-deploy', [IDENTITY], ['aws'], grantsOf('aws-prod', { resource: FUNCTION, actions: ['lambda:UpdateFunctionConfiguration', 'iam:PassRole'], justification: 'Deploys switch the function to its new execution role' })),
        ),
        severity: 'warning',
        message: 'iam:PassRole is granted, justified: Deploys switch the function to its new execution role',
        finding: { workload: 'invoice-deploy', path: 'workloads[invoice-deploy].grants.aws-prod' },
      },
      {
        // storage.admin includes storage.buckets.setIamPolicy: the workload can grant itself (or anyone) more.
        input: "declaration: escape hatch role 'roles/storage.admin' with a justification",
        findings: planFindings(workload('bucket-admin', [IDENTITY], ['gcp'], grantsOf('gcp-prod', { resource: GCS_BUCKET, role: 'roles/storage.admin', justification: 'Rotates the bucket retention policy' }))),
        severity: 'warning',
        message: 'roles/storage.admin is granted, justified: Rotates the bucket retention policy',
        finding: { workload: 'bucket-admin', path: 'workloads[bucket-admin].grants.gcp-prod[0]' },
      },
      {
        input: 'declaration: escape hatch roleDefinitionId Owner with a justification',
        findings: planFindings(workload('container-owner', [IDENTITY], ['azure'], grantsOf('azure-prod', { resource: CONTAINER, roleDefinitionId: AZURE_OWNER, justification: 'Hands out access to partner uploaders' }))),
        severity: 'warning',
        message: 'justified: Hands out access to partner uploaders',
        finding: { workload: 'container-owner', path: 'workloads[container-owner].grants.azure-prod[0]' },
      },
      { input: 'policy statement with iam:PassRole', findings: permission({ cloud: 'aws', actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/deployer'] }), severity: 'error', message: 'iam:PassRole is granted without a justification' },
      { input: 'policy statement with iam:AttachRolePolicy', findings: permission({ cloud: 'aws', actions: ['iam:AttachRolePolicy'], resources: ['arn:aws:iam::111122223333:role/deployer'] }), severity: 'error', message: 'iam:AttachRolePolicy is granted without a justification' },
      {
        input: "declaration: escape hatch actions ['iam:PassRole'] on an IAM role ARN, justified (SPEC §4)",
        findings: planFindings(workload('ecs-deploy', [IDENTITY], [], grantsOf('aws-prod', { resource: 'arn:aws:iam::111122223333:role/web-task', actions: ['iam:PassRole'], justification: 'Deploys hand the task role to ECS' }))),
        severity: 'warning',
        message: 'iam:PassRole is granted, justified: Deploys hand the task role to ECS',
        finding: { workload: 'ecs-deploy', path: 'workloads[ecs-deploy].grants.aws-prod' },
      },
      // Classic escalation actions that a prefix regex over IAM writes used to miss.
      { input: 'policy statement with iam:AddUserToGroup', findings: permission({ cloud: 'aws', actions: ['iam:AddUserToGroup'], resources: ['arn:aws:iam::111122223333:group/admins'] }), severity: 'error', message: 'iam:AddUserToGroup is granted without a justification' },
      { input: 'policy statement with iam:SetDefaultPolicyVersion', findings: permission({ cloud: 'aws', actions: ['iam:SetDefaultPolicyVersion'], resources: ['arn:aws:iam::111122223333:policy/deploy'] }), severity: 'error', message: 'iam:SetDefaultPolicyVersion is granted without a justification' },
      { input: 'policy statement with s3:Put* (covers s3:PutBucketPolicy)', findings: permission({ cloud: 'aws', actions: ['s3:Put*'], resources: [BUCKET] }), severity: 'error', message: 's3:Put* (covers s3:' },
      { input: 'policy statement with NotAction', findings: permission({ cloud: 'aws', actions: ['* except s3:DeleteBucket'], resources: ['*'] }), severity: 'error', message: '* except s3:DeleteBucket is granted without a justification' },
      {
        input: 'Azure assignment of Key Vault Data Access Administrator',
        findings: permission({ cloud: 'azure', actions: [], resources: [CONTAINER], role: '8b54135c-b56d-4d72-a534-26097cfdc8d8' }),
        severity: 'error',
        message: 'Key Vault Data Access Administrator is granted without a justification',
      },
      { input: 'GCP binding of roles/owner', findings: permission({ cloud: 'gcp', actions: [], resources: ['//cloudresourcemanager.googleapis.com/projects/acme-prod'], role: 'roles/owner' }), severity: 'error', message: 'roles/owner is granted without a justification' },
      {
        input: 'GCP binding of roles/iam.serviceAccountTokenCreator',
        findings: permission({ cloud: 'gcp', actions: [], resources: ['//iam.googleapis.com/projects/acme-prod/serviceAccounts/deployer@acme-prod.iam.gserviceaccount.com'], role: 'roles/iam.serviceAccountTokenCreator' }),
        severity: 'error',
        message: 'roles/iam.serviceAccountTokenCreator is granted without a justification',
      },
      {
        input: 'Azure assignment of User Access Administrator',
        findings: permission({ cloud: 'azure', actions: [], resources: [CONTAINER], role: AZURE_USER_ACCESS_ADMINISTRATOR, roleName: 'User Access Administrator' }),
        severity: 'error',
        message: 'User Access Administrator is granted without a justification',
      },
    ],
    compliant: [
      { input: 'declaration: catalogue access on the GCS bucket', findings: planFindings(workload('bucket-reader', [IDENTITY], ['gcp'], grantsOf('gcp-prod', { resource: GCS_BUCKET, access: 'readWrite' }))) },
      { input: "declaration: escape hatch role 'roles/storage.objectViewer'", findings: planFindings(workload('bucket-reader', [IDENTITY], ['gcp'], grantsOf('gcp-prod', { resource: GCS_BUCKET, role: 'roles/storage.objectViewer', justification: 'Mirrors the legacy reader binding' }))) },
      { input: 'Azure assignment of Storage Blob Data Reader', findings: permission({ cloud: 'azure', actions: [], resources: [CONTAINER], role: AZURE_STORAGE_BLOB_DATA_READER, roleName: 'Storage Blob Data Reader' }) },
      { input: 'policy statement with lambda:InvokeFunction', findings: permission({ cloud: 'aws', actions: ['lambda:InvokeFunction'], resources: [FUNCTION] }) },
      { input: 'policy statement with s3:Get*', findings: permission({ cloud: 'aws', actions: ['s3:Get*'], resources: [`${BUCKET}/*`] }) },
      { input: 'policy statement with dynamodb:PutItem', findings: permission({ cloud: 'aws', actions: ['dynamodb:PutItem'], resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'] }) },
    ],
  },

  'WIAM-SESSION-001': {
    nonCompliant: [
      {
        input: 'declaration: sessionDuration 2h',
        findings: planFindings(workload('data-pipeline', [IDENTITY], ['aws'], { sessionDuration: '2h' })),
        severity: 'warning',
        message: 'sessions last up to 2 h',
        finding: { workload: 'data-pipeline', path: 'workloads[data-pipeline].sessionDuration', account: 'aws-prod' },
      },
      { input: 'declaration: sessionDuration 90m', findings: planFindings(workload('data-pipeline', [IDENTITY], ['aws'], { sessionDuration: '90m' })), severity: 'warning', message: 'sessions last up to 1.5 h' },
    ],
    compliant: [
      { input: 'declaration: sessionDuration left at 1h', findings: planFindings(workload('data-pipeline', [IDENTITY], ['aws'])) },
      { input: 'declaration: sessionDuration 3600s', findings: planFindings(workload('data-pipeline', [IDENTITY], ['aws'], { sessionDuration: '3600s' })) },
    ],
  },

  'WIAM-ACK-001': {
    nonCompliant: [
      {
        input: 'declaration: acknowledges a rule id that is not in the catalogue',
        findings: planFindings(workload('web-deploy', [IDENTITY], ['aws'], { acknowledge: [{ rule: 'WIAM-AWS-001', reason: 'copied from an old template' }] })),
        severity: 'error',
        message: 'acknowledges WIAM-AWS-001, which is not a rule of the catalogue',
        finding: { workload: 'web-deploy', path: 'workloads[web-deploy].acknowledge[0]' },
      },
      {
        input: 'declaration: acknowledges a rule that allows no exception (WIAM-TRUST-001)',
        findings: planFindings(
          workload('web-deploy', [IDENTITY], ['aws'], {
            acknowledge: [
              { rule: 'WIAM-SESSION-001', reason: 'long-running database migrations' },
              { rule: 'WIAM-TRUST-001', reason: 'the partner cannot federate yet' },
            ],
          }),
        ),
        severity: 'error',
        message: 'acknowledges WIAM-TRUST-001 (Trust admits any principal), which cannot be acknowledged',
        finding: { workload: 'web-deploy', path: 'workloads[web-deploy].acknowledge[1]' },
      },
    ],
    compliant: [
      { input: 'declaration: acknowledges an acknowledgeable rule (WIAM-SESSION-001)', findings: planFindings(workload('web-deploy', [IDENTITY], ['aws'], { sessionDuration: '2h', acknowledge: [{ rule: 'WIAM-SESSION-001', reason: 'long-running database migrations' }] })) },
      // An acknowledgement with nothing to excuse is harmless; it is not a reason to refuse the declaration.
      { input: 'declaration: acknowledges an acknowledgeable rule that has no finding', findings: planFindings(workload('web-deploy', [IDENTITY], ['aws'], { acknowledge: [{ rule: 'WIAM-REF-002', reason: 'tags are protected by a ruleset' }] })) },
    ],
  },
};
