import { scanAwsTrustPolicy } from '../../lib/scan/foreign-trust';

/** An AWS trust statement whose Effect cannot be read may be an Allow: only a written Deny admits nothing. */

const GITHUB = 'token.actions.githubusercontent.com';
const policy = (effect: unknown) => ({
  Statement: [
    {
      Effect: effect,
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
      Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:octo-org/*' } },
    },
  ],
});
const rules = (effect: unknown) => scanAwsTrustPolicy(policy(effect)).filter((f) => f.severity === 'error').map((f) => f.rule);

test.each([
  ['Allow', 'Allow'],
  ['a CloudFormation Ref', { Ref: 'Effect' }],
  ['a CloudFormation Fn::If', { 'Fn::If': ['IsOpen', 'Allow', 'Deny'] }],
  ['a Terraform interpolation', '${var.effect}'],
])('an org-wide subject under an Effect that is %s is refused', (_, effect) => {
  expect(rules(effect)).toEqual(['WIAM-TRUST-006']);
});

test('safe neighbour: a written Deny admits nothing', () => {
  expect(scanAwsTrustPolicy(policy('Deny'))).toEqual([]);
});
