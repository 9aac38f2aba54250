import { scanCloudFormationTemplate } from '../../../lib/scan/scan';
import { AWS_ACCOUNT, GITHUB, GITHUB_IDS, awsTrust, keys, type RuleCaseTable } from '../inputs';

/** What only foreign trust shows: values scan cannot read (WIAM-SCAN-001) and case-insensitive comparisons (WIAM-OP-004). */

const PRODUCTION = 'repo:octo-org/octo-repo:environment:production';
const PROVIDER_ARN = `arn:aws:iam::${AWS_ACCOUNT}:oidc-provider/${GITHUB}`;
const EXACT = { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', sub: PRODUCTION, ...GITHUB_IDS }) };

/** A template with one GitHub role: its principal and condition, and one inline policy statement. */
function template(principal: unknown, condition: unknown, statement: Record<string, unknown>) {
  return {
    Parameters: { Provider: { Type: 'String' }, Actions: { Type: 'CommaDelimitedList' } },
    Resources: {
      Site: { Type: 'AWS::S3::Bucket' },
      Deploy: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: principal, Condition: condition }] },
          Policies: [{ PolicyName: 'deploy', PolicyDocument: { Statement: [{ Effect: 'Allow', ...statement }] } }],
        },
      },
    },
  };
}

const PUT_SITE = { Action: 's3:PutObject', Resource: { 'Fn::Sub': '${Site.Arn}/*' } };
const scanned = (principal: unknown, condition: unknown, statement: Record<string, unknown> = PUT_SITE) => () =>
  scanCloudFormationTemplate(template(principal, condition, statement));

export const SCAN_CASES: RuleCaseTable = {
  'WIAM-SCAN-001': {
    nonCompliant: [
      {
        // No condition key names the provider either: it may be any OIDC provider.
        input: 'Federated principal from a parameter, condition keys that name no provider',
        findings: scanned({ Federated: { Ref: 'Provider' } }, { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
        severity: 'error',
        message: 'the federated provider is ${Provider}, which scan cannot read',
        finding: { path: 'template.json#Resources.Deploy.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Federated', resource: 'Deploy' },
      },
      {
        input: 'the whole Principal from a parameter',
        findings: scanned({ Ref: 'Provider' }, EXACT),
        severity: 'error',
        message: 'it may be "*", any principal',
      },
      {
        input: 'actions from a list parameter',
        findings: scanned({ Federated: PROVIDER_ARN }, EXACT, { Action: { Ref: 'Actions' }, Resource: '*' }),
        severity: 'error',
        message: 'the Action is ${Actions}, which scan cannot read',
      },
      {
        input: 'a condition block that is an import',
        findings: scanned({ Federated: PROVIDER_ARN }, { 'Fn::ImportValue': 'shared-condition' }),
        severity: 'error',
        message: 'the condition is ${Fn::ImportValue}',
      },
    ],
    compliant: [
      { input: 'literal provider, exact condition, a bucket of the template as the resource', findings: scanned({ Federated: PROVIDER_ARN }, EXACT) },
      {
        input: 'provider ARN from a parameter, the condition keys name the provider',
        findings: scanned({ Federated: { Ref: 'Provider' } }, EXACT),
      },
    ],
  },
  'WIAM-OP-004': {
    nonCompliant: [
      {
        // refs/heads/MAIN is another branch than refs/heads/main, and anyone who can push a branch can create it.
        input: 'StringEqualsIgnoreCase sub "…:ref:refs/heads/main"',
        findings: () =>
          awsTrust(GITHUB, {
            StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }),
            StringEqualsIgnoreCase: keys(GITHUB, { sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' }),
          }),
        severity: 'error',
        message: 'ignores case',
      },
      {
        input: 'StringEqualsIgnoreCase on a mixed-case key name (:Environment)',
        findings: () =>
          awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', sub: PRODUCTION, ...GITHUB_IDS }), StringEqualsIgnoreCase: { [`${GITHUB}:Environment`]: 'production' } }),
        severity: 'error',
        message: 'ignores case',
      },
    ],
    compliant: [
      { input: 'StringEquals sub', findings: () => awsTrust(GITHUB, EXACT) },
      {
        input: 'StringEqualsIgnoreCase on numeric ids (digits have no case)',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', sub: PRODUCTION }), StringEqualsIgnoreCase: keys(GITHUB, GITHUB_IDS) }),
      },
      {
        input: 'StringEqualsIgnoreCase on the audience',
        findings: () => awsTrust(GITHUB, { StringEquals: keys(GITHUB, { sub: PRODUCTION, ...GITHUB_IDS }), StringEqualsIgnoreCase: keys(GITHUB, { aud: 'sts.amazonaws.com' }) }),
      },
    ],
  },
};
