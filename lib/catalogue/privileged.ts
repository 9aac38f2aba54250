import { AWS_ESCALATION_ACTIONS } from './aws-escalation-actions';
import { AWS_PERMISSIONS_MANAGEMENT_ACTIONS } from './aws-permissions-management-actions';
import { AZURE_PRIVILEGED_ROLES } from './azure-privileged-roles';
import { GCP_PRIVILEGED_ROLES } from './gcp-privileged-roles';
import { memoized } from '../memo';

/** A privileged permission: what was granted (and, for a wildcard, the listed action it covers), and why it matters. */
export interface Privilege {
  readonly granted: string;
  readonly why: string;
}

const PERMISSIONS_MANAGEMENT = 'AWS lists it under "Permissions management": it changes who may do what';

/** Escalation actions first, so a wildcard is explained by the best-known action it covers. */
const PRIVILEGED_ACTIONS: readonly (readonly [string, string])[] = [
  ...Object.entries(AWS_ESCALATION_ACTIONS).map(([action, { why }]) => [action, why] as const),
  ...AWS_PERMISSIONS_MANAGEMENT_ACTIONS.map((action) => [action, PERMISSIONS_MANAGEMENT] as const),
];
const BY_ACTION: ReadonlyMap<string, readonly [string, string]> = new Map(PRIVILEGED_ACTIONS.map((entry) => [entry[0].toLowerCase(), entry]));

/** What scan writes for a `NotAction` statement: `* except <actions>`. */
const NOT_ACTION = /^\* except /;
/** A value the scanner could not resolve, shown as written (`${Param}`, `${var.actions}`); it may be anything. */
const PLACEHOLDER = /\$\{[^}]*\}/;
const PLACEHOLDERS = new RegExp(PLACEHOLDER.source, 'g');

/** An IAM action pattern as a regular expression: IAM compares actions case-insensitively, `*` and `?` are wildcards. */
function actionPattern(action: string): RegExp {
  const glob = action.replace(PLACEHOLDERS, '*');
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * Whether an IAM action (or action pattern) grants a privileged action: a permissions-management action of the
 * service authorization reference, or a published escalation action. `iam:Put*`, `s3:Put*`, `*` and an unresolved
 * `${…}` are privileged when they cover one; `NotAction` grants every action it does not list, present and future.
 */
export const privilegedAwsAction: (action: string) => Privilege | undefined = memoized(readPrivilegedAwsAction);

function readPrivilegedAwsAction(action: string): Privilege | undefined {
  if (NOT_ACTION.test(action)) {
    return { granted: action, why: 'NotAction grants every action it does not list, including those added later' };
  }
  if (!/[*?]/.test(action) && !PLACEHOLDER.test(action)) {
    const listed = BY_ACTION.get(action.toLowerCase());
    return listed && { granted: action, why: listed[1] };
  }
  const pattern = actionPattern(action);
  const covered = PRIVILEGED_ACTIONS.find(([listed]) => pattern.test(listed));
  return covered && { granted: `${action} (covers ${covered[0]})`, why: covered[1] };
}

/**
 * Whether a GCP role binding is privileged: a predefined role whose permissions let it grant access or act as
 * another principal, a custom role (its permissions are not known here) or an unresolved role (it may be any).
 */
export function privilegedGcpRole(role: string): Privilege | undefined {
  if (Object.hasOwn(GCP_PRIVILEGED_ROLES, role)) return { granted: role, why: `it includes ${GCP_PRIVILEGED_ROLES[role]}` };
  if (/^(projects|organizations)\/[^/]+\/roles\//.test(role)) {
    return { granted: role, why: 'it is a custom role whose permissions are not known here, so it may include setIamPolicy' };
  }
  if (PLACEHOLDER.test(role)) return { granted: role, why: 'the role cannot be read, so it may be roles/owner' };
  return undefined;
}

/** Whether an Azure role assignment is privileged; the role is a definition GUID or its full resource id. */
export function privilegedAzureRole(roleDefinition: string): Privilege | undefined {
  const id = roleDefinition.slice(roleDefinition.lastIndexOf('/') + 1).toLowerCase();
  if (Object.hasOwn(AZURE_PRIVILEGED_ROLES, id)) {
    const role = AZURE_PRIVILEGED_ROLES[id];
    return { granted: role.name, why: role.why };
  }
  if (PLACEHOLDER.test(roleDefinition)) {
    return { granted: roleDefinition, why: 'the role definition cannot be read, so it may be Owner' };
  }
  return undefined;
}
