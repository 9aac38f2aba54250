import { isCommitSha, joinFacts, splitKeyed, strongerPin, weakerPin, type Pattern } from '../../lib/trust/facts';

/** The small pieces subject readers are built from (lib/trust/facts.ts), with expectations worked out by hand. */

const exact = (text: string): Pattern => ({ literal: text, open: false, text });
/** A pattern cut by a trailing wildcard, as `StringLike "…*"` or a CEL prefix writes it. */
const open = (literal: string): Pattern => ({ literal, open: true, text: `${literal}*` });

describe('pins', () => {
  test.each([
    ['none', 'name', 'name', 'none'],
    ['name', 'issuer', 'issuer', 'name'],
    ['issuer', 'immutable', 'immutable', 'issuer'],
    ['immutable', 'none', 'immutable', 'none'],
    ['name', 'name', 'name', 'name'],
  ] as const)('%s and %s: stronger %s, weaker %s', (a, b, stronger, weaker) => {
    expect(strongerPin(a, b)).toBe(stronger);
    expect(strongerPin(b, a)).toBe(stronger);
    expect(weakerPin(a, b)).toBe(weaker);
    expect(weakerPin(b, a)).toBe(weaker);
  });
});

describe('splitKeyed', () => {
  test('an exact subject is key:value pairs', () => {
    expect(splitKeyed(exact('project_path:g/p:ref_type:branch:ref:main'))).toEqual([
      { key: 'project_path', value: 'g/p', partial: false },
      { key: 'ref_type', value: 'branch', partial: false },
      { key: 'ref', value: 'main', partial: false },
    ]);
  });

  test('a bare key stands alone, wherever it is', () => {
    expect(splitKeyed(exact('repo:o/r:pull_request'), ['pull_request'])).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 'pull_request', partial: false },
    ]);
    expect(splitKeyed(exact('pull_request:repo:o/r'), ['pull_request'])).toEqual([
      { key: 'pull_request', partial: false },
      { key: 'repo', value: 'o/r', partial: false },
    ]);
  });

  test('a bare key cut by the wildcard is only the start of a key (pull_request* may be pull_requestx:…)', () => {
    expect(splitKeyed(open('repo:o/r:pull_request'), ['pull_request'])).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 'pull_request', partial: true },
    ]);
  });

  test('a cut pattern ends in a partial key or value', () => {
    expect(splitKeyed(open('repo:o/r:ref:refs/heads/'))).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 'ref', value: 'refs/heads/', partial: true },
    ]);
    expect(splitKeyed(open('repo:o/r:ref:'))).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 'ref', value: '', partial: true },
    ]);
    expect(splitKeyed(open('repo:o/r:re'))).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 're', partial: true },
    ]);
    expect(splitKeyed(open(''))).toEqual([{ key: '', partial: true }]);
  });

  test('an exact subject with an odd number of fields ends in a key with no value', () => {
    expect(splitKeyed(exact('repo:o/r:environment'))).toEqual([
      { key: 'repo', value: 'o/r', partial: false },
      { key: 'environment', partial: false },
    ]);
  });
});

describe('joinFacts', () => {
  test('the facts of all fields together; the subject opens at its first open field', () => {
    const first = { field: 'ref' as const, text: 'a' };
    const second = { field: 'runPhase' as const, text: 'b' };
    expect(joinFacts([{ tenant: 'name' }, { unit: 'immutable', open: first }, { context: true, open: second }])).toEqual({
      tenant: 'name',
      unit: 'immutable',
      context: true,
      open: first,
    });
    expect(joinFacts([{ tenant: 'name' }, { unit: 'name' }])).toEqual({ tenant: 'name', unit: 'name' });
    expect(joinFacts([])).toEqual({});
  });
});

describe('isCommitSha', () => {
  test.each([
    ['0123456789abcdef0123456789abcdef01234567', true],
    ['0123456789abcdef0123456789abcdef0123456', false],
    ['0123456789abcdef0123456789abcdef012345678', false],
    ['x0123456789abcdef0123456789abcdef01234567', false],
    ['0123456789abcdef0123456789abcdef01234567x', false],
    ['0123456789ABCDEF0123456789ABCDEF01234567', false],
    ['main', false],
  ])('%s: %s', (ref, expected) => {
    expect(isCommitSha(ref)).toBe(expected);
  });
});
