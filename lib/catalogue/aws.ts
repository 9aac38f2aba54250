import { ACCOUNT, PARTITION, readWriteLevels, regionalArn, theResource } from './aws-arn';
import { AWS_DATABASE_TYPES } from './aws-databases';
import { AWS_MESSAGING_TYPES } from './aws-messaging';
import { AWS_SERVICE_CALL_TYPES } from './aws-service-calls';
import type { AwsResourceType, AwsStatementTemplate, IdentifierParts } from './definition';

const S3_BUCKET = '(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])';
/** Key segments each ending in `/`, limited to S3's safe characters so the prefix stays literal in a policy. */
const S3_PREFIX = "(?<prefix>(?:[A-Za-z0-9!_.'()=-]+/)+)";
/** An IAM role name or path segment: IAM's name characters, never `*`, `?` or `${` (wildcards, policy variables). */
const IAM_NAME = '[A-Za-z0-9+=,.@_-]{1,64}';
const bucketArn = ({ groups }: IdentifierParts) => [`arn:${groups.partition}:s3:::${groups.bucket}`];

const S3_READ_OBJECTS = ['s3:GetObject'];
const S3_WRITE_OBJECTS = ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'];
const objectsInBucket = ({ id }: IdentifierParts) => [`${id}/*`];
// A prefix ARN already ends with `/`, so `prefix*` covers exactly the keys under it.
const objectsUnderPrefix = ({ id }: IdentifierParts) => [`${id}*`];

const DYNAMODB_READ_ITEMS = ['dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'];
const DYNAMODB_WRITE_ITEMS = ['dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

// Registry login is authorised by a token IAM cannot scope to a repository (the action supports no resource type).
const ECR_LOGIN: AwsStatementTemplate = {
  actions: ['ecr:GetAuthorizationToken'],
  resources: () => ['*'],
  resourceWildcardReason: 'ecr:GetAuthorizationToken supports no resource-level permissions; it only issues the registry login token',
};

// A function URL of auth type AWS_IAM authorises lambda:InvokeFunctionUrl and, for URLs created from October 2025,
// lambda:InvokeFunction too (Lambda's "Control access to Lambda function URLs"). Both are held to calls through a URL
// of that auth type, so this level does not also grant plain invocation.
const FUNCTION_URL_INVOKE: readonly AwsStatementTemplate[] = [
  {
    actions: ['lambda:InvokeFunctionUrl'],
    resources: theResource,
    conditions: () => ({ StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } }),
  },
  {
    actions: ['lambda:InvokeFunction'],
    resources: theResource,
    conditions: () => ({ Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } }),
  },
];

export const AWS_RESOURCE_TYPES: readonly AwsResourceType[] = [
  {
    key: 's3-bucket',
    cloud: 'aws',
    pattern: new RegExp(`^arn:${PARTITION}:s3:::${S3_BUCKET}$`),
    example: 'arn:aws:s3:::acme-web-assets',
    access: readWriteLevels(
      [
        { actions: ['s3:ListBucket'], resources: theResource },
        { actions: S3_READ_OBJECTS, resources: objectsInBucket },
      ],
      [{ actions: S3_WRITE_OBJECTS, resources: objectsInBucket }],
    ),
  },
  {
    key: 's3-prefix',
    cloud: 'aws',
    pattern: new RegExp(`^arn:${PARTITION}:s3:::${S3_BUCKET}/${S3_PREFIX}$`),
    example: 'arn:aws:s3:::acme-web-assets/releases/',
    access: readWriteLevels(
      [
        {
          actions: ['s3:ListBucket'],
          resources: bucketArn,
          // Listing is a bucket-level action; the condition keeps it to keys under the prefix.
          conditions: ({ groups }) => ({ StringLike: { 's3:prefix': [`${groups.prefix}*`] } }),
        },
        { actions: S3_READ_OBJECTS, resources: objectsUnderPrefix },
      ],
      [{ actions: S3_WRITE_OBJECTS, resources: objectsUnderPrefix }],
    ),
  },
  {
    key: 'dynamodb-table',
    cloud: 'aws',
    pattern: regionalArn('dynamodb', 'table/(?<table>[A-Za-z0-9_.-]{3,255})'),
    example: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders',
    access: readWriteLevels(
      [
        { actions: DYNAMODB_READ_ITEMS, resources: theResource },
        // Query and Scan on a secondary index are authorised on the index ARN, under the table.
        { actions: ['dynamodb:Query', 'dynamodb:Scan'], resources: ({ id }) => [`${id}/index/*`] },
      ],
      [{ actions: DYNAMODB_WRITE_ITEMS, resources: theResource }],
    ),
  },
  {
    key: 'sqs-queue',
    cloud: 'aws',
    pattern: regionalArn('sqs', '(?<queue>[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)'),
    example: 'arn:aws:sqs:eu-west-1:111122223333:jobs',
    access: {
      publish: [{ actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'], resources: theResource }],
      consume: [{
        actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        resources: theResource,
      }],
    },
  },
  {
    key: 'sns-topic',
    cloud: 'aws',
    pattern: regionalArn('sns', '(?<topic>[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo)'),
    example: 'arn:aws:sns:eu-west-1:111122223333:deployments',
    access: {
      publish: [{ actions: ['sns:Publish'], resources: theResource }],
    },
  },
  {
    key: 'secretsmanager-secret',
    cloud: 'aws',
    // Secrets Manager appends `-` and six random characters to every name. A trailing `-xxxxxx` is read as that suffix
    // (AWS advises against names ending that way); without it the ARN names the secret only.
    pattern: regionalArn('secretsmanager', 'secret:(?<secret>[A-Za-z0-9/_+=.@-]{1,512}?)(?<randomSuffix>-[A-Za-z0-9]{6})?'),
    example: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-AbC123',
    access: {
      read: [{
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resources: ({ id, groups }) => [groups.randomSuffix ? id : `${id}-??????`],
      }],
    },
  },
  {
    key: 'kms-key',
    cloud: 'aws',
    // Key ids only: IAM authorises key use on the key ARN, never on an alias ARN.
    pattern: regionalArn('kms', 'key/(?<keyId>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})'),
    example: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    access: {
      decrypt: [{ actions: ['kms:Decrypt'], resources: theResource }],
      encrypt: [{ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: theResource }],
      encryptDecrypt: [{ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: theResource }],
    },
  },
  {
    key: 'ecr-repository',
    cloud: 'aws',
    pattern: regionalArn('ecr', 'repository/(?<repository>(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)'),
    example: 'arn:aws:ecr:eu-west-1:111122223333:repository/team/web-app',
    access: {
      pull: [ECR_LOGIN, { actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: theResource }],
      push: [
        ECR_LOGIN,
        {
          actions: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:CompleteLayerUpload',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
          ],
          resources: theResource,
        },
      ],
    },
  },
  {
    key: 'lambda-function',
    cloud: 'aws',
    // An unqualified ARN or one qualified by a version or alias; the policy names exactly the declared one.
    pattern: regionalArn('lambda', 'function:(?<function>[A-Za-z0-9_-]{1,64})(?::(?<qualifier>\\$LATEST|[A-Za-z0-9_-]{1,128}))?'),
    example: 'arn:aws:lambda:eu-west-1:111122223333:function:resize-images',
    setup: 'For `invokeUrl`, the function URL\'s auth type must be `AWS_IAM`; the workload signs its requests with Signature Version 4 for the service `lambda`.',
    access: {
      invoke: [{ actions: ['lambda:InvokeFunction'], resources: theResource }],
      invokeUrl: FUNCTION_URL_INVOKE,
    },
  },
  {
    key: 'ssm-parameter',
    cloud: 'aws',
    // The ARN of parameter `/a/b` is `parameter/a/b`.
    pattern: regionalArn('ssm', 'parameter/(?<parameter>[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*)'),
    example: 'arn:aws:ssm:eu-west-1:111122223333:parameter/web/prod/image-tag',
    access: readWriteLevels(
      [{ actions: ['ssm:GetParameter', 'ssm:GetParameters'], resources: theResource }],
      [{ actions: ['ssm:PutParameter'], resources: theResource }],
    ),
  },
  {
    key: 'iam-role',
    cloud: 'aws',
    // IAM is global, so the ARN has no region; `role/<path>/<name>`. No access level: what a workload may do with
    // a role (pass it, assume it) hands out the role's power, so it is an escape hatch that must be justified.
    pattern: new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/(?<pathAndName>(?:${IAM_NAME}/)*${IAM_NAME})$`),
    example: 'arn:aws:iam::111122223333:role/deployer',
    access: {},
  },
  // ACM PCA issuance is left out: acm-pca:IssueCertificate is scoped to the CA, never to the names a certificate may
  // carry, so a workload allowed to issue could mint one for any identity the CA vouches for (IAM Roles Anywhere too).
  ...AWS_DATABASE_TYPES,
  ...AWS_MESSAGING_TYPES,
  ...AWS_SERVICE_CALL_TYPES,
];
