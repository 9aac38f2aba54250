import { isUnresolved, isWhollyUnresolved, placeholderText, readable, unresolved, widenTest } from '../../lib/scan/unresolved';
import type { ClaimTest } from '../../lib/trust/trust-view';

const ORG = unresolved('${GitHubOrg}');

describe('placeholders', () => {
  test('stay inside the string, and read back as written', () => {
    const subject = `repo:${ORG}/web:ref:refs/heads/main`;
    expect(isUnresolved(subject)).toBe(true);
    expect(isWhollyUnresolved(subject)).toBe(false);
    expect(readable(subject)).toBe('repo:${GitHubOrg}/web:ref:refs/heads/main');
  });

  test('a value that is one placeholder gives its text', () => {
    expect(isWhollyUnresolved(ORG)).toBe(true);
    expect(placeholderText(ORG)).toBe('${GitHubOrg}');
    expect(placeholderText(`x${ORG}`)).toBeUndefined();
    expect(isUnresolved('repo:octo-org/web:*')).toBe(false);
  });
});

describe('widenTest: an unresolved part matches anything', () => {
  const base = { claim: 'sub', text: `StringEquals sub "repo:${ORG}/web:*"` };

  test('an exact test becomes a glob with * in its place, quoted readably', () => {
    const test: ClaimTest = { ...base, match: 'equals', values: [`repo:${ORG}/web:environment:production`, 'repo:octo-org/api:environment:production'] };
    expect(widenTest(test)).toEqual({
      claim: 'sub',
      match: 'glob',
      values: ['repo:*/web:environment:production', 'repo:octo-org/api:environment:production'],
      text: 'StringEquals sub "repo:${GitHubOrg}/web:*"',
    });
  });

  test('a glob keeps its own wildcards', () => {
    expect(widenTest({ ...base, match: 'glob', values: [`repo:${ORG}/*`] }).values).toEqual(['repo:*/*']);
  });

  test('a prefix stops at the placeholder', () => {
    expect(widenTest({ ...base, match: 'prefix', values: [`repo:${ORG}/web:`] }).values).toEqual(['repo:']);
  });

  test('a regular expression matches .* there', () => {
    expect(widenTest({ ...base, match: 'regex', values: [`^repo:${ORG}/web:ref:refs/heads/main$`] }).values).toEqual(['^repo:.*/web:ref:refs/heads/main$']);
  });

  test('modifiers are kept', () => {
    expect(widenTest({ ...base, match: 'equals', values: [ORG], negated: true })).toMatchObject({ match: 'glob', values: ['*'], negated: true });
  });

  test('a test without placeholders is returned as is', () => {
    const test: ClaimTest = { claim: 'aud', match: 'equals', values: ['sts.amazonaws.com'], text: 'aud' };
    expect(widenTest(test)).toBe(test);
  });
});
