import { evaluateCondition, type ConditionBlock, type RequestContext } from '../../lib/evaluate/aws-condition';

// Expected outcomes follow the IAM User Guide: "Condition operators", "Creating a condition with multiple keys or
// values", "Single-valued vs. multivalued context keys" and "...IfExists condition operators".

const KEY = 'token.actions.githubusercontent.com:sub';

function outcome(condition: ConditionBlock, context: RequestContext): string {
  return evaluateCondition(condition, context).outcome;
}

describe('string operators on a single-valued key', () => {
  test.each([
    ['StringEquals', 'main', 'main', 'match'],
    ['StringEquals', 'main', 'Main', 'no-match'],
    ['StringEquals', 'repo:o/*', 'repo:o/r', 'no-match'],
    ['StringNotEquals', 'main', 'dev', 'match'],
    ['StringNotEquals', 'main', 'main', 'no-match'],
    ['StringEqualsIgnoreCase', 'Main', 'mAIN', 'match'],
    ['StringEqualsIgnoreCase', 'Main', 'mane', 'no-match'],
    ['StringNotEqualsIgnoreCase', 'Main', 'MAIN', 'no-match'],
    ['StringNotEqualsIgnoreCase', 'Main', 'dev', 'match'],
    ['StringLike', 'repo:o/*', 'repo:o/r:ref:refs/heads/a/b', 'match'],
    ['StringLike', 'repo:o/r:ref:refs/heads/mai?', 'repo:o/r:ref:refs/heads/main', 'match'],
    ['StringLike', 'repo:o/r:ref:refs/heads/mai?', 'repo:o/r:ref:refs/heads/mainline', 'no-match'],
    ['StringLike', 'Repo:o/*', 'repo:o/r', 'no-match'],
    ['StringNotLike', 'repo:o/*', 'repo:p/r', 'match'],
    ['StringNotLike', 'repo:o/*', 'repo:o/r', 'no-match'],
  ])('%s %j on %j: %s', (operator, policyValue, requestValue, expected) => {
    expect(outcome({ [operator]: { [KEY]: policyValue } }, { [KEY]: requestValue })).toBe(expected);
  });

  test('several values for one key are alternatives for a positive operator', () => {
    const condition = { StringEquals: { [KEY]: ['repo:o/a:ref:refs/heads/main', 'repo:o/b:ref:refs/heads/main'] } };
    expect(outcome(condition, { [KEY]: 'repo:o/b:ref:refs/heads/main' })).toBe('match');
    expect(outcome(condition, { [KEY]: 'repo:o/c:ref:refs/heads/main' })).toBe('no-match');
  });

  test('a negated operator with several values holds only when the value equals none of them', () => {
    const condition = { StringNotEquals: { [KEY]: ['a', 'b'] } };
    expect(outcome(condition, { [KEY]: 'b' })).toBe('no-match');
    expect(outcome(condition, { [KEY]: 'c' })).toBe('match');
  });
});

describe('keys absent from the request', () => {
  test.each([
    ['StringEquals', 'no-match'],
    ['StringLike', 'no-match'],
    ['StringEqualsIgnoreCase', 'no-match'],
    ['StringNotEquals', 'match'],
    ['StringNotLike', 'match'],
    ['StringNotEqualsIgnoreCase', 'match'],
    ['StringEqualsIfExists', 'match'],
    ['StringLikeIfExists', 'match'],
    ['ForAllValues:StringEquals', 'match'],
    ['ForAnyValue:StringEquals', 'no-match'],
    ['ForAnyValue:StringEqualsIfExists', 'match'],
    ['Bool', 'no-match'],
  ])('%s on an absent key: %s', (operator, expected) => {
    expect(outcome({ [operator]: { [KEY]: 'true' } }, {})).toBe(expected);
  });

  test('IfExists still applies the operator when the key is present', () => {
    expect(outcome({ StringEqualsIfExists: { [KEY]: 'main' } }, { [KEY]: 'dev' })).toBe('no-match');
    expect(outcome({ StringEqualsIfExists: { [KEY]: 'main' } }, { [KEY]: 'main' })).toBe('match');
  });

  test('Null true holds for an absent key, Null false for a present one', () => {
    expect(outcome({ Null: { [KEY]: 'true' } }, {})).toBe('match');
    expect(outcome({ Null: { [KEY]: 'true' } }, { [KEY]: 'x' })).toBe('no-match');
    expect(outcome({ Null: { [KEY]: 'false' } }, { [KEY]: 'x' })).toBe('match');
    expect(outcome({ Null: { [KEY]: 'false' } }, {})).toBe('no-match');
  });

  test('an empty string is a present value', () => {
    expect(outcome({ Null: { [KEY]: 'false' } }, { [KEY]: '' })).toBe('match');
    expect(outcome({ StringEquals: { [KEY]: '' } }, { [KEY]: '' })).toBe('match');
  });
});

describe('multivalued keys and set operators', () => {
  const TAGS = 'aws:TagKeys';

  test('ForAllValues holds when every request value matches some policy value, and vacuously for an empty key', () => {
    const condition = { 'ForAllValues:StringEquals': { [TAGS]: ['a', 'b', 'c'] } };
    expect(outcome(condition, { [TAGS]: ['a', 'c'] })).toBe('match');
    expect(outcome(condition, { [TAGS]: ['a', 'd'] })).toBe('no-match');
    expect(outcome(condition, { [TAGS]: [] })).toBe('match');
  });

  test('ForAnyValue holds when at least one request value matches, never for an empty key', () => {
    const condition = { 'ForAnyValue:StringLike': { [TAGS]: 'team-*' } };
    expect(outcome(condition, { [TAGS]: ['owner', 'team-web'] })).toBe('match');
    expect(outcome(condition, { [TAGS]: ['owner'] })).toBe('no-match');
    expect(outcome(condition, { [TAGS]: [] })).toBe('no-match');
  });

  test('a negated operator under ForAllValues requires every value to match none of the policy values', () => {
    const condition = { 'ForAllValues:StringNotEquals': { [TAGS]: ['admin'] } };
    expect(outcome(condition, { [TAGS]: ['web', 'api'] })).toBe('match');
    expect(outcome(condition, { [TAGS]: ['web', 'admin'] })).toBe('no-match');
  });

  test('a set operator on a single-valued key treats it as a one-element set', () => {
    expect(outcome({ 'ForAnyValue:StringEquals': { [KEY]: 'main' } }, { [KEY]: 'main' })).toBe('match');
  });

  test('without a set operator a multivalued key matches nothing', () => {
    expect(outcome({ StringEquals: { [TAGS]: 'a' } }, { [TAGS]: ['a'] })).toBe('no-match');
  });
});

describe('a block is an AND of its operators and keys', () => {
  const AUD = 'token.actions.githubusercontent.com:aud';

  test('every key must hold, and the failure names the operator and key', () => {
    const condition = { StringEquals: { [AUD]: 'sts.amazonaws.com', [KEY]: 'repo:o/r:ref:refs/heads/main' } };
    expect(evaluateCondition(condition, { [AUD]: 'sts.amazonaws.com', [KEY]: 'repo:o/r:ref:refs/heads/main' })).toEqual({ outcome: 'match' });
    expect(evaluateCondition(condition, { [AUD]: 'https://github.com/o', [KEY]: 'repo:o/r:ref:refs/heads/main' })).toEqual({
      outcome: 'no-match',
      clause: { operator: 'StringEquals', key: AUD, values: ['sts.amazonaws.com'] },
      reason: `${AUD} is "https://github.com/o", which fails StringEquals ["sts.amazonaws.com"]`,
    });
  });

  test('operators combine with AND', () => {
    const condition = { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [KEY]: 'repo:o/r:*' } };
    expect(outcome(condition, { [AUD]: 'sts.amazonaws.com', [KEY]: 'repo:o/r:pull_request' })).toBe('match');
    expect(outcome(condition, { [AUD]: 'sts.amazonaws.com', [KEY]: 'repo:o/x:pull_request' })).toBe('no-match');
  });

  test('no condition at all always matches', () => {
    expect(outcome({}, {})).toBe('match');
    expect(evaluateCondition(undefined, {})).toEqual({ outcome: 'match' });
  });

  test('condition key names are case-insensitive, values are not', () => {
    expect(outcome({ StringEquals: { 'Token.Actions.GitHubUserContent.com:SUB': 'main' } }, { [KEY]: 'main' })).toBe('match');
    expect(outcome({ StringEquals: { [KEY]: 'MAIN' } }, { [KEY]: 'main' })).toBe('no-match');
  });
});

describe('Bool', () => {
  test('compares true/false without regard to case, JSON booleans included', () => {
    expect(outcome({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'TRUE' })).toBe('match');
    expect(outcome({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' })).toBe('match');
    expect(outcome({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' })).toBe('no-match');
    expect(outcome({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'yes' })).toBe('no-match');
  });
});

describe('what the evaluator refuses instead of guessing', () => {
  test.each([
    ['NumericEquals', 'unsupported condition operator "NumericEquals"'],
    ['stringequals', 'unsupported condition operator "stringequals"'],
    ['ForSomeValues:StringEquals', 'unsupported condition operator "ForSomeValues:StringEquals"'],
    ['ArnLike', 'unsupported condition operator "ArnLike"'],
  ])('%s', (operator, message) => {
    const result = evaluateCondition({ [operator]: { [KEY]: 'x' } }, { [KEY]: 'x' });
    expect(result.outcome).toBe('unsupported');
    expect(result.outcome === 'unsupported' && result.reason).toContain(message);
    expect(result.outcome === 'unsupported' && result.clause).toEqual({ operator, key: KEY, values: ['x'] });
  });

  test('Null with IfExists or a set prefix, and Null or Bool with a value other than true/false', () => {
    expect(outcome({ NullIfExists: { [KEY]: 'true' } }, {})).toBe('unsupported');
    expect(outcome({ 'ForAnyValue:Null': { [KEY]: 'true' } }, {})).toBe('unsupported');
    expect(outcome({ Null: { [KEY]: 'yes' } }, {})).toBe('unsupported');
    expect(outcome({ Bool: { [KEY]: 'yes' } }, { [KEY]: 'yes' })).toBe('unsupported');
  });

  test('policy variables', () => {
    expect(outcome({ StringLike: { [KEY]: 'repo:${aws:username}/*' } }, { [KEY]: 'repo:x/y' })).toBe('unsupported');
  });

  test('an unreadable clause wins over a failing one', () => {
    expect(outcome({ StringEquals: { [KEY]: 'main' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { [KEY]: 'dev' })).toBe('unsupported');
  });
});
