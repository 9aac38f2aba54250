import { awsStatementView, conditionTests, type ForeignStatement } from '../../lib/trust/aws-view';

/**
 * How one IAM trust statement is read into an admission (lib/trust/aws-view.ts). Expectations follow the IAM JSON
 * policy reference: `Principal: "*"` and `{"AWS": "*"}` are anyone; `NotPrincipal` with Allow admits everyone it
 * does not list; condition operators are `[ForAllValues:|ForAnyValue:]<Operator>[IfExists]`, keys are
 * case-insensitive; `StringEquals` compares literally, `StringLike` is a glob.
 */

const context = { where: { path: 'Statement[0]' }, access: 'write' as const };
const GITHUB_PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const view = (statement: ForeignStatement) => awsStatementView(statement, context);
const federated = (condition?: unknown, extra: Partial<ForeignStatement> = {}): ForeignStatement => ({
  Effect: 'Allow',
  Principal: { Federated: GITHUB_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition === undefined ? {} : { Condition: condition }),
  ...extra,
});

describe('awsStatementView: who the principal is', () => {
  test('a federated OIDC provider ARN names its issuer, with https:// and the kind read from the URL', () => {
    expect(view(federated())).toEqual({
      cloud: 'aws',
      issuer: { kind: 'github', url: 'https://token.actions.githubusercontent.com' },
      tests: [],
      complete: true,
      access: 'write',
      where: context.where,
    });
  });

  test('the kind the caller knows (our Plan) wins over the URL', () => {
    expect(awsStatementView(federated(), { ...context, issuerKind: 'generic' })?.issuer.kind).toBe('generic');
  });

  test('a bare provider host (accounts.google.com, as IAM writes it) is that issuer', () => {
    expect(view({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' } })?.issuer).toEqual({ kind: 'google', url: 'https://accounts.google.com' });
  });

  test('only a whole OIDC provider ARN is shortened to its host', () => {
    // Not an ARN at its start: taken as written, never as the host that happens to follow.
    expect(view({ Effect: 'Allow', Principal: { Federated: `x${GITHUB_PROVIDER}` } })?.issuer.url).toBe(`https://x${GITHUB_PROVIDER}`);
    expect(view({ Effect: 'Allow', Principal: { Federated: ['accounts.google.com', GITHUB_PROVIDER] } })?.issuer.url).toBe('https://accounts.google.com');
  });

  test.each<[string, unknown]>([
    ['"*"', '*'],
    ['{ AWS: "*" }', { AWS: '*' }],
    ['{ AWS: [an account, "*"] }', { AWS: ['arn:aws:iam::111122223333:root', '*'] }],
    ['{ Federated: provider, AWS: "*" }', { Federated: GITHUB_PROVIDER, AWS: '*' }],
  ])('Principal %s admits anyone', (_, principal) => {
    expect(view({ Effect: 'Allow', Principal: principal })?.anyPrincipal).toBe(true);
  });

  test('NotPrincipal admits everyone it does not list', () => {
    expect(view({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })).toMatchObject({ anyPrincipal: true, issuer: { kind: 'generic' } });
  });

  test.each<[string, unknown]>([
    ['an account', { AWS: 'arn:aws:iam::111122223333:root' }],
    ['two accounts', { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }],
    ['a service', { Service: 'ec2.amazonaws.com' }],
    ['a string that is not "*"', 'arn:aws:iam::111122223333:root'],
    ['null', null],
    ['nothing', undefined],
  ])('Principal of %s admits no web-identity token', (_, principal) => {
    expect(view({ Effect: 'Allow', Principal: principal })).toBeUndefined();
  });

  test('"*" restricted by StringEquals on the caller\'s organization or account is AWS-principal trust, not anyone', () => {
    expect(view({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })).toBeUndefined();
    expect(view({ Effect: 'Allow', Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:principalaccount': ['111122223333'] } } })).toBeUndefined();
    // One of several keys is enough: the others only narrow further.
    expect(view({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.1', 'aws:PrincipalOrgID': 'o-abc123' } } })).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ['no condition', undefined],
    ['a condition that is not an object', 'aws:PrincipalOrgID'],
    ['StringEquals that is not an object', { StringEquals: 'o-abc123' }],
    ['an empty list of organizations', { StringEquals: { 'aws:PrincipalOrgID': [] } }],
    ['StringLike (a glob may match every organization)', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
    ['aws:SourceAccount (names the resource a service acts for, not the caller)', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
    ['another key only', { StringEquals: { 'aws:SourceIp': '10.0.0.1' } }],
  ])('"*" with %s still admits anyone', (_, condition) => {
    expect(view({ Effect: 'Allow', Principal: '*', ...(condition === undefined ? {} : { Condition: condition }) })?.anyPrincipal).toBe(true);
  });
});

describe('awsStatementView: the effect', () => {
  test.each(['Deny', 'deny'])('a written %s admits nothing', (effect) => {
    expect(view(federated(undefined, { Effect: effect }))).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ['an intrinsic', { 'Fn::If': ['C', 'Allow', 'Deny'] }],
    ['a list', ['Deny']],
    ['a word that only contains Deny', 'NotDeny'],
    ['a word that only starts with Deny', 'Denyx'],
    ['missing', undefined],
  ])('an Effect that is %s may be Allow: the statement is judged', (_, effect) => {
    expect(view(federated(undefined, { Effect: effect }))).toBeDefined();
  });
});

describe('conditionTests: operators and keys', () => {
  test.each<[string, Record<string, unknown>]>([
    ['StringEquals', { match: 'equals' }],
    ['StringNotEquals', { match: 'equals', negated: true }],
    ['StringEqualsIgnoreCase', { match: 'equals', ignoreCase: true }],
    ['StringNotEqualsIgnoreCase', { match: 'equals', negated: true, ignoreCase: true }],
    ['StringLike', { match: 'glob' }],
    ['StringNotLike', { match: 'glob', negated: true }],
    ['StringEqualsIfExists', { match: 'equals', ifExists: true }],
    ['StringLikeIfExists', { match: 'glob', ifExists: true }],
    ['ForAnyValue:StringLike', { match: 'glob', setOperator: 'ForAnyValue' }],
    ['ForAllValues:StringEquals', { match: 'equals', setOperator: 'ForAllValues' }],
    ['ForAllValues:StringNotLikeIfExists', { match: 'glob', negated: true, ifExists: true, setOperator: 'ForAllValues' }],
    // Not string comparisons of the claim: nothing can be read from them.
    ['NumericEquals', { match: 'opaque' }],
    ['Null', { match: 'opaque' }],
    ['Bool', { match: 'opaque' }],
    ['DateLessThan', { match: 'opaque' }],
    ['AnySet:StringEquals', { match: 'opaque' }],
  ])('%s', (operator, expected) => {
    const [test] = conditionTests({ [operator]: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:environment:prod' } });
    const flags = { negated: test.negated, ifExists: test.ifExists, setOperator: test.setOperator, ignoreCase: test.ignoreCase };
    expect({ match: test.match, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) }).toEqual(expected);
  });

  test('the claim is what follows the last colon of the key, in lower case (IAM key names ignore case)', () => {
    expect(conditionTests({ StringEquals: { 'token.actions.githubusercontent.com:Sub': 'x', 'oidc.circleci.com/org/o:oidc.circleci.com/project-id': 'p' } }).map((t) => t.claim)).toEqual([
      'sub',
      'oidc.circleci.com/project-id',
    ]);
    expect(conditionTests({ StringEquals: { aud: 'x' } })[0].claim).toBe('aud');
  });

  test('values: one string, a list; non-string entries are not values', () => {
    expect(conditionTests({ StringEquals: { 'h:aud': 'a' } })[0].values).toEqual(['a']);
    expect(conditionTests({ StringEquals: { 'h:aud': ['a', 'b'] } })[0].values).toEqual(['a', 'b']);
    expect(conditionTests({ StringEquals: { 'h:aud': ['a', 7, null, 'b'] } })[0].values).toEqual(['a', 'b']);
    expect(conditionTests({ StringEquals: { 'h:aud': 7 } })[0].values).toEqual([]);
  });

  test('the text quotes the operator, the key and the value (or the list of values)', () => {
    expect(conditionTests({ StringLike: { 'h:sub': 'repo:o/*' } })[0].text).toBe('StringLike h:sub "repo:o/*"');
    expect(conditionTests({ StringLike: { 'h:sub': ['a', 'b'] } })[0].text).toBe('StringLike h:sub ["a","b"]');
  });

  test('every operator × key is one test; blocks that are not objects hold none', () => {
    expect(conditionTests({ StringEquals: { 'h:aud': 'a', 'h:sub': 'b' }, StringLike: { 'h:x': 'c' } }).map((t) => `${t.match} ${t.claim}`)).toEqual([
      'equals aud',
      'equals sub',
      'glob x',
    ]);
    expect(conditionTests('StringEquals')).toEqual([]);
    expect(conditionTests(null)).toEqual([]);
    expect(conditionTests({ StringEquals: 'h:aud' })).toEqual([]);
    expect(conditionTests({ StringEquals: null })).toEqual([]);
  });
});
