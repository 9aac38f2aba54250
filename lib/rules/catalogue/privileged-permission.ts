import { connectsAsExactDatabaseUsers } from '../../catalogue/aws-database-login';
import { privilegedAwsAction, privilegedAzureRole, privilegedGcpRole, type Privilege } from '../../catalogue/privileged';
import type { PermissionView } from '../../trust/permission-view';
import type { PermissionRule } from '../rule';

/** The first privileged action or role the permission grants. */
function privilegeOf(permission: PermissionView): Privilege | undefined {
  switch (permission.cloud) {
    case 'aws':
      for (const action of permission.actions) {
        const privilege = connectsAsExactDatabaseUsers(action, permission.resources) ? undefined : privilegedAwsAction(action);
        if (privilege) return privilege;
      }
      return undefined;
    case 'gcp':
      return permission.role === undefined ? undefined : privilegedGcpRole(permission.role);
    case 'azure':
      return permission.role === undefined ? undefined : privilegedAzureRole(permission.role);
  }
}

export const PRIVILEGED_PERMISSION: PermissionRule = {
  id: 'WIAM-PERM-002',
  judges: 'permission',
  severity: 'error',
  title: 'Privileged permission without justification',
  explanation:
    'Permissions that change who may do what, or that act as another identity, let a workload grant itself or others more than it was given; a compromised pipeline then owns the account. AWS: every action the service authorization reference lists under "Permissions management" (iam:AttachRolePolicy, iam:SetDefaultPolicyVersion, s3:PutBucketPolicy, kms:PutKeyPolicy, …), published escalation actions (iam:PassRole, iam:AddUserToGroup, iam:CreateAccessKey, sts:AssumeRole, lambda:UpdateFunctionCode, …) and any wildcard or NotAction that covers one; rds-db:connect on exact database users (dbuser ARNs) is not counted, as it only logs in as those users. GCP: basic owner/editor roles and every predefined role that can set an IAM policy or act as a service account, and custom roles. Azure: Owner, Contributor, User Access Administrator, Role Based Access Control Administrator and other built-in roles that assign roles, set Key Vault access policies, bind Kubernetes roles or act as a managed identity.',
  fix: 'Grant the narrow permission the workload needs; if it truly needs this, use the escape hatch with a justification.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html#access_policies_access-level',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://cloud.google.com/iam/docs/roles-permissions',
    'https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles#privileged',
  ],
  acknowledgeable: true,
  owaspNhi: ['NHI5'],
  check: (permission) => {
    const privilege = privilegeOf(permission);
    if (privilege === undefined) return undefined;
    return permission.justification
      ? { message: `${privilege.granted} is granted, justified: ${permission.justification}`, severity: 'warning' }
      : { message: `${privilege.granted} is granted without a justification: ${privilege.why}` };
  },
};
