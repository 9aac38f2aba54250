import type { Finding } from '../../lib/rules/rule';
import { scanCloudFormationTemplate } from '../../lib/scan/scan';
import { readTerraformModule } from '../../lib/scan/terraform-module';

/**
 * Whether a scanned role writes is read from what the template grants it: its inline policies, the policies of the
 * template attached to it and its managed policies. Pull-request trust (WIAM-GH-001) is where that decides between
 * an error and a warning. Actions and their access levels follow AWS's service authorization reference; the
 * read and write action lists are those aws-cdk-lib's `bucket.grantRead` and `bucket.grantWrite` write.
 */

const GITHUB = 'token.actions.githubusercontent.com';
const PULL_REQUEST_TRUST = {
  Statement: [{
    Effect: 'Allow',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
    Condition: {
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:octo-org/web:pull_request',
        [`${GITHUB}:repository_owner_id`]: '90125',
        [`${GITHUB}:repository_id`]: '74119',
      },
    },
  }],
};
const TRUST_PATH = 'template.json#Resources.Preview.Properties.AssumeRolePolicyDocument.Statement[0]';
const BUCKET = [{ 'Fn::GetAtt': ['Site', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] }];
const GRANT_READ = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
const GRANT_WRITE = ['s3:DeleteObject*', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*'];
const allow = (Action: unknown, Resource: unknown = BUCKET) => ({ Effect: 'Allow', Action, Resource });

function scanRole(role: Record<string, unknown>, resources: Record<string, unknown> = {}): Finding[] {
  return scanCloudFormationTemplate({
    Resources: { Preview: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: PULL_REQUEST_TRUST, ...role } }, Site: { Type: 'AWS::S3::Bucket' }, Key: { Type: 'AWS::KMS::Key' }, ...resources },
  });
}

/** The pull-request finding: its severity and message, and every other error. */
function verdict(findings: readonly Finding[]): { pullRequest: string; otherErrors: string[] } {
  const pullRequest = findings.filter((f) => f.rule === 'WIAM-GH-001').map((f) => `${f.severity} ${f.path}: ${f.message}`);
  expect(pullRequest).toHaveLength(1);
  return { pullRequest: pullRequest[0], otherErrors: findings.filter((f) => f.rule !== 'WIAM-GH-001' && f.severity === 'error').map((f) => `${f.rule} ${f.path}`) };
}

const READ_ONLY = { pullRequest: `warning ${TRUST_PATH}: pull_request runs are admitted (read-only access)`, otherErrors: [] };
const writes = (through: string) => ({ pullRequest: `error ${TRUST_PATH}: pull_request runs are admitted, and the access granted changes state (${through})`, otherErrors: [] });
const inline = (...statements: unknown[]) => ({ Policies: [{ PolicyName: 'preview', PolicyDocument: { Statement: statements } }] });
const INLINE_STATEMENT = 'template.json#Resources.Preview.Properties.Policies[0].PolicyDocument.Statement';

describe('inline policies', () => {
  test('a policy that only reads the template\'s bucket: pull requests may read (a warning)', () => {
    expect(verdict(scanRole(inline(allow(GRANT_READ))))).toEqual(READ_ONLY);
    expect(verdict(scanRole(inline(allow(['s3:GetObject', 's3:ListBucket']), allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] }))))).toEqual(READ_ONLY);
  });

  test('a policy that writes: refused, naming the action that writes and where', () => {
    expect(verdict(scanRole(inline(allow(GRANT_READ), allow(GRANT_WRITE))))).toEqual(writes(`s3:DeleteObject* at ${INLINE_STATEMENT}[1]`));
    expect(verdict(scanRole(inline(allow('s3:*'))))).toEqual({
      ...writes(`s3:* at ${INLINE_STATEMENT}[0]`),
      otherErrors: [`WIAM-PERM-001 ${INLINE_STATEMENT}[0]`, `WIAM-PERM-002 ${INLINE_STATEMENT}[0]`],
    });
  });

  test('NotAction allows every other action: a write', () => {
    expect(verdict(scanRole(inline({ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: BUCKET })))).toMatchObject({
      pullRequest: `error ${TRUST_PATH}: pull_request runs are admitted, and the access granted changes state (NotAction at ${INLINE_STATEMENT}[0])`,
    });
  });

  test('a Deny of a write grants nothing; an Effect that cannot be read may be Allow', () => {
    expect(verdict(scanRole(inline(allow(GRANT_READ), { Effect: 'Deny', Action: GRANT_WRITE, Resource: BUCKET })))).toEqual(READ_ONLY);
    const unresolvedEffect = scanRole(inline(allow(GRANT_READ), { Effect: { 'Fn::ImportValue': 'effect' }, Action: GRANT_WRITE, Resource: BUCKET }));
    expect(verdict(unresolvedEffect).pullRequest).toBe(`error ${TRUST_PATH}: pull_request runs are admitted, and the access granted changes state (s3:DeleteObject* at ${INLINE_STATEMENT}[1])`);
  });
});

describe('policies of the template attached to the role', () => {
  const policy = (type: string, attach: Record<string, unknown>, ...statements: unknown[]) => ({
    Type: type,
    Properties: { ...attach, PolicyDocument: { Statement: statements } },
  });

  test.each(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'])('%s attached by Roles: [Ref]: read-only stays a warning, a write is refused', (type) => {
    const path = 'template.json#Resources.Grant.Properties.PolicyDocument.Statement[0]';
    expect(verdict(scanRole({}, { Grant: policy(type, { Roles: [{ Ref: 'Preview' }] }, allow(GRANT_READ)) }))).toEqual(READ_ONLY);
    expect(verdict(scanRole({}, { Grant: policy(type, { Roles: [{ Ref: 'Preview' }] }, allow(GRANT_WRITE)) }))).toEqual(writes(`s3:DeleteObject* at ${path}`));
  });

  test('a policy attached by the role\'s literal name (as CDK grants on an imported role do) is the role\'s', () => {
    const path = 'template.json#Resources.Grant.Properties.PolicyDocument.Statement[0]';
    const grant = { Grant: policy('AWS::IAM::Policy', { Roles: ['wiam-web-preview'] }, allow(GRANT_WRITE)) };
    expect(verdict(scanRole({ RoleName: 'wiam-web-preview' }, grant))).toEqual(writes(`s3:DeleteObject* at ${path}`));
  });

  test('a customer managed policy of the template named in ManagedPolicyArns by Ref is read', () => {
    const path = 'template.json#Resources.Grant.Properties.PolicyDocument.Statement[0]';
    expect(verdict(scanRole({ ManagedPolicyArns: [{ Ref: 'Grant' }] }, { Grant: policy('AWS::IAM::ManagedPolicy', {}, allow(GRANT_READ)) }))).toEqual(READ_ONLY);
    expect(verdict(scanRole({ ManagedPolicyArns: [{ Ref: 'Grant' }] }, { Grant: policy('AWS::IAM::ManagedPolicy', {}, allow(GRANT_WRITE)) }))).toEqual(
      writes(`s3:DeleteObject* at ${path}`),
    );
  });

  test('safe neighbour: a writing policy attached to another role of the template is not this role\'s', () => {
    const other = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
    const found = scanRole(inline(allow(GRANT_READ)), { Other: other, Grant: policy('AWS::IAM::Policy', { Roles: [{ Ref: 'Other' }] }, allow(GRANT_WRITE)) });
    expect(verdict(found)).toEqual(READ_ONLY);
  });
});

describe('what the template does not hold is judged as a write', () => {
  test('an AWS managed policy whose statements are not known here', () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(verdict(scanRole({ ManagedPolicyArns: [arn] })).pullRequest).toBe(
      `error ${TRUST_PATH}: pull_request runs are admitted, and the access granted is unknown (the managed policy ${arn} at template.json#Resources.Preview.Properties.ManagedPolicyArns[0] is not in the template)`,
    );
  });

  test('AdministratorAccess writes', () => {
    const arn = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' };
    expect(verdict(scanRole({ ManagedPolicyArns: [arn] })).pullRequest).toBe(
      `error ${TRUST_PATH}: pull_request runs are admitted, and the access granted changes state (the managed policy arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess at template.json#Resources.Preview.Properties.ManagedPolicyArns[0])`,
    );
  });

  test('an action that cannot be read', () => {
    const found = scanRole(inline(allow({ 'Fn::ImportValue': 'actions' })));
    expect(verdict(found).pullRequest).toMatch(/^error .*: pull_request runs are admitted, and the access granted is unknown \(the Action at .*Statement\[0\] cannot be read\)$/);
  });

  test('a role the template grants nothing gets its permissions elsewhere', () => {
    expect(verdict(scanRole({})).pullRequest).toBe(
      `error ${TRUST_PATH}: pull_request runs are admitted, and the access granted is unknown (nothing here grants it a permission, so its policies are attached elsewhere)`,
    );
  });
});

test('Terraform: the same reading of the role\'s policies', () => {
  const module = (policy: unknown) => [{
    file: 'main.tf.json',
    config: {
      resource: {
        aws_iam_role: { preview: { assume_role_policy: JSON.stringify(PULL_REQUEST_TRUST) } },
        aws_iam_role_policy: { preview: { role: '${aws_iam_role.preview.name}', policy: JSON.stringify(policy) } },
      },
    },
  }];
  const severity = (policy: unknown) => readTerraformModule(module(policy)).resources.map((r) => r.trust.map((view) => view.access));
  expect(severity({ Statement: [allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::acme-previews')] })).toEqual([['read']]);
  expect(severity({ Statement: [allow('s3:PutObject', 'arn:aws:s3:::acme-previews/*')] })).toEqual([['write']]);
});
