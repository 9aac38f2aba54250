import { githubIdentity } from './inputs';
import { accessLevelsOf } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { compile, toModel } from '../../lib/index';
import { buildManifest } from '../../lib/manifest/manifest';
import { whoCanReach } from '../../lib/manifest/queries';
import { checkPlan, runRules } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import type { PermissionView } from '../../lib/trust/permission-view';
import { declaration, workload, type WorkloadInput } from '../plan/fixtures';

/**
 * The AWS types for databases, streams and service calls, through the rules and the manifest: whether each level
 * writes is shown by a pull-request identity (refused on a write, a warning on a read), and each grant reaches its
 * own resource and not its neighbour. Which levels write is written here by hand, from what the actions do.
 */

type Grant = NonNullable<WorkloadInput['grants']>[string][number];

const RDS_USER = 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/app';
const INDEX = 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByCustomer';
const DDB_STREAM = 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2024-05-01T12:00:00.000';
const KINESIS = 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream';
const BUS = 'arn:aws:events:eu-west-1:111122223333:event-bus/orders';
const MACHINE = 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment';
const LOG_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api';
const STAGE = 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod';
const METHOD = 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/latest';
const FUNCTION = 'arn:aws:lambda:eu-west-1:111122223333:function:resize-images';

/** resource, access level, whether it can change state or act. */
const LEVELS: readonly (readonly [string, string, boolean])[] = [
  // What a database login may do is the database user's grants, which IAM cannot see.
  [RDS_USER, 'connect', true],
  [INDEX, 'read', false],
  [DDB_STREAM, 'read', false],
  [KINESIS, 'read', false],
  [KINESIS, 'write', true],
  [KINESIS, 'readWrite', true],
  [BUS, 'publish', true],
  [MACHINE, 'start', true],
  [MACHINE, 'read', false],
  [MACHINE, 'startAndRead', true],
  [LOG_GROUP, 'read', false],
  [LOG_GROUP, 'write', true],
  [LOG_GROUP, 'readWrite', true],
  // Calling a service runs its code with the service's own permissions.
  [STAGE, 'invoke', true],
  [METHOD, 'invoke', true],
  [FUNCTION, 'invoke', true],
  [FUNCTION, 'invokeUrl', true],
];

const withGrant = (grant: Grant, identities = [githubIdentity({ pullRequest: true })]) => workload('preview', identities, [], { grants: { 'aws-prod': [grant] } });
const findingsOf = (grant: Grant): Finding[] => checkPlan(compile(toModel(declaration([withGrant(grant)]))));

describe('a pull-request identity', () => {
  test.each(LEVELS)('on %s %s: refused when the level writes (%s)', (resource, access, writes) => {
    const pullRequest = findingsOf({ resource, access }).filter((f) => f.rule === 'WIAM-GH-001');
    expect(pullRequest).toEqual([expect.objectContaining({ severity: writes ? 'error' : 'warning' })]);
  });

  test('every level of the types above is in the table', () => {
    const typeOf = (resource: string) => recogniseResource(resource)!.type;
    const listed = new Set(LEVELS.map(([resource, access]) => `${typeOf(resource)} ${access}`));
    const offered = [...new Set(LEVELS.map(([resource]) => typeOf(resource)))].flatMap((type) => accessLevelsOf(type).map((level) => `${type} ${level}`));
    expect(offered.filter((level) => !listed.has(level))).toEqual([]);
    expect(listed.size).toBe(LEVELS.length);
  });

  test.each(LEVELS)('%s %s raises no permission finding: exact resources, no privileged action', (resource, access) => {
    expect(findingsOf({ resource, access }).filter((f) => f.rule.startsWith('WIAM-PERM-'))).toEqual([]);
  });
});

describe('WIAM-PERM-002 on rds-db:connect', () => {
  const privileged = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'WIAM-PERM-002').map((f) => `${f.severity}: ${f.message}`);
  const foreign = (actions: string[], resources: string[]) =>
    privileged(runRules({ trust: [], permissions: [{ cloud: 'aws', actions, resources, where: { path: 'Policy.Statement[0]' } } satisfies PermissionView], sessions: [] }));

  test('the connect level on one database user is not privileged: it only logs in as that user', () => {
    expect(privileged(findingsOf({ resource: RDS_USER, access: 'connect' }))).toEqual([]);
    expect(foreign(['rds-db:connect'], [RDS_USER])).toEqual([]);
  });

  test('the escape hatch naming rds-db:connect on one database user is judged the same way', () => {
    const grant = { resource: RDS_USER, actions: ['rds-db:connect'], justification: 'the reporting job logs in as the read-only user' };
    expect(privileged(findingsOf(grant))).toEqual([]);
  });

  test.each([
    ['every user of every database', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/*'],
    ['every user of one cluster', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/*'],
    ['every resource', '*'],
    ['a user of any name starting app', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/app*'],
  ])('rds-db:connect on %s stays an error', (_what, resource) => {
    expect(foreign(['rds-db:connect'], [resource])).toEqual([expect.stringMatching(/^error: rds-db:connect is granted without a justification: /)]);
  });

  test.each([
    ['a single-character wildcard in the user', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/ap?'],
    ['a value scan cannot read', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:${aws_rds_cluster.main.cluster_resource_id}/app'],
    ['an ARN of another service', 'arn:aws:s3:::acme-reports'],
    ['a database instance ARN instead of a database user', 'arn:aws:rds:eu-west-1:111122223333:db:reports'],
  ])('rds-db:connect on %s stays an error: only a recognised database user is exact', (_what, resource) => {
    expect(foreign(['rds-db:connect'], [resource])).toEqual([expect.stringMatching(/^error: rds-db:connect is granted without a justification: /)]);
  });

  test('the same action in another spelling or partition is judged the same way', () => {
    // IAM action names are case-insensitive: the exception is the action, not its spelling, and so is the error.
    expect(foreign(['RDS-DB:Connect'], [RDS_USER])).toEqual([]);
    expect(foreign(['RDS-DB:Connect'], ['arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/*'])).toHaveLength(1);
    expect(foreign(['rds-db:connect'], ['arn:aws-cn:rds-db:cn-north-1:111122223333:dbuser:db-ABCDEFGHIJKL01234/app'])).toEqual([]);
  });

  test('one wildcard resource among exact users keeps the statement privileged', () => {
    expect(foreign(['rds-db:connect'], [RDS_USER, 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:*/admin'])).toHaveLength(1);
  });

  test('a wildcard action covering rds-db:connect is still judged as a wildcard, even on an exact user', () => {
    expect(foreign(['rds-db:*'], [RDS_USER])).toEqual([expect.stringMatching(/^error: rds-db:\* \(covers rds-db:connect\) is granted without a justification/)]);
  });

  test('the exception is for rds-db:connect only: another privileged action beside it is still reported', () => {
    expect(foreign(['rds-db:connect', 'iam:PassRole'], [RDS_USER])).toEqual([expect.stringMatching(/^error: iam:PassRole is granted/)]);
  });
});

describe('who can reach', () => {
  const READER = githubIdentity({ environment: 'production' });
  const manifestOf = (grant: Grant) => {
    const model = toModel(declaration([withGrant(grant, [READER])]));
    return buildManifest(model, compile(model));
  };
  /** The workloads that reach `resource`, once each (one may reach it through several statements). */
  const reachers = (grant: Grant, resource: string) => [...new Set(whoCanReach(manifestOf(grant), resource).map((reach) => reach.workload))];

  test.each([
    [RDS_USER, 'connect', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/app_admin'],
    [RDS_USER, 'connect', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ZYXWVUTSRQPO98765/app'],
    [INDEX, 'read', 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByCustomerRegion'],
    [INDEX, 'read', 'arn:aws:dynamodb:eu-west-1:111122223333:table/OrdersArchive/index/ByCustomer'],
    [DDB_STREAM, 'read', 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2025-01-01T00:00:00.000'],
    [KINESIS, 'readWrite', 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream-replay'],
    [BUS, 'publish', 'arn:aws:events:eu-west-1:111122223333:event-bus/orders-audit'],
    [MACHINE, 'startAndRead', 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment-v2'],
    [MACHINE, 'read', 'arn:aws:states:eu-west-1:111122223333:execution:order-fulfilment-v2:run-1'],
    [LOG_GROUP, 'readWrite', 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api-canary'],
    [STAGE, 'invoke', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/staging'],
    [STAGE, 'invoke', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod-canary/GET/orders'],
    [METHOD, 'invoke', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/POST/orders/latest'],
    [METHOD, 'invoke', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/latest-2'],
  ])('%s %s reaches its resource, not %s', (resource, access, neighbour) => {
    expect(reachers({ resource, access }, resource)).toEqual(['preview']);
    expect(reachers({ resource, access }, neighbour)).toEqual([]);
  });

  test('an execution of the state machine is reached by read (its own ARN form, not the state machine\'s)', () => {
    expect(reachers({ resource: MACHINE, access: 'read' }, 'arn:aws:states:eu-west-1:111122223333:execution:order-fulfilment:run-1')).toEqual(['preview']);
  });

  test('a log stream of the log group is reached, through the group\'s `:*` and its `log-stream:*`', () => {
    expect(whoCanReach(manifestOf({ resource: LOG_GROUP, access: 'readWrite' }), `${LOG_GROUP}:log-stream:task-1`).map((reach) => reach.resource)).toEqual([
      `${LOG_GROUP}:*`,
      `${LOG_GROUP}:log-stream:*`,
    ]);
  });

  test('a method of a granted stage is reached', () => {
    expect(reachers({ resource: STAGE, access: 'invoke' }, METHOD)).toEqual(['preview']);
  });
});
