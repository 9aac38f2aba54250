import { AWS_RESOURCE_TYPES } from './aws';
import type { AwsStatementTemplate, IdentifierParts, ResourceType } from './definition';
import { matchIdentifier } from './recognise';
import { findResourceType } from './resource-types';
import type { AwsPermission, AzurePermission, Cloud, GcpPermission, ResourceRef } from './types';
import { memoized } from '../memo';
import { sortedUnique } from '../stable';

type ResourceTypeOf<C extends Cloud> = Extract<ResourceType, { readonly cloud: C }>;

/** The access levels a resource type offers, sorted; none for an unknown type. Read once per type: every grant asks. */
export const accessLevelsOf: (type: string) => readonly string[] = memoized((type) => {
  const definition = findResourceType(type);
  return definition ? Object.keys(definition.access).sort() : [];
}, 256);

/**
 * The policy statements an AWS access level grants on the resource, or undefined for an unknown access level.
 * Statements sharing resources and conditions are merged, so `readWrite` reads as one statement per resource.
 */
export function awsPermissionFor(ref: ResourceRef, access: string): readonly AwsPermission[] | undefined {
  const definition = definitionOf(ref, 'aws');
  if (!Object.hasOwn(definition.access, access)) return undefined;
  const parts = partsOf(definition, ref);
  return merge(definition.access[access].map((template) => instantiate(template, parts)));
}

/**
 * The predefined roles an access level binds on the GCP resource (one binding each, with the catalogue's condition
 * where the roles bind only on the project), or undefined for an unknown access level.
 */
export function gcpPermissionsFor(ref: ResourceRef, access: string): readonly GcpPermission[] | undefined {
  const definition = definitionOf(ref, 'gcp');
  if (!Object.hasOwn(definition.access, access)) return undefined;
  const parts = partsOf(definition, ref);
  const condition = definition.projectCondition?.(parts);
  return gcpRolesOf(definition.access[access]).map((role) => ({ role, resource: ref.id, ...(condition ? { condition } : {}) }));
}

/** The roles of one GCP access level, sorted. */
export function gcpRolesOf(level: string | readonly string[]): readonly string[] {
  return typeof level === 'string' ? [level] : sortedUnique(level);
}

/**
 * Whether a GCP resource can be bound to a federated principal directly; if not, grants on it go through impersonation.
 * Its type tells, so the identifier is not matched again (gcpPermissionsFor checks it).
 */
export function takesFederatedPrincipals(ref: ResourceRef): boolean {
  return definitionOf(ref, 'gcp').federatedPrincipals !== false;
}

/** The built-in role an access level assigns at the Azure resource, or undefined for an unknown access level. */
export function azurePermissionFor(ref: ResourceRef, access: string): AzurePermission | undefined {
  const definition = definitionOf(ref, 'azure');
  if (!Object.hasOwn(definition.access, access)) return undefined;
  const parts = partsOf(definition, ref);
  const role = definition.access[access];
  if (!definition.cosmosSqlPath) return { roleDefinitionId: role.id, roleName: role.name, scope: ref.id };
  const cosmosAccount = cosmosAccountOf(ref.id);
  return { roleDefinitionId: role.id, roleName: role.name, scope: `${cosmosAccount}${definition.cosmosSqlPath(parts)}`, cosmosAccount };
}

/** The Cosmos DB account id at the start of a resource id under it, in the letter case declared. */
function cosmosAccountOf(id: string): string {
  return /^.*?\/databaseAccounts\/[^/]+/i.exec(id)![0];
}

/** The catalogue entry behind a ref; a ref that contradicts the catalogue is a programming error. */
function definitionOf<C extends Cloud>(ref: ResourceRef, cloud: C): ResourceTypeOf<C> {
  const definition = findResourceType(ref.type);
  if (!definition || !isOfCloud(definition, cloud)) {
    throw new Error(`${ref.type} is not a catalogued ${cloud} resource type`);
  }
  return definition;
}

/** The named parts of a ref's identifier; an identifier of another type is a programming error. */
function partsOf(definition: ResourceType, ref: ResourceRef): IdentifierParts {
  const parts = matchIdentifier(definition, ref.id);
  if (!parts) throw new Error(`${ref.id} is not a ${ref.type} identifier`);
  return parts;
}

function isOfCloud<C extends Cloud>(definition: ResourceType, cloud: C): definition is ResourceTypeOf<C> {
  return definition.cloud === cloud;
}

/** A template's actions, sorted once and shared (frozen) by every statement made from it. */
const SORTED_ACTIONS = new WeakMap<AwsStatementTemplate, readonly string[]>();

function sortedActionsOf(template: AwsStatementTemplate): readonly string[] {
  let actions = SORTED_ACTIONS.get(template);
  if (!actions) SORTED_ACTIONS.set(template, (actions = Object.freeze(sortedUnique(template.actions))));
  return actions;
}

function instantiate(template: AwsStatementTemplate, parts: IdentifierParts): AwsPermission {
  return {
    actions: sortedActionsOf(template),
    resources: sortedUnique(template.resources(parts)),
    ...(template.conditions && { conditions: template.conditions(parts) }),
    ...(template.resourceWildcardReason && { resourceWildcardReason: template.resourceWildcardReason }),
  };
}

function merge(statements: readonly AwsPermission[]): AwsPermission[] {
  if (statements.length < 2) return [...statements];
  const byScope = new Map<string, AwsPermission>();
  for (const statement of statements) {
    const scope = JSON.stringify([statement.resources, statement.conditions, statement.resourceWildcardReason]);
    const earlier = byScope.get(scope);
    byScope.set(scope, earlier ? { ...earlier, actions: sortedUnique([...earlier.actions, ...statement.actions]) } : statement);
  }
  return [...byScope.values()];
}

/** Access levels that change nothing: a token admitted with only these can read, never modify or act. */
export const READ_ONLY_ACCESS: ReadonlySet<string> = new Set(['read', 'readSecrets', 'pull', 'decrypt']);

/**
 * Whether a grant can change state or act on the caller's behalf. Escape hatches count as writes, because
 * their actions and roles are not in the catalogue; rules are stricter on trust that leads to writes.
 */
export function grantWrites(grant: { readonly access?: string }): boolean {
  return grant.access === undefined || !READ_ONLY_ACCESS.has(grant.access);
}

/**
 * Why these actions are granted on resource `"*"`, when the catalogue grants them that way because IAM cannot
 * scope them to a resource; undefined for any other action set.
 */
export function resourceWildcardReasonOf(actions: readonly string[]): string | undefined {
  for (const type of AWS_RESOURCE_TYPES) {
    for (const templates of Object.values(type.access)) {
      const template = templates.find((t) => t.resourceWildcardReason && actions.every((a) => t.actions.includes(a)));
      if (template) return template.resourceWildcardReason;
    }
  }
  return undefined;
}
