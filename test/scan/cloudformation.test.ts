import type { Finding } from '../../lib/rules/rule';
import { scanCloudFormationTemplate } from '../../lib/scan/scan';

/**
 * CloudFormation as users write it, judged by scanCloudFormationTemplate: both branches of Fn::If, each allowed value
 * of a parameter, resources of the same template, and values that cannot be read (WIAM-SCAN-001). Condition keys,
 * operators and the ARN formats follow the IAM and CloudFormation references; the ids are made up.
 */

const GITHUB = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${GITHUB}`;
const TRUST = 'template.json#Resources.Deploy.Properties.AssumeRolePolicyDocument';
const IDS = { [`${GITHUB}:repository_owner_id`]: '90125', [`${GITHUB}:repository_id`]: '74119' };

const statement = (condition: unknown, principal: unknown = { Federated: PROVIDER }) => ({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: principal, Condition: condition });
const exact = (sub: unknown) => statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub, ...IDS } });
const PRODUCTION = exact('repo:octo-org/web:environment:production');
const ORG_WIDE = statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:octo-org/*' } });

/** A template with one role `Deploy`, its trust policy and extra template sections or resources. */
function template(trust: unknown, extra: Record<string, unknown> = {}, resources: Record<string, unknown> = {}, role: Record<string, unknown> = {}) {
  return {
    ...extra,
    Resources: { Deploy: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ...role } }, ...resources },
  };
}

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);
const errorsOf = (...args: Parameters<typeof template>) => errors(scanCloudFormationTemplate(template(...args)));
const CONDITIONS = { Conditions: { Open: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } } };

describe('Fn::If: each branch is a possible template', () => {
  test('at statement level: the org-wide branch is refused, at the index it is written at', () => {
    const trust = { Statement: [PRODUCTION, { 'Fn::If': ['Open', ORG_WIDE, { Ref: 'AWS::NoValue' }] }] };
    expect(errorsOf(trust, CONDITIONS)).toEqual([`WIAM-TRUST-006 ${TRUST}.Statement[1]`]);
  });

  test('an AWS::NoValue statement before another keeps the other one\'s path', () => {
    const trust = { Statement: [{ 'Fn::If': ['Open', PRODUCTION, { Ref: 'AWS::NoValue' }] }, ORG_WIDE] };
    expect(errorsOf(trust, CONDITIONS)).toEqual([`WIAM-TRUST-006 ${TRUST}.Statement[1]`]);
  });

  test('at document level and at property level', () => {
    const document = { 'Fn::If': ['Open', { Statement: [ORG_WIDE] }, { Statement: [PRODUCTION] }] };
    expect(errorsOf(document, CONDITIONS)).toEqual([`WIAM-TRUST-006 ${TRUST}.Statement[0]`]);
    const property = { Statement: [exact({ 'Fn::If': ['Open', 'repo:octo-org/web:pull_request', 'repo:octo-org/web:environment:production'] })] };
    expect(errorsOf(property, CONDITIONS)).toEqual([`WIAM-GH-001 ${TRUST}.Statement[0]`]);
  });

  test('safe neighbour: both branches pin one environment of one repository', () => {
    const document = { 'Fn::If': ['Open', { Statement: [PRODUCTION] }, { Statement: [exact('repo:octo-org/web:environment:staging')] }] };
    expect(errorsOf(document, CONDITIONS)).toEqual([]);
  });

  test('a policy attached only when a condition holds is still the role\'s', () => {
    const policy = {
      Type: 'AWS::IAM::Policy',
      Properties: { Roles: [{ 'Fn::If': ['Open', { Ref: 'Deploy' }, { Ref: 'AWS::NoValue' }] }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    };
    expect(errorsOf({ Statement: [PRODUCTION] }, CONDITIONS, { Admin: policy })).toEqual([
      'WIAM-PERM-001 template.json#Resources.Admin.Properties.PolicyDocument.Statement[0]',
      'WIAM-PERM-002 template.json#Resources.Admin.Properties.PolicyDocument.Statement[0]',
    ]);
  });
});

describe('parameters', () => {
  const branchParameter = (declared: Record<string, unknown>) => ({ Parameters: { Branch: { Type: 'String', ...declared } } });
  const onBranch = { Statement: [exact({ 'Fn::Sub': 'repo:octo-org/web:ref:refs/heads/${Branch}' })] };
  const likeBranch = { Statement: [statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', ...IDS }, StringLike: { [`${GITHUB}:sub`]: { 'Fn::Sub': 'repo:octo-org/web:ref:refs/heads/${Branch}' } } })] };

  test('AllowedValues: each value is judged and the worst wins', () => {
    expect(errorsOf(likeBranch, branchParameter({ AllowedValues: ['main', '*'] }))).toEqual([`WIAM-REF-001 ${TRUST}.Statement[0]`]);
  });

  test('safe neighbour: every allowed value is one branch', () => {
    expect(errorsOf(likeBranch, branchParameter({ AllowedValues: ['main', 'release'] }))).toEqual([]);
    expect(errorsOf(onBranch, branchParameter({ AllowedValues: ['main', 'release'] }))).toEqual([]);
  });

  test('a Default without AllowedValues is one value of many: the deployer may pass any', () => {
    expect(errorsOf(onBranch, branchParameter({ Default: 'main' }))).toEqual([`WIAM-REF-001 ${TRUST}.Statement[0]`]);
  });
});

describe('resources of the same template, and values that cannot be read', () => {
  const withPolicy = (policy: Record<string, unknown>, role: Record<string, unknown> = {}) =>
    errorsOf({ Statement: [PRODUCTION] }, { Parameters: { BucketArn: { Type: 'String' } } }, { Site: { Type: 'AWS::S3::Bucket' } }, {
      Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', ...policy }] } }],
      ...role,
    });

  test('a GetAtt of a bucket in the template is that bucket, never "*"', () => {
    expect(withPolicy({ Action: 's3:GetObject', Resource: [{ 'Fn::GetAtt': ['Site', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] }] })).toEqual([]);
    expect(withPolicy({ Action: 's3:GetObject', Resource: { Ref: 'Site' } })).toEqual([]);
  });

  test('a resource from a parameter or an import may be "*"', () => {
    const path = 'template.json#Resources.Deploy.Properties.Policies[0].PolicyDocument.Statement[0]';
    expect(withPolicy({ Action: 's3:GetObject', Resource: { Ref: 'BucketArn' } })).toEqual([`WIAM-SCAN-001 ${path}`]);
    expect(withPolicy({ Action: 's3:GetObject', Resource: { 'Fn::ImportValue': 'shared-bucket' } })).toEqual([`WIAM-SCAN-001 ${path}`]);
  });

  test('a managed policy from an import may be AdministratorAccess', () => {
    expect(withPolicy({ Action: 's3:GetObject', Resource: { Ref: 'Site' } }, { ManagedPolicyArns: [{ 'Fn::ImportValue': 'shared-policy' }] })).toEqual([
      'WIAM-SCAN-001 template.json#Resources.Deploy.Properties.ManagedPolicyArns[0]',
    ]);
  });

  test('a policy attached to a role named by a parameter may be attached to this role', () => {
    const admin = { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: 'RoleName' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } } };
    const found = errorsOf({ Statement: [PRODUCTION] }, { Parameters: { RoleName: { Type: 'String' } } }, { Admin: admin });
    expect(found).toContain('WIAM-PERM-002 template.json#Resources.Admin.Properties.PolicyDocument.Statement[0]');
    // Safe neighbour: a policy attached to another role of the template is not this role's.
    const other = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
    const elsewhere = { ...admin, Properties: { ...admin.Properties, Roles: [{ Ref: 'Other' }] } };
    expect(errorsOf({ Statement: [PRODUCTION] }, {}, { Admin: elsewhere, Other: other })).toEqual([]);
  });

  test('a trust policy that is an import may admit anyone; a service role is still not judged', () => {
    expect(errorsOf({ 'Fn::ImportValue': 'shared-trust' })).toEqual([`WIAM-SCAN-001 ${TRUST}`]);
    expect(errorsOf({ Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] })).toEqual([]);
  });
});

describe('IAM condition semantics', () => {
  test('condition key names are case-insensitive: :Sub is :sub', () => {
    const mixed = statement({ StringEquals: { [`${GITHUB}:Aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB.toUpperCase()}:Sub`]: 'repo:octo-org/*' } });
    expect(errorsOf({ Statement: [mixed] })).toEqual([`WIAM-TRUST-006 ${TRUST}.Statement[0]`]);
    // Safe neighbour: an exact subject under a mixed-case key is a subject condition.
    const exactMixed = statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:Sub`]: 'repo:octo-org/web:environment:production', ...IDS } });
    expect(errorsOf({ Statement: [exactMixed] })).toEqual([]);
  });

  test('StringEqualsIgnoreCase on the subject admits refs/heads/MAIN (WIAM-OP-004)', () => {
    const ignoring = statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', ...IDS }, StringEqualsIgnoreCase: { [`${GITHUB}:sub`]: 'repo:octo-org/web:ref:refs/heads/main' } });
    expect(errorsOf({ Statement: [ignoring] })).toEqual([`WIAM-OP-004 ${TRUST}.Statement[0]`]);
  });

  test('Principal AWS "*" restricted to one organization or account with StringEquals is not any principal', () => {
    const anyAws = (condition: unknown) => errorsOf({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: condition }] });
    expect(anyAws({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toEqual([]);
    expect(anyAws({ StringEquals: { 'aws:principalaccount': '111122223333' } })).toEqual([]);
    // Attacks: a pattern, an IfExists, or a key that does not name the caller.
    expect(anyAws({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).toEqual([`WIAM-TRUST-001 ${TRUST}.Statement[0]`]);
    expect(anyAws({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toContain(`WIAM-TRUST-001 ${TRUST}.Statement[0]`);
    expect(anyAws({ StringEquals: { 'aws:SourceAccount': '111122223333' } })).toEqual([`WIAM-TRUST-001 ${TRUST}.Statement[0]`]);
    expect(anyAws(undefined)).toEqual([`WIAM-TRUST-001 ${TRUST}.Statement[0]`]);
  });

  test('Allow with NotPrincipal admits everyone it does not name', () => {
    const notPrincipal = { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } };
    expect(errorsOf({ Statement: [notPrincipal] })).toEqual([`WIAM-TRUST-001 ${TRUST}.Statement[0]`]);
  });
});
