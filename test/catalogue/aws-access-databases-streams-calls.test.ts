import { accessLevelsOf, awsPermissionFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import type { ResourceRef } from '../../lib/catalogue/types';

// Expected statements written from the AWS Service Authorization Reference and each service's IAM guide:
// RDS "Creating and using an IAM policy for IAM database access", DynamoDB Streams, Kinesis Data Streams
// "Example policies", EventBridge PutEvents, Step Functions "IAM policies for executions", CloudWatch Logs
// "Overview of managing access permissions" (log-group ARN with `:*`), API Gateway "Control access for invoking an
// API", Lambda "Control access to Lambda function URLs".

function ref(id: string): ResourceRef {
  const recognised = recogniseResource(id);
  if (!recognised) throw new Error(`test identifier not recognised: ${id}`);
  return recognised;
}

describe('rds-db-user', () => {
  const instanceUser = 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL01234/app_reader';
  const clusterUser = 'arn:aws-us-gov:rds-db:us-gov-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/app';

  test('offers connect only', () => {
    expect(accessLevelsOf('rds-db-user')).toEqual(['connect']);
  });

  test.each([instanceUser, clusterUser])('connect logs in as exactly %s', (id) => {
    expect(awsPermissionFor(ref(id), 'connect')).toEqual([{ actions: ['rds-db:connect'], resources: [id] }]);
  });

  test('the ref carries the account and partition of the ARN', () => {
    expect(ref(clusterUser)).toMatchObject({ type: 'rds-db-user', partition: 'aws-us-gov', accountId: '111122223333' });
  });
});

describe('dynamodb-index', () => {
  test('read queries and scans exactly that index', () => {
    const index = 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByCustomer';
    expect(accessLevelsOf('dynamodb-index')).toEqual(['read']);
    expect(awsPermissionFor(ref(index), 'read')).toEqual([{ actions: ['dynamodb:Query', 'dynamodb:Scan'], resources: [index] }]);
  });
});

describe('dynamodb-stream', () => {
  test('read describes the stream and reads its records, without ListStreams (it supports no resource)', () => {
    const stream = 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2024-05-01T12:00:00.000';
    expect(accessLevelsOf('dynamodb-stream')).toEqual(['read']);
    expect(awsPermissionFor(ref(stream), 'read')).toEqual([
      { actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [stream] },
    ]);
  });
});

describe('kinesis-stream', () => {
  const stream = 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream';
  const read = ['kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'];

  test('offers read, write and readWrite', () => {
    expect(accessLevelsOf('kinesis-stream')).toEqual(['read', 'readWrite', 'write']);
  });

  test('read is what a consumer calls to find shards and read them', () => {
    expect(awsPermissionFor(ref(stream), 'read')).toEqual([{ actions: read, resources: [stream] }]);
  });

  test('write puts records only', () => {
    expect(awsPermissionFor(ref(stream), 'write')).toEqual([{ actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], resources: [stream] }]);
  });

  test('readWrite is one statement', () => {
    expect(awsPermissionFor(ref(stream), 'readWrite')).toEqual([{ actions: [...read, 'kinesis:PutRecord', 'kinesis:PutRecords'].sort(), resources: [stream] }]);
  });
});

describe('events-event-bus', () => {
  test('publish puts events on exactly that bus', () => {
    const bus = 'arn:aws:events:eu-west-1:111122223333:event-bus/orders';
    expect(accessLevelsOf('events-event-bus')).toEqual(['publish']);
    expect(awsPermissionFor(ref(bus), 'publish')).toEqual([{ actions: ['events:PutEvents'], resources: [bus] }]);
  });
});

describe('states-state-machine', () => {
  const machine = 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment';
  const start = { actions: ['states:StartExecution', 'states:StartSyncExecution'], resources: [machine] };
  const list = { actions: ['states:ListExecutions'], resources: [machine] };
  const describe = {
    actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
    resources: ['arn:aws:states:eu-west-1:111122223333:execution:order-fulfilment:*'],
  };

  test('offers read, start and startAndRead', () => {
    expect(accessLevelsOf('states-state-machine')).toEqual(['read', 'start', 'startAndRead']);
  });

  test('start starts executions of the state machine', () => {
    expect(awsPermissionFor(ref(machine), 'start')).toEqual([start]);
  });

  test('read lists its executions and reads their results on the execution ARNs, which are not the state machine ARN', () => {
    expect(awsPermissionFor(ref(machine), 'read')).toEqual([list, describe]);
  });

  test('startAndRead does both', () => {
    expect(awsPermissionFor(ref(machine), 'startAndRead')).toEqual([
      { actions: ['states:ListExecutions', 'states:StartExecution', 'states:StartSyncExecution'], resources: [machine] },
      describe,
    ]);
  });
});

describe('logs-log-group', () => {
  const group = 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api';
  const streams = 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api:log-stream:*';
  const readGroup = { actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api:*'] };

  test('offers read, write and readWrite', () => {
    expect(accessLevelsOf('logs-log-group')).toEqual(['read', 'readWrite', 'write']);
  });

  test('write creates streams and puts events in the streams of that group', () => {
    expect(awsPermissionFor(ref(group), 'write')).toEqual([{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [streams] }]);
  });

  test('read lists and filters the group (ARN with :*) and gets the events of its streams', () => {
    expect(awsPermissionFor(ref(group), 'read')).toEqual([readGroup, { actions: ['logs:GetLogEvents'], resources: [streams] }]);
  });

  test('readWrite', () => {
    expect(awsPermissionFor(ref(group), 'readWrite')).toEqual([
      readGroup,
      { actions: ['logs:CreateLogStream', 'logs:GetLogEvents', 'logs:PutLogEvents'], resources: [streams] },
    ]);
  });
});

describe('execute-api-stage and execute-api-method', () => {
  test('invoke on a stage reaches every method and path of that stage', () => {
    expect(accessLevelsOf('execute-api-stage')).toEqual(['invoke']);
    expect(awsPermissionFor(ref('arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod'), 'invoke')).toEqual([
      { actions: ['execute-api:Invoke'], resources: ['arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/*/*'] },
    ]);
  });

  test('an HTTP API\'s $default stage is a stage', () => {
    expect(awsPermissionFor(ref('arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/$default'), 'invoke')?.[0].resources).toEqual([
      'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/$default/*/*',
    ]);
  });

  test('invoke on a method reaches exactly that method and path', () => {
    const method = 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/latest';
    expect(accessLevelsOf('execute-api-method')).toEqual(['invoke']);
    expect(awsPermissionFor(ref(method), 'invoke')).toEqual([{ actions: ['execute-api:Invoke'], resources: [method] }]);
  });
});

describe('lambda-function invokeUrl', () => {
  test('invokes through a function URL of auth type AWS_IAM only, not by a plain Invoke call', () => {
    const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:resize-images';
    expect(awsPermissionFor(ref(fn), 'invokeUrl')).toEqual([
      { actions: ['lambda:InvokeFunctionUrl'], resources: [fn], conditions: { StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } } },
      { actions: ['lambda:InvokeFunction'], resources: [fn], conditions: { Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } } },
    ]);
  });
});
