import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { CIRCLECI } from '../../../lib/trust/issuers/circleci';
import { CIRCLECI_ORG } from '../../rules/inputs';

/**
 * The CircleCI reader on its own (lib/trust/issuers/circleci.ts). Subjects (reference/CLAIMS.md):
 * `org/ORG_ID/project/PROJECT_ID/user/USER_ID`, newer ones followed by `/vcs-origin/ORIGIN/vcs-ref/REF`; every id a
 * uuid. The user is the context; the issuer `https://oidc.circleci.com/org/ORG_ID` serves one organization.
 */

const PROJECT_ID = '7a1b2c3d-0000-4000-8000-000000000001';
const USER_ID = '9e8d7c6b-0000-4000-8000-000000000002';
const ORG = `org/${CIRCLECI_ORG}`;
const PROJECT = `${ORG}/project/${PROJECT_ID}`;
const USER = `${PROJECT}/user/${USER_ID}`;
const VCS = `${USER}/vcs-origin/github.com/octo-org/octo-repo/vcs-ref`;

const BY_ID: Facts = { tenant: 'immutable', unit: 'immutable' };
const notASubject = (literal: string): Facts => ({ neverMatches: `"${literal}" is not a CircleCI subject (org/ID/project/ID/user/ID...)` });

describe('wildcards, field by field', () => {
  test.each<[string, Facts]>([
    // Everything from the organization on.
    ['*', opens('tenant', '*')],
    ['o*', opens('tenant', 'o*')],
    ['org/*', opens('tenant', 'org/*')],
    [`org/${CIRCLECI_ORG.slice(0, 8)}*`, opens('tenant', `org/${CIRCLECI_ORG.slice(0, 8)}*`)],
    // Without the delimiter the id may still go on.
    [`${ORG}*`, opens('tenant', `${ORG}*`)],
    // With it, the organization is complete and every project of it is open.
    [`${ORG}/*`, opens('unit', `${ORG}/*`, { tenant: 'immutable' })],
    [`${ORG}/pro*`, opens('unit', `${ORG}/pro*`, { tenant: 'immutable' })],
    [`${ORG}/project/*`, opens('unit', `${ORG}/project/*`, { tenant: 'immutable' })],
    [`${PROJECT}*`, opens('unit', `${PROJECT}*`, { tenant: 'immutable' })],
    [`${PROJECT}/*`, opens('member', `${PROJECT}/*`, BY_ID)],
    [`${PROJECT}/user/*`, opens('member', `${PROJECT}/user/*`, BY_ID)],
    [`${USER}*`, opens('member', `${USER}*`, BY_ID)],
    // The user pinned, the VCS origin and ref open.
    [`${USER}/*`, opens('member', `${USER}/*`, { ...BY_ID, context: true })],
    [`${USER}/vcs-origin/*`, opens('member', `${USER}/vcs-origin/*`, { ...BY_ID, context: true })],
    [`${VCS}/*`, opens('ref', `${VCS}/*`, { ...BY_ID, context: true })],
    [`${VCS}/refs/heads/main*`, opens('ref', `${VCS}/refs/heads/main*`, { ...BY_ID, context: true })],
    // The first wildcard decides: every user and origin, whatever the ref after them.
    [`${PROJECT}/user/*/vcs-origin/*/vcs-ref/refs/heads/main`, opens('member', `${PROJECT}/user/*/vcs-origin/*/vcs-ref/refs/heads/main`, BY_ID)],
    // Not the subject layout: no CircleCI token starts this way.
    ['/*', notASubject('/')],
    [`project/${PROJECT_ID}/*`, notASubject(`project/${PROJECT_ID}/`)],
  ])('like %s', (value, expected) => {
    expect(CIRCLECI.subject(written('like', value))).toEqual(expected);
  });

  test('an empty organization id pins no organization', () => {
    expect(CIRCLECI.subject(written('like', 'org//*')).tenant).toBeUndefined();
  });
});

describe('exact subjects', () => {
  test.each<[string, Facts]>([
    [USER, { ...BY_ID, context: true }],
    [`${VCS}/refs/heads/main`, { ...BY_ID, context: true }],
    // Every subject names the project and the user.
    [ORG, { tenant: 'immutable', ...notASubject(ORG) }],
    [PROJECT, { ...BY_ID, ...notASubject(PROJECT) }],
    // The VCS ref comes after the VCS origin, never without it.
    [`${USER}/vcs-ref/refs/heads/main`, { ...BY_ID, context: true, ...notASubject(`${USER}/vcs-ref/refs/heads/main`) }],
  ])('equals %s', (value, expected) => {
    expect(CIRCLECI.subject(written('equals', value))).toEqual(expected);
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['oidc.circleci.com/org-id', 'equals', CIRCLECI_ORG, { tenant: 'immutable' }],
    ['oidc.circleci.com/org-id', 'like', '0f8c*', opens('tenant', '0f8c*')],
    ['oidc.circleci.com/project-id', 'equals', PROJECT_ID, { unit: 'immutable' }],
    ['oidc.circleci.com/project-id', 'like', '7a1b*', opens('unit', '7a1b*')],
    ['oidc.circleci.com/vcs-ref', 'equals', 'refs/heads/main', { context: true }],
    ['oidc.circleci.com/vcs-ref', 'like', 'refs/heads/*', opens('ref', 'refs/heads/*')],
    ['oidc.circleci.com/vcs-origin', 'equals', 'github.com/octo-org/octo-repo', undefined],
    ['oidc.circleci.com/context-ids', 'equals', PROJECT_ID, undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(CIRCLECI.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('the issuer serves one organization', () => {
  test.each([`https://oidc.circleci.com/org/${CIRCLECI_ORG}`, undefined])('%s', (url) => {
    expect(CIRCLECI.shared(url)).toBe(false);
  });
});
