import { BITBUCKET, CIRCLECI, CIRCLECI_ORG, COMMIT_SHA, EKS, GITHUB, GITLAB, OWNER_ID, REPOSITORY_ID, SPIRE, TERRAFORM, keys, webIdentityTrust, type IamCondition } from './inputs';
import type { IssuerKind } from '../../lib/model/identity';
import { awsStatementView } from '../../lib/trust/aws-view';
import { breadthOf, patternOf, type Breadth } from '../../lib/trust/breadth';
import { gcpViews } from '../../lib/trust/gcp-view';
import { issuerKindOf } from '../../lib/trust/issuers';
import type { ClaimTest } from '../../lib/trust/trust-view';

/**
 * The issuer readers and breadth analysis on subjects that are easy to misread. Each expectation says who the
 * subject admits, worked out from the issuer's subject format (shared/reference/CLAIMS.md) and the operator's
 * semantics: IAM StringLike `*` matches any run of characters, "/" and ":" included; CEL `startsWith` is a prefix;
 * RE2 `matches` is unanchored.
 */

/** The breadth of one AWS web-identity statement of `host`. */
function awsBreadth(host: string, condition: IamCondition, issuerKind?: IssuerKind): Breadth {
  const view = awsStatementView(webIdentityTrust(host, condition).Statement[0], { where: { path: 'Statement[0]' }, access: 'unknown', ...(issuerKind ? { issuerKind } : {}) });
  if (!view) throw new Error('the statement admits no web identity');
  return breadthOf(view);
}

/** The breadth of a StringLike pattern on sub, as the only condition next to the audience. */
const likeSub = (host: string, sub: string, issuerKind?: IssuerKind) =>
  awsBreadth(host, { StringEquals: keys(host, { aud: 'sts.amazonaws.com' }), StringLike: keys(host, { sub }) }, issuerKind);

/** The breadth of the single way into a GCP provider with this condition. */
function gcpBreadth(issuer: string, attributeCondition: string): Breadth {
  const [view, ...others] = gcpViews({ issuer, issuerKind: issuerKindOf(issuer), attributeCondition, access: 'unknown', where: { path: 'attributeCondition' } });
  expect(others).toEqual([]);
  return breadthOf(view);
}

/** What the pins and open fields come to, for comparison with a hand-written expectation. */
function summary(breadth: Breadth) {
  return { tenant: breadth.tenant, unit: breadth.unit, context: breadth.context, open: breadth.open.map((o) => o.field) };
}

describe('GitHub Actions subjects', () => {
  test.each([
    // octo* also matches octo-org/octopus-payments: the owner is named, the repository is not.
    ['repo:octo-org/octo*', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['repo:octo-org/octo-repo*', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['repo:octo*', { tenant: 'none', unit: 'none', context: false, open: ['tenant'] }],
    ['repo:octo-org/*', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['repo:octo-org/octo-repo:*', { tenant: 'name', unit: 'name', context: false, open: ['context'] }],
    ['repo:octo-org/octo-repo:ref:refs/heads/*', { tenant: 'name', unit: 'name', context: false, open: ['ref'] }],
    ['repo:octo-org/octo-repo:environment:production', { tenant: 'name', unit: 'name', context: true, open: [] }],
    [`repo:octo-org@${OWNER_ID}/octo-repo@${REPOSITORY_ID}:environment:production`, { tenant: 'immutable', unit: 'immutable', context: true, open: [] }],
    [`repo:octo-org@${OWNER_ID}/*`, { tenant: 'immutable', unit: 'none', context: false, open: ['unit'] }],
    ['*', { tenant: 'none', unit: 'none', context: false, open: ['whole'] }],
    ['re*', { tenant: 'none', unit: 'none', context: false, open: ['whole'] }],
  ])('StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(GITHUB, sub))).toEqual(expected);
  });

  test('a wildcard over the whole context admits pull_request runs', () => {
    expect(likeSub(GITHUB, 'repo:octo-org/octo-repo:*').pullRequest).toBe(true);
    expect(likeSub(GITHUB, 'repo:octo-org/octo-repo:environment:production').pullRequest).toBe(false);
    expect(likeSub(GITHUB, 'repo:octo-org/octo-repo:pull_request')).toMatchObject({ pullRequest: true, context: true });
  });

  test('a tag ref is a tag; a branch is not', () => {
    expect(likeSub(GITHUB, 'repo:octo-org/octo-repo:ref:refs/tags/v1.0.0').tag).toBe(true);
    expect(likeSub(GITHUB, 'repo:octo-org/octo-repo:ref:refs/heads/main').tag).toBe(false);
  });

  test('customised subject of immutable claims pins owner, repository and environment', () => {
    expect(summary(likeSub(GITHUB, `repository_owner_id:${OWNER_ID}:repository_id:${REPOSITORY_ID}:environment:production`))).toEqual({
      tenant: 'immutable',
      unit: 'immutable',
      context: true,
      open: [],
    });
  });

  test('a job_workflow_ref-only subject names no calling repository, however the workflow is pinned', () => {
    const workflow = 'octo-org/automation/.github/workflows/deploy.yml';
    expect(likeSub(GITHUB, `job_workflow_ref:${workflow}@${COMMIT_SHA}`)).toMatchObject({ workflowOnly: true, mutableWorkflows: [], unit: 'none' });
    expect(likeSub(GITHUB, `job_workflow_ref:${workflow}@refs/heads/main`)).toMatchObject({ workflowOnly: true, mutableWorkflows: [`${workflow}@refs/heads/main`] });
    expect(likeSub(GITHUB, `repo:octo-org/octo-repo:environment:production:job_workflow_ref:${workflow}@${COMMIT_SHA}`)).toMatchObject({ workflowOnly: false, mutableWorkflows: [] });
  });

  test('immutable id claims next to a classic subject pin owner and repository by id', () => {
    const breadth = awsBreadth(GITHUB, {
      StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:environment:production', repository_owner_id: OWNER_ID, repository_id: REPOSITORY_ID }),
    });
    expect(summary(breadth)).toEqual({ tenant: 'immutable', unit: 'immutable', context: true, open: [] });
  });

  test('one broad value among exact ones widens the whole test (values OR together)', () => {
    const breadth = awsBreadth(GITHUB, {
      StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com' }),
      StringLike: keys(GITHUB, { sub: ['repo:octo-org/octo-repo:environment:production', 'repo:octo-org/*'] }),
    });
    expect(summary(breadth)).toEqual({ tenant: 'name', unit: 'none', context: false, open: ['unit'] });
  });

  test.each([
    // The public issuer serves every organization; an enterprise's issuer and a ghe.com tenant's serve one.
    ['https://token.actions.githubusercontent.com', 'none'],
    ['https://token.actions.githubusercontent.com/octo-enterprise', 'issuer'],
    ['https://token.actions.octocorp.ghe.com', 'issuer'],
  ])('a condition on the environment alone under %s pins the tenant: %s', (issuer, tenant) => {
    expect(gcpBreadth(issuer, "assertion.environment == 'production'").tenant).toBe(tenant);
  });
});

describe('GitLab CI subjects', () => {
  test.each([
    // IAM * spans "/": mygroup/* admits every project of every subgroup.
    ['project_path:mygroup/*:ref_type:branch:ref:main', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['project_path:mygroup/*/deploy:ref_type:branch:ref:main', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    // mygroup* also matches mygroup-evil.
    ['project_path:mygroup*', { tenant: 'none', unit: 'none', context: false, open: ['tenant'] }],
    ['project_path:mygroup/myproject:ref_type:*:ref:main', { tenant: 'name', unit: 'name', context: false, open: ['refType'] }],
    ['project_path:mygroup/myproject:ref_type:branch:ref:release-*', { tenant: 'name', unit: 'name', context: false, open: ['ref'] }],
    ['project_id:4242:ref_type:branch:ref:main', { tenant: 'immutable', unit: 'immutable', context: true, open: [] }],
  ])('StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(GITLAB, sub))).toEqual(expected);
  });

  test('ref_type:tag pins a tag, and ref_protected "true" requires a protected ref', () => {
    const breadth = awsBreadth(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', sub: 'project_id:4242:ref_type:tag:ref:v1.0.0', ref_protected: 'true' }) });
    expect(breadth).toMatchObject({ tag: true, refProtected: true });
    expect(likeSub(GITLAB, 'project_id:4242:ref_type:branch:ref:main')).toMatchObject({ tag: false, refProtected: false });
  });

  test('a field GitLab never emits can never match', () => {
    expect(likeSub(GITLAB, 'project_path:mygroup/myproject:branch:main').neverMatches).toEqual(['"branch" is not a field of GitLab subjects']);
  });
});

describe('CircleCI subjects (the issuer serves one organization)', () => {
  const PROJECT = `org/${CIRCLECI_ORG}/project/7a1b2c3d-0000-4000-8000-000000000001`;
  test.each([
    // org/ID/ with the delimiter: the organization is complete and every project of it is open.
    [`org/${CIRCLECI_ORG}/*`, { tenant: 'immutable', unit: 'none', context: false, open: ['unit'] }],
    [`${PROJECT}/user/*`, { tenant: 'immutable', unit: 'immutable', context: false, open: ['member'] }],
    [`${PROJECT}/user/9e8d7c6b-0000-4000-8000-000000000002`, { tenant: 'immutable', unit: 'immutable', context: true, open: [] }],
    // The newer subject layout also names the VCS origin and ref.
    [`${PROJECT}/user/9e8d7c6b-0000-4000-8000-000000000002/vcs-origin/github.com/octo-org/octo-repo/vcs-ref/refs/heads/main`, { tenant: 'immutable', unit: 'immutable', context: true, open: [] }],
    [`${PROJECT}/user/*/vcs-origin/*/vcs-ref/refs/heads/main`, { tenant: 'immutable', unit: 'immutable', context: false, open: ['member'] }],
  ])('StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(CIRCLECI, sub))).toEqual(expected);
  });
});

describe('Bitbucket Pipelines subjects (the issuer serves one workspace)', () => {
  const REPOSITORY = '{7a1b2c3d-0000-4000-8000-000000000001}';
  const ENVIRONMENT = '{8b1b2c3d-0000-4000-8000-000000000002}';
  const STEP = '{9c1b2c3d-0000-4000-8000-000000000003}';

  test('repository and deployment environment with the per-run step left open is one deployment environment', () => {
    expect(likeSub(BITBUCKET, `${REPOSITORY}:${ENVIRONMENT}:*`)).toMatchObject({ unit: 'immutable', context: true, open: [], neverMatches: [] });
  });

  test('the repository with everything after it open leaves the environment open', () => {
    expect(likeSub(BITBUCKET, `${REPOSITORY}:*`)).toMatchObject({ unit: 'immutable', context: false, open: [] });
  });

  test('an exact step uuid is new on every run, so it never matches again', () => {
    expect(likeSub(BITBUCKET, `${REPOSITORY}:${STEP}`).neverMatches).toEqual(['pins the step uuid, which is new on every pipeline run']);
  });
});

describe('SPIFFE ids and Kubernetes service accounts (the issuer serves one trust domain or cluster)', () => {
  test.each([
    // The trust domain's own JWT issuer already pins the tenant.
    ['spiffe://example.org/*', { tenant: 'issuer', unit: 'none', context: false, open: ['unit'] }],
    ['spiffe://example.org/ns/edge/*', { tenant: 'issuer', unit: 'none', context: false, open: ['unit'] }],
    ['spiffe://example.org/ns/edge/sa/gateway', { tenant: 'issuer', unit: 'name', context: false, open: [] }],
  ])('SPIFFE StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(SPIRE, sub, 'spiffe'))).toEqual(expected);
  });

  test.each([
    ['system:serviceaccount:orders:*', { tenant: 'issuer', unit: 'none', context: false, open: ['unit'] }],
    ['system:serviceaccount:*', { tenant: 'issuer', unit: 'none', context: false, open: ['unit'] }],
    ['system:serviceaccount:orders:orders-api', { tenant: 'issuer', unit: 'name', context: true, open: [] }],
  ])('EKS StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(EKS, sub))).toEqual(expected);
  });
});

describe('HCP Terraform subjects and claims', () => {
  test('run_phase:* leaves the run phase open', () => {
    const breadth = likeSub(TERRAFORM, 'organization:acme:project:platform:workspace:networking:run_phase:*');
    expect(summary(breadth)).toEqual({ tenant: 'name', unit: 'name', context: false, open: ['runPhase'] });
    expect(breadth.runPhases).toBeUndefined();
  });

  test('organization and workspace ids with the apply phase pin everything by id', () => {
    const breadth = gcpBreadth(`https://${TERRAFORM}`, "assertion.terraform_organization_id == 'org-AbC' && assertion.terraform_workspace_id == 'ws-Nx6f' && assertion.terraform_run_phase == 'apply'");
    expect(breadth).toMatchObject({ tenant: 'immutable', unit: 'immutable', context: true, runPhases: ['apply'], open: [] });
  });
});

describe('CEL patterns', () => {
  const claimTest = (claim: string, match: ClaimTest['match'], value: string): ClaimTest => ({ claim, match, values: [value], text: `${claim} ${match} ${value}` });

  test.each([
    ['^refs/heads/main$', { literal: 'refs/heads/main', open: false }],
    ['^refs/heads/ma\\.in$', { literal: 'refs/heads/ma.in', open: false }],
    ['^refs/heads/.*', { literal: 'refs/heads/', open: true }],
    ['^refs/heads/main', { literal: 'refs/heads/main', open: true }],
    // Unanchored: matches anywhere in the claim.
    ['refs/heads/main', { literal: '', open: true }],
  ])('matches(%s)', (regex, expected) => {
    expect(patternOf(claimTest('ref', 'regex', regex), regex)).toMatchObject(expected);
  });

  test('startsWith is a prefix and IAM globs stop at the first * or ?', () => {
    expect(patternOf(claimTest('ref', 'prefix', 'refs/heads/'), 'refs/heads/')).toMatchObject({ literal: 'refs/heads/', open: true });
    expect(patternOf(claimTest('sub', 'glob', 'repo:octo-org/octo-repo:ref:refs/heads/v?.*'), 'repo:octo-org/octo-repo:ref:refs/heads/v?.*')).toMatchObject({
      literal: 'repo:octo-org/octo-repo:ref:refs/heads/v',
      open: true,
    });
  });

  test('an anchored regular expression on sub is as exact as StringEquals', () => {
    expect(summary(gcpBreadth(`https://${GITHUB}`, "assertion.sub.matches('^repo:octo-org/octo-repo:ref:refs/heads/main$')"))).toEqual({ tenant: 'name', unit: 'name', context: true, open: [] });
  });
});

describe('issuer families', () => {
  test.each([
    ['token.actions.githubusercontent.com', 'github'],
    ['https://token.actions.octocorp.ghe.com', 'github'],
    ['https://gitlab.com', 'gitlab'],
    // A self-managed GitLab cannot be told from its URL: the caller must say so.
    ['https://gitlab.acme.internal', 'generic'],
    ['https://app.terraform.io', 'terraformCloud'],
    [`oidc.circleci.com/org/${CIRCLECI_ORG}`, 'circleci'],
    [BITBUCKET, 'bitbucket'],
    [EKS, 'kubernetes'],
    ['https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics', 'kubernetes'],
    ['https://westeurope.oic.prod-aks.azure.com/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/3f2e1d0c-b9a8-4765-8432-10fedcba9876/', 'kubernetes'],
    ['accounts.google.com', 'google'],
    ['https://login.microsoftonline.com/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/v2.0', 'azure'],
    ['https://oidc.spire.example.org', 'generic'],
  ])('%s is %s', (url, kind) => {
    expect(issuerKindOf(url)).toBe(kind);
  });
});

describe('Buildkite subjects (organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY)', () => {
  const BUILDKITE = 'agent.buildkite.com';

  test.each([
    // Commit and step change on every build: a wildcard after the ref is the expected shape.
    ['organization:acme:pipeline:deploy:ref:refs/heads/main:*', { tenant: 'name', unit: 'name', context: true, open: [] }],
    ['organization:acme:pipeline:deploy:ref:refs/heads/*', { tenant: 'name', unit: 'name', context: false, open: ['ref'] }],
    ['organization:acme:pipeline:deploy:*', { tenant: 'name', unit: 'name', context: false, open: ['ref'] }],
    ['organization:acme:pipeline:*', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['organization:acme:*', { tenant: 'name', unit: 'none', context: false, open: ['unit'] }],
    ['organization:*', { tenant: 'none', unit: 'none', context: false, open: ['whole'] }],
  ])('StringLike sub %s', (sub, expected) => {
    expect(summary(likeSub(BUILDKITE, sub))).toEqual(expected);
  });

  test('agent.buildkite.com serves every organization, and its ids are immutable pins', () => {
    expect(issuerKindOf('https://agent.buildkite.com')).toBe('buildkite');
    const byId = awsBreadth(BUILDKITE, {
      StringEquals: keys(BUILDKITE, { aud: 'sts.amazonaws.com', organization_id: '0188e1f4-1c2d-4e5f-9a8b-7c6d5e4f3a2b', pipeline_id: '0188e1f4-aaaa-4bbb-8ccc-dddddddddddd' }),
      StringLike: keys(BUILDKITE, { sub: 'organization:acme:pipeline:deploy:ref:refs/heads/main:*' }),
    });
    expect(summary(byId)).toEqual({ tenant: 'immutable', unit: 'immutable', context: true, open: [] });
  });

  test('a subject pinning the commit and step matches one build only', () => {
    const exact = awsBreadth(BUILDKITE, { StringEquals: keys(BUILDKITE, { sub: `organization:acme:pipeline:deploy:ref:refs/heads/main:commit:${COMMIT_SHA}:step:deploy` }) });
    expect(exact.neverMatches).toEqual(['pins the commit and step, which change on every build']);
  });
});
