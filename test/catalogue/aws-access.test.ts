import { accessLevelsOf, awsPermissionFor } from '../../lib/catalogue/access';
import { recogniseResource } from '../../lib/catalogue/recognise';
import type { AwsPermission, ResourceRef } from '../../lib/catalogue/types';

// Expected statements follow the AWS Service Authorization Reference and each service's IAM guide.

function ref(id: string): ResourceRef {
  const recognised = recogniseResource(id);
  if (!recognised) throw new Error(`test identifier not recognised: ${id}`);
  return recognised;
}

const ECR_LOGIN: AwsPermission = {
  actions: ['ecr:GetAuthorizationToken'],
  resources: ['*'],
  resourceWildcardReason: expect.any(String),
};

describe('awsPermissionFor', () => {
  describe('s3-bucket', () => {
    const bucket = ref('arn:aws:s3:::acme-web-assets');

    test('offers read, write and readWrite', () => {
      expect(accessLevelsOf('s3-bucket')).toEqual(['read', 'readWrite', 'write']);
    });

    test('read lists the bucket and gets its objects', () => {
      expect(awsPermissionFor(bucket, 'read')).toEqual([
        { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::acme-web-assets'] },
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::acme-web-assets/*'] },
      ]);
    });

    test('write puts and deletes objects without reading or listing', () => {
      expect(awsPermissionFor(bucket, 'write')).toEqual([
        { actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'], resources: ['arn:aws:s3:::acme-web-assets/*'] },
      ]);
    });

    test('readWrite is one statement for the bucket and one for its objects', () => {
      expect(awsPermissionFor(bucket, 'readWrite')).toEqual([
        { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::acme-web-assets'] },
        {
          actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          resources: ['arn:aws:s3:::acme-web-assets/*'],
        },
      ]);
    });

    test('the partition of the ARN is kept', () => {
      expect(awsPermissionFor(ref('arn:aws-cn:s3:::logs.example.cn'), 'read')?.[1].resources).toEqual(['arn:aws-cn:s3:::logs.example.cn/*']);
    });
  });

  describe('s3-prefix', () => {
    const prefix = ref('arn:aws:s3:::acme-web-assets/releases/web/');
    const listUnderPrefix: AwsPermission = {
      actions: ['s3:ListBucket'],
      resources: ['arn:aws:s3:::acme-web-assets'],
      conditions: { StringLike: { 's3:prefix': ['releases/web/*'] } },
    };

    test('read lists only under the prefix and gets only the objects under it', () => {
      expect(awsPermissionFor(prefix, 'read')).toEqual([
        listUnderPrefix,
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::acme-web-assets/releases/web/*'] },
      ]);
    });

    test('write is limited to the objects under the prefix', () => {
      expect(awsPermissionFor(prefix, 'write')).toEqual([
        { actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'], resources: ['arn:aws:s3:::acme-web-assets/releases/web/*'] },
      ]);
    });

    test('readWrite combines both', () => {
      expect(awsPermissionFor(prefix, 'readWrite')).toEqual([
        listUnderPrefix,
        {
          actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          resources: ['arn:aws:s3:::acme-web-assets/releases/web/*'],
        },
      ]);
    });
  });

  describe('dynamodb-table', () => {
    const table = ref('arn:aws:dynamodb:eu-west-1:111122223333:table/Orders');
    const readItems: AwsPermission = {
      actions: ['dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'],
    };
    const readIndexes: AwsPermission = {
      actions: ['dynamodb:Query', 'dynamodb:Scan'],
      resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/*'],
    };

    test('read reads items of the table and queries its indexes', () => {
      expect(awsPermissionFor(table, 'read')).toEqual([readItems, readIndexes]);
    });

    test('write writes items of the table only', () => {
      expect(awsPermissionFor(table, 'write')).toEqual([
        {
          actions: ['dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'],
        },
      ]);
    });

    test('readWrite merges the table statements', () => {
      expect(awsPermissionFor(table, 'readWrite')).toEqual([
        {
          actions: [
            'dynamodb:BatchGetItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:DeleteItem',
            'dynamodb:DescribeTable',
            'dynamodb:GetItem',
            'dynamodb:PutItem',
            'dynamodb:Query',
            'dynamodb:Scan',
            'dynamodb:UpdateItem',
          ],
          resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/Orders'],
        },
        readIndexes,
      ]);
    });
  });

  describe('sqs-queue', () => {
    const queue = ref('arn:aws:sqs:eu-west-1:111122223333:jobs');

    test('offers publish and consume', () => {
      expect(accessLevelsOf('sqs-queue')).toEqual(['consume', 'publish']);
    });

    test('publish sends messages', () => {
      expect(awsPermissionFor(queue, 'publish')).toEqual([
        { actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] },
      ]);
    });

    test('consume receives, extends and deletes messages', () => {
      expect(awsPermissionFor(queue, 'consume')).toEqual([
        {
          actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
          resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'],
        },
      ]);
    });
  });

  test('sns-topic: publish publishes to the topic', () => {
    expect(accessLevelsOf('sns-topic')).toEqual(['publish']);
    expect(awsPermissionFor(ref('arn:aws:sns:eu-west-1:111122223333:deployments'), 'publish')).toEqual([
      { actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:111122223333:deployments'] },
    ]);
  });

  describe('secretsmanager-secret', () => {
    test('offers read only', () => {
      expect(accessLevelsOf('secretsmanager-secret')).toEqual(['read']);
    });

    test('a complete ARN is granted exactly', () => {
      expect(awsPermissionFor(ref('arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-AbC123'), 'read')).toEqual([
        {
          actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          resources: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-AbC123'],
        },
      ]);
    });

    // AWS: match a secret by name with `-??????`, which stands for the six-character suffix and nothing longer.
    test('a name without the random suffix is matched through exactly six wildcard characters', () => {
      expect(awsPermissionFor(ref('arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db'), 'read')).toEqual([
        {
          actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          resources: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????'],
        },
      ]);
    });
  });

  describe('kms-key', () => {
    const key = ref('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const keyArn = ['arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'];

    test('offers decrypt, encrypt and encryptDecrypt', () => {
      expect(accessLevelsOf('kms-key')).toEqual(['decrypt', 'encrypt', 'encryptDecrypt']);
    });

    test('decrypt', () => {
      expect(awsPermissionFor(key, 'decrypt')).toEqual([{ actions: ['kms:Decrypt'], resources: keyArn }]);
    });

    test('encrypt includes data keys for envelope encryption', () => {
      expect(awsPermissionFor(key, 'encrypt')).toEqual([{ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: keyArn }]);
    });

    test('encryptDecrypt', () => {
      expect(awsPermissionFor(key, 'encryptDecrypt')).toEqual([{ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: keyArn }]);
    });
  });

  describe('ecr-repository', () => {
    const repository = ref('arn:aws:ecr:eu-west-1:111122223333:repository/team/web-app');
    const repositoryArn = ['arn:aws:ecr:eu-west-1:111122223333:repository/team/web-app'];

    test('pull downloads images, with the registry login as its own flagged statement', () => {
      expect(awsPermissionFor(repository, 'pull')).toEqual([
        ECR_LOGIN,
        { actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: repositoryArn },
      ]);
    });

    test('push uploads layers and images (the set AWS documents for pushing to one repository)', () => {
      expect(awsPermissionFor(repository, 'push')).toEqual([
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
          resources: repositoryArn,
        },
      ]);
    });
  });

  test('lambda-function: invoke invokes exactly the declared function, version or alias', () => {
    expect(accessLevelsOf('lambda-function')).toEqual(['invoke', 'invokeUrl']);
    expect(awsPermissionFor(ref('arn:aws:lambda:eu-west-1:111122223333:function:resize-images:live'), 'invoke')).toEqual([
      { actions: ['lambda:InvokeFunction'], resources: ['arn:aws:lambda:eu-west-1:111122223333:function:resize-images:live'] },
    ]);
  });

  describe('ssm-parameter', () => {
    const parameter = ref('arn:aws:ssm:eu-west-1:111122223333:parameter/web/prod/image-tag');
    const parameterArn = ['arn:aws:ssm:eu-west-1:111122223333:parameter/web/prod/image-tag'];

    test('read gets the parameter', () => {
      expect(awsPermissionFor(parameter, 'read')).toEqual([{ actions: ['ssm:GetParameter', 'ssm:GetParameters'], resources: parameterArn }]);
    });

    test('write puts the parameter', () => {
      expect(awsPermissionFor(parameter, 'write')).toEqual([{ actions: ['ssm:PutParameter'], resources: parameterArn }]);
    });

    test('readWrite', () => {
      expect(awsPermissionFor(parameter, 'readWrite')).toEqual([
        { actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter'], resources: parameterArn },
      ]);
    });
  });

  describe('refusals', () => {
    const bucket = ref('arn:aws:s3:::acme-web-assets');

    test.each(['admin', 'invoke', 'Read', '', 'constructor', 'toString', '__proto__'])('an unknown access level %j gives undefined', (access) => {
      expect(awsPermissionFor(bucket, access)).toBeUndefined();
    });

    test('a resource of another cloud is a programming error', () => {
      expect(() => awsPermissionFor(ref('//storage.googleapis.com/projects/_/buckets/acme-web'), 'read')).toThrow(/not a catalogued aws resource type/);
    });

    test('a ref whose id contradicts its type is a programming error', () => {
      expect(() => awsPermissionFor({ cloud: 'aws', type: 's3-bucket', id: 'arn:aws:s3:::acme/prefix/' }, 'read')).toThrow(/not a s3-bucket identifier/);
    });
  });
});
