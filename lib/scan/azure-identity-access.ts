import { referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, readable } from './unresolved';
import { azureRoleOnlyReads } from '../catalogue/role-access';
import { groupBy } from '../stable';
import type { TrustView } from '../trust/trust-view';

type IdentityAccess = Pick<TrustView, 'access' | 'accessReason'>;

/** ARM role assignments, and Cosmos DB's own SQL role assignments, which reach its data. */
export const ASSIGNMENT_TYPES: ReadonlySet<string> = new Set(['azurerm_role_assignment', 'azurerm_cosmosdb_sql_role_assignment']);

/** A module's role assignments by the managed identity whose principal they name (`…principal_id` of its address). */
export function roleAssignmentsByIdentity(blocks: readonly TerraformBlock[]): ReadonlyMap<string, readonly TerraformBlock[]> {
  const assignments = blocks.flatMap((block) => {
    const principal = ASSIGNMENT_TYPES.has(block.type) ? referenceOf(block.body.principal_id) : undefined;
    return principal?.attribute === 'principal_id' ? [{ block, identity: principal.address }] : [];
  });
  const grouped = groupBy(assignments, ({ identity }) => identity);
  return new Map([...grouped].map(([identity, found]) => [identity, found.map(({ block }) => block)]));
}

/**
 * Whether the managed identity a federated credential is under (`parent_id`) only reads: each role assigned to its
 * principal in the module is one the catalogue assigns for read-only access. An identity the module assigns nothing
 * gets its roles elsewhere, unless workload-iam rendered it (`rendered`): its roles are then exactly its declaration's.
 */
export function azureIdentityAccess(
  credential: TerraformBlock,
  assignmentsByIdentity: ReadonlyMap<string, readonly TerraformBlock[]>,
  rendered: boolean,
): IdentityAccess {
  const parent = referenceOf(credential.body.parent_id);
  if (parent === undefined || !parent.address.startsWith('azurerm_user_assigned_identity.')) {
    return { access: 'unknown', accessReason: `the identity at ${credential.path}.parent_id cannot be read` };
  }
  const assignments = assignmentsByIdentity.get(parent.address) ?? [];
  for (const assignment of assignments) {
    const { role_definition_id: id, role_definition_name: name } = assignment.body;
    const role = typeof id === 'string' ? id : name;
    if (typeof role !== 'string' || isUnresolved(role)) {
      return { access: 'unknown', accessReason: `the role of ${assignment.path} cannot be read` };
    }
    if (!azureRoleOnlyReads(role)) return { access: 'write', accessReason: `${readable(role)} at ${assignment.path}` };
  }
  if (assignments.length === 0 && !rendered) {
    return { access: 'unknown', accessReason: 'nothing here assigns its identity a role, so its roles are assigned elsewhere' };
  }
  return { access: 'read' };
}
