import type { PermissionRule } from '../rule';

export const WILDCARD_PERMISSION: PermissionRule = {
  id: 'WIAM-PERM-001',
  judges: 'permission',
  severity: 'error',
  title: 'Wildcard action or resource without justification',
  explanation:
    'An action such as "*" or "s3:*", or a resource "*", grants everything present and future that matches. Only a few actions cannot be scoped to a resource (e.g. ecr:GetAuthorizationToken), and those are flagged by the catalogue.',
  fix: 'Use a catalogue access level on the exact resource, or an explicit action list with a justification.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  acknowledgeable: true,
  check: (permission) => {
    const action = permission.actions.find((a) => a.includes('*'));
    const resource = permission.resourceWildcardReason ? undefined : permission.resources.find((r) => r === '*');
    const wide = action ?? resource;
    if (wide === undefined) return undefined;
    const what = action !== undefined ? `action ${action}` : 'resource "*"';
    return permission.justification
      ? { message: `${what} is granted, justified: ${permission.justification}`, severity: 'warning' }
      : { message: `${what} is granted without a justification` };
  },
};
