import type { PermissionRule } from '../rule';

const WILDCARD = /[*?]/;

/** `*`, `s3:*`, `s3:*Object`, `*:GetObject`: the action may be any action of a service (`NotAction` too: `* except …`). */
const anyActionOfAService = (action: string): boolean => {
  // Nearly every action is named exactly: one scan settles it.
  if (!WILDCARD.test(action)) return false;
  const colon = action.indexOf(':');
  return colon < 0 ? action.includes('*') : WILDCARD.test(action.slice(0, colon)) || /^[*?]/.test(action.slice(colon + 1));
};

export const WILDCARD_PERMISSION: PermissionRule = {
  id: 'WIAM-PERM-001',
  judges: 'permission',
  severity: 'error',
  title: 'Wildcard action or resource without justification',
  explanation:
    'An action such as "*", "s3:*" or "s3:*Object" (any action of a service), or a resource "*", grants everything present and future that matches. Only a few actions cannot be scoped to a resource (e.g. ecr:GetAuthorizationToken), and those are flagged by the catalogue. A family of actions named by its start ("s3:GetObject*", as aws-cdk-lib grants write them) on an exact resource is not a wildcard here; WIAM-PERM-002 judges what privileged action it may cover.',
  fix: 'Use a catalogue access level on the exact resource, or an explicit action list with a justification.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  acknowledgeable: true,
  owaspNhi: ['NHI5'],
  check: (permission) => {
    const action = permission.actions.find(anyActionOfAService);
    const resource = permission.resourceWildcardReason ? undefined : permission.resources.find((r) => r === '*');
    const wide = action ?? resource;
    if (wide === undefined) return undefined;
    const what = action !== undefined ? `action ${action}` : 'resource "*"';
    return permission.justification
      ? { message: `${what} is granted, justified: ${permission.justification}`, severity: 'warning' }
      : { message: `${what} is granted without a justification` };
  },
};
