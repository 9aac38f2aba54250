import {
  CIRCLECI,
  CIRCLECI_ORG,
  GITHUB,
  GITHUB_IDS,
  GITLAB,
  TERRAFORM,
  githubIdentity,
  keys,
  webIdentityTrust,
  writingWorkload,
  type IamCondition,
} from './inputs';
import { RULES } from '../../lib/rules/catalogue';
import { blockingFindings, checkPlan, runRules } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import { awsStatementView } from '../../lib/trust/aws-view';
import type { PermissionView } from '../../lib/trust/permission-view';
import type { SecretView } from '../../lib/trust/secret-view';
import type { UnreadableView } from '../../lib/trust/unreadable-view';
import { compileWorkloads, workload, type WorkloadInput } from '../plan/fixtures';

/**
 * SPEC §3: a workload may acknowledge a rule with a reason; the rule's findings on that workload then block nothing
 * and carry the reason. Rules whose findings mean strangers can get in allow no acknowledgement: acknowledging one
 * is itself an error (WIAM-ACK-001) and the finding keeps blocking. Shown by behaviour for every rule of the
 * catalogue: each rule is made to fire, on a declared workload where a declaration can make it fire, else on trust
 * or a permission found in a template and attributed to a workload (as `scan` does for a role whose template names
 * its workload), then acknowledged.
 *
 * Which rules allow an acknowledgement is the contract below, written by hand: a finding that an unknown party can
 * obtain a token that is accepted (any principal, no subject, a wildcard over tenants, repositories or run phases,
 * negated operators, pull requests or reusable workflows of anyone on writes) cannot be excused.
 */
const ACKNOWLEDGEABLE: Readonly<Record<string, boolean>> = {
  'WIAM-ACK-001': false,
  'WIAM-AUD-001': true,
  'WIAM-GH-001': false,
  'WIAM-GH-002': false,
  'WIAM-GH-003': true,
  'WIAM-GL-001': true,
  'WIAM-GL-002': false,
  'WIAM-ID-001': true,
  'WIAM-OP-001': false,
  'WIAM-OP-002': true,
  'WIAM-OP-003': true,
  'WIAM-OP-004': false,
  'WIAM-PERM-001': true,
  'WIAM-PERM-002': true,
  'WIAM-REF-001': true,
  'WIAM-REF-002': true,
  'WIAM-SCAN-001': false,
  'WIAM-SECRET-001': true,
  'WIAM-SECRET-002': true,
  'WIAM-SECRET-003': true,
  'WIAM-SECRET-004': true,
  'WIAM-SECRET-005': true,
  'WIAM-SECRET-006': true,
  'WIAM-SESSION-001': true,
  'WIAM-TFC-001': false,
  'WIAM-TFC-002': true,
  'WIAM-TRUST-001': false,
  'WIAM-TRUST-002': false,
  'WIAM-TRUST-003': false,
  'WIAM-TRUST-004': false,
  'WIAM-TRUST-005': true,
  'WIAM-TRUST-006': false,
  'WIAM-TRUST-007': false,
  'WIAM-TRUST-008': true,
  'WIAM-TRUST-009': true,
};

const REASON = 'reviewed with the platform team on 2026-11-30';

type Acknowledgements = readonly { rule: string; reason: string }[];

/** Runs the rules on one firing input, with the workload's acknowledgements. */
type Firing = (acknowledge: Acknowledgements) => Finding[];

/** A declared workload, compiled and checked, with `acknowledge` after its own acknowledgements. */
const declared =
  (subject: WorkloadInput): Firing =>
    (acknowledge) =>
      checkPlan(compileWorkloads([{ ...subject, acknowledge: [...(subject.acknowledge ?? []), ...acknowledge] }]));

const LEGACY = 'legacy-deploy';

/** One web-identity trust statement of a role that writes, attributed to the workload `legacy-deploy`. */
const trusted =
  (host: string, condition: IamCondition, principal?: unknown): Firing =>
    (acknowledge) => {
      const statement = webIdentityTrust(host, condition, principal).Statement[0];
      const view = awsStatementView(statement, { where: { workload: LEGACY, path: 'Statement[0]' }, access: 'write' });
      return runRules({ trust: view ? [view] : [], permissions: [], sessions: [], acknowledgements: { [LEGACY]: acknowledge } });
    };

/** One permission of the workload `legacy-deploy`, written outside the declaration (nothing forces a justification). */
const permitted =
  (view: Omit<PermissionView, 'where'>): Firing =>
    (acknowledge) =>
      runRules({ trust: [], permissions: [{ ...view, where: { workload: LEGACY, path: 'Policy.Statement[0]' } }], sessions: [], acknowledgements: { [LEGACY]: acknowledge } });

/** A value of the workload `legacy-deploy`'s role that a scan could not read. */
const unreadable =
  (view: Omit<UnreadableView, 'where'>): Firing =>
    (acknowledge) =>
      runRules({ trust: [], permissions: [], sessions: [], unreadable: [{ ...view, where: { workload: LEGACY, path: 'AssumeRolePolicyDocument' } }], acknowledgements: { [LEGACY]: acknowledge } });

/** A long-lived credential a scan found in the workload `legacy-deploy`'s files. */
const secret =
  (view: Omit<SecretView, 'where'>): Firing =>
    (acknowledge) =>
      runRules({ trust: [], permissions: [], sessions: [], secrets: [{ ...view, where: { workload: LEGACY, path: 'main.tf#resource.x.y' } }], acknowledgements: { [LEGACY]: acknowledge } });

const github = (exact: Record<string, string | string[]>, like?: Record<string, string>) =>
  trusted(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...exact }), ...(like ? { StringLike: keys(GITHUB, like) } : {}) });

const REPOSITORY = 'repo:octo-org/octo-repo';
const WORKSPACE = 'organization:acme:project:platform:workspace:networking-prod';
const GITLAB_PROJECT = { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } as const;
const BUCKET = 'arn:aws:s3:::acme-web-assets';

/** For every rule, an input that makes it fire. */
const FIRING: Readonly<Record<string, Firing>> = {
  'WIAM-ACK-001': declared(workload('web-deploy', [githubIdentity({ environment: 'production' })], ['aws'], { acknowledge: [{ rule: 'WIAM-AWS-001', reason: REASON }] })),
  'WIAM-AUD-001': github({ aud: ['sts.amazonaws.com', 'https://github.com/octo-org'], sub: `${REPOSITORY}:environment:production`, ...GITHUB_IDS }),
  'WIAM-GH-001': declared(writingWorkload('docs-preview', [githubIdentity({ pullRequest: true })], ['aws'])),
  'WIAM-GH-002': github({ sub: 'job_workflow_ref:octo-org/automation/.github/workflows/deploy.yml@refs/heads/main' }),
  'WIAM-GH-003': declared(
    workload('web-deploy', [githubIdentity({ environment: 'production' }, { workflow: 'octo-org/automation/.github/workflows/deploy.yml@refs/heads/main' })], ['aws']),
  ),
  'WIAM-GL-001': declared(writingWorkload('data-pipeline', [{ gitlab: { ...GITLAB_PROJECT, protectedRef: false } }], ['aws'])),
  'WIAM-GL-002': trusted(GITLAB, {
    StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true' }),
    StringLike: keys(GITLAB, { sub: 'project_path:mygroup/myproject:ref_type:*:ref:main' }),
  }),
  'WIAM-ID-001': declared(workload('web-deploy', [{ github: { repository: 'acme/web', environment: 'production' } }], ['aws'])),
  'WIAM-OP-001': trusted(GITHUB, {
    StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }),
    StringNotEquals: keys(GITHUB, { sub: `${REPOSITORY}:pull_request` }),
  }),
  'WIAM-OP-002': github({ sub: `${REPOSITORY}:ref:refs/heads/*`, ...GITHUB_IDS }),
  'WIAM-OP-003': trusted(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG, sub: 'project/7a1b2c3d-0000-4000-8000-000000000001' }) }),
  'WIAM-OP-004': trusted(GITHUB, {
    StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...GITHUB_IDS }),
    StringEqualsIgnoreCase: keys(GITHUB, { sub: `${REPOSITORY}:ref:refs/heads/main` }),
  }),
  'WIAM-PERM-001': permitted({ cloud: 'aws', actions: ['*'], resources: [BUCKET] }),
  'WIAM-PERM-002': permitted({ cloud: 'aws', actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/deployer'] }),
  'WIAM-REF-001': github(GITHUB_IDS, { sub: `${REPOSITORY}:ref:refs/heads/*` }),
  'WIAM-REF-002': declared(writingWorkload('web-release', [githubIdentity({ ref: 'refs/tags/v1.0.0' })], ['aws'])),
  'WIAM-SCAN-001': unreadable({ what: 'the trust policy', value: '${file("trust.json")}', worst: 'any principal' }),
  'WIAM-SECRET-001': secret({ kind: 'awsAccessKey', cloud: 'aws', what: 'aws_iam_access_key.ci' }),
  'WIAM-SECRET-002': secret({ kind: 'awsKeyOnlyUser', cloud: 'aws', what: 'aws_iam_user.ci' }),
  'WIAM-SECRET-003': secret({ kind: 'gcpServiceAccountKey', cloud: 'gcp', what: 'google_service_account_key.ci' }),
  'WIAM-SECRET-004': secret({ kind: 'azureClientSecret', cloud: 'azure', what: 'azuread_application_password.ci' }),
  'WIAM-SECRET-005': secret({ kind: 'kubernetesSecret', cloud: 'aws', what: 'Secret ci key AWS_SECRET_ACCESS_KEY' }),
  'WIAM-SECRET-006': secret({ kind: 'ciCredential', cloud: 'aws', ci: 'github', what: 'env AWS_SECRET_ACCESS_KEY of job deploy' }),
  'WIAM-SESSION-001': declared(workload('data-pipeline', [githubIdentity({ environment: 'production' })], ['aws'], { sessionDuration: '2h' })),
  'WIAM-TFC-001': trusted(TERRAFORM, { StringEquals: keys(TERRAFORM, { aud: 'aws.workload.identity' }), StringLike: keys(TERRAFORM, { sub: `${WORKSPACE}:run_phase:*` }) }),
  'WIAM-TFC-002': declared(
    writingWorkload('infra-plan', [{ terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'plan' } }], ['aws']),
  ),
  'WIAM-TRUST-001': trusted(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com' }) }, '*'),
  'WIAM-TRUST-002': github(GITHUB_IDS),
  'WIAM-TRUST-003': github({}, { sub: '*' }),
  'WIAM-TRUST-004': trusted(GITLAB, { StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', ref_protected: 'true' }) }),
  'WIAM-TRUST-005': github({ repository_owner_id: GITHUB_IDS.repository_owner_id }),
  'WIAM-TRUST-006': github({}, { sub: 'repo:octo-org/*' }),
  'WIAM-TRUST-007': github(GITHUB_IDS, { sub: `${REPOSITORY}:*` }),
  'WIAM-TRUST-008': github(GITHUB_IDS),
  'WIAM-TRUST-009': trusted(CIRCLECI, {
    StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG }),
    StringLike: keys(CIRCLECI, { sub: `org/${CIRCLECI_ORG}/project/7a1b2c3d-0000-4000-8000-000000000001/user/*` }),
  }),
};

test('the contract names every rule of the catalogue, and every rule has an input that makes it fire', () => {
  const ids = RULES.map((rule) => rule.id);
  expect(Object.keys(ACKNOWLEDGEABLE).sort()).toEqual(ids);
  expect(Object.keys(FIRING).sort()).toEqual(ids);
});

const ofRule = (findings: readonly Finding[], id: string) => findings.filter((f) => f.rule === id);

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const fire = FIRING[id];
  if (!fire) return;
  const acknowledgeable = ACKNOWLEDGEABLE[id];

  test('fires on its input', () => {
    const found = ofRule(fire([]), id);
    expect(found.length).toBeGreaterThan(0);
    for (const finding of found) expect(finding.acknowledged).toBeUndefined();
  });

  if (acknowledgeable) {
    test('acknowledged, its findings carry the reason and block nothing; nothing else is excused', () => {
      const before = fire([]);
      const after = fire([{ rule: id, reason: REASON }]);
      expect(ofRule(after, id).length).toBe(ofRule(before, id).length);
      for (const finding of ofRule(after, id)) expect(finding.acknowledged).toBe(REASON);
      expect(ofRule(blockingFindings(after), id)).toEqual([]);
      expect(ofRule(after, 'WIAM-ACK-001')).toEqual([]);
      // Findings of the other rules are left as they were.
      expect(after.filter((f) => f.rule !== id)).toEqual(before.filter((f) => f.rule !== id));
    });
  } else {
    test('acknowledging it is refused (WIAM-ACK-001), and its findings keep blocking', () => {
      const after = fire([{ rule: id, reason: REASON }]);
      const found = ofRule(after, id);
      expect(found.length).toBeGreaterThan(0);
      for (const finding of found) expect(finding.acknowledged).toBeUndefined();
      expect(ofRule(blockingFindings(after), id).length).toBeGreaterThan(0);
      const refusals = ofRule(after, 'WIAM-ACK-001').filter((f) => f.message.includes(`acknowledges ${id} `));
      expect(refusals).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: `acknowledges ${id} (${rule.title}), which cannot be acknowledged`,
          path: expect.stringMatching(/\.acknowledge\[[0-9]+\]$/),
        }),
      ]);
      expect(refusals[0].acknowledged).toBeUndefined();
      expect(blockingFindings(refusals)).toEqual(refusals);
    });
  }
});

describe('acknowledgements are per workload and per rule', () => {
  test("one workload's acknowledgement excuses nothing of another workload", () => {
    const findings = checkPlan(
      compileWorkloads([
        workload('data-pipeline', [githubIdentity({ environment: 'production' })], ['aws'], { sessionDuration: '2h', acknowledge: [{ rule: 'WIAM-SESSION-001', reason: REASON }] }),
        workload('data-export', [githubIdentity({ environment: 'export' })], ['aws'], { sessionDuration: '2h' }),
      ]),
    );
    expect(ofRule(findings, 'WIAM-SESSION-001').map((f) => [f.workload, f.acknowledged])).toEqual([
      ['data-export', undefined],
      ['data-pipeline', REASON],
    ]);
  });

  test('the reason recorded is the one given for that rule', () => {
    const findings = FIRING['WIAM-ID-001']([
      { rule: 'WIAM-SESSION-001', reason: 'long-running database migrations' },
      { rule: 'WIAM-ID-001', reason: REASON },
    ]);
    expect(ofRule(findings, 'WIAM-ID-001').map((f) => f.acknowledged)).toEqual(ofRule(findings, 'WIAM-ID-001').map(() => REASON));
  });
});
