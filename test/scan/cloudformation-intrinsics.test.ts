import { possibleReadings, resolveIntrinsics, writtenIndex, type TemplateScope } from '../../lib/scan/cloudformation-intrinsics';
import { isWhollyUnknown, readable } from '../../lib/scan/unresolved';

const SCOPE: TemplateScope = {
  resources: {
    GitHubOidc: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
    CdkProvider: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { Url: { 'Fn::Sub': 'https://gitlab.${Domain}' } } },
    LoopingProvider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::GetAtt': ['LoopingProvider', 'Arn'] } } },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Lookup: { Type: 'Custom::Lookup' },
  },
  mappings: { Owners: { production: { Id: '1342004' } } },
  parameters: {
    Branch: { Type: 'String', AllowedValues: ['main', 'release'], Default: 'main' },
    Owner: { Type: 'String', Default: 'octo-org' },
    Branches: { Type: 'CommaDelimitedList', AllowedValues: ['main'] },
  },
};

/** Every possible resolution, with placeholders shown as written. */
const resolveAll = (value: unknown) => JSON.parse(JSON.stringify(resolveIntrinsics(value, SCOPE), (_, v) => (typeof v === 'string' ? readable(v) : v)));
/** The one resolution of a value that leaves no choice. */
const resolve = (value: unknown) => {
  const all = resolveAll(value);
  expect(all).toHaveLength(1);
  return all[0];
};

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

  test('Fn::If: each branch is a possible value; an AWS::NoValue branch removes what holds it', () => {
    expect(resolveAll({ 'Fn::If': ['IsProd', 'sts.amazonaws.com', 'sts.amazonaws.com'] })).toEqual(['sts.amazonaws.com']);
    expect(resolveAll({ 'Fn::If': ['IsProd', 'a', 'b'] })).toEqual(['a', 'b']);
    expect(resolveAll({ Sub: { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] } })).toEqual([{ Sub: 'a' }, {}]);
  });

  test('one condition takes one outcome per reading, wherever it is met', () => {
    const value = [{ 'Fn::If': ['IsProd', 'a', 'b'] }, { 'Fn::If': ['IsProd', 'c', 'd'] }, { 'Fn::If': ['Other', 'e', 'f'] }];
    expect(resolveAll(value)).toEqual([
      ['a', 'c', 'e'],
      ['a', 'c', 'f'],
      ['b', 'd', 'e'],
      ['b', 'd', 'f'],
    ]);
  });

  test('a parameter with AllowedValues is each of them; with only a Default, or a list type, it may be anything', () => {
    expect(resolveAll({ 'Fn::Sub': 'repo:octo-org/web:ref:refs/heads/${Branch}' })).toEqual(['repo:octo-org/web:ref:refs/heads/main', 'repo:octo-org/web:ref:refs/heads/release']);
    expect(resolveAll({ Ref: 'Branch' })).toEqual(['main', 'release']);
    expect(resolve({ Ref: 'Owner' })).toBe('${Owner}');
    expect(resolve({ Ref: 'Branches' })).toBe('${Branches}');
    expect(isWhollyUnknown(resolveIntrinsics({ Ref: 'Owner' }, SCOPE)[0] as string)).toBe(true);
  });

  test('a resource of the template is a fixed placeholder: never a wildcard; a custom resource\'s attribute may be anything', () => {
    const [bucket] = resolveIntrinsics({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, SCOPE) as string[];
    expect(isWhollyUnknown(bucket)).toBe(false);
    expect(isWhollyUnknown(resolveIntrinsics({ Ref: 'AWS::AccountId' }, SCOPE)[0] as string)).toBe(false);
    expect(isWhollyUnknown(resolveIntrinsics({ 'Fn::GetAtt': ['Lookup', 'Value'] }, SCOPE)[0] as string)).toBe(true);
    expect(isWhollyUnknown(resolveIntrinsics({ Ref: 'NotDeclared' }, SCOPE)[0] as string)).toBe(true);
  });

  test('the readings are bounded: past 64, conditions not yet chosen stay placeholders', () => {
    const value = Array.from({ length: 8 }, (_, index) => ({ 'Fn::If': [`Condition${index}`, 'yes', 'no'] }));
    const readings = possibleReadings(SCOPE, (resolveOne) => resolveOne(value) as string[]);
    expect(readings.length).toBeLessThanOrEqual(64);
    expect(readings.some((reading) => reading.some((item) => readable(item) === '${Fn::If}'))).toBe(true);
  });

  test('items removed by AWS::NoValue keep the index they are written at', () => {
    const [list] = resolveIntrinsics([{ Ref: 'AWS::NoValue' }, 'b', 'c'], SCOPE) as string[][];
    expect(list).toEqual(['b', 'c']);
    expect([writtenIndex(list, 0), writtenIndex(list, 1)]).toEqual([1, 2]);
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
