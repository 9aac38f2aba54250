import { globMatches } from '../../lib/evaluate/glob';

// IAM StringLike / Entra `matches`: `*` any run of characters (also none), `?` exactly one, nothing else special,
// case-sensitive, anchored at both ends, not path-aware.

describe('globMatches', () => {
  test.each([
    ['repo:octo-org/*', 'repo:octo-org/octo-repo:ref:refs/heads/main', true],
    ['repo:octo-org/octo-repo:ref:refs/heads/*', 'repo:octo-org/octo-repo:ref:refs/heads/feature/x', true],
    ['main*', 'main', true],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['ma?n', 'main', true],
    ['ma?n', 'man', false],
    ['ma?n', 'maiin', false],
    ['????', 'main', true],
    ['????', 'master', false],
    ['*:ref:*', 'repo:o/r:ref:refs/tags/v1', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['*main', 'refs/heads/main-hotfix', false],
    ['Repo:*', 'repo:octo-org/x', false],
    ['a.c', 'abc', false],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    ['\\*', '\\anything', true],
    ['?', '😀', true],
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});
