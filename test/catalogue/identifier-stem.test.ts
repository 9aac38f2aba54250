import * as fc from 'fast-check';
import { AZURE_SUBSCRIPTION, SAMPLE_IDS } from './samples';
import { stemOfIdentifier, stemOfType } from '../../lib/catalogue/identifier-stem';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { RESOURCE_TYPES } from '../../lib/catalogue/resource-types';

/** Recognition as it was before dispatching on stems: every pattern, in catalogue order. */
function recogniseByEveryPattern(id: string): string | undefined {
  if (/[*?]/.test(id)) return undefined;
  return RESOURCE_TYPES.find((type) => type.pattern.test(id))?.key;
}

describe('identifier stems', () => {
  test('the service of an ARN, the host of a GCP full name and the provider namespace of an Azure id', () => {
    expect(stemOfIdentifier('arn:aws:s3:::acme-web-assets')).toBe('aws:s3');
    expect(stemOfIdentifier('arn:aws-cn:rds-db:cn-north-1:111122223333:dbuser:db-A/app')).toBe('aws:rds-db');
    expect(stemOfIdentifier('//storage.googleapis.com/projects/_/buckets/acme')).toBe('gcp:storage.googleapis.com');
    expect(stemOfIdentifier(`/SUBSCRIPTIONS/${AZURE_SUBSCRIPTION}/resourcegroups/rg-web/PROVIDERS/Microsoft.KeyVault/vaults/kv`)).toBe(
      'azure:microsoft.keyvault',
    );
  });

  test('identifiers of none of these forms have no stem', () => {
    for (const id of ['', 'arn:aws', '//storage.googleapis.com', `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg`, 's3://bucket', 'bucket']) {
      expect(stemOfIdentifier(id)).toBeUndefined();
    }
  });

  // A type without a stem would be tried on every identifier: correct, but the dispatch would silently stop paying.
  test('every catalogued type has the stem of its sample identifiers', () => {
    for (const type of RESOURCE_TYPES) {
      const stems = SAMPLE_IDS[type.key].map(stemOfIdentifier);
      expect({ type: type.key, stem: stemOfType(type) }).toEqual({ type: type.key, stem: stems[0] });
      expect(new Set(stems).size).toBe(1);
    }
  });

  test('a pattern in another form has no stem', () => {
    expect(stemOfType({ pattern: /^arn:(?:aws|aws-cn):s3:::[a-z]+$/ })).toBeUndefined();
    expect(stemOfType({ pattern: /^(?:\/\/storage\.googleapis\.com|\/\/pubsub\.googleapis\.com)\/x$/ })).toBeUndefined();
    expect(stemOfType({ pattern: /^ARN:(?<partition>aws):s3:::x$/i })).toBeUndefined();
  });
});

describe('recognition by stem', () => {
  const samples = Object.values(SAMPLE_IDS).flat();
  // Edits that keep an identifier close to a real one: other services, hosts, namespaces, cases and separators.
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(':', '/', 's3', 'SQS', 'iam', 'Microsoft.Storage', 'storage.googleapis.com', 'providers', 'x', '') }),
    fc.record({ kind: fc.constant('case' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  );
  const apply = (id: string, change: { kind: string; at: number; text?: string; length?: number }) => {
    const at = change.at % (id.length + 1);
    if (change.kind === 'cut') return id.slice(0, at);
    if (change.kind === 'case') {
      const part = id.slice(at, at + change.length!);
      return id.slice(0, at) + (part === part.toUpperCase() ? part.toLowerCase() : part.toUpperCase()) + id.slice(at + change.length!);
    }
    return id.slice(0, at) + change.text! + id.slice(at + 1);
  };

  test('finds the type every pattern would, on samples and on identifiers edited from them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(edit, { maxLength: 3 }), (sample, changes) => {
        const id = changes.reduce(apply, sample);
        expect(recogniseResource(id)?.type).toBe(recogniseByEveryPattern(id));
      }),
      { numRuns: 5000 },
    );
  });

  test('an Azure id in another case is still recognised (Azure ids are not case-sensitive)', () => {
    const id = `/SUBSCRIPTIONS/${AZURE_SUBSCRIPTION}/RESOURCEGROUPS/RG-WEB/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-WEB`;
    expect(recogniseByEveryPattern(id)).toBe('key-vault');
    expect(recogniseResource(id)?.type).toBe('key-vault');
  });
});
