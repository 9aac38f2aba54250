import type { PermissionRule } from '../rule';

/** AWS actions that hand out other identities' power or rewrite IAM itself. */
const PRIVILEGED_AWS = /^(iam:(PassRole|\*|Create|Attach|Put|Update|Delete)|sts:AssumeRole$|organizations:)/i;

/**
 * GCP basic roles, roles that administer IAM or mint credentials for other service accounts, and a service's admin
 * role (`roles/storage.admin`, `roles/pubsub.admin`, …), which can set the resource's IAM policy.
 */
const PRIVILEGED_GCP = /^roles\/(owner|editor|iam\.|resourcemanager\.|iam\.serviceAccountTokenCreator|iam\.serviceAccountUser|[A-Za-z]+\.admin$)/;

/** Azure built-in roles that can change access: Owner, Contributor, User Access Administrator, RBAC Administrator. */
const PRIVILEGED_AZURE = new Set([
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
]);

export const PRIVILEGED_PERMISSION: PermissionRule = {
  id: 'WIAM-PERM-002',
  judges: 'permission',
  severity: 'error',
  title: 'Privileged permission without justification',
  explanation:
    'iam:PassRole, iam:*, IAM writes, owner/editor/admin roles and Azure Owner, Contributor or User Access Administrator let a workload grant itself or others more than it was given; a compromised pipeline then owns the account.',
  fix: 'Grant the narrow permission the workload needs; if it truly needs this, use the escape hatch with a justification.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://cloud.google.com/iam/docs/understanding-roles#basic',
    'https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles#privileged',
  ],
  acknowledgeable: true,
  check: (permission) => {
    const privileged =
      permission.actions.find((a) => PRIVILEGED_AWS.test(a)) ??
      (permission.role && (PRIVILEGED_GCP.test(permission.role) || PRIVILEGED_AZURE.has(permission.role.toLowerCase()))
        ? (permission.roleName ?? permission.role)
        : undefined);
    if (privileged === undefined) return undefined;
    return permission.justification
      ? { message: `${privileged} is granted, justified: ${permission.justification}`, severity: 'warning' }
      : { message: `${privileged} is granted without a justification` };
  },
};
