import { awsPermissionFor, gcpRolesOf, grantWrites } from './access';
import type { ResourceType } from './definition';
import { identifierForm } from './identifier-form';
import { recogniseResource } from './recognise';
import { RESOURCE_TYPES } from './resource-types';
import type { AwsConditions, Cloud } from './types';

/** One AWS statement of an access level, instantiated on the type's example when it has one. */
export interface CatalogueStatement {
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  readonly conditions?: AwsConditions;
}

/** One access level as the documentation shows it: what it grants and whether it can change state. */
export interface CatalogueLevel {
  readonly level: string;
  readonly writes: boolean;
  /** AWS: the statements it grants. */
  readonly statements?: readonly CatalogueStatement[];
  /** GCP: the predefined role; Azure: the built-in role's name. */
  readonly role?: string;
  /** Azure: the built-in role's id. */
  readonly roleId?: string;
}

/** One resource type as the documentation shows it. */
export interface CatalogueEntry {
  readonly key: string;
  readonly cloud: Cloud;
  /** The identifier's form, derived from the pattern: named parts as `<name>`, other variable parts as `…`. */
  readonly form: string;
  readonly example?: string;
  readonly setup?: string;
  /** GCP: false when grants go through a service account the workload impersonates. */
  readonly federatedPrincipals?: false;
  readonly levels: readonly CatalogueLevel[];
}

/** Every catalogued resource type, in catalogue order, with its levels sorted. */
export function catalogueEntries(types: readonly ResourceType[] = RESOURCE_TYPES): CatalogueEntry[] {
  return types.map((type) => ({
    key: type.key,
    cloud: type.cloud,
    form: identifierForm(type.pattern),
    ...(type.example !== undefined && { example: type.example }),
    ...(type.setup !== undefined && { setup: type.setup }),
    ...(type.cloud === 'gcp' && type.federatedPrincipals === false && { federatedPrincipals: false as const }),
    levels: Object.keys(type.access)
      .sort()
      .map((level) => ({ level, writes: grantWrites({ access: level }), ...grantOf(type, level) })),
  }));
}

function grantOf(type: ResourceType, level: string): Omit<CatalogueLevel, 'level' | 'writes'> {
  switch (type.cloud) {
    case 'aws': {
      const example = type.example === undefined ? undefined : recogniseResource(type.example);
      if (example === undefined) return { statements: type.access[level].map((template) => ({ actions: [...template.actions].sort() })) };
      const statements = awsPermissionFor(example, level)!;
      return { statements: statements.map(({ actions, resources, conditions }) => ({ actions, resources, ...(conditions && { conditions }) })) };
    }
    case 'gcp':
      // A level may bind several predefined roles (Cloud SQL login needs two): listed together.
      return { role: gcpRolesOf(type.access[level]).join(' + ') };
    case 'azure':
      return { role: type.access[level].name, roleId: type.access[level].id };
  }
}
