import { identityPath } from './plan-views';
import type { TrustLocation } from './trust-view';
import type { Cloud } from '../catalogue/types';
import type { Plan } from '../plan/plan';

/** What one permission grants, normalised across clouds: AWS actions on resources, or a GCP / Azure role. */
export interface PermissionView {
  readonly cloud: Cloud;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** GCP role (`roles/…`) or Azure role definition id. */
  readonly role?: string;
  readonly roleName?: string;
  /** Why a statement's resource is `*` by necessity (from the catalogue). */
  readonly resourceWildcardReason?: string;
  /** The escape-hatch justification, when one was given. */
  readonly justification?: string;
  readonly where: TrustLocation;
}

/** How long a role's sessions may last. */
export interface SessionView {
  readonly seconds: number;
  readonly where: TrustLocation;
}

const list = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** Every permission the Plan grants, yielded one by one for the rules to judge as they are read. */
export function* planPermissionViews(plan: Plan): Generator<PermissionView, void> {
  for (const [account, aws] of Object.entries(plan.aws)) {
    for (const role of aws.roles) {
      const justification = role.justifications.join('; ');
      for (const [name, document] of Object.entries(role.inlinePolicies)) {
        for (let index = 0; index < document.Statement.length; index++) {
          const statement = document.Statement[index];
          const actions = list(statement.Action);
          const reason = role.permissionOrigins[name]?.[index]?.resourceWildcardReason;
          yield {
            cloud: 'aws',
            actions,
            resources: list(statement.Resource),
            ...(reason ? { resourceWildcardReason: reason } : {}),
            ...(justification ? { justification } : {}),
            where: { account, workload: role.workload, resource: statement.Sid ? `${role.arn} (${name} ${statement.Sid})` : `${role.arn} (${name})`, path: `workloads[${role.workload}].grants.${account}` },
          };
        }
      }
    }
  }
  for (const [account, gcp] of Object.entries(plan.gcp)) {
    for (const binding of gcp.bindings) {
      // Acting as the service account grants what the service account holds: its own bindings are judged.
      if (binding.binds === 'impersonation') continue;
      yield {
        cloud: 'gcp',
        actions: [],
        resources: [binding.resource],
        role: binding.role,
        ...(binding.justification ? { justification: binding.justification } : {}),
        where: { account, workload: binding.workload, resource: binding.resource, path: `workloads[${binding.workload}].grants.${account}[${binding.origin.grants?.[0] ?? 0}]` },
      };
    }
  }
  for (const [account, azure] of Object.entries(plan.azure)) {
    for (const assignment of azure.roleAssignments) {
      yield {
        cloud: 'azure',
        actions: [],
        resources: [assignment.scope],
        role: assignment.roleDefinitionId.slice(assignment.roleDefinitionId.lastIndexOf('/') + 1),
        ...(assignment.roleName ? { roleName: assignment.roleName } : {}),
        ...(assignment.justification ? { justification: assignment.justification } : {}),
        where: { account, workload: assignment.workload, resource: assignment.scope, path: `workloads[${assignment.workload}].grants.${account}[${assignment.origin.grants?.[0] ?? 0}]` },
      };
    }
  }
}

export function planSessionViews(plan: Plan): SessionView[] {
  return Object.entries(plan.aws).flatMap(([account, aws]) =>
    aws.roles.map((role) => ({
      seconds: role.maxSessionDuration,
      where: { account, workload: role.workload, resource: role.arn, path: `${identityPath(role.workload, undefined)}.sessionDuration` },
    })),
  );
}
