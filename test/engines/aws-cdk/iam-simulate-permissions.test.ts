import { dirname, join } from 'node:path';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, testStack } from './helpers';
import { WorkloadRole } from '../../../lib/engines/aws-cdk/index';
import { AWS_ACCOUNT_ID, declaration, workload, type WorkloadInput } from '../../plan/fixtures';

// The permission policies the CDK engine synthesizes for the AWS database, stream and service-call levels, evaluated
// by @cloud-copilot/iam-simulate's core engine (a dev-only oracle, as in iam-simulate.test.ts): the declared resource
// is allowed, its neighbour denied. Request resources are the ARNs each service authorises, written from its docs.

const SIMULATE = dirname(require.resolve('@cloud-copilot/iam-simulate'));
/* eslint-disable @typescript-eslint/no-require-imports -- the core engine is not among the package's exports */
const { authorize } = require(join(SIMULATE, 'core_engine', 'CoreSimulatorEngine.js')) as { authorize: (request: unknown) => { result: string } };
const { AwsRequestImpl } = require(join(SIMULATE, 'request', 'request.js')) as {
  AwsRequestImpl: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
};
const { RequestContextImpl } = require(join(SIMULATE, 'requestContext.js')) as {
  RequestContextImpl: new (values: Record<string, string | string[]>) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const WORKLOAD = 'orders-api';
const ROLE_ARN = `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-${WORKLOAD}`;
type Grant = NonNullable<WorkloadInput['grants']>[string][number];

/** The inline policies CDK synthesizes on the workload's role for one grant. */
function synthesizedPolicies(grant: Grant): unknown[] {
  const stack = testStack();
  const identity = { github: { repository: 'acme/orders', ownerId: '65', repositoryId: '74', environment: 'production' } };
  new WorkloadRole(stack, 'Orders', { declaration: declaration([workload(WORKLOAD, [identity], [], { grants: { 'aws-prod': [grant] } })]), workload: WORKLOAD });
  const role = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::IAM::Role')).find((r) => r.Properties.RoleName === `wiam-${WORKLOAD}`)!;
  return (role.Properties.Policies as { PolicyDocument: unknown }[]).map((policy) => policy.PolicyDocument);
}

function decision(policies: readonly unknown[], action: string, resource: string, context: Record<string, string> = {}): string {
  const request = new AwsRequestImpl(ROLE_ARN, { resource, accountId: AWS_ACCOUNT_ID }, action, new RequestContextImpl(context));
  return authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: policies.map((document, index) => loadPolicy(document, { name: `inline-${index}` })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: undefined },
  }).result;
}

const ARN = `arn:aws:%s:eu-west-1:${AWS_ACCOUNT_ID}:`;
const arn = (service: string, resource: string) => ARN.replace('%s', service) + resource;

test.each([
  ['rds-db-user connect', arn('rds-db', 'dbuser:cluster-ABCDEFGHIJKL01234/app'), 'connect', 'rds-db:connect', arn('rds-db', 'dbuser:cluster-ABCDEFGHIJKL01234/app'), arn('rds-db', 'dbuser:cluster-ABCDEFGHIJKL01234/admin')],
  ['kinesis-stream read', arn('kinesis', 'stream/clickstream'), 'read', 'kinesis:GetRecords', arn('kinesis', 'stream/clickstream'), arn('kinesis', 'stream/clickstream-replay')],
  ['events-event-bus publish', arn('events', 'event-bus/orders'), 'publish', 'events:PutEvents', arn('events', 'event-bus/orders'), arn('events', 'event-bus/default')],
  ['states-state-machine read', arn('states', 'stateMachine:fulfil'), 'read', 'states:DescribeExecution', arn('states', 'execution:fulfil:run-1'), arn('states', 'execution:fulfil-v2:run-1')],
  ['logs-log-group write', arn('logs', 'log-group:/ecs/web'), 'write', 'logs:PutLogEvents', arn('logs', 'log-group:/ecs/web:log-stream:task-1'), arn('logs', 'log-group:/ecs/web-canary:log-stream:task-1')],
  ['logs-log-group read', arn('logs', 'log-group:/ecs/web'), 'read', 'logs:FilterLogEvents', arn('logs', 'log-group:/ecs/web:*'), arn('logs', 'log-group:/ecs/web-canary:*')],
  ['execute-api-stage invoke', arn('execute-api', 'a1b2c3d4e5/prod'), 'invoke', 'execute-api:Invoke', arn('execute-api', 'a1b2c3d4e5/prod/GET/orders/42'), arn('execute-api', 'a1b2c3d4e5/prod-canary/GET/orders/42')],
  ['execute-api-method invoke', arn('execute-api', 'a1b2c3d4e5/prod/GET/orders'), 'invoke', 'execute-api:Invoke', arn('execute-api', 'a1b2c3d4e5/prod/GET/orders'), arn('execute-api', 'a1b2c3d4e5/prod/DELETE/orders')],
  ['dynamodb-stream read', arn('dynamodb', 'table/Orders/stream/2024-05-01T12:00:00.000'), 'read', 'dynamodb:GetRecords', arn('dynamodb', 'table/Orders/stream/2024-05-01T12:00:00.000'), arn('dynamodb', 'table/Orders/stream/2025-01-01T00:00:00.000')],
])('%s: the declared resource is allowed, its neighbour denied', (_label, resource, access, action, allowed, neighbour) => {
  const policies = synthesizedPolicies({ resource, access });
  expect(decision(policies, action, allowed)).toBe('Allowed');
  expect(decision(policies, action, neighbour)).not.toBe('Allowed');
});

describe('lambda-function invokeUrl', () => {
  const fn = arn('lambda', 'function:resize-images');
  const policies = () => synthesizedPolicies({ resource: fn, access: 'invokeUrl' });

  test('a call through an AWS_IAM function URL is allowed', () => {
    const p = policies();
    expect(decision(p, 'lambda:InvokeFunctionUrl', fn, { 'lambda:FunctionUrlAuthType': 'AWS_IAM' })).toBe('Allowed');
    expect(decision(p, 'lambda:InvokeFunction', fn, { 'lambda:InvokedViaFunctionUrl': 'true' })).toBe('Allowed');
  });

  test('a plain Invoke call, a URL of another auth type or another function is denied', () => {
    const p = policies();
    expect(decision(p, 'lambda:InvokeFunction', fn)).not.toBe('Allowed');
    expect(decision(p, 'lambda:InvokeFunctionUrl', fn, { 'lambda:FunctionUrlAuthType': 'NONE' })).not.toBe('Allowed');
    expect(decision(p, 'lambda:InvokeFunctionUrl', arn('lambda', 'function:resize-images-v2'), { 'lambda:FunctionUrlAuthType': 'AWS_IAM' })).not.toBe('Allowed');
  });
});
