import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { BUILDKITE } from '../../../lib/trust/issuers/buildkite';
import { COMMIT_SHA, awsTrust, keys } from '../../rules/inputs';

/**
 * The Buildkite reader on its own (lib/trust/issuers/buildkite.ts). Subjects (reference/CLAIMS.md):
 * `organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY`, all slugs. Every subject goes on with the commit
 * and step of its build, so a working trust ends with a wildcard after the ref.
 */

const PIPELINE = 'organization:acme:pipeline:deploy';
const MAIN = `${PIPELINE}:ref:refs/heads/main`;
const NAMED: Facts = { tenant: 'name', unit: 'name' };
const ON_MAIN: Facts = { ...NAMED, context: true, tag: false };

describe('a wildcard before the organization slug opens the whole subject', () => {
  test.each(['*', 'org*', 'organization:*'])('like %s', (value) => {
    expect(BUILDKITE.subject(written('like', value))).toEqual(opens('whole', value));
  });
});

describe('wildcards, field by field', () => {
  test.each<[string, Facts]>([
    // acme* also matches acme-evil.
    ['organization:acme*', opens('tenant', 'organization:acme*')],
    ['organization:acme:*', opens('unit', 'organization:acme:*', { tenant: 'name' })],
    ['organization:acme:p*', opens('unit', 'organization:acme:p*', { tenant: 'name' })],
    ['organization:acme:pipeline:*', opens('unit', 'organization:acme:pipeline:*', { tenant: 'name' })],
    ['organization:acme:pipeline:dep*', opens('unit', 'organization:acme:pipeline:dep*', { tenant: 'name' })],
    [`${PIPELINE}:*`, opens('ref', `${PIPELINE}:*`, NAMED)],
    [`${PIPELINE}:r*`, opens('ref', `${PIPELINE}:r*`, NAMED)],
    [`${PIPELINE}:ref:*`, opens('ref', `${PIPELINE}:ref:*`, NAMED)],
    [`${PIPELINE}:ref:refs/heads/*`, opens('ref', `${PIPELINE}:ref:refs/heads/*`, NAMED)],
    // After the ref, a wildcard covers the per-build commit and step: the expected shape.
    [`${MAIN}:*`, ON_MAIN],
    [`${MAIN}:c*`, ON_MAIN],
    [`${MAIN}:commit:*`, ON_MAIN],
    [`${PIPELINE}:ref:refs/tags/v1.0.0:*`, { ...NAMED, context: true, tag: true }],
    [`${MAIN}:commit:${COMMIT_SHA}:*`, { ...ON_MAIN, neverMatches: 'pins the commit, which changes on every build' }],
  ])('like %s', (value, expected) => {
    expect(BUILDKITE.subject(written('like', value))).toEqual(expected);
  });
});

describe('exact subjects', () => {
  test.each<[string, Facts]>([
    [`${MAIN}:commit:${COMMIT_SHA}:step:deploy`, { ...ON_MAIN, neverMatches: 'pins the commit and step, which change on every build' }],
    // No token stops after the ref.
    [MAIN, { ...ON_MAIN, neverMatches: 'ends before the commit and step that every subject carries' }],
    [`${PIPELINE}:branch:main`, { ...NAMED, neverMatches: '"branch" is not a field of Buildkite subjects' }],
    [`${MAIN}:branch:main`, { ...ON_MAIN, neverMatches: '"branch" is not a field of Buildkite subjects' }],
  ])('equals %s', (value, expected) => {
    expect(BUILDKITE.subject(written('equals', value))).toEqual(expected);
  });

  test('a subject that stops at the ref key pins no ref', () => {
    expect(BUILDKITE.subject(written('equals', `${PIPELINE}:ref`)).context).toBeUndefined();
  });

  const HOST = 'agent.buildkite.com';
  const rules = (condition: Parameters<typeof awsTrust>[1]) => awsTrust(HOST, condition).map((f) => `${f.severity} ${f.rule}`);
  const ORGANIZATION_ID = '0188e1f4-1c2d-4e5f-9a8b-7c6d5e4f3a2b';

  test('a subject that stops after the ref never matches (WIAM-OP-003); with the per-build rest left to a wildcard it does', () => {
    expect(rules({ StringEquals: keys(HOST, { aud: 'sts.amazonaws.com', organization_id: ORGANIZATION_ID, sub: MAIN }) })).toContain('warning WIAM-OP-003');
    expect(rules({ StringEquals: keys(HOST, { aud: 'sts.amazonaws.com', organization_id: ORGANIZATION_ID }), StringLike: keys(HOST, { sub: `${MAIN}:*` }) })).not.toContain(
      'warning WIAM-OP-003',
    );
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['organization_id', 'equals', '0188e1f4-1c2d-4e5f-9a8b-7c6d5e4f3a2b', { tenant: 'immutable' }],
    ['organization_id', 'like', '0188*', opens('tenant', '0188*')],
    ['organization_slug', 'equals', 'acme', { tenant: 'name' }],
    ['organization_slug', 'like', 'ac*', opens('tenant', 'ac*')],
    // Pipeline ids are unique across Buildkite: one pins the organization too.
    ['pipeline_id', 'equals', '0188e1f4-aaaa-4bbb-8ccc-dddddddddddd', { tenant: 'immutable', unit: 'immutable' }],
    ['pipeline_id', 'like', '0188*', opens('unit', '0188*')],
    ['pipeline_slug', 'equals', 'deploy', { unit: 'name' }],
    ['pipeline_slug', 'startsWith', 'dep', opens('unit', 'dep')],
    ['build_branch', 'equals', 'main', { context: true }],
    ['build_branch', 'like', 'release/*', opens('ref', 'release/*')],
    ['build_commit', 'equals', COMMIT_SHA, undefined],
    ['step_key', 'equals', 'deploy', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(BUILDKITE.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('which issuers serve every organization', () => {
  test.each([
    ['https://agent.buildkite.com', true],
    // Unresolved in a template: it may be the shared agent issuer.
    [undefined, true],
  ])('%s: %s', (url, shared) => {
    expect(BUILDKITE.shared(url)).toBe(shared);
  });
});
