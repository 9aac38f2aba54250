import { celConditionTests, gcpViews, waysFor, waysIn } from '../../lib/trust/gcp-view';
import type { ClaimTest } from '../../lib/trust/trust-view';

/**
 * How a GCP attribute condition (CEL) is read into claim tests (lib/trust/gcp-view.ts). Expectations follow CEL's
 * semantics: `||` gives one way in per side, `&&` joins the tests of both sides, `in` ORs the list's values, `!`
 * negates, `startsWith` is a prefix and `matches` an unanchored RE2 search; claims are strings, so a comparison
 * with an int, bool or null never holds. Anything else is opaque: the rules must see that it could not be read.
 */

/** The tests of each way in, without the text as written (checked separately). */
const read = (condition: string) => celConditionTests(condition).map((way) => way.map(({ text: _text, ...test }) => test));

describe('celConditionTests: comparisons', () => {
  test.each<[string, Omit<ClaimTest, 'text'>]>([
    ["assertion.sub == 'repo:o/r:ref:refs/heads/main'", { claim: 'sub', match: 'equals', values: ['repo:o/r:ref:refs/heads/main'] }],
    ["'repo:o/r' == assertion.repository", { claim: 'repository', match: 'equals', values: ['repo:o/r'] }],
    ["assertion['repository_owner_id'] == '65'", { claim: 'repository_owner_id', match: 'equals', values: ['65'] }],
    ["assertion.ref != 'refs/heads/main'", { claim: 'ref', match: 'equals', values: ['refs/heads/main'], negated: true }],
    ['assertion.repository_owner_id == 65', { claim: 'repository_owner_id', match: 'equals', values: ['65'], nonString: true }],
    ['assertion.ref_protected == true', { claim: 'ref_protected', match: 'equals', values: ['true'], nonString: true }],
    ["assertion.repository_id in ['74', '75']", { claim: 'repository_id', match: 'equals', values: ['74', '75'] }],
    ["assertion.repository_id in ['74', 75]", { claim: 'repository_id', match: 'equals', values: ['74', '75'], nonString: true }],
    ["assertion.sub.startsWith('repo:o/')", { claim: 'sub', match: 'prefix', values: ['repo:o/'] }],
    ["assertion.sub.matches('^repo:o/r:')", { claim: 'sub', match: 'regex', values: ['^repo:o/r:'] }],
    ["!(assertion.event_name == 'pull_request')", { claim: 'event_name', match: 'equals', values: ['pull_request'], negated: true }],
    ["!(assertion.ref != 'refs/heads/main')", { claim: 'ref', match: 'equals', values: ['refs/heads/main'], negated: false }],
    ["!assertion.sub.startsWith('repo:o/')", { claim: 'sub', match: 'prefix', values: ['repo:o/'], negated: true }],
  ])('%s', (condition, expected) => {
    expect(read(condition)).toEqual([[expected]]);
  });

  test.each([
    // Not a claim on either side, or no constant: nothing can be said about who is admitted.
    'assertion.sub == assertion.repository',
    "'a' == 'a'",
    'assertion.sub == b"bytes"',
    "google.subject == 'x'",
    "assertion.sub.sub == 'x'",
    "attribute.sub == 'x'",
    "assertion[1] == 'x'",
    "other['sub'] == 'x'",
    // A list that is not literal, or holds a non-constant.
    'assertion.sub in assertion.allowed',
    "assertion.sub in ['a', assertion.other]",
    "'a' in assertion.list",
    // A prefix or pattern that is not a string constant, or on no claim.
    'assertion.sub.startsWith(1)',
    'assertion.sub.startsWith(assertion.repository)',
    "'repo:o/r'.startsWith('repo')",
    // A negation of something opaque stays opaque; other functions and bare values are opaque.
    '!(assertion.sub == assertion.x)',
    "assertion.sub.endsWith(':main')",
    'size(assertion.sub) > 3',
    'assertion.sub',
    'has(assertion.sub)',
    '1',
  ])('%s is opaque', (condition) => {
    expect(read(condition)).toEqual([[{ claim: '', match: 'opaque', values: [] }]]);
  });

  test('an opaque test keeps the condition as written, so a finding can quote it', () => {
    expect(celConditionTests("assertion.sub.endsWith(':main')")).toEqual([[{ claim: '', match: 'opaque', values: [], text: 'assertion.sub.endsWith(":main")' }]]);
    expect(celConditionTests('assertion.sub ==')).toEqual([[{ claim: '', match: 'opaque', values: [], text: 'assertion.sub ==' }]]);
  });

  test('a comparison keeps its text, negated ones too', () => {
    expect(celConditionTests("assertion.ref != 'main'")[0][0].text).toBe('assertion.ref != "main"');
    expect(celConditionTests("!(assertion.ref == 'main')")[0][0].text).toBe('!(assertion.ref == "main")');
  });
});

describe('celConditionTests: ways in', () => {
  const sub = (value: string) => ({ claim: 'sub', match: 'equals', values: [value] });
  const owner = { claim: 'repository_owner_id', match: 'equals', values: ['65'] };

  test('an empty or blank condition admits every token of the issuer: one way in with no test', () => {
    expect(read('')).toEqual([[]]);
    expect(read('   ')).toEqual([[]]);
  });

  test('true admits everything, false nothing', () => {
    expect(read('true')).toEqual([[]]);
    expect(read('false')).toEqual([]);
    expect(read("false || assertion.sub == 'a'")).toEqual([[sub('a')]]);
    expect(read("true && assertion.sub == 'a'")).toEqual([[sub('a')]]);
    expect(read("false && assertion.sub == 'a'")).toEqual([]);
  });

  test('|| is one way in per side, && joins both sides, and && distributes over ||', () => {
    expect(read("assertion.sub == 'a' || assertion.sub == 'b'")).toEqual([[sub('a')], [sub('b')]]);
    expect(read("assertion.repository_owner_id == '65' && assertion.sub == 'a'")).toEqual([[owner, sub('a')]]);
    expect(read("assertion.repository_owner_id == '65' && (assertion.sub == 'a' || assertion.sub == 'b')")).toEqual([
      [owner, sub('a')],
      [owner, sub('b')],
    ]);
    expect(read("(assertion.sub == 'a' || assertion.sub == 'b') && (assertion.x == '1' || assertion.x == '2')")).toEqual([
      [sub('a'), { claim: 'x', match: 'equals', values: ['1'] }],
      [sub('a'), { claim: 'x', match: 'equals', values: ['2'] }],
      [sub('b'), { claim: 'x', match: 'equals', values: ['1'] }],
      [sub('b'), { claim: 'x', match: 'equals', values: ['2'] }],
    ]);
  });

  test('a condition that does not parse is one opaque test, never an empty (admit-all) condition', () => {
    expect(read("assertion.sub == 'a' &&")).toEqual([[{ claim: '', match: 'opaque', values: [] }]]);
  });
});

describe('waysIn / waysFor: a member only fits the ways in for its own subject', () => {
  const ways = celConditionTests(
    "(assertion.repository_owner_id == '65' && assertion.sub == 'a') || assertion.sub in ['b', 'c'] || assertion.sub != 'd' || assertion.sub == 1 || assertion.sub.startsWith('e')",
  );

  test('ways are indexed by each subject value of a positive string equality; the rest fit any subject', () => {
    const index = waysIn(ways);
    expect([...index.bySubject.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(index.bySubject.get('b')).toEqual([ways[1]]);
    expect(index.bySubject.get('c')).toEqual([ways[1]]);
    expect(index.anySubject).toEqual([ways[2], ways[3], ways[4]]);
  });

  test('a member with a subject fits its own ways and the subject-free ones; without one, every way', () => {
    const index = waysIn(ways);
    expect(waysFor(index, { sub: 'a' })).toEqual([ways[2], ways[3], ways[4], ways[0]]);
    expect(waysFor(index, { sub: 'z' })).toEqual([ways[2], ways[3], ways[4]]);
    expect(waysFor(index, { repository_id: '74' })).toEqual([ways[2], ways[3], ways[4], ways[0], ways[1], ways[1]]);
  });

  test('two ways for one subject are both kept', () => {
    const index = waysIn(celConditionTests("assertion.sub == 'a' || (assertion.sub == 'a' && assertion.x == '1')"));
    expect(index.bySubject.get('a')).toHaveLength(2);
  });
});

describe('gcpViews', () => {
  const where = { path: 'pool/provider' };
  const base = { issuer: 'https://token.actions.githubusercontent.com', issuerKind: 'github' as const, access: 'write' as const, where };

  test('each way in is one complete view, with the member claims as sorted equality tests after the condition', () => {
    const views = gcpViews({ ...base, attributeCondition: "assertion.repository_owner_id == '65'", memberClaims: { sub: 'x', repository_id: '74' } });
    expect(views).toEqual([
      {
        cloud: 'gcp',
        issuer: { kind: 'github', url: base.issuer },
        tests: [
          { claim: 'repository_owner_id', match: 'equals', values: ['65'], text: 'assertion.repository_owner_id == "65"' },
          { claim: 'repository_id', match: 'equals', values: ['74'], text: "member repository_id == '74'" },
          { claim: 'sub', match: 'equals', values: ['x'], text: "member sub == 'x'" },
        ],
        complete: true,
        access: 'write',
        where,
      },
    ]);
  });

  test('a provider with no issuer URL (defined elsewhere) names only the kind', () => {
    const [view] = gcpViews({ issuerKind: 'generic', attributeCondition: '', access: 'unknown', where });
    expect(view.issuer).toEqual({ kind: 'generic' });
    expect(view.anyPrincipal).toBeUndefined();
  });

  test('a whole-pool member admits any principal of the pool', () => {
    expect(gcpViews({ ...base, attributeCondition: '', wholePool: true })[0].anyPrincipal).toBe(true);
  });

  test('a ways in that requires another value of a claim the member pins cannot admit the member', () => {
    const condition = "(assertion.sub == 'a' && assertion.x == '1') || assertion.sub == 'b' || assertion.sub != 'c' || assertion.sub == 1";
    const views = gcpViews({ ...base, attributeCondition: condition, memberClaims: { sub: 'a' } });
    expect(views.map((v) => v.tests.map((t) => t.text))).toEqual([
      ['assertion.sub == "a"', 'assertion.x == "1"', "member sub == 'a'"],
      ['assertion.sub != "c"', "member sub == 'a'"],
      ['assertion.sub == 1', "member sub == 'a'"],
    ]);
  });

  test('conditionTests already read are used instead of the condition text', () => {
    const conditionTests = celConditionTests("assertion.sub == 'a'");
    const views = gcpViews({ ...base, attributeCondition: 'this is not read', conditionTests });
    expect(views.map((v) => v.tests)).toEqual(conditionTests);
  });

  test('an attribute member of an issuer with subject contexts leaves the rest of the subject open', () => {
    const memberSet = 'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/attribute.repository/o/r';
    const [view] = gcpViews({ ...base, attributeCondition: '', memberClaims: { repository: 'o/r' }, memberSet });
    expect(view.tests).toEqual([
      { claim: 'repository', match: 'equals', values: ['o/r'], text: "member repository == 'o/r'" },
      { claim: 'sub', match: 'prefix', values: [''], text: `member ${memberSet}` },
    ]);
    // Kubernetes subjects carry no context below the service account: the member is exact.
    const [kubernetes] = gcpViews({ ...base, issuerKind: 'kubernetes', attributeCondition: '', memberClaims: { sub: 'system:serviceaccount:n:s' }, memberSet });
    expect(kubernetes.tests.map((t) => t.match)).toEqual(['equals']);
    // Without the member's claims there is nothing to open below.
    expect(gcpViews({ ...base, attributeCondition: '', memberSet })[0].tests).toEqual([]);
  });
});
