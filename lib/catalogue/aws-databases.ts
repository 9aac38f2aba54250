import { regionalArn, theResource } from './aws-arn';
import type { AwsResourceType } from './definition';

const DYNAMODB_TABLE = 'table/(?<table>[A-Za-z0-9_.-]{3,255})';

/**
 * The action RDS and Aurora IAM database authentication authorise a login token with. The service authorization
 * reference lists it under "Permissions management"; on one exact database user it only lets the workload log in
 * as that user, so WIAM-PERM-002 does not count it there (see aws-database-login.ts).
 */
export const RDS_CONNECT = 'rds-db:connect';

// Sources: RDS "Creating a database account using IAM authentication" and "Enabling and disabling IAM database
// authentication" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.DBAccounts.html).
const DATABASE_LOGIN_SETUP =
  'Turn on IAM database authentication on the instance or cluster, then create the user in the database: PostgreSQL `CREATE USER orders_app; GRANT rds_iam TO orders_app;`, MySQL and MariaDB `CREATE USER orders_app IDENTIFIED WITH AWSAuthenticationPlugin AS \'RDS\';`, and grant it the tables it needs. The workload connects over TLS with a token from `rds generate-db-auth-token` (valid 15 minutes) as its password. The resource id is the instance\'s DbiResourceId (`db-…`) or the cluster\'s resource id (`cluster-…`), shown by `aws rds describe-db-instances` / `describe-db-clusters`, not its name.';

export const AWS_DATABASE_TYPES: readonly AwsResourceType[] = [
  {
    key: 'rds-db-user',
    cloud: 'aws',
    // `dbuser:<resource id>/<user>`: the instance's DbiResourceId (`db-…`) or the Aurora cluster's resource id
    // (`cluster-…`), never the instance or cluster name. The user must exist in the database with IAM login enabled.
    pattern: regionalArn('rds-db', 'dbuser:(?<resourceId>(?:db|cluster)-[A-Z0-9]{1,255})/(?<dbUser>[A-Za-z0-9_.-]{1,63})'),
    example: 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/orders_app',
    setup: DATABASE_LOGIN_SETUP,
    access: {
      // What the login may do is the database user's grants, which IAM cannot see: so it counts as a write.
      connect: [{ actions: [RDS_CONNECT], resources: theResource }],
    },
  },
  {
    key: 'dynamodb-index',
    cloud: 'aws',
    pattern: regionalArn('dynamodb', `${DYNAMODB_TABLE}/index/(?<index>[A-Za-z0-9_.-]{3,255})`),
    example: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByCustomer',
    access: {
      read: [{ actions: ['dynamodb:Query', 'dynamodb:Scan'], resources: theResource }],
    },
  },
  {
    key: 'dynamodb-stream',
    cloud: 'aws',
    // The label is the stream's creation time, e.g. `2024-05-01T12:00:00.000`. dynamodb:ListStreams, which finds
    // it, supports no resource type, so it is left out: a consumer is given the stream ARN.
    pattern: regionalArn('dynamodb', `${DYNAMODB_TABLE}/stream/(?<streamLabel>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3})`),
    example: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2024-05-01T12:00:00.000',
    access: {
      read: [{ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: theResource }],
    },
  },
];
