import { gcpRolesOf, READ_ONLY_ACCESS } from './access';
import { AZURE_RESOURCE_TYPES } from './azure';
import { GCP_RESOURCE_TYPES } from './gcp';

/** The roles of `levels` that the catalogue grants only for access levels that change nothing. */
function onlyReading(levels: readonly (readonly [level: string, role: string])[]): ReadonlySet<string> {
  const writing = new Set(levels.filter(([level]) => !READ_ONLY_ACCESS.has(level)).map(([, role]) => role));
  return new Set(levels.filter(([level, role]) => READ_ONLY_ACCESS.has(level) && !writing.has(role)).map(([, role]) => role));
}

const GCP_LEVELS = GCP_RESOURCE_TYPES.flatMap((type) => Object.entries(type.access));
const GCP_READING = onlyReading(GCP_LEVELS.flatMap(([level, roles]) => gcpRolesOf(roles).map((role) => [level, role] as const)));
// Cosmos DB's SQL role definitions are judged apart: an ARM role definition may be created with any GUID.
const AZURE_LEVELS = AZURE_RESOURCE_TYPES.filter((type) => !type.cosmosSqlPath).flatMap((type) => Object.entries(type.access));
const COSMOS_LEVELS = AZURE_RESOURCE_TYPES.filter((type) => type.cosmosSqlPath).flatMap((type) => Object.entries(type.access));
const COSMOS_READING_IDS = onlyReading(COSMOS_LEVELS.map(([level, role]) => [level, role.id]));
const AZURE_READING_IDS = onlyReading(AZURE_LEVELS.map(([level, role]) => [level, role.id]));
const AZURE_READING_NAMES = onlyReading(AZURE_LEVELS.map(([level, role]) => [level, role.name]));

/** Whether a GCP predefined role only reads: the catalogue grants it only for read-only access. */
export function gcpRoleOnlyReads(role: string): boolean {
  return GCP_READING.has(role);
}

/**
 * Whether an Azure role definition only reads, named by its GUID, its ARM id (`…/roleDefinitions/<GUID>`) or its
 * built-in name, or a Cosmos DB SQL role definition by its id (`…/sqlRoleDefinitions/<id>`): the catalogue assigns it only
 * for read-only access.
 */
export function azureRoleOnlyReads(roleDefinition: string): boolean {
  const cosmos = /\/sqlRoleDefinitions\/([^/]+)$/i.exec(roleDefinition)?.[1];
  if (cosmos !== undefined) return COSMOS_READING_IDS.has(cosmos);
  const id = /\/roleDefinitions\/([^/]+)$/i.exec(roleDefinition)?.[1] ?? roleDefinition;
  return AZURE_READING_IDS.has(id.toLowerCase()) || AZURE_READING_NAMES.has(roleDefinition);
}
