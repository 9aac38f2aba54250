import type { IdentifierParts, ResourceType } from './definition';
import { RESOURCE_TYPES } from './resource-types';
import type { ResourceRef } from './types';

/** Named groups that identify the owning account; they become fields of the ResourceRef. */
const ACCOUNT_FIELDS = ['partition', 'accountId', 'project', 'subscriptionId'] as const;

/**
 * Recognises an exact AWS ARN, GCP full resource name or Azure resource id of a catalogued type.
 * Wildcards are never recognised: a grant names one resource, not a pattern.
 */
export function recogniseResource(id: string): ResourceRef | undefined {
  if (/[*?]/.test(id)) return undefined;
  for (const type of RESOURCE_TYPES) {
    const parts = matchIdentifier(type, id);
    if (parts) return toResourceRef(type, parts);
  }
  return undefined;
}

/** The identifier's named groups when it is of this type. */
export function matchIdentifier(type: ResourceType, id: string): IdentifierParts | undefined {
  const match = type.pattern.exec(id);
  return match ? { id, groups: { ...match.groups } } : undefined;
}

function toResourceRef(type: ResourceType, { id, groups }: IdentifierParts): ResourceRef {
  const account: Partial<Record<(typeof ACCOUNT_FIELDS)[number], string>> = {};
  for (const field of ACCOUNT_FIELDS) {
    // Lower-cased so accounts compare canonically (only Azure GUIDs can arrive in upper case).
    const value = groups[field];
    if (value !== undefined) account[field] = value.toLowerCase();
  }
  return { cloud: type.cloud, type: type.key, id, ...account };
}
