import { CIRCLECI_ORG, githubIdentity, writingWorkload } from './inputs';
import { toModel } from '../../lib/declaration/parse';
import { explainToken } from '../../lib/explain/explain';
import { compile } from '../../lib/plan/compile';
import { blockingFindings, checkPlan } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import { declaration, workload, type Cloud, type IdentityInput } from '../plan/fixtures';

// An identity is judged by what its issuer's tokens mean (reference/CLAIMS.md), not by the kind that declares it: an
// `oidc` identity on GitHub's issuer is GitHub trust, so a pull_request subject with write access is refused however
// it is declared, and a shared provider's reading never depends on which workload comes first.

const GITHUB = 'https://token.actions.githubusercontent.com';
const oidc = (issuer: string, subject: string, audience = 'sts.amazonaws.com'): IdentityInput => ({ oidc: { issuer, audience, subject } });
const CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure'];
const AUDIENCE: Readonly<Record<Cloud, string>> = { aws: 'sts.amazonaws.com', gcp: 'acme-gcp', azure: 'api://AzureADTokenExchange' };

const findingsOf = (...workloads: Parameters<typeof declaration>[0]) => checkPlan(compile(toModel(declaration(workloads))));
const rulesOf = (findings: readonly Finding[], workloadName: string) =>
  [...new Set(findings.filter((f) => f.workload === workloadName && f.severity === 'error').map((f) => f.rule))].sort();

describe.each(CLOUDS)('an oidc identity on GitHub’s issuer is GitHub trust (%s)', (cloud) => {
  const github = (subject: string) => oidc(GITHUB, subject, AUDIENCE[cloud]);

  test('a pull_request subject on a role that writes is refused (WIAM-GH-001)', () => {
    const findings = findingsOf(writingWorkload('preview', [github('repo:acme/web:pull_request')], [cloud]));
    expect(rulesOf(findings, 'preview')).toContain('WIAM-GH-001');
  });

  test('a spelling of the issuer changes nothing', () => {
    const findings = findingsOf(writingWorkload('preview', [oidc('https://Token.Actions.GitHubUserContent.com:443/', 'repo:acme/web:pull_request', AUDIENCE[cloud])], [cloud]));
    expect(rulesOf(findings, 'preview')).toContain('WIAM-GH-001');
  });

  test('the neighbour, read-only access, is a warning, not an error', () => {
    const findings = findingsOf(workload('preview', [github('repo:acme/web:pull_request')], [cloud]));
    expect(findings.filter((f) => f.rule === 'WIAM-GH-001').map((f) => f.severity)).toEqual(['warning']);
    expect(blockingFindings(findings)).toEqual([]);
  });

  test('the neighbour, an environment with write access, has no blocking finding', () => {
    expect(blockingFindings(findingsOf(writingWorkload('deploy', [github('repo:acme/web:environment:production')], [cloud])))).toEqual([]);
  });

  test.each(['repository_owner:acme', 'repository_owner_id:90125'])('an owner-wide customised subject %s is refused', (subject) => {
    expect(rulesOf(findingsOf(writingWorkload('org-wide', [github(subject)], [cloud])), 'org-wide')).toContain('WIAM-TRUST-005');
  });
});

describe('an oidc identity on HCP Terraform’s issuer is HCP Terraform trust', () => {
  const terraform = (phase: string) => oidc('https://app.terraform.io/', `organization:acme:project:core:workspace:dns:run_phase:${phase}`, 'aws.workload.identity');

  test('the plan phase with write access is refused (WIAM-TFC-002)', () => {
    expect(rulesOf(findingsOf(writingWorkload('plan', [terraform('plan')], ['aws'])), 'plan')).toEqual(['WIAM-TFC-002']);
  });

  test('the neighbour, the apply phase, has no blocking finding', () => {
    expect(blockingFindings(findingsOf(writingWorkload('apply', [terraform('apply')], ['aws'])))).toEqual([]);
  });
});

describe('issuers with no kind of their own are declared through oidc and read by their reader', () => {
  test('CircleCI: a full subject is clean; a subject of another layout can never match', () => {
    const issuer = `https://oidc.circleci.com/org/${CIRCLECI_ORG}`;
    const exact = oidc(issuer, `org/${CIRCLECI_ORG}/project/5b2a6c1e-0000-4000-8000-000000000001/user/9c1d2e3f-0000-4000-8000-000000000002`, CIRCLECI_ORG);
    expect(findingsOf(writingWorkload('circle', [exact], ['aws'])).filter((f) => f.workload === 'circle')).toEqual([]);
    const wrong = findingsOf(writingWorkload('circle', [oidc(issuer, 'repo:acme/web:ref:refs/heads/main', CIRCLECI_ORG)], ['aws']));
    expect(wrong.map((f) => f.rule)).toContain('WIAM-OP-003');
  });

  test('Buildkite: agent.buildkite.com is shared, and an exact subject pins a commit and step of one build', () => {
    const subject = 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:3f1c2a9e7b5d4c8a6f0e1d2c3b4a59687f6e5d4c:step:deploy';
    const findings = findingsOf(writingWorkload('kite', [oidc('https://agent.buildkite.com/', subject)], ['aws']));
    expect(findings.find((f) => f.rule === 'WIAM-OP-003')?.message).toContain('change on every build');
  });

  test('Google: a service account’s unique id as subject pins it on GCP', () => {
    const findings = findingsOf(writingWorkload('google', [oidc('https://accounts.google.com', '104729364512345678901', 'acme-gcp')], ['gcp']));
    expect(blockingFindings(findings)).toEqual([]);
  });
});

describe('a shared provider is read by its issuer, whatever workload comes first', () => {
  const pullRequests = writingWorkload('preview', [githubIdentity({ pullRequest: true })], ['aws']);
  const generic = writingWorkload('generic', [oidc(GITHUB, 'repo:acme/web:environment:production')], ['aws']);

  test.each([
    ['the oidc workload first', [generic, pullRequests]],
    ['the github workload first', [pullRequests, generic]],
  ])('the github pull-request workload that writes is refused with %s', (_order, workloads) => {
    expect(rulesOf(findingsOf(...workloads), 'preview')).toContain('WIAM-GH-001');
  });
});

test('explain still shows where a fork’s pull request is accepted, and validate refuses that very trust', () => {
  const plan = compile(toModel(declaration([writingWorkload('preview', [oidc(GITHUB, 'repo:acme/web:pull_request')], ['aws'])])));
  const token = { iss: GITHUB, aud: 'sts.amazonaws.com', sub: 'repo:acme/web:pull_request', event_name: 'pull_request', repository: 'acme/web' };
  expect(explainToken(plan, { claims: token }).map((match) => match.workload)).toEqual(['preview']);
  expect(blockingFindings(checkPlan(plan)).map((f) => f.rule)).toContain('WIAM-GH-001');
});
