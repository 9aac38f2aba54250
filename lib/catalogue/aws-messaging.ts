import { readWriteLevels, regionalArn, theResource } from './aws-arn';
import type { AwsResourceType, AwsStatementTemplate, IdentifierParts } from './definition';

const STATE_MACHINE_NAME = '(?<stateMachine>[A-Za-z0-9_-]{1,80})';
// Step Functions names its executions `execution:<state machine name>:<execution id>`; names hold no `:`, so the
// pattern reaches the executions of this state machine only.
const executionsOf = ({ id }: IdentifierParts) => [`${id.replace(':stateMachine:', ':execution:')}:*`];
const READ_EXECUTIONS: readonly AwsStatementTemplate[] = [
  { actions: ['states:ListExecutions'], resources: theResource },
  { actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resources: executionsOf },
];
const START_EXECUTIONS: readonly AwsStatementTemplate[] = [{ actions: ['states:StartExecution', 'states:StartSyncExecution'], resources: theResource }];

// CloudWatch Logs checks log-group actions against the group's ARN with a trailing `:*` and log-stream actions
// against `log-group:<name>:log-stream:<stream>`; group names hold no `:`, so both reach this group only.
const logGroupWithSuffix = ({ id }: IdentifierParts) => [`${id}:*`];
const streamsOfLogGroup = ({ id }: IdentifierParts) => [`${id}:log-stream:*`];

export const AWS_MESSAGING_TYPES: readonly AwsResourceType[] = [
  {
    key: 'kinesis-stream',
    cloud: 'aws',
    pattern: regionalArn('kinesis', 'stream/(?<stream>[A-Za-z0-9_.-]{1,128})'),
    example: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream',
    setup: 'A stream encrypted with a customer managed KMS key also needs a `kms-key` grant on that key: `decrypt` to read, `encrypt` to write. A Kinesis Client Library consumer also needs its lease table (`dynamodb-table`); enhanced fan-out consumers (SubscribeToShard on a consumer ARN) are not covered.',
    access: readWriteLevels(
      [{ actions: ['kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], resources: theResource }],
      [{ actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], resources: theResource }],
    ),
  },
  {
    key: 'events-event-bus',
    cloud: 'aws',
    // Partner event buses are named `aws.partner/<partner>/<name>`.
    pattern: regionalArn('events', 'event-bus/(?<eventBus>[A-Za-z0-9._/-]{1,256})'),
    example: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
    access: {
      publish: [{ actions: ['events:PutEvents'], resources: theResource }],
    },
  },
  {
    key: 'states-state-machine',
    cloud: 'aws',
    // The unqualified ARN only: a version or alias would be `stateMachine:<name>:<qualifier>`.
    pattern: regionalArn('states', `stateMachine:${STATE_MACHINE_NAME}`),
    example: 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment',
    access: {
      start: START_EXECUTIONS,
      read: READ_EXECUTIONS,
      startAndRead: [...START_EXECUTIONS, ...READ_EXECUTIONS],
    },
  },
  {
    key: 'logs-log-group',
    cloud: 'aws',
    // The ARN without the `:*` that DescribeLogGroups appends; the policy adds it where CloudWatch Logs expects it.
    pattern: regionalArn('logs', 'log-group:(?<logGroup>[A-Za-z0-9._/#-]{1,512})'),
    example: 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api',
    access: readWriteLevels(
      [
        { actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents'], resources: logGroupWithSuffix },
        { actions: ['logs:GetLogEvents'], resources: streamsOfLogGroup },
      ],
      [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: streamsOfLogGroup }],
    ),
  },
];
