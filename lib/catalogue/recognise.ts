import type { IdentifierParts, ResourceType } from './definition';
import { stemOfIdentifier, stemOfType } from './identifier-stem';
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
  for (const type of candidatesFor(id)) {
    const parts = matchIdentifier(type, id);
    if (parts) return toResourceRef(type, parts);
  }
  return undefined;
}

/** Types by the stem all their identifiers have; a type without one is a candidate for every identifier. */
const BY_STEM = new Map<string, ResourceType[]>();
const WITHOUT_STEM: ResourceType[] = [];
for (const type of RESOURCE_TYPES) {
  const stem = stemOfType(type);
  if (stem === undefined) WITHOUT_STEM.push(type);
  else BY_STEM.set(stem, [...(BY_STEM.get(stem) ?? []), type]);
}

/**
 * The types that may match the identifier, in catalogue order: those of its stem and those without one. Trying
 * only these instead of all 47 patterns is a tenth of validating a large declaration.
 */
function candidatesFor(id: string): readonly ResourceType[] {
  const stem = stemOfIdentifier(id);
  const ofStem = stem === undefined ? undefined : BY_STEM.get(stem);
  if (!ofStem) return WITHOUT_STEM;
  return WITHOUT_STEM.length === 0 ? ofStem : RESOURCE_TYPES.filter((type) => ofStem.includes(type) || WITHOUT_STEM.includes(type));
}

/** The identifier's named groups when it is of this type. */
export function matchIdentifier(type: ResourceType, id: string): IdentifierParts | undefined {
  const match = type.pattern.exec(id);
  return match ? { id, groups: match.groups ?? {} } : undefined;
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
