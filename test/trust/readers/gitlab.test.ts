import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { GITLAB } from '../../../lib/trust/issuers/gitlab';
import { GITLAB as GITLAB_HOST, awsTrust, keys } from '../../rules/inputs';

/**
 * The GitLab CI reader on its own (lib/trust/issuers/gitlab.ts). Subjects (reference/CLAIMS.md):
 * `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:REF`, or the immutable form starting `project_id:ID:`; project
 * ids are global, so they pin the group too.
 */

const P = 'project_path:mygroup/myproject';
const NAMED: Facts = { tenant: 'name', unit: 'name' };
const BY_ID: Facts = { tenant: 'immutable', unit: 'immutable' };

describe('a wildcard before the project opens the whole subject', () => {
  test.each(['*', 'proj*', 'project_p*', 'project_path:*', 'project_i*', 'project_id*', 'project_id:*'])('like %s', (value) => {
    expect(GITLAB.subject(written('like', value))).toEqual(opens('whole', value));
  });
});

describe('subjects', () => {
  test.each<[Operator, string, Facts]>([
    // mygroup* also matches mygroup-evil/…
    ['like', 'project_path:mygroup*', opens('tenant', 'project_path:mygroup*')],
    // IAM * spans "/": every project of every subgroup.
    ['like', 'project_path:mygroup/*', opens('unit', 'project_path:mygroup/*', { tenant: 'name' })],
    ['like', 'project_path:mygroup/myproject*', opens('unit', 'project_path:mygroup/myproject*', { tenant: 'name' })],
    ['equals', `${P}:ref_type:branch:ref:main`, { ...NAMED, context: true, tag: false }],
    ['equals', `${P}:ref_type:tag:ref:v1.0.0`, { ...NAMED, context: true, tag: true }],
    ['equals', 'project_id:4242:ref_type:branch:ref:main', { ...BY_ID, context: true, tag: false }],
    ['like', 'project_id:42*', opens('unit', 'project_id:42*')],
    ['equals', 'project_path:mygroup:ref_type:branch:ref:main', { neverMatches: '"mygroup" is not group/project', context: true, tag: false }],
    ['equals', `${P}:branch:main`, { ...NAMED, neverMatches: '"branch" is not a field of GitLab subjects' }],
  ])('%s %s', (operator, value, expected) => {
    expect(GITLAB.subject(written(operator, value))).toEqual(expected);
  });
});

describe('what a wildcard after the project leaves open', () => {
  test.each<[string, Facts]>([
    // Tags and branches alike.
    [`${P}:*`, opens('refType', `${P}:*`, NAMED)],
    [`${P}:r*`, opens('refType', `${P}:r*`, NAMED)],
    [`${P}:ref_type*`, opens('refType', `${P}:ref_type*`, NAMED)],
    [`${P}:ref_type:*`, opens('refType', `${P}:ref_type:*`, NAMED)],
    ['project_id:4242:*', opens('refType', 'project_id:4242:*', BY_ID)],
    // ref_type pinned: only the ref of that type is open.
    [`${P}:ref_type:branch:*`, opens('ref', `${P}:ref_type:branch:*`, NAMED)],
    [`${P}:ref_type:branch:r*`, opens('ref', `${P}:ref_type:branch:r*`, NAMED)],
    [`${P}:ref_type:branch:ref:*`, opens('ref', `${P}:ref_type:branch:ref:*`, NAMED)],
    [`${P}:ref_type:branch:ref:release-*`, opens('ref', `${P}:ref_type:branch:ref:release-*`, NAMED)],
    [`${P}:ref_type:tag:ref:v*`, opens('ref', `${P}:ref_type:tag:ref:v*`, NAMED)],
  ])('like %s', (value, expected) => {
    expect(GITLAB.subject(written('like', value))).toEqual(expected);
  });

  test('an exact subject that stops at the ref key pins no ref', () => {
    expect(GITLAB.subject(written('equals', `${P}:ref_type:branch:ref`)).context).toBeUndefined();
  });

  const rules = (sub: string) =>
    awsTrust(GITLAB_HOST, {
      StringEquals: keys(GITLAB_HOST, { aud: 'https://gitlab.com', namespace_id: '77', project_id: '4242', ref_protected: 'true' }),
      StringLike: keys(GITLAB_HOST, { sub }),
    }).map((f) => f.rule);

  test('ref_type:branch:* admits any branch, but no tag: a wildcard ref (REF-001), not ref_type left open (GL-002)', () => {
    expect(rules(`${P}:ref_type:branch:*`)).toEqual(['WIAM-REF-001']);
    expect(rules(`${P}:ref_type:*`)).toEqual(['WIAM-GL-002']);
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['namespace_id', 'equals', '77', { tenant: 'immutable' }],
    ['namespace_id', 'like', '7*', opens('tenant', '7*')],
    ['namespace_path', 'equals', 'mygroup', { tenant: 'name' }],
    ['namespace_path', 'startsWith', 'my', opens('tenant', 'my')],
    ['project_id', 'equals', '4242', BY_ID],
    ['project_id', 'like', '42*', opens('unit', '42*')],
    ['project_path', 'equals', 'mygroup/myproject', NAMED],
    ['project_path', 'like', 'mygroup/*', opens('unit', 'mygroup/*', { tenant: 'name' })],
    ['project_path', 'like', 'my*', opens('tenant', 'my*')],
    ['project_path', 'equals', 'mygroup', { neverMatches: '"mygroup" is not group/project' }],
    ['ref', 'equals', 'main', { context: true }],
    ['ref', 'like', 'release-*', opens('ref', 'release-*')],
    ['environment', 'equals', 'production', { context: true }],
    ['environment', 'startsWith', 'prod', opens('ref', 'prod')],
    ['ref_type', 'equals', 'tag', { tag: true }],
    ['ref_type', 'equals', 'branch', { tag: false }],
    ['ref_type', 'like', '*', opens('refType', '*')],
    ['ref_protected', 'equals', 'true', { refProtected: true }],
    // Only "true" requires a protected ref.
    ['ref_protected', 'equals', 'false', undefined],
    ['ref_protected', 'like', 't*', undefined],
    ['user_login', 'equals', 'alice', undefined],
    ['pipeline_source', 'equals', 'push', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(GITLAB.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('which issuers serve every group', () => {
  test.each<[string | undefined, boolean]>([
    ['https://gitlab.com', true],
    // A self-managed instance serves one organization.
    ['https://gitlab.acme.internal', false],
    // Unresolved in a template: it may be gitlab.com.
    [undefined, true],
  ])('%s: %s', (url, shared) => {
    expect(GITLAB.shared(url)).toBe(shared);
  });
});
