import { identityFormProblem, resourceFormProblem } from '../../lib/manifest/query-subjects';

/** The forms `who-can-reach` and `what-can-reach` accept, from the clouds' documented identifier formats. */

describe('resourceFormProblem', () => {
  test.each([
    // AWS "Identify AWS resources with Amazon Resource Names (ARNs)": region and account may be empty.
    'arn:aws:iam::123456789012:user/johndoe',
    'arn:aws:s3:::my_corporate_bucket/*',
    'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
    'arn:aws-us-gov:sns:us-gov-west-1:123456789012:example-sns-topic-name',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    // GCP "Full resource names": //SERVICE.googleapis.com/RELATIVE_NAME.
    '//storage.googleapis.com/projects/_/buckets/acme-web',
    '//pubsub.googleapis.com/projects/my-project/topics/my-topic',
    // Azure resource ids, which ARM reads case-insensitively.
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb',
    '/subscriptions/0B1C2D3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E/resourcegroups/rg-web',
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  ])('accepts %s', (resource) => {
    expect(resourceFormProblem(resource)).toBeUndefined();
  });

  test.each([
    ['arn:aws:s3:acme-web-assets', '"arn:aws:s3:acme-web-assets" is not a whole ARN: it has six colon-separated parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (region and account may be empty, as in arn:aws:s3:::BUCKET)'],
    ['arn:aws:s3:::', '"arn:aws:s3:::" is not a whole ARN: it has six colon-separated parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (region and account may be empty, as in arn:aws:s3:::BUCKET)'],
    ['storage.googleapis.com/projects/_/buckets/b', '"storage.googleapis.com/projects/_/buckets/b" is not a GCP full resource name: it starts with //SERVICE.googleapis.com/, as in //storage.googleapis.com/projects/_/buckets/BUCKET'],
    ['projects/acme/topics/t', '"projects/acme/topics/t" is not a GCP full resource name: it starts with //SERVICE.googleapis.com/, as in //storage.googleapis.com/projects/_/buckets/BUCKET'],
    ['/subscriptions/acme/resourceGroups/rg', '"/subscriptions/acme/resourceGroups/rg" is not an Azure resource id: it starts with /subscriptions/ and the subscription\'s GUID'],
    ['github:acme/web', '"github:acme/web" is an identity, not a resource: what-can-reach lists what an identity reaches'],
    ['orders', '"orders" is not an ARN (arn:aws:…), a GCP full resource name (//SERVICE.googleapis.com/…) or an Azure resource id (/subscriptions/GUID/…)'],
    ['', '"" is empty'],
    [' arn:aws:s3:::b', '" arn:aws:s3:::b" starts or ends with white space'],
    ['arn:aws:s3:::b\n', '"arn:aws:s3:::b\\n" contains a control character or line break'],
  ])('refuses %j', (resource, message) => {
    expect(resourceFormProblem(resource)).toBe(message);
  });
});

describe('identityFormProblem', () => {
  test.each([
    'github',
    'github:acme/web',
    'github:acme/web:environment:production',
    // GitHub environment names may contain spaces.
    'github:acme/web:environment:Production EU',
    'kubernetes:payments/api@eks:eu-west-1/prod',
    'awsRole:arn:aws:iam::444455556666:role/reporting/cost-reporter',
    'web-deploy',
  ])('accepts %s', (selector) => {
    expect(identityFormProblem(selector)).toBeUndefined();
  });

  const KINDS = 'github, gitlab, kubernetes, terraformCloud, spiffe, oidc, awsRole, gcpServiceAccount, azureManagedIdentity';
  test.each([
    ['gihub:acme/web', `"gihub:acme/web" starts with the unknown identity kind "gihub" (did you mean "github"?): labels start with one of ${KINDS}`],
    ['GitHub:acme/web', `"GitHub:acme/web" starts with the unknown identity kind "GitHub" (did you mean "github"?): labels start with one of ${KINDS}`],
    ['k8s:payments/api', `"k8s:payments/api" starts with the unknown identity kind "k8s": labels start with one of ${KINDS}`],
    ['arn:aws:s3:::acme-web-assets', '"arn:aws:s3:::acme-web-assets" is a resource, not an identity: who-can-reach lists who reaches a resource'],
    ['Web Deploy', '"Web Deploy" is neither an identity label (KIND:…, e.g. github:acme/web) nor a workload name (2 to 40 lowercase letters, digits or hyphens, starting with a letter)'],
    ['github:acme/web ', '"github:acme/web " starts or ends with white space'],
    ['', '"" is empty'],
  ])('refuses %j', (selector, message) => {
    expect(identityFormProblem(selector)).toBe(message);
  });
});
