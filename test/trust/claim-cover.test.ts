import { globCovers, testCovers, testsCover } from '../../lib/trust/claim-cover';
import type { ClaimMatch, ClaimTest } from '../../lib/trust/trust-view';

/** Whether one claim test admits every token another admits (lib/trust/claim-cover.ts), decided by hand per case. */

const claimTest = (match: ClaimMatch, values: string[], extra: Partial<ClaimTest> = {}): ClaimTest => ({ claim: 'sub', match, values, text: `${match} ${values.join(',')}`, ...extra });

describe('globCovers', () => {
  test.each([
    ['repo:acme/web:*', 'repo:acme/web:ref:refs/heads/main', true],
    ['repo:acme/web:*', 'repo:acme/web:ref:refs/heads/*', true],
    ['repo:acme/*', 'repo:acme/web:*', true],
    ['repo:acme/web:ref:refs/heads/*', 'repo:acme/web:*', false],
    ['repo:acme/web:ref:refs/heads/main', 'repo:acme/web:ref:refs/heads/*', false],
    ['repo:acme/web:ref:refs/heads/?ain', 'repo:acme/web:ref:refs/heads/main', true],
    // Not a pure prefix: undecided, so not covered (reported as widening rather than hidden).
    ['repo:*:ref:refs/heads/main', 'repo:acme/*:ref:refs/heads/main', false],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:GetObject', 's3:Get*', false],
  ])('%s covers %s: %s', (outer, inner, covered) => {
    expect(globCovers(outer, inner)).toBe(covered);
  });
});

describe('testCovers', () => {
  test('exact values: every inner value must be an outer value', () => {
    expect(testCovers(claimTest('equals', ['a', 'b']), claimTest('equals', ['a']))).toBe(true);
    expect(testCovers(claimTest('equals', ['a']), claimTest('equals', ['a', 'b']))).toBe(false);
  });

  test('a CEL prefix covers a longer prefix and the literals under it, not a shorter one', () => {
    expect(testCovers(claimTest('prefix', ['repo:acme/']), claimTest('prefix', ['repo:acme/web:']))).toBe(true);
    expect(testCovers(claimTest('prefix', ['repo:acme/']), claimTest('equals', ['repo:acme/web:ref:x']))).toBe(true);
    expect(testCovers(claimTest('prefix', ['repo:acme/web:']), claimTest('prefix', ['repo:acme/']))).toBe(false);
  });

  test('a test on another claim, a negated test or an IfExists test covers only its very own text', () => {
    expect(testCovers(claimTest('equals', ['a']), { ...claimTest('equals', ['a']), claim: 'aud' })).toBe(false);
    const negated = claimTest('equals', ['a'], { negated: true });
    expect(testCovers(negated, negated)).toBe(true);
    expect(testCovers(claimTest('equals', ['a']), claimTest('equals', ['a'], { ifExists: true, text: 'IfExists' }))).toBe(false);
  });

  test('an unreadable test is never covered by another unreadable one', () => {
    expect(testCovers(claimTest('opaque', [], { text: 'f(x)' }), claimTest('opaque', [], { text: 'g(x)' }))).toBe(false);
  });

  test('a case-insensitive inner test is not covered by a case-sensitive outer one', () => {
    expect(testCovers(claimTest('equals', ['a']), claimTest('equals', ['a'], { ignoreCase: true }))).toBe(false);
    expect(testCovers(claimTest('equals', ['A'], { ignoreCase: true }), claimTest('equals', ['a']))).toBe(true);
  });
});

describe('testsCover', () => {
  const aud = { ...claimTest('equals', ['sts']), claim: 'aud' };
  test('an extra inner test only narrows; a missing one is a pin the inner admission lacks', () => {
    expect(testsCover([claimTest('equals', ['x'])], [claimTest('equals', ['x']), aud])).toBe(true);
    expect(testsCover([claimTest('equals', ['x']), aud], [claimTest('equals', ['x'])])).toBe(false);
  });
});
