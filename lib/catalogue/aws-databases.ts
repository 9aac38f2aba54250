import { regionalArn, theResource } from './aws-arn';
import type { AwsResourceType } from './definition';

const DYNAMODB_TABLE = 'table/[A-Za-z0-9_.-]{3,255}';

/**
 * The action RDS and Aurora IAM database authentication authorise a login token with. The service authorization
 * reference lists it under "Permissions management"; on one exact database user it only lets the workload log in
 * as that user, so WIAM-PERM-002 does not count it there (see aws-database-login.ts).
 */
export const RDS_CONNECT = 'rds-db:connect';

export const AWS_DATABASE_TYPES: readonly AwsResourceType[] = [
  {
    key: 'rds-db-user',
    cloud: 'aws',
    // `dbuser:<resource id>/<user>`: the instance's DbiResourceId (`db-…`) or the Aurora cluster's resource id
    // (`cluster-…`), never the instance or cluster name. The user must exist in the database with IAM login enabled.
    pattern: regionalArn('rds-db', 'dbuser:(?:db|cluster)-[A-Z0-9]{1,255}/[A-Za-z0-9_.-]{1,63}'),
    access: {
      // What the login may do is the database user's grants, which IAM cannot see: so it counts as a write.
      connect: [{ actions: [RDS_CONNECT], resources: theResource }],
    },
  },
  {
    key: 'dynamodb-index',
    cloud: 'aws',
    pattern: regionalArn('dynamodb', `${DYNAMODB_TABLE}/index/[A-Za-z0-9_.-]{3,255}`),
    access: {
      read: [{ actions: ['dynamodb:Query', 'dynamodb:Scan'], resources: theResource }],
    },
  },
  {
    key: 'dynamodb-stream',
    cloud: 'aws',
    // The label is the stream's creation time, e.g. `2024-05-01T12:00:00.000`. dynamodb:ListStreams, which finds
    // it, supports no resource type, so it is left out: a consumer is given the stream ARN.
    pattern: regionalArn('dynamodb', `${DYNAMODB_TABLE}/stream/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}`),
    access: {
      read: [{ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: theResource }],
    },
  },
];
