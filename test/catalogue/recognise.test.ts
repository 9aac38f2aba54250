import { AZURE_SUBSCRIPTION, SAMPLE_IDS } from './samples';
import { recogniseResource } from '../../lib/catalogue/recognise';
import { RESOURCE_TYPES } from '../../lib/catalogue/resource-types';

const AZURE_RG = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers`;

describe('recogniseResource', () => {
  test('every catalogued type has sample identifiers, and every sample names a catalogued type', () => {
    expect(Object.keys(SAMPLE_IDS).sort()).toEqual(RESOURCE_TYPES.map((type) => type.key).sort());
  });

  test('type keys are unique across clouds', () => {
    const keys = RESOURCE_TYPES.map((type) => type.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(Object.entries(SAMPLE_IDS))('%s', (type, ids) => {
    test.each(ids)('recognises %s', (id) => {
      expect(recogniseResource(id)).toMatchObject({ type, id });
    });

    // Recognition must not depend on the order of the tables.
    test.each(ids)('%s matches no other type', (id) => {
      expect(RESOURCE_TYPES.filter((candidate) => candidate.pattern.test(id)).map((candidate) => candidate.key)).toEqual([type]);
    });
  });

  describe('account fields', () => {
    test('an S3 ARN carries a partition but no account', () => {
      expect(recogniseResource('arn:aws:s3:::acme-web-assets')).toEqual({
        cloud: 'aws',
        type: 's3-bucket',
        id: 'arn:aws:s3:::acme-web-assets',
        partition: 'aws',
      });
      expect(recogniseResource('arn:aws-cn:s3:::logs.example.cn/app/')).toEqual({
        cloud: 'aws',
        type: 's3-prefix',
        id: 'arn:aws-cn:s3:::logs.example.cn/app/',
        partition: 'aws-cn',
      });
    });

    test('a regional ARN carries its partition and account', () => {
      expect(recogniseResource('arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs.fifo')).toEqual({
        cloud: 'aws',
        type: 'sqs-queue',
        id: 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs.fifo',
        partition: 'aws-us-gov',
        accountId: '111122223333',
      });
    });

    test('a global bucket name carries no project', () => {
      expect(recogniseResource('//storage.googleapis.com/projects/_/buckets/acme-web')).toEqual({
        cloud: 'gcp',
        type: 'gcs-bucket',
        id: '//storage.googleapis.com/projects/_/buckets/acme-web',
      });
    });

    test('a GCP name carries its project id or number', () => {
      expect(recogniseResource('//pubsub.googleapis.com/projects/acme-prod/topics/deployments')?.project).toBe('acme-prod');
      expect(recogniseResource('//secretmanager.googleapis.com/projects/123456789012/secrets/db-password')?.project).toBe('123456789012');
    });

    test('an Azure id carries its subscription, lower-cased; the id itself is kept as declared', () => {
      const id = `/subscriptions/${AZURE_SUBSCRIPTION.toUpperCase()}/resourcegroups/rg-web/providers/microsoft.containerregistry/registries/AcmeRegistry`;
      expect(recogniseResource(id)).toEqual({ cloud: 'azure', type: 'container-registry', id, subscriptionId: AZURE_SUBSCRIPTION });
    });
  });

  describe('refuses', () => {
    test.each([
      // wildcards, anywhere
      'arn:aws:s3:::acme-*',
      'arn:aws:s3:::acme-web-assets/*',
      'arn:aws:s3:::acme-web-assets/releases/*',
      'arn:aws:s3:::acme-web-assets/rel?ases/',
      'arn:aws:dynamodb:*:111122223333:table/Orders',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/*',
      'arn:aws:sqs:eu-west-1:111122223333:*',
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????',
      'arn:aws:kms:eu-west-1:111122223333:key/*',
      'arn:aws:ecr:eu-west-1:*:repository/team/web-app',
      'arn:aws:lambda:eu-west-1:111122223333:function:resize-images:*',
      'arn:aws:ssm:eu-west-1:111122223333:parameter/web/*',
      '//storage.googleapis.com/projects/_/buckets/acme-*',
      '//run.googleapis.com/projects/acme-prod/locations/europe-west1/services/*',
      `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/*`,
      `${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-bus/queues/job?`,
    ])('the wildcard identifier %s', (id) => {
      expect(recogniseResource(id)).toBeUndefined();
    });

    test.each([
      ['an S3 key prefix not ending in /', 'arn:aws:s3:::acme-web-assets/releases'],
      ['an empty S3 key segment', 'arn:aws:s3:::acme-web-assets/releases//'],
      ['an S3 bucket name in upper case', 'arn:aws:s3:::Acme-Web'],
      ['an S3 bucket name that is too short', 'arn:aws:s3:::ab'],
      ['an S3 ARN with a region and account', 'arn:aws:s3:eu-west-1:111122223333:acme-web-assets'],
      ['an unknown partition', 'arn:aws-moon:s3:::acme-web-assets'],
      ['an account id of 11 digits', 'arn:aws:dynamodb:eu-west-1:11112222333:table/Orders'],
      ['a DynamoDB index name that is too short', 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/by'],
      ['a DynamoDB stream label that is not a time', 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/latest'],
      ['an RDS instance name instead of its resource id', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:orders-db/app'],
      ['an RDS resource id in lower case', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-abcdefghijkl01234/app'],
      ['an RDS dbuser without a user', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL01234'],
      ['an RDS instance ARN', 'arn:aws:rds:eu-west-1:111122223333:db:orders-db'],
      ['a Kinesis consumer', 'arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream/consumer/app:1714560000'],
      ['a state machine version', 'arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment:1'],
      ['a Step Functions execution', 'arn:aws:states:eu-west-1:111122223333:execution:order-fulfilment:run-1'],
      ['a log group ARN with the :* suffix', 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api:*'],
      ['a log stream', 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api:log-stream:task-1'],
      ['an API Gateway method ANY', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/ANY/orders'],
      ['an API Gateway method without a path', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET'],
      ['an API Gateway path parameter template', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/{id}'],
      ['an API Gateway stage with a policy variable', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/${stage}'],
      ['an API Gateway id of the wrong length', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3/prod'],
      ['an SNS subscription', 'arn:aws:sns:eu-west-1:111122223333:deployments:0c8a2c55-3b3c-4bb8-a2a4-8d2c1a3e5f7a'],
      ['a KMS alias', 'arn:aws:kms:eu-west-1:111122223333:alias/app'],
      ['an ECR repository in upper case', 'arn:aws:ecr:eu-west-1:111122223333:repository/Team/App'],
      ['an SSM parameter with an empty segment', 'arn:aws:ssm:eu-west-1:111122223333:parameter//web'],
      ['an uncatalogued type (an IAM user)', 'arn:aws:iam::111122223333:user/deploy'],
      ['surrounding whitespace', ' arn:aws:s3:::acme-web-assets'],
      ['an empty string', ''],
      ['a relative GCP name', 'projects/acme-prod/topics/deployments'],
      ['a gs:// URL', 'gs://acme-web'],
      ['a bucket under a named project', '//storage.googleapis.com/projects/acme-prod/buckets/acme-web'],
      ['a Cloud Storage object', '//storage.googleapis.com/projects/_/buckets/acme-web/objects/index.html'],
      ['a Pub/Sub id starting with goog', '//pubsub.googleapis.com/projects/acme-prod/topics/goog-events'],
      ['a project id in upper case', '//pubsub.googleapis.com/projects/Acme-Prod/topics/deployments'],
      ['a secret version', '//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password/versions/latest'],
      ['a repository id in upper case', '//artifactregistry.googleapis.com/projects/acme-prod/locations/europe-west1/repositories/Images'],
      ['a BigQuery table', '//bigquery.googleapis.com/projects/acme-prod/datasets/analytics_raw/tables/events'],
      ['a key ring', '//cloudkms.googleapis.com/projects/acme-prod/locations/global/keyRings/app'],
      ['a crypto key version', '//cloudkms.googleapis.com/projects/acme-prod/locations/global/keyRings/app/cryptoKeys/data/cryptoKeyVersions/1'],
      ['a subscription that is not a GUID', '/subscriptions/prod/resourceGroups/rg-web/providers/Microsoft.KeyVault/vaults/acme-kv'],
      ['a resource group', `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web`],
      ['a storage account', `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb`],
      ['a container outside blobServices/default', `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/containers/assets`],
      ['a key vault secret version', `${AZURE_RG}/Microsoft.KeyVault/vaults/acme-kv/secrets/db-password/0123456789abcdef`],
      ['a registry name that is too short', `${AZURE_RG}/Microsoft.ContainerRegistry/registries/acme`],
      ['a Service Bus namespace name that is too short', `${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme`],
      ['a queue outside queueServices/default', `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/queues/jobs`],
      ['a Cosmos DB container outside a SQL database', `${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders/containers/order-lines`],
    ])('%s', (_why, id) => {
      expect(recogniseResource(id)).toBeUndefined();
    });
  });
});
