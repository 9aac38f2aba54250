import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceExportsOf } from '../../lib/scan/cloudformation-exports';
import { scanCloudFormationTemplate, scanPath } from '../../lib/scan/scan';

/**
 * A CDK cross-stack reference is an `Fn::ImportValue` of an export of another stack (`Outputs.<id>.Export.Name`).
 * When the templates scanned together export a resource of theirs under that name, the import is that one resource,
 * as a `Ref` within one template is; an import of anything else may be "*".
 */

const GITHUB = 'token.actions.githubusercontent.com';
const PULL_REQUEST_ROLE = {
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/web:pull_request', [`${GITHUB}:repository_owner_id`]: '65', [`${GITHUB}:repository_id`]: '74' } },
      }],
    },
  },
};

/** The web stack: the role reads whatever `Fn::ImportValue: <name>` names. */
const webStack = (name: string) => ({
  Resources: {
    Preview: PULL_REQUEST_ROLE,
    PreviewPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: 'read', Roles: [{ Ref: 'Preview' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::ImportValue': name } }] } },
    },
  },
});

/** The storage stack, exporting its bucket's ARN (as CDK names cross-stack exports) and a parameter's value. */
const STORAGE_STACK = {
  Parameters: { Anything: { Type: 'String' } },
  Resources: { Previews: { Type: 'AWS::S3::Bucket' }, Notifier: { Type: 'Custom::Notifier' } },
  Outputs: {
    BucketArn: { Value: { 'Fn::GetAtt': ['Previews', 'Arn'] }, Export: { Name: 'Storage:ExportsOutputFnGetAttPreviewsArn' } },
    BucketName: { Value: { Ref: 'Previews' }, Export: { Name: 'Storage:ExportsOutputRefPreviews' } },
    Chosen: { Value: { Ref: 'Anything' }, Export: { Name: 'Storage:Chosen' } },
    Custom: { Value: { 'Fn::GetAtt': ['Notifier', 'Arn'] }, Export: { Name: 'Storage:Custom' } },
    NotExported: { Value: { 'Fn::GetAtt': ['Previews', 'Arn'] } },
  },
};

test('the exports that name one resource: Ref or GetAtt of a resource of the template that is not a custom one', () => {
  expect(resourceExportsOf(STORAGE_STACK).sort()).toEqual(['Storage:ExportsOutputFnGetAttPreviewsArn', 'Storage:ExportsOutputRefPreviews']);
  expect(resourceExportsOf({ Resources: {} })).toEqual([]);
});

describe('scanned together', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wiam-scan-exports-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const scanWith = (imported: string) => {
    writeFileSync(join(dir, 'Web.template.json'), JSON.stringify(webStack(imported)));
    writeFileSync(join(dir, 'Storage.template.json'), JSON.stringify(STORAGE_STACK));
    return scanPath(dir).findings.map((f) => `${f.severity} ${f.rule}`);
  };

  test('an import of another template\'s bucket is that bucket: the pull-request role only reads (a warning)', () => {
    expect(scanWith('Storage:ExportsOutputFnGetAttPreviewsArn')).toEqual(['warning WIAM-GH-001']);
  });

  test.each(['Storage:Chosen', 'Storage:Custom', 'Unknown:Export'])('an import of %s may be "*": refused', (name) => {
    expect(scanWith(name)).toEqual(expect.arrayContaining(['error WIAM-SCAN-001']));
  });
});

test('one template given as data, with the exports of the others', () => {
  const errors = (exports?: ReadonlySet<string>) =>
    scanCloudFormationTemplate(webStack('Storage:ExportsOutputRefPreviews'), 'Web.template.json', { exports }).filter((f) => f.severity === 'error').map((f) => f.rule);
  expect(errors(new Set(resourceExportsOf(STORAGE_STACK)))).toEqual([]);
  expect(errors()).toContain('WIAM-SCAN-001');
});
