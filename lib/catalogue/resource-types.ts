import { AWS_RESOURCE_TYPES } from './aws';
import { AZURE_RESOURCE_TYPES } from './azure';
import type { ResourceType } from './definition';
import { GCP_RESOURCE_TYPES } from './gcp';

/** Every catalogued resource type, across clouds. */
export const RESOURCE_TYPES: readonly ResourceType[] = [...AWS_RESOURCE_TYPES, ...GCP_RESOURCE_TYPES, ...AZURE_RESOURCE_TYPES];

const BY_KEY: ReadonlyMap<string, ResourceType> = new Map(RESOURCE_TYPES.map((type) => [type.key, type]));

export function findResourceType(key: string): ResourceType | undefined {
  return BY_KEY.get(key);
}
