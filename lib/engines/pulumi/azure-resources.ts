import type { ChildOptions } from './child-options';
import type { AzureModules } from './cloud-packages';
import type { Plan } from '../../plan/plan';
import { groupBy } from '../../stable';

type Identity = InstanceType<AzureModules['UserAssignedIdentity']>;
type Credential = InstanceType<AzureModules['FederatedIdentityCredential']>;

/**
 * One Azure subscription of the Plan, literally: a user-assigned identity per workload, its federated credentials
 * created one after another (Entra refuses concurrent writes under one identity), and role assignments with the Plan's
 * GUID names and `principalType: ServicePrincipal`, and Cosmos DB SQL role assignments in their accounts. Returns each workload's identity.
 */
export function renderAzureAccount(azure: AzureModules, plan: Plan, key: string, child: ChildOptions): ReadonlyMap<string, Identity> {
  const account = plan.azure[key];
  const { resourceGroup: resourceGroupName, location } = account;
  const byKey = new Map<string, Identity>();
  const identities = new Map<string, Identity>();
  const credentialsOf = groupBy(account.federatedCredentials, (credential) => credential.identity);
  for (const planned of account.identities) {
    const identity = new azure.UserAssignedIdentity(
      `${child.prefix}-${planned.workload}-identity`,
      { resourceName: planned.name, resourceGroupName, location, tags: planned.tags },
      child.of(planned.workload),
    );
    byKey.set(planned.key, identity);
    identities.set(planned.workload, identity);
    let previous: Credential | undefined;
    for (const credential of credentialsOf.get(planned.key) ?? []) {
      previous = new azure.FederatedIdentityCredential(
        `${child.prefix}-${credential.name}`,
        {
          federatedIdentityCredentialResourceName: credential.name,
          resourceName: planned.name,
          resourceGroupName,
          issuer: credential.issuer,
          subject: credential.subject,
          audiences: [credential.audience],
        },
        child.of(planned.workload, { dependsOn: previous ? [identity, previous] : [identity] }),
      );
    }
  }
  // Cosmos DB data is reached through the account's own SQL role assignments, not ARM's.
  for (const assignment of account.cosmosSqlRoleAssignments) {
    new azure.SqlResourceSqlRoleAssignment(
      `${child.prefix}-${assignment.name}`,
      {
        roleAssignmentId: assignment.name,
        resourceGroupName: assignment.resourceGroup,
        accountName: assignment.accountName,
        scope: assignment.scope,
        roleDefinitionId: assignment.roleDefinitionId,
        principalId: 'ref' in assignment.principal ? byKey.get(assignment.principal.ref)!.principalId : assignment.principal.objectId,
      },
      child.of(assignment.workload),
    );
  }
  for (const assignment of account.roleAssignments) {
    new azure.RoleAssignment(
      `${child.prefix}-${assignment.name}`,
      {
        roleAssignmentName: assignment.name,
        scope: assignment.scope,
        roleDefinitionId: assignment.roleDefinitionId,
        principalId: 'ref' in assignment.principal ? byKey.get(assignment.principal.ref)!.principalId : assignment.principal.objectId,
        principalType: assignment.principalType,
      },
      child.of(assignment.workload),
    );
  }
  return identities;
}
