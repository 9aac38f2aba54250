import { Construct } from 'constructs';
import { terraformResource } from './resource-factory';
import { reference, type TerraformLibrary, type TerraformResourceLike } from './terraform-library';
import type { AzurePrincipal, Plan } from '../../plan/plan';
import { WORKLOAD_METADATA_KEY, workloadMetadata } from '../../scan/workload-metadata';
import { groupBy } from '../../stable';

/** The resources of one workload's managed identity, for further wiring. */
export interface RenderedAzureIdentity {
  readonly identity: TerraformResourceLike;
  readonly credentials: readonly TerraformResourceLike[];
  readonly roleAssignments: readonly TerraformResourceLike[];
}

/**
 * One Azure subscription's part of the Plan, literally: a user-assigned identity per workload, its federated
 * credentials (`parent_id`, valid across azurerm 4.x), each after the previous one of the same identity because Entra
 * refuses concurrent writes under one identity, and role assignments with the Plan's GUID names (ARM ones, and
 * Cosmos DB SQL ones in the account).
 */
export function renderAzureAccount(
  library: TerraformLibrary,
  scope: Construct,
  plan: Plan,
  key: string,
  workloads?: readonly string[],
): ReadonlyMap<string, RenderedAzureIdentity> {
  const account = plan.azure[key];
  const everyone = [
    ...account.identities.map((identity) => identity.workload),
    ...account.roleAssignments.map((assignment) => assignment.workload),
    ...account.cosmosSqlRoleAssignments.map((assignment) => assignment.workload),
  ];
  const names = new Set(workloads ?? everyone);
  const identities = new Map<string, TerraformResourceLike>();
  // Grouped once, so rendering stays linear in the size of the account.
  const planned = new Map(account.identities.map((identity) => [identity.workload, identity]));
  const credentialsOf = groupBy(account.federatedCredentials, (credential) => credential.identity);
  const assignmentsOf = groupBy(account.roleAssignments, (assignment) => assignment.workload);
  const cosmosAssignmentsOf = groupBy(account.cosmosSqlRoleAssignments, (assignment) => assignment.workload);
  const principalOf = (principal: AzurePrincipal) => ('ref' in principal ? reference(identities.get(principal.ref)!, 'principal_id') : principal.objectId);
  const rendered = new Map<string, RenderedAzureIdentity>();
  for (const workload of [...names].sort()) {
    const own = new Construct(scope, workload);
    const identityPlan = planned.get(workload);
    if (identityPlan) {
      identities.set(
        identityPlan.key,
        terraformResource(library, own, 'identity', 'azurerm_user_assigned_identity', {
          name: identityPlan.name,
          resource_group_name: account.resourceGroup,
          location: account.location,
          tags: identityPlan.tags,
        }),
      );
    }
    const identity = identityPlan ? identities.get(identityPlan.key)! : undefined;
    const credentials: TerraformResourceLike[] = [];
    for (const credential of identityPlan ? (credentialsOf.get(identityPlan.key) ?? []) : []) {
      const previous = credentials[credentials.length - 1];
      credentials.push(
        terraformResource(
          library,
          own,
          `credential-${credential.name}`,
          'azurerm_federated_identity_credential',
          {
            'name': credential.name,
            'resource_group_name': account.resourceGroup,
            'parent_id': reference(identity!, 'id'),
            'issuer': credential.issuer,
            'subject': credential.subject,
            'audience': [credential.audience],
            // What scan needs besides the JSON to judge the credential as the declaration was judged.
            '//': { [WORKLOAD_METADATA_KEY]: workloadMetadata(workload, plan.acknowledgements[workload] ?? []) },
          },
          previous ? [previous] : [],
        ),
      );
    }
    const roleAssignments = (assignmentsOf.get(workload) ?? []).map((assignment) =>
      terraformResource(library, own, `role-assignment-${assignment.name}`, 'azurerm_role_assignment', {
        name: assignment.name,
        scope: assignment.scope,
        role_definition_id: assignment.roleDefinitionId,
        principal_id: principalOf(assignment.principal),
        principal_type: assignment.principalType,
      }),
    );
    // Cosmos DB data is reached through the account's own SQL role assignments, not ARM's.
    for (const assignment of cosmosAssignmentsOf.get(workload) ?? []) {
      roleAssignments.push(
        terraformResource(library, own, `cosmos-sql-role-assignment-${assignment.name}`, 'azurerm_cosmosdb_sql_role_assignment', {
          name: assignment.name,
          resource_group_name: assignment.resourceGroup,
          account_name: assignment.accountName,
          scope: assignment.scope,
          role_definition_id: assignment.roleDefinitionId,
          principal_id: principalOf(assignment.principal),
        }),
      );
    }
    if (identity) rendered.set(workload, { identity, credentials, roleAssignments });
  }
  return rendered;
}
