import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { RESOURCE_TYPES } from '../../lib/catalogue/resource-types';

/** `workload-iam catalogue`: every resource type with its access levels, as text, JSON and the CATALOGUE.md document. */

describe('catalogue --format text (the default)', () => {
  test('prints each type with its cloud and identifier form, then one line per level: reads or writes, and what it grants', async () => {
    const result = await runCli('catalogue');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines).toContain('rds-db-user (aws)  arn:<partition>:rds-db:<region>:<accountId>:dbuser:<resourceId>/<dbUser>');
    // Level names are padded to the longest one in the catalogue.
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}connect +writes {2}rds-db:connect$/));
    expect(lines).toContain('kinesis-stream (aws)  arn:<partition>:kinesis:<region>:<accountId>:stream/<stream>');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}read +reads {3}kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}read +reads {3}roles\/storage\.objectViewer$/));
    expect(lines).toContain('iam-role (aws)  arn:<partition>:iam::<accountId>:role/<pathAndName>');
    expect(lines).toContain('  (no access level: actions with a justification)');
  });

  test('lists every catalogued type once, in catalogue order', async () => {
    const headings = (await runCli('catalogue', '--format', 'text')).out.split('\n').filter((line) => line !== '' && !line.startsWith(' '));
    expect(headings.map((line) => line.split(' ')[0])).toEqual(RESOURCE_TYPES.map((type) => type.key));
  });
});

describe('catalogue --format json', () => {
  test('prints { resourceTypes: [...] } with each level\'s writes flag and grant', async () => {
    const result = await runCli('catalogue', '--format', 'json');
    expect(result.code).toBe(0);
    const { resourceTypes } = JSON.parse(result.out) as { resourceTypes: { key: string; levels: unknown[] }[] };
    expect(resourceTypes.map((type) => type.key)).toEqual(RESOURCE_TYPES.map((type) => type.key));
    expect(resourceTypes.find((type) => type.key === 'logs-log-group')).toEqual({
      key: 'logs-log-group',
      cloud: 'aws',
      form: 'arn:<partition>:logs:<region>:<accountId>:log-group:<logGroup>',
      example: 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api',
      levels: [
        {
          level: 'read',
          writes: false,
          statements: [
            { actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api:*'] },
            { actions: ['logs:GetLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api:log-stream:*'] },
          ],
        },
        {
          level: 'readWrite',
          writes: true,
          statements: [
            { actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api:*'] },
            { actions: ['logs:CreateLogStream', 'logs:GetLogEvents', 'logs:PutLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api:log-stream:*'] },
          ],
        },
        {
          level: 'write',
          writes: true,
          statements: [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api:log-stream:*'] }],
        },
      ],
    });
  });
});

describe('catalogue --format markdown', () => {
  test('prints the CATALOGUE.md document: a summary table, a section per type, the database-side step of RDS', async () => {
    const result = await runCli('catalogue', '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.out.startsWith('# Resource catalogue\n')).toBe(true);
    expect(result.out).toContain('| [`rds-db-user`](#rds-db-user) | AWS | `connect`\\* |');
    expect(result.out).toContain('| [`dynamodb-stream`](#dynamodb-stream) | AWS | `read` |');
    expect(result.out).toContain('| `connect` | yes | `rds-db:connect` on `arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/orders_app` |');
    expect(result.out).toContain('GRANT rds_iam TO orders_app;');
    expect(result.out.match(/^### `/gm)?.length).toBe(RESOURCE_TYPES.length);
    expect(result.out.match(/^## (AWS|GCP|Azure)$/gm)).toEqual(['## AWS', '## GCP', '## Azure']);
  });

  test('matches the committed CATALOGUE.md (regenerate it after changing the catalogue)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'CATALOGUE.md'), 'utf8');
    expect((await runCli('catalogue', '--format', 'markdown')).out).toBe(committed);
  });
});

test('an unknown format is a usage error (exit 2)', async () => {
  const result = await runCli('catalogue', '--format', 'html');
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err).toContain("option '--format <format>' argument 'html' is invalid");
});
