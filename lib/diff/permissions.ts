import type { ManifestAccountAccess } from '../manifest/manifest';
import { resourceCovers } from '../manifest/queries';
import { globCovers } from '../trust/claim-cover';

/**
 * One thing a principal may do on one resource: an AWS action (with its statement's condition, if any), or a GCP
 * or Azure role. Permissions are compared as sets of these, so regrouping actions across statements changes nothing.
 */
export interface Permission {
  /** The AWS action, GCP role, or Azure role definition (by its GUID, the same in every subscription). */
  readonly allows: string;
  /** How `allows` is shown: the action, the GCP role, or the Azure role's name. */
  readonly shown: string;
  readonly resource: string;
  /** The statement's condition as canonical text, when it has one. */
  readonly condition?: string;
}

const AZURE_ROLE_GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function permissionsOf(access: ManifestAccountAccess | undefined): Permission[] {
  if (!access) return [];
  return access.permissions.flatMap((permission) => {
    const condition = permission.condition === undefined ? {} : { condition: JSON.stringify(permission.condition) };
    const grants: { allows: string; shown: string }[] = permission.actions
      ? permission.actions.map((action) => ({ allows: action, shown: action }))
      : permission.role !== undefined
        ? [{ allows: permission.role, shown: permission.role }]
        : [
          {
            allows: (AZURE_ROLE_GUID.exec(permission.roleDefinitionId ?? '')?.[0] ?? permission.roleDefinitionId ?? '').toLowerCase(),
            shown: permission.roleName ?? permission.roleDefinitionId ?? '',
          },
        ];
    return grants.flatMap((grant) => permission.resources.map((resource) => ({ ...grant, resource, ...condition })));
  });
}

/**
 * Whether `outer` allows everything `inner` does. AWS: IAM matches actions without regard to case and both actions
 * and resources as globs; a condition on `outer` must be the very same on `inner`. GCP and Azure: the same role on
 * the same resource or on a scope above it (role bindings and assignments are inherited downwards).
 */
export function permissionCovers(cloud: ManifestAccountAccess['cloud'], outer: Permission, inner: Permission): boolean {
  if (outer.condition !== undefined && outer.condition !== inner.condition) return false;
  if (cloud === 'aws') return globCovers(outer.allows.toLowerCase(), inner.allows.toLowerCase()) && globCovers(outer.resource, inner.resource);
  return outer.allows === inner.allows && resourceCovers(outer.resource, inner.resource);
}
