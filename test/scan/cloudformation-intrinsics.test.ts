import { resolveIntrinsics, type TemplateScope } from '../../lib/scan/cloudformation-intrinsics';
import { readable } from '../../lib/scan/unresolved';

const SCOPE: TemplateScope = {
  resources: {
    GitHubOidc: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
    CdkProvider: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { Url: { 'Fn::Sub': 'https://gitlab.${Domain}' } } },
    LoopingProvider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::GetAtt': ['LoopingProvider', 'Arn'] } } },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
  mappings: { Owners: { production: { Id: '1342004' } } },
};

/** Resolved, with placeholders shown as written. */
const resolve = (value: unknown) => JSON.parse(JSON.stringify(resolveIntrinsics(value, SCOPE), (_, v) => (typeof v === 'string' ? readable(v) : v)));

describe('resolveIntrinsics', () => {
  test('Ref and GetAtt of an OIDC provider in the template give its ARN, naming the issuer host', () => {
    expect(resolve({ Ref: 'GitHubOidc' })).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com');
    expect(resolve({ 'Fn::GetAtt': 'GitHubOidc.Arn' })).toBe(resolve({ Ref: 'GitHubOidc' }));
    expect(resolve({ 'Fn::GetAtt': ['CdkProvider', 'Arn'] })).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/gitlab.${Domain}');
  });

  test('parameters, pseudo parameters and other resources stay placeholders', () => {
    expect(resolve({ Ref: 'GitHubOrg' })).toBe('${GitHubOrg}');
    expect(resolve({ Ref: 'AWS::AccountId' })).toBe('${AWS::AccountId}');
    expect(resolve({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('${Bucket.Arn}');
    expect(resolve({ 'Fn::ImportValue': 'shared-org' })).toBe('${Fn::ImportValue}');
  });

  test('a provider whose URL refers to itself does not loop: the inner reference stays a placeholder', () => {
    expect(resolve({ Ref: 'LoopingProvider' })).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${LoopingProvider.Arn}');
  });

  test('Fn::Sub: variables, references, attributes and the ${!literal} escape', () => {
    expect(resolve({ 'Fn::Sub': 'repo:${Org}/web:${!Literal}' })).toBe('repo:${Org}/web:${Literal}');
    expect(resolve({ 'Fn::Sub': ['repo:${Org}/${Repo}:*', { Org: 'octo-org', Repo: { Ref: 'Repo' } }] })).toBe('repo:octo-org/${Repo}:*');
    expect(resolve({ 'Fn::Sub': '${GitHubOidc.Arn}' })).toBe(resolve({ Ref: 'GitHubOidc' }));
  });

  test('Fn::Join, Fn::Select and Fn::FindInMap of literals resolve', () => {
    expect(resolve({ 'Fn::Join': ['', ['repo:', 'octo-org', '/', { Ref: 'Repo' }, ':*']] })).toBe('repo:octo-org/${Repo}:*');
    expect(resolve({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(resolve({ 'Fn::FindInMap': ['Owners', 'production', 'Id'] })).toBe('1342004');
  });

  test('what cannot be resolved becomes one placeholder', () => {
    expect(resolve({ 'Fn::Join': ['', { Ref: 'Parts' }] })).toBe('${Fn::Join}');
    expect(resolve({ 'Fn::Select': [{ Ref: 'Index' }, ['a', 'b']] })).toBe('${Fn::Select}');
    expect(resolve({ 'Fn::FindInMap': ['Owners', { Ref: 'Stage' }, 'Id'] })).toBe('${Fn::FindInMap}');
  });

  test('Fn::If resolves only when both branches agree', () => {
    expect(resolve({ 'Fn::If': ['IsProd', 'sts.amazonaws.com', 'sts.amazonaws.com'] })).toBe('sts.amazonaws.com');
    expect(resolve({ 'Fn::If': ['IsProd', 'a', 'b'] })).toBe('${Fn::If}');
    expect(resolve({ 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] })).toBe('${Fn::If}');
  });

  test('AWS::NoValue removes the property or item that holds it', () => {
    expect(resolve({ Keep: 'x', Drop: { Ref: 'AWS::NoValue' }, List: ['a', { Ref: 'AWS::NoValue' }] })).toEqual({ Keep: 'x', List: ['a'] });
  });

  test('the input is not changed', () => {
    const value = { Federated: { Ref: 'GitHubOidc' } };
    resolveIntrinsics(value, SCOPE);
    expect(value).toEqual({ Federated: { Ref: 'GitHubOidc' } });
  });
});
