import { AZURE_AUDIENCE, GITHUB, keys } from './inputs';
import type { Finding } from '../../lib/rules/rule';
import { scanAwsTrustPolicy, scanAzureCredential, scanGcpProvider } from '../../lib/scan/foreign-trust';
import { awsStatementView } from '../../lib/trust/aws-view';
import { breadthOf } from '../../lib/trust/breadth';

/**
 * GitHub's immutable subject is `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (shared/reference/CLAIMS.md): the `@id` after
 * the owner pins the owner, the one after the repository pins the repository. An owner id alone
 * (`repo:acme@65/web:…`) leaves the repository pinned by its name, which can be deleted and registered again, so
 * WIAM-ID-001 still warns about the repository; the neighbours: a repository id pins the repository, and both ids
 * leave nothing pinned by name. Shown on each cloud's form of trust and through the breadth the rules read.
 */

const ISSUER = `https://${GITHUB}`;
const OWNER_ID_ONLY = 'repo:acme@65/web:environment:production';
const REPOSITORY_ID_ONLY = 'repo:acme/web@74:environment:production';
const BOTH_IDS = 'repo:acme@65/web@74:environment:production';

const REPOSITORY_BY_NAME = 'the repository/project/workspace is pinned by name only';

const statement = (operator: 'StringEquals' | 'StringLike', subject: string) => ({
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...(operator === 'StringEquals' ? { sub: subject } : {}) }),
    ...(operator === 'StringLike' ? { StringLike: keys(GITHUB, { sub: subject }) } : {}),
  },
});

/** The findings of each cloud's trust on one subject, exact. */
const FORMS: Readonly<Record<string, (subject: string) => Finding[]>> = {
  'AWS StringEquals': (subject) => scanAwsTrustPolicy({ Statement: [statement('StringEquals', subject)] }),
  'Azure federated credential': (subject) => scanAzureCredential({ issuer: ISSUER, subject, audiences: [AZURE_AUDIENCE] }),
  'GCP attribute condition': (subject) => scanGcpProvider({ issuer: ISSUER, attributeCondition: `assertion.sub == '${subject}'` }),
};

const nameBasedPins = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'WIAM-ID-001').map((f) => f.message);

describe.each(Object.entries(FORMS))('%s', (_form, findingsOf) => {
  test('an owner id alone leaves the repository pinned by name: WIAM-ID-001 names the repository', () => {
    expect(nameBasedPins(findingsOf(OWNER_ID_ONLY))).toEqual([expect.stringContaining(REPOSITORY_BY_NAME)]);
    // The owner is pinned by its id: the warning is about the repository alone.
    expect(nameBasedPins(findingsOf(OWNER_ID_ONLY))[0]).not.toContain('organization');
  });

  test('neighbour: a repository id pins the repository', () => {
    for (const message of nameBasedPins(findingsOf(REPOSITORY_ID_ONLY))) expect(message).not.toContain('repository/project/workspace');
  });

  test('neighbour: both ids leave nothing pinned by name', () => {
    expect(nameBasedPins(findingsOf(BOTH_IDS))).toEqual([]);
  });

  test('neighbour: the classic subject names both', () => {
    expect(nameBasedPins(findingsOf('repo:acme/web:environment:production'))).toEqual([
      'the organization and repository/project/workspace are pinned by name only',
    ]);
  });
});

describe('the breadth the rules read', () => {
  const breadth = (operator: 'StringEquals' | 'StringLike', subject: string) =>
    breadthOf(awsStatementView(statement(operator, subject), { where: { path: 'Statement[0]' }, access: 'write' })!);

  test.each([
    ['an owner id alone', OWNER_ID_ONLY, { tenant: 'immutable', unit: 'name' }],
    ['both ids', BOTH_IDS, { tenant: 'immutable', unit: 'immutable' }],
    ['no id', 'repo:acme/web:environment:production', { tenant: 'name', unit: 'name' }],
  ])('exact subject with %s', (_what, subject, pins) => {
    expect(breadth('StringEquals', subject)).toMatchObject({ ...pins, context: true });
  });

  test('a repository id alone pins the repository', () => {
    expect(breadth('StringEquals', REPOSITORY_ID_ONLY).unit).toBe('immutable');
  });

  test('the same holds in a pattern: an owner id before a wildcard branch leaves the repository pinned by name', () => {
    expect(breadth('StringLike', 'repo:acme@65/web:ref:refs/heads/release-*')).toMatchObject({ tenant: 'immutable', unit: 'name', context: false });
    expect(breadth('StringLike', 'repo:acme@65/web@74:ref:refs/heads/release-*')).toMatchObject({ tenant: 'immutable', unit: 'immutable', context: false });
  });

  test('an owner id before a wildcard repository pins the owner and leaves the repository open', () => {
    const open = breadth('StringLike', 'repo:acme@65/*');
    expect(open).toMatchObject({ tenant: 'immutable', unit: 'none' });
    expect(open.open.map((o) => o.field)).toEqual(['unit']);
  });
});
