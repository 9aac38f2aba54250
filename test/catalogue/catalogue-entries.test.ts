import { AWS_RESOURCE_TYPES } from '../../lib/catalogue/aws';
import { catalogueEntries } from '../../lib/catalogue/catalogue-entries';
import { catalogueMarkdown } from '../../lib/catalogue/catalogue-markdown';
import { GCP_RESOURCE_TYPES } from '../../lib/catalogue/gcp';
import { identifierForm } from '../../lib/catalogue/identifier-form';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { RESOURCE_TYPES } from '../../lib/catalogue/resource-types';

/** What the catalogue documentation is built from: identifier forms, examples and writes flags. */

describe('identifierForm', () => {
  test.each([
    [/^arn:(?<partition>aws|aws-cn):s3:::(?<bucket>[a-z0-9.-]{3,63})$/, 'arn:<partition>:s3:::<bucket>'],
    [/^projects\/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])\/topics\/(?!goog)[A-Za-z][A-Za-z0-9._~%+-]{2,254}$/, 'projects/<project>/topics/…'],
    [/^x\/(?:[a-z]+\/)+y\.z$/, 'x/…y.z'],
    [/^\/subscriptions\/[-\w.()]{0,89}[-\w()]$/, '/subscriptions/…'],
    [/^f:(?<name>[a-z]{1,5})(?::(?<qualifier>\$LATEST|[0-9]+))?$/, 'f:<name>…'],
  ])('%s reads %s', (pattern, form) => {
    expect(identifierForm(pattern)).toBe(form);
  });
});

describe('catalogueEntries', () => {
  test('every AWS type has an example, recognised as that very type', () => {
    for (const type of AWS_RESOURCE_TYPES) expect([type.key, recogniseResource(type.example ?? '')?.type]).toEqual([type.key, type.key]);
  });

  test('every example any type gives is recognised as that type', () => {
    const withExamples = RESOURCE_TYPES.filter((candidate) => candidate.example !== undefined);
    for (const type of withExamples) expect(recogniseResource(type.example!)?.type).toBe(type.key);
  });

  test('writes follows the rules: read-only levels are the ones a pull-request identity may hold', () => {
    const flags = Object.fromEntries(catalogueEntries().flatMap((entry) => entry.levels.map((level) => [`${entry.key} ${level.level}`, level.writes])));
    expect(flags).toMatchObject({
      'dynamodb-stream read': false,
      'kinesis-stream read': false,
      'kinesis-stream write': true,
      'rds-db-user connect': true,
      'states-state-machine read': false,
      'states-state-machine start': true,
      'execute-api-stage invoke': true,
      'lambda-function invokeUrl': true,
      'kms-key decrypt': false,
      'sqs-queue consume': true,
    });
  });

  test('an AWS type without an example lists its actions only', () => {
    const [entry] = catalogueEntries([{ ...AWS_RESOURCE_TYPES.find((type) => type.key === 'sns-topic')!, example: undefined }]);
    expect(entry.levels).toEqual([{ level: 'publish', writes: true, statements: [{ actions: ['sns:Publish'] }] }]);
  });

  test('a GCP type that admits no federated principal says its grants go through impersonation', () => {
    const bucket = GCP_RESOURCE_TYPES.find((type) => type.key === 'gcs-bucket')!;
    const [entry] = catalogueEntries([{ ...bucket, federatedPrincipals: false }]);
    expect(entry.federatedPrincipals).toBe(false);
    expect(catalogueMarkdown([entry])).toContain('Admits no federated principal: grants go through a service account the workload impersonates.');
    expect(catalogueEntries([bucket])[0].federatedPrincipals).toBeUndefined();
  });
});
