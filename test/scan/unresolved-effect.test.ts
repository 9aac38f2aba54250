import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../lib/rules/rule';
import { scanAwsTrustPolicy } from '../../lib/scan/foreign-trust';
import { scanPath } from '../../lib/scan/scan';

/**
 * An `Effect` the scanner cannot read (a CloudFormation `Ref` to a parameter, an `Fn::If`, a Terraform
 * `${var.effect}`) may be `Allow` when deployed, so the statement is judged as an Allow: its findings still fire.
 * The neighbour: a literal `Deny` (and an `Fn::If` whose branches are both `Deny`) admits nobody and grants
 * nothing, so it yields no finding. The trust below admits every repository of octo-org (StringLike
 * `repo:octo-org/*`), which WIAM-TRUST-006 refuses.
 */

const GITHUB = 'token.actions.githubusercontent.com';
const ORG_WIDE_CONDITION = {
  StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
  StringLike: { [`${GITHUB}:sub`]: 'repo:octo-org/*' },
};

const trustStatement = (effect: unknown) => ({
  Effect: effect,
  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: ORG_WIDE_CONDITION,
});

const errorRules = (findings: readonly Finding[], resource?: string) =>
  findings.filter((f) => f.severity === 'error' && (resource === undefined || f.resource === resource)).map((f) => f.rule);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-unresolved-effect-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scanFile(name: string, content: object) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content, null, 2));
  return scanPath(file);
}

describe('CloudFormation', () => {
  const role = (effect: unknown, policies: object[] = []) => ({
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [trustStatement(effect)] }, Policies: policies },
  });
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { TrustEffect: { Type: 'String' } },
    Conditions: { IsOpen: { 'Fn::Equals': [{ Ref: 'TrustEffect' }, 'open'] } },
    Resources: {
      RefEffectRole: role({ Ref: 'TrustEffect' }),
      IfEffectRole: role({ 'Fn::If': ['IsOpen', 'Allow', 'Deny'] }),
      DenyRole: role('Deny'),
      BothDenyRole: role({ 'Fn::If': ['IsOpen', 'Deny', 'Deny'] }),
    },
  };

  test('a trust statement whose Effect is a Ref to a parameter is judged as an Allow', () => {
    expect(errorRules(scanFile('ref-effect.template.json', template).findings, 'RefEffectRole')).toContain('WIAM-TRUST-006');
  });

  test('a trust statement whose Effect is an Fn::If of Allow and Deny is judged as an Allow', () => {
    expect(errorRules(scanFile('if-effect.template.json', template).findings, 'IfEffectRole')).toContain('WIAM-TRUST-006');
  });

  test('neighbours: a literal Deny, and an Fn::If of Deny and Deny, admit nobody', () => {
    const findings = scanFile('deny-effect.template.json', template).findings;
    expect(findings.filter((f) => f.resource === 'DenyRole' || f.resource === 'BothDenyRole')).toEqual([]);
  });

  test('a permission statement whose Effect is unresolved is judged as an Allow; a Deny grants nothing', () => {
    const exactTrust = {
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:octo-org/web:environment:production',
        [`${GITHUB}:repository_owner_id`]: '1342004',
        [`${GITHUB}:repository_id`]: '74119',
      },
    };
    const withPolicy = (effect: unknown) => ({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ ...trustStatement('Allow'), Condition: exactTrust }] },
        Policies: [{ PolicyName: 'everything', PolicyDocument: { Statement: [{ Effect: effect, Action: '*', Resource: '*' }] } }],
      },
    });
    const result = scanFile('policy-effect.template.json', {
      Parameters: { PolicyEffect: { Type: 'String' } },
      Conditions: { IsAdmin: { 'Fn::Equals': [{ Ref: 'PolicyEffect' }, 'admin'] } },
      Resources: {
        RefPolicyRole: withPolicy({ Ref: 'PolicyEffect' }),
        IfPolicyRole: withPolicy({ 'Fn::If': ['IsAdmin', 'Allow', 'Deny'] }),
        DenyPolicyRole: withPolicy('Deny'),
      },
    });
    expect(errorRules(result.findings, 'RefPolicyRole')).toContain('WIAM-PERM-001');
    expect(errorRules(result.findings, 'IfPolicyRole')).toContain('WIAM-PERM-001');
    expect(result.findings.filter((f) => f.resource === 'DenyPolicyRole')).toEqual([]);
  });
});

describe('Terraform JSON', () => {
  const config = (effect: string) => ({
    variable: { effect: { type: 'string' } },
    data: {
      aws_iam_policy_document: {
        trust: {
          statement: [
            {
              effect,
              actions: ['sts:AssumeRoleWithWebIdentity'],
              principals: [{ type: 'Federated', identifiers: ['${aws_iam_openid_connect_provider.github.arn}'] }],
              condition: [
                { test: 'StringEquals', variable: `${GITHUB}:aud`, values: ['sts.amazonaws.com'] },
                { test: 'StringLike', variable: `${GITHUB}:sub`, values: ['repo:octo-org/*'] },
              ],
            },
          ],
        },
      },
    },
    resource: {
      aws_iam_openid_connect_provider: { github: { url: `https://${GITHUB}`, client_id_list: ['sts.amazonaws.com'] } },
      aws_iam_role: {
        document: { name: 'document', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' },
        text: { name: 'text', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [trustStatement(effect)] }) },
      },
    },
  });

  test('effect = var.effect, in a policy document data source and in JSON text, is judged as an Allow', () => {
    const findings = scanFile('variable-effect.tf.json', config('${var.effect}')).findings;
    expect(errorRules(findings, 'aws_iam_role.document')).toContain('WIAM-TRUST-006');
    expect(errorRules(findings, 'aws_iam_role.text')).toContain('WIAM-TRUST-006');
  });

  test('neighbour: effect = "Deny" admits nobody', () => {
    expect(scanFile('deny-effect.tf.json', config('Deny')).findings).toEqual([]);
  });
});

describe('scanAwsTrustPolicy on a policy as written in a template', () => {
  test.each([
    ['a CloudFormation Ref', { Ref: 'TrustEffect' }],
    ['a CloudFormation Fn::If', { 'Fn::If': ['IsOpen', 'Allow', 'Deny'] }],
    ['a Terraform interpolation', '${var.effect}'],
  ])('an Effect that is %s is judged as an Allow', (_what, effect) => {
    expect(errorRules(scanAwsTrustPolicy({ Statement: [trustStatement(effect)] }))).toContain('WIAM-TRUST-006');
  });

  test('neighbours: Allow is judged, Deny admits nobody', () => {
    expect(errorRules(scanAwsTrustPolicy({ Statement: [trustStatement('Allow')] }))).toContain('WIAM-TRUST-006');
    expect(scanAwsTrustPolicy({ Statement: [trustStatement('Deny')] })).toEqual([]);
  });
});
