import type { IssuerKind } from '../../lib/model/identity';
import { breadthOf, patternOf } from '../../lib/trust/breadth';
import type { ClaimTest, TrustView } from '../../lib/trust/trust-view';

/**
 * breadthOf on views built by hand (lib/trust/breadth.ts): how the tests of one admission AND together and the
 * values of one test OR together. Subject layouts from shared/reference/CLAIMS.md; operators: IAM StringLike `*`
 * spans everything, RE2 `matches` is an unanchored search.
 */

const ISSUERS: Partial<Record<IssuerKind, string>> = {
  github: 'https://token.actions.githubusercontent.com',
  gitlab: 'https://gitlab.com',
  terraformCloud: 'https://app.terraform.io',
};
const view = (kind: IssuerKind, tests: ClaimTest[]): TrustView => ({
  cloud: 'aws',
  issuer: { kind, url: ISSUERS[kind] },
  tests,
  complete: true,
  access: 'write',
  where: { path: 'Statement[0]' },
});
const equals = (claim: string, ...values: string[]): ClaimTest => ({ claim, match: 'equals', values, text: `${claim} == ${values.join('|')}` });
const like = (claim: string, ...values: string[]): ClaimTest => ({ claim, match: 'glob', values, text: `${claim} like ${values.join('|')}` });
const fields = (v: TrustView) => breadthOf(v).open.map((o) => o.field);

describe('patternOf', () => {
  const regex = (value: string) => patternOf({ claim: 'sub', match: 'regex', values: [value], text: value }, value);

  test.each([
    ['^repo:o/r:ref:refs/heads/main$', 'repo:o/r:ref:refs/heads/main', false],
    ['^repo:o/r:ref:refs/heads/main', 'repo:o/r:ref:refs/heads/main', true],
    ['^repo:o/r\\.x$', 'repo:o/r.x', false],
    ['^repo:o/.*$', 'repo:o/', true],
    ['^repo:o/r$|^repo:evil/r$', 'repo:o/r', true],
    // Unanchored: a search anywhere in the subject, so nothing is pinned.
    ['repo:o/r$', '', true],
    ['x^repo:o/r$', '', true],
  ])('matches(%j) → literal %j, open %s', (value, literal, open) => {
    expect(regex(value)).toMatchObject({ literal, open });
  });

  test('globs cut at the first * or ?, prefixes and opaque tests are open', () => {
    expect(patternOf(like('sub', 'repo:o/r:*'), 'repo:o/r:*')).toMatchObject({ literal: 'repo:o/r:', open: true });
    expect(patternOf(like('sub', 'repo:o/?'), 'repo:o/?')).toMatchObject({ literal: 'repo:o/', open: true });
    expect(patternOf(like('sub', 'repo:o/r'), 'repo:o/r')).toMatchObject({ literal: 'repo:o/r', open: false });
    expect(patternOf({ claim: 'sub', match: 'prefix', values: ['repo:o/'], text: 't' }, 'repo:o/')).toMatchObject({ literal: 'repo:o/', open: true });
    expect(patternOf({ claim: '', match: 'opaque', values: [], text: 'size(x) > 1' }, '')).toEqual({ literal: '', open: true, text: 'size(x) > 1' });
  });
});

describe('tests AND together', () => {
  test('a wildcard over the owner below a pinned owner id leaves only the repository open', () => {
    // repo:octo* may be any owner starting with octo: the owner is open, until the owner id pins it.
    expect(fields(view('github', [like('sub', 'repo:octo*')]))).toEqual(['tenant']);
    expect(fields(view('github', [equals('repository_owner_id', '65'), like('sub', 'repo:octo*')]))).toEqual(['unit']);
    expect(fields(view('github', [like('sub', 'repo:*')]))).toEqual(['whole']);
    expect(fields(view('github', [equals('repository_owner_id', '65'), like('sub', 'repo:*')]))).toEqual(['unit']);
  });

  test('a wildcard over the ref type below a pinned context leaves nothing open', () => {
    expect(fields(view('gitlab', [equals('ref', 'main'), like('sub', 'project_path:g/p:ref_type:*')]))).toEqual([]);
  });

  test('the run phases admitted are those every phase-pinning test admits', () => {
    const subjects = like('sub', 'organization:acme:project:p:workspace:w:run_phase:apply', 'organization:acme:project:p:workspace:w:run_phase:plan');
    expect(breadthOf(view('terraformCloud', [subjects])).runPhases).toEqual(['apply', 'plan']);
    expect(breadthOf(view('terraformCloud', [subjects, equals('terraform_run_phase', 'apply')])).runPhases).toEqual(['apply']);
  });

  test('a pinned run phase closes a wildcard over the run phase, not one over the workspace', () => {
    expect(fields(view('terraformCloud', [like('sub', 'organization:acme:project:p:workspace:w:run_phase:*'), equals('terraform_run_phase', 'apply')]))).toEqual([]);
    expect(fields(view('terraformCloud', [like('sub', 'organization:acme:project:p:workspace:*'), equals('terraform_run_phase', 'apply')]))).toEqual(['unit']);
  });

  test('only GitHub subjects with an open context admit pull requests', () => {
    expect(breadthOf(view('github', [like('sub', 'repo:o/r:*')])).pullRequest).toBe(true);
    expect(breadthOf(view('gitlab', [like('sub', 'project_path:g/p:*')])).pullRequest).toBe(false);
  });

  test('the audience says nothing about who is admitted', () => {
    const breadth = breadthOf(view('github', [equals('aud', 'repo:o/r:environment:prod')]));
    expect(breadth).toMatchObject({ tenant: 'none', unit: 'none', context: false, hasSubject: false, open: [] });
  });
});

describe('values OR together', () => {
  test('a run phase is pinned only when every value pins one', () => {
    const withAndWithout = like('sub', 'organization:acme:project:p:workspace:w:run_phase:apply', 'organization:acme:project:p:workspace:w');
    expect(breadthOf(view('terraformCloud', [withAndWithout])).runPhases).toBeUndefined();
  });

  test('protected refs only when every value says so', () => {
    const subject = equals('sub', 'project_path:g/p:ref_type:branch:ref:main');
    expect(breadthOf(view('gitlab', [subject, equals('ref_protected', 'true')])).refProtected).toBe(true);
    expect(breadthOf(view('gitlab', [subject, equals('ref_protected', 'true', 'false')])).refProtected).toBe(false);
  });

  test('one pull-request value makes the whole test admit pull requests', () => {
    const breadth = breadthOf(view('github', [equals('sub', 'repo:o/r:pull_request', 'repo:o/r:environment:prod')]));
    expect(breadth).toMatchObject({ pullRequest: true, context: true, tenant: 'name', unit: 'name' });
  });

  test('a test never matches only when none of its values can', () => {
    const perRun = 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:0123456789abcdef0123456789abcdef01234567:step:build';
    expect(breadthOf(view('buildkite', [equals('sub', perRun)])).neverMatches).toHaveLength(1);
    expect(breadthOf(view('buildkite', [like('sub', perRun, 'organization:acme:pipeline:deploy:ref:refs/heads/main:*')])).neverMatches).toEqual([]);
  });
});
