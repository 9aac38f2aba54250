import { SAMPLE_IDS } from './samples';
import { accessLevelsOf, awsPermissionFor, azurePermissionFor, gcpPermissionsFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { RESOURCE_TYPES } from '../../lib/catalogue/resource-types';
import type { ResourceRef } from '../../lib/catalogue/types';

/** Every (identifier, access level) pair of the catalogue, over the sample identifiers. */
const GRANTS: readonly (readonly [string, string, ResourceRef])[] = Object.values(SAMPLE_IDS).flat().flatMap((id) => {
  const ref = recogniseResource(id)!;
  return accessLevelsOf(ref.type).map((access) => [id, access, ref] as const);
});

function permissionFor(ref: ResourceRef, access: string): unknown {
  switch (ref.cloud) {
    case 'aws': return awsPermissionFor(ref, access);
    case 'gcp': return gcpPermissionsFor(ref, access);
    case 'azure': return azurePermissionFor(ref, access);
  }
}

function isStrictlyAscending(values: readonly string[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1] < value);
}

describe('catalogue output', () => {
  test.each(RESOURCE_TYPES.map((type) => type.key))('%s offers sorted access levels', (type) => {
    const levels = accessLevelsOf(type);
    // An IAM role is granted only through the justified escape hatch: passing or assuming it hands out its power.
    expect(levels.length > 0).toBe(type !== 'iam-role');
    expect(isStrictlyAscending(levels)).toBe(true);
  });

  test('an unknown type offers no access level', () => {
    expect(accessLevelsOf('s3-object')).toEqual([]);
    expect(accessLevelsOf('constructor')).toEqual([]);
  });

  test.each(GRANTS)('%s %s is the same on every call', (_id, access, ref) => {
    expect(permissionFor(ref, access)).toEqual(permissionFor(ref, access));
  });

  test.each(GRANTS.filter(([, , ref]) => ref.cloud === 'aws'))('%s %s: sorted exact actions, wildcard resources only when flagged', (_id, access, ref) => {
    for (const statement of awsPermissionFor(ref, access)!) {
      expect(isStrictlyAscending(statement.actions)).toBe(true);
      expect(isStrictlyAscending(statement.resources)).toBe(true);
      for (const action of statement.actions) {
        expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        expect(action).not.toMatch(/^iam:/);
      }
      expect(statement.resources.includes('*')).toBe(statement.resourceWildcardReason !== undefined);
    }
  });

  test.each(GRANTS.filter(([, , ref]) => ref.cloud === 'gcp'))('%s %s: narrow predefined roles', (_id, access, ref) => {
    const roles = gcpPermissionsFor(ref, access)!.map(({ role }) => role);
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      expect(role).toMatch(/^roles\/[a-z]+\.[A-Za-z]+$/);
      expect(role).not.toMatch(/^roles\/(owner|editor|viewer)$|\.admin$|Admin$/);
    }
  });

  test.each(GRANTS.filter(([, , ref]) => ref.cloud === 'azure'))('%s %s: a built-in data role by GUID', (_id, access, ref) => {
    const { roleDefinitionId, roleName } = azurePermissionFor(ref, access)!;
    expect(roleDefinitionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(roleName).not.toMatch(/^(Owner|Contributor)$|Administrator|Owner/);
  });

  test('each Azure role id always carries the same role name', () => {
    const names = new Map<string, Set<string>>();
    for (const [, access, ref] of GRANTS.filter(([, , grantRef]) => grantRef.cloud === 'azure')) {
      const { roleDefinitionId, roleName } = azurePermissionFor(ref, access)!;
      names.set(roleDefinitionId, (names.get(roleDefinitionId) ?? new Set()).add(roleName));
    }
    for (const roleNames of names.values()) expect(roleNames.size).toBe(1);
  });
});
