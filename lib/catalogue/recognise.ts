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

const STEM_OF_TYPE = new Map(RESOURCE_TYPES.map((type) => [type, stemOfType(type)]));
/** A type without a stem is a candidate for every identifier. */
const WITHOUT_STEM = RESOURCE_TYPES.filter((type) => STEM_OF_TYPE.get(type) === undefined);
/** Each stem's candidates, in catalogue order, computed once: its own types and those without a stem. */
const CANDIDATES_BY_STEM = new Map(
  [...new Set(STEM_OF_TYPE.values())]
    .filter((stem) => stem !== undefined)
    .map((stem) => [stem, RESOURCE_TYPES.filter((type) => STEM_OF_TYPE.get(type) === stem || STEM_OF_TYPE.get(type) === undefined)]),
);

/**
 * The types that may match the identifier: trying only these instead of all 47 patterns is a tenth of validating a
 * large declaration.
 */
function candidatesFor(id: string): readonly ResourceType[] {
  const stem = stemOfIdentifier(id);
  return (stem === undefined ? undefined : CANDIDATES_BY_STEM.get(stem)) ?? WITHOUT_STEM;
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
