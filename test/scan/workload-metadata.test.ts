import { readCloudFormationTemplate } from '../../lib/scan/cloudformation';
import { scanCloudFormationTemplate } from '../../lib/scan/scan';

/**
 * A role's `Metadata: { workload-iam: { workload, acknowledge } }` (what the aws-cdk engine and
 * WorkloadIdentityChecks.acknowledge write): findings name the workload, acknowledgeable rules are acknowledged,
 * others are refused as a declaration's acknowledgement would be (WIAM-ACK-001).
 */

const GITHUB = 'token.actions.githubusercontent.com';
const trust = (sub: string) => ({
  Statement: [{
    Effect: 'Allow',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
    Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub, [`${GITHUB}:repository_owner_id`]: '90125', [`${GITHUB}:repository_id`]: '74119' } },
  }],
});
const REASON = 'reviewed with the platform team on 2026-11-30';

function template(sub: string, statement: Record<string, unknown>, metadata?: unknown) {
  return {
    Resources: {
      Deploy: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust(sub), Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', ...statement }] } }] },
        ...(metadata !== undefined ? { Metadata: { 'workload-iam': metadata, 'aws:cdk:path': 'App/Deploy/Resource' } } : {}),
      },
    },
  };
}
const ENVIRONMENT = 'repo:octo-org/web:environment:production';
const ANY_OBJECT = { Action: 's3:GetObject', Resource: '*' };
const line = (f: { rule: string; severity: string; workload?: string; path: string; acknowledged?: string }) =>
  `${f.severity} ${f.rule} ${f.workload ?? '-'} ${f.path}${f.acknowledged !== undefined ? ` acknowledged: ${f.acknowledged}` : ''}`;

test('without metadata: the finding blocks and names no workload', () => {
  expect(scanCloudFormationTemplate(template(ENVIRONMENT, ANY_OBJECT)).map(line)).toEqual([
    'error WIAM-PERM-001 - template.json#Resources.Deploy.Properties.Policies[0].PolicyDocument.Statement[0]',
  ]);
});

test('an acknowledgeable rule acknowledged in the metadata is recorded with its reason, on the workload named there', () => {
  const found = scanCloudFormationTemplate(template(ENVIRONMENT, ANY_OBJECT, { workload: 'web-deploy', acknowledge: [{ rule: 'WIAM-PERM-001', reason: REASON }] }));
  expect(found.map(line)).toEqual([`error WIAM-PERM-001 web-deploy template.json#Resources.Deploy.Properties.Policies[0].PolicyDocument.Statement[0] acknowledged: ${REASON}`]);
});

test('an acknowledgement of another rule excuses nothing', () => {
  const found = scanCloudFormationTemplate(template(ENVIRONMENT, ANY_OBJECT, { acknowledge: [{ rule: 'WIAM-SESSION-001', reason: REASON }] }));
  expect(found.map(line)).toEqual(['error WIAM-PERM-001 - template.json#Resources.Deploy.Properties.Policies[0].PolicyDocument.Statement[0]']);
});

test('a rule that cannot be acknowledged stays an error, and the acknowledgement is refused where it is written', () => {
  const found = scanCloudFormationTemplate(template('repo:octo-org/web:pull_request', { Action: 's3:PutObject', Resource: 'arn:aws:s3:::octo-site/*' }, {
    workload: 'web-preview',
    acknowledge: [{ rule: 'WIAM-GH-001', reason: REASON }],
  }));
  expect(found.map(line)).toEqual([
    'error WIAM-ACK-001 - template.json#Resources.Deploy.Metadata.workload-iam.acknowledge[0]',
    'error WIAM-GH-001 web-preview template.json#Resources.Deploy.Properties.AssumeRolePolicyDocument.Statement[0]',
  ]);
});

test('malformed metadata acknowledges nothing and is a `path: message` problem', () => {
  const reading = readCloudFormationTemplate(template(ENVIRONMENT, ANY_OBJECT, { workload: 'Web Deploy', acknowlege: [{ rule: 'WIAM-PERM-001', reason: REASON }] }), 'stack.json');
  expect(reading.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
    expect.stringMatching(/^stack\.json#Resources\.Deploy\.Metadata\.workload-iam\.workload: name must be 2 to 40 lowercase letters/),
    expect.stringMatching(/^stack\.json#Resources\.Deploy\.Metadata\.workload-iam\.acknowlege: unknown key "acknowlege" \(did you mean "acknowledge"\?\)/),
  ]);
  expect(scanCloudFormationTemplate(template(ENVIRONMENT, ANY_OBJECT, { acknowledge: 'WIAM-PERM-001' })).map(line)).toEqual([
    'error WIAM-PERM-001 - template.json#Resources.Deploy.Properties.Policies[0].PolicyDocument.Statement[0]',
  ]);
});
