/** Real-shaped identifiers of every catalogued resource type, keyed by type. */

export const AZURE_SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const AZURE_RG = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers`;

export const SAMPLE_IDS: Readonly<Record<string, readonly string[]>> = {
  's3-bucket': ['arn:aws:s3:::acme-web-assets', 'arn:aws-cn:s3:::logs.example.cn'],
  's3-prefix': ['arn:aws:s3:::acme-web-assets/releases/', 'arn:aws:s3:::acme-data/year=2024/month=01/'],
  'dynamodb-table': ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'],
  'sqs-queue': ['arn:aws:sqs:eu-west-1:111122223333:jobs', 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs.fifo'],
  'sns-topic': ['arn:aws:sns:eu-west-1:111122223333:deployments'],
  'secretsmanager-secret': [
    'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-AbC123',
    'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db',
  ],
  'kms-key': [
    'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
  ],
  'ecr-repository': ['arn:aws:ecr:eu-west-1:111122223333:repository/team/web-app'],
  'lambda-function': [
    'arn:aws:lambda:eu-west-1:111122223333:function:resize-images',
    'arn:aws:lambda:eu-west-1:111122223333:function:resize-images:live',
  ],
  'ssm-parameter': ['arn:aws:ssm:eu-west-1:111122223333:parameter/web/prod/image-tag'],
  'iam-role': ['arn:aws:iam::111122223333:role/deployer', 'arn:aws:iam::111122223333:role/service-role/ecs/web-task-runtime'],
  'rds-db-user': [
    'arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL01234/app_reader',
    'arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ABCDEFGHIJKL01234/app',
  ],
  'dynamodb-index': ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByCustomer'],
  'dynamodb-stream': ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/stream/2024-05-01T12:00:00.000'],
  'kinesis-stream': ['arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream'],
  'events-event-bus': ['arn:aws:events:eu-west-1:111122223333:event-bus/orders', 'arn:aws:events:eu-west-1:111122223333:event-bus/aws.partner/example.com/123/billing'],
  'states-state-machine': ['arn:aws:states:eu-west-1:111122223333:stateMachine:order-fulfilment'],
  'logs-log-group': ['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web-api'],
  'execute-api-stage': ['arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/$default'],
  'execute-api-method': ['arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/latest'],

  'gcs-bucket': ['//storage.googleapis.com/projects/_/buckets/acme-web'],
  'pubsub-topic': ['//pubsub.googleapis.com/projects/acme-prod/topics/deployments'],
  'pubsub-subscription': ['//pubsub.googleapis.com/projects/acme-prod/subscriptions/deployments-worker'],
  'secretmanager-secret': ['//secretmanager.googleapis.com/projects/123456789012/secrets/db-password'],
  'artifactregistry-repository': ['//artifactregistry.googleapis.com/projects/acme-prod/locations/europe-west1/repositories/images'],
  'bigquery-dataset': ['//bigquery.googleapis.com/projects/acme-prod/datasets/analytics_raw'],
  'cloudrun-service': ['//run.googleapis.com/projects/acme-prod/locations/europe-west1/services/api'],
  'cloudkms-crypto-key': ['//cloudkms.googleapis.com/projects/acme-prod/locations/global/keyRings/app/cryptoKeys/data'],
  'cloudsql-instance': ['//sqladmin.googleapis.com/projects/acme-prod/instances/orders-db'],
  'spanner-database': ['//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger_v2'],
  'firestore-database': ['//firestore.googleapis.com/projects/acme-prod/databases/(default)', '//firestore.googleapis.com/projects/acme-prod/databases/sessions'],
  'cloudfunctions-function': ['//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates'],

  'storage-container': [
    `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`,
    `${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/$web`,
  ],
  'key-vault': [`${AZURE_RG}/Microsoft.KeyVault/vaults/acme-kv`],
  'key-vault-secret': [`${AZURE_RG}/Microsoft.KeyVault/vaults/acme-kv/secrets/db-password`],
  'key-vault-key': [`${AZURE_RG}/Microsoft.KeyVault/vaults/acme-kv/keys/data-key`],
  'container-registry': [`${AZURE_RG}/Microsoft.ContainerRegistry/registries/acmeregistry`],
  'servicebus-queue': [`${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-bus/queues/jobs`],
  'servicebus-topic': [`${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-bus/topics/events`],
  'servicebus-subscription': [`${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-bus/topics/events/subscriptions/audit`],
  'servicebus-namespace': [`${AZURE_RG}/Microsoft.ServiceBus/namespaces/acme-bus`],
  'eventhub': [`${AZURE_RG}/Microsoft.EventHub/namespaces/acme-events/eventhubs/clicks`, `${AZURE_RG}/Microsoft.EventHub/namespaces/acme-events/eventhubs/orders.v2_raw`],
  'eventhubs-namespace': [`${AZURE_RG}/Microsoft.EventHub/namespaces/acme-events`],
  'cosmosdb-account': [`${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders`],
  'cosmosdb-sql-database': [`${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders/sqlDatabases/orders`],
  'cosmosdb-sql-container': [`${AZURE_RG}/Microsoft.DocumentDB/databaseAccounts/acme-orders/sqlDatabases/orders/containers/order-lines`],
  'storage-queue': [`${AZURE_RG}/Microsoft.Storage/storageAccounts/acmeweb/queueServices/default/queues/thumbnails`],
};
