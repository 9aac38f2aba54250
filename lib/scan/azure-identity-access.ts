import { referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, readable } from './unresolved';
import { azureRoleOnlyReads } from '../catalogue/role-access';
import type { TrustView } from '../trust/trust-view';

type IdentityAccess = Pick<TrustView, 'access' | 'accessReason'>;

/**
 * Whether the managed identity a federated credential is under (`parent_id`) only reads: each role assigned to its
 * principal in the module is one the catalogue assigns for read-only access. An identity the module assigns nothing
 * gets its roles elsewhere, unless workload-iam rendered it (`rendered`): its roles are then exactly its declaration's.
 */
export function azureIdentityAccess(credential: TerraformBlock, blocks: readonly TerraformBlock[], rendered: boolean): IdentityAccess {
  const parent = referenceOf(credential.body.parent_id);
  if (parent === undefined || !parent.address.startsWith('azurerm_user_assigned_identity.')) {
    return { access: 'unknown', accessReason: `the identity at ${credential.path}.parent_id cannot be read` };
  }
  const assignments = blocks.filter((block) => {
    const principal = block.type === 'azurerm_role_assignment' ? referenceOf(block.body.principal_id) : undefined;
    return principal?.address === parent.address && principal.attribute === 'principal_id';
  });
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
