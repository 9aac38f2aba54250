import { equals, like, opens, written, type Operator } from './patterns';
import { scanGcpProvider } from '../../../lib/scan/foreign-trust';
import { breadthOf } from '../../../lib/trust/breadth';
import type { Facts, Pattern } from '../../../lib/trust/facts';
import { GITHUB } from '../../../lib/trust/issuers/github';
import { COMMIT_SHA, OWNER_ID, REPOSITORY_ID } from '../../rules/inputs';

/**
 * The GitHub Actions reader on its own (lib/trust/issuers/github.ts). Subjects (reference/CLAIMS.md):
 * `repo:O/R:ref:REF`, `repo:O/R:environment:E`, `repo:O/R:pull_request`, the immutable `repo:O@ID/R@ID:…`, and
 * customised templates of `claim:value` pairs. IAM `*` spans `/` and `:`, so a wildcard opens everything after it.
 */

const R = 'repo:octo-org/octo-repo';
const NAMED: Facts = { tenant: 'name', unit: 'name' };
const BY_ID: Facts = { tenant: 'immutable', unit: 'immutable' };
const WORKFLOW = 'octo-org/automation/.github/workflows/deploy.yml';

const subject = (pattern: Pattern) => GITHUB.subject(pattern);

describe('a wildcard before the owner opens the whole subject', () => {
  test.each([
    '*',
    'r*',
    // repo* also matches customised subjects: repository_owner_id:…, repository:…
    'repo*',
    'repo:*',
  ])('%s', (value) => {
    expect(subject(like(value))).toEqual(opens('whole', value));
  });
});

describe('owner and repository', () => {
  test.each<[string, Facts]>([
    // octo-org* also matches octo-org-evil/…
    ['repo:octo*', opens('tenant', 'repo:octo*')],
    ['repo:octo-org*', opens('tenant', 'repo:octo-org*')],
    ['repo:octo-org/*', opens('unit', 'repo:octo-org/*', { tenant: 'name' })],
    // octo-repo* also matches octo-repo-evil
    ['repo:octo-org/octo-repo*', opens('unit', 'repo:octo-org/octo-repo*', { tenant: 'name' })],
    [`repo:octo-org@${OWNER_ID}/*`, opens('unit', `repo:octo-org@${OWNER_ID}/*`, { tenant: 'immutable' })],
  ])('like %s', (value, expected) => {
    expect(subject(like(value))).toEqual(expected);
  });

  test.each<[string, Facts]>([
    [`repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:environment:production`, { ...BY_ID, context: true }],
    // Each part is pinned by its own id: the owner id alone leaves the repository a name.
    [`repo:octo-org@${OWNER_ID}/octo-repo:environment:production`, { tenant: 'immutable', unit: 'name', context: true }],
    // A customised template names the repository by its claim.
    ['repository:octo-org/octo-repo:environment:production', { ...NAMED, context: true }],
    ['repo:octo-org:ref:refs/heads/main', { neverMatches: '"octo-org" is not owner/repository', context: true, tag: false }],
    ['repo:/octo-repo:ref:refs/heads/main', { neverMatches: '"/octo-repo" is not owner/repository', context: true, tag: false }],
  ])('equals %s', (value, expected) => {
    expect(subject(equals(value))).toEqual(expected);
  });
});

describe('the context after the repository', () => {
  test.each<[string, Facts]>([
    [`${R}:ref:refs/heads/main`, { ...NAMED, context: true, tag: false }],
    [`${R}:ref:refs/tags/v1.0.0`, { ...NAMED, context: true, tag: true }],
    [`${R}:environment:production`, { ...NAMED, context: true }],
    [`${R}:pull_request`, { ...NAMED, context: true, pullRequest: true }],
    // pull_request stands alone: the pair after it is the next claim of a customised template.
    [
      `${R}:pull_request:job_workflow_ref:${WORKFLOW}@refs/heads/main`,
      { ...NAMED, context: true, pullRequest: true, mutableWorkflow: `${WORKFLOW}@refs/heads/main` },
    ],
    // A claim the reader does not read (a customised template's actor) pins no context.
    [`${R}:actor:octocat`, NAMED],
  ])('equals %s', (value, expected) => {
    expect(subject(equals(value))).toEqual(expected);
  });

  test.each<[string, Facts]>([
    // Every ref, environment and pull_request of the repository.
    [`${R}:*`, opens('context', `${R}:*`, NAMED)],
    [`${R}:re*`, opens('context', `${R}:re*`, NAMED)],
    [`${R}:pull*`, opens('context', `${R}:pull*`, NAMED)],
    [`${R}:act*`, opens('context', `${R}:act*`, NAMED)],
    [`${R}:actor:*`, opens('context', `${R}:actor:*`, NAMED)],
    [`${R}:ref*`, opens('ref', `${R}:ref*`, NAMED)],
    [`${R}:ref:*`, opens('ref', `${R}:ref:*`, NAMED)],
    [`${R}:ref:refs/heads/*`, opens('ref', `${R}:ref:refs/heads/*`, NAMED)],
    // main* also matches main-evil
    [`${R}:ref:refs/heads/main*`, opens('ref', `${R}:ref:refs/heads/main*`, NAMED)],
    [`${R}:environment*`, opens('ref', `${R}:environment*`, NAMED)],
    [`${R}:environment:*`, opens('ref', `${R}:environment:*`, NAMED)],
    [`${R}:environment:prod*`, opens('ref', `${R}:environment:prod*`, NAMED)],
  ])('like %s', (value, expected) => {
    expect(subject(like(value))).toEqual(expected);
  });

  test.each([`${R}:ref`, `${R}:environment`])('an exact subject that stops at a key pins no context: %s', (value) => {
    expect(subject(equals(value))).toMatchObject(NAMED);
    expect(subject(equals(value)).context).toBeUndefined();
  });
});

describe('a wildcard after the context covers the claims a customised template appends', () => {
  // The reader cannot name those claims, so it opens the whole subject; breadth then narrows it by what the same
  // subject pins, and nothing is left open.
  test.each<[string, Facts]>([
    [`${R}:environment:production:*`, { ...NAMED, context: true }],
    [`${R}:ref:refs/heads/main:*`, { ...NAMED, context: true, tag: false }],
    [`${R}:pull_request:*`, { ...NAMED, context: true, pullRequest: true }],
  ])('like %s', (value, pins) => {
    expect(subject(like(value))).toEqual(opens('whole', value, pins));
    const view = { cloud: 'aws', issuer: { kind: 'github' }, tests: [{ claim: 'sub', match: 'glob', values: [value], text: value }], complete: true, access: 'write', where: { path: 'Statement[0]' } } as const;
    expect(breadthOf(view).open).toEqual([]);
  });
});

describe('customised subjects of id claims', () => {
  test.each<[Operator, string, Facts]>([
    ['equals', `repository_owner_id:${OWNER_ID}:repository_id:${REPOSITORY_ID}:environment:production`, { ...BY_ID, context: true }],
    ['equals', `repository_owner_id:${OWNER_ID}`, { tenant: 'immutable' }],
    ['like', 'repository_owner_id:901*', opens('tenant', 'repository_owner_id:901*')],
    ['like', 'repository_owner_id:*', opens('tenant', 'repository_owner_id:*')],
    // Every repository of the owner: breadth narrows `whole` below the pinned owner.
    ['like', `repository_owner_id:${OWNER_ID}:*`, opens('whole', `repository_owner_id:${OWNER_ID}:*`, { tenant: 'immutable' })],
    ['equals', 'repository_owner:octo-org:environment:production', { tenant: 'name', context: true }],
    ['like', 'repository_owner:octo*', opens('tenant', 'repository_owner:octo*')],
    ['like', 'repository_owner:*', opens('tenant', 'repository_owner:*')],
    // Repository ids are unique across GitHub: one pins the owner too.
    ['equals', `repository_id:${REPOSITORY_ID}`, BY_ID],
    ['like', 'repository_id:741*', opens('unit', 'repository_id:741*')],
  ])('%s %s', (operator, value, expected) => {
    expect(subject(written(operator, value))).toEqual(expected);
  });

  test('a template that stops at the owner key names no owner', () => {
    expect(subject(equals('repository_owner')).tenant).toBeUndefined();
  });
});

describe('event_name in a customised subject', () => {
  const ID = `repository_id:${REPOSITORY_ID}`;
  test.each<[Operator, string, Facts]>([
    ['equals', `${ID}:event_name:pull_request`, { ...BY_ID, pullRequest: true }],
    ['equals', `${ID}:event_name:pull_request_target`, { ...BY_ID, pullRequest: true }],
    // The attack: a wildcard inside the event name still admits pull_request runs.
    ['like', `${ID}:event_name:pull*`, { ...BY_ID, pullRequest: true }],
    ['like', `${ID}:event_name:pull_*`, { ...BY_ID, pullRequest: true }],
    // The neighbours: another event, or a wildcard that cannot become pull_request.
    ['equals', `${ID}:event_name:push`, BY_ID],
    ['like', `${ID}:event_name:push*`, BY_ID],
    ['like', `${ID}:event_name:*`, BY_ID],
  ])('%s %s', (operator, value, expected) => {
    expect(subject(written(operator, value))).toEqual(expected);
  });
});

describe('pull-request runs admitted through event_name, end to end', () => {
  // A job of a pull_request run that uses an environment carries the environment subject, so pinning the environment
  // does not keep pull-request runs out; only event_name tells them apart.
  const rules = (event: string) =>
    scanGcpProvider({
      issuer: 'https://token.actions.githubusercontent.com',
      attributeCondition: `assertion.repository_owner_id == '${OWNER_ID}' && assertion.repository_id == '${REPOSITORY_ID}' && assertion.environment == 'preview' && ${event}`,
    }).map((f) => `${f.severity} ${f.rule}`);

  test.each(["assertion.event_name == 'pull_request'", "assertion.event_name.startsWith('pull')", "assertion.event_name.matches('^pull_')"])('%s is refused (WIAM-GH-001)', (event) => {
    expect(rules(event)).toEqual(['error WIAM-GH-001']);
  });

  test.each(["assertion.event_name == 'push'", "assertion.event_name.startsWith('push')"])('%s is not', (event) => {
    expect(rules(event)).toEqual([]);
  });
});

describe('reusable workflows', () => {
  test.each<[Operator, string, Facts]>([
    // However the workflow is pinned, every repository that calls it is admitted.
    ['equals', `job_workflow_ref:${WORKFLOW}@${COMMIT_SHA}`, { workflowOnly: true }],
    ['equals', `job_workflow_ref:${WORKFLOW}@refs/heads/main`, { workflowOnly: true, mutableWorkflow: `${WORKFLOW}@refs/heads/main` }],
    // Without `@ref` the value is no commit either.
    ['equals', `job_workflow_ref:${WORKFLOW}`, { workflowOnly: true, mutableWorkflow: WORKFLOW }],
    // Only `path@sha` pins a workflow: a bare sha names none.
    ['equals', `job_workflow_ref:${COMMIT_SHA}`, { workflowOnly: true, mutableWorkflow: COMMIT_SHA }],
    ['like', 'job_workflow_ref*', { workflowOnly: true, ...opens('workflow', 'job_workflow_ref*') }],
    ['like', 'job_workflow_ref:*', { workflowOnly: true, ...opens('workflow', 'job_workflow_ref:*') }],
    ['like', `job_workflow_ref:${WORKFLOW}@*`, { workflowOnly: true, ...opens('workflow', `job_workflow_ref:${WORKFLOW}@*`) }],
    // The owner named, the calling repository not.
    ['equals', `repository_owner_id:${OWNER_ID}:job_workflow_ref:${WORKFLOW}@${COMMIT_SHA}`, { tenant: 'immutable', workflowOnly: true }],
    // A repository named next to the workflow: the callers are that repository's runs.
    ['equals', `${R}:environment:production:job_workflow_ref:${WORKFLOW}@${COMMIT_SHA}`, { ...NAMED, context: true }],
    ['equals', `repository_id:${REPOSITORY_ID}:job_workflow_ref:${WORKFLOW}@${COMMIT_SHA}`, BY_ID],
    // A malformed repository is still a repository: the subject never matches, but it names no workflow-only caller.
    ['equals', `repo:octo-org:job_workflow_ref:${WORKFLOW}@${COMMIT_SHA}`, { neverMatches: '"octo-org" is not owner/repository' }],
    // No workflow, no workflow-only subject.
    ['equals', `repository_owner_id:${OWNER_ID}:environment:production`, { tenant: 'immutable', context: true }],
  ])('%s %s', (operator, value, expected) => {
    expect(subject(written(operator, value))).toEqual(expected);
  });

  test('an exact subject that stops at the job_workflow_ref key pins no workflow', () => {
    expect(subject(equals('job_workflow_ref')).mutableWorkflow).toBeUndefined();
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['repository_owner_id', 'equals', OWNER_ID, { tenant: 'immutable' }],
    ['repository_owner_id', 'like', '901*', opens('tenant', '901*')],
    ['enterprise_id', 'equals', '4321', { tenant: 'immutable' }],
    ['enterprise_id', 'like', '43*', opens('tenant', '43*')],
    ['repository_owner', 'equals', 'octo-org', { tenant: 'name' }],
    ['repository_owner', 'like', 'octo*', opens('tenant', 'octo*')],
    ['repository_id', 'equals', REPOSITORY_ID, BY_ID],
    ['repository_id', 'like', '741*', opens('unit', '741*')],
    ['repository', 'equals', 'octo-org/octo-repo', NAMED],
    ['repository', 'like', 'octo-org/*', opens('unit', 'octo-org/*', { tenant: 'name' })],
    ['repository', 'like', 'octo*', opens('tenant', 'octo*')],
    ['repository', 'equals', 'octo-repo', { neverMatches: '"octo-repo" is not owner/repository' }],
    ['ref', 'equals', 'refs/heads/main', { context: true, tag: false }],
    ['ref', 'equals', 'refs/tags/v1.0.0', { context: true, tag: true }],
    ['ref', 'matches', '^refs/heads/main$', { context: true, tag: false }],
    ['ref', 'like', 'refs/heads/*', opens('ref', 'refs/heads/*')],
    ['environment', 'equals', 'production', { context: true }],
    ['environment', 'startsWith', 'prod', opens('ref', 'prod')],
    ['event_name', 'equals', 'pull_request', { pullRequest: true }],
    ['event_name', 'equals', 'pull_request_target', { pullRequest: true }],
    // The attack: a prefix or anchored expression cut inside pull_request admits its runs.
    ['event_name', 'startsWith', 'pull', { pullRequest: true }],
    ['event_name', 'matches', '^pull_', { pullRequest: true }],
    // The neighbours: another event; "pull" exactly is no event at all; a bare wildcard names none.
    ['event_name', 'equals', 'push', undefined],
    ['event_name', 'equals', 'pull', undefined],
    ['event_name', 'startsWith', 'push', undefined],
    ['event_name', 'like', '*', undefined],
    ['job_workflow_ref', 'equals', `${WORKFLOW}@${COMMIT_SHA}`, {}],
    ['job_workflow_ref', 'equals', `${WORKFLOW}@refs/heads/main`, { mutableWorkflow: `${WORKFLOW}@refs/heads/main` }],
    ['job_workflow_ref', 'like', `${WORKFLOW}@*`, opens('workflow', `${WORKFLOW}@*`)],
    ['workflow_ref', 'equals', 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main', { mutableWorkflow: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main' }],
    // Claims that say nothing about who is admitted.
    ['actor', 'equals', 'octocat', undefined],
    ['sha', 'equals', COMMIT_SHA, undefined],
    ['repository_visibility', 'equals', 'private', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(GITHUB.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('which issuers serve every organization', () => {
  test.each<[string | undefined, boolean]>([
    ['https://token.actions.githubusercontent.com', true],
    // An enterprise's own issuer and a GHE.com tenant's serve one enterprise.
    ['https://token.actions.githubusercontent.com/octo-enterprise', false],
    ['https://token.actions.octocorp.ghe.com', false],
    // Unresolved in a template: it may be the public issuer.
    [undefined, true],
  ])('%s: %s', (url, shared) => {
    expect(GITHUB.shared(url)).toBe(shared);
  });
});
