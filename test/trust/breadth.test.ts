import type { Finding } from '../../lib/rules/rule';
import { scanGcpProvider } from '../../lib/scan/foreign-trust';
import { CIRCLECI, CIRCLECI_ORG, GITHUB, GITHUB_IDS, GITLAB, TERRAFORM, awsTrust, githubTrust, keys } from '../rules/inputs';

/**
 * How the tests of one trust combine into who it admits (lib/trust/breadth.ts), shown through the rules' findings:
 * a wildcard is judged by what it still leaves open once the other conditions have had their say, and the values of
 * one test OR together (one broad value widens the whole test). Subject layouts and claims from CLAIMS.md.
 */

const rules = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.rule}`).sort();

const REPOSITORY = 'repo:octo-org/octo-repo';
const WORKSPACE = 'organization:acme:project:platform:workspace:networking-prod';
const terraformTrust = (exact: Record<string, string | string[]>, like?: Record<string, string>) =>
  awsTrust(TERRAFORM, {
    StringEquals: keys(TERRAFORM, { aud: 'aws.workload.identity', terraform_organization_id: 'org-AbCdEf123456', ...exact }),
    ...(like ? { StringLike: keys(TERRAFORM, like) } : {}),
  });

describe('a wildcard is judged by what the other conditions leave open', () => {
  test('"repo:*" alone matches every GitHub subject (WIAM-TRUST-003)', () => {
    expect(rules(githubTrust({}, { sub: 'repo:*' }))).toContain('error WIAM-TRUST-003');
  });

  test('"repo:*" below a pinned owner id leaves every repository of the owner open (WIAM-TRUST-006, not 003)', () => {
    expect(rules(githubTrust({ repository_owner_id: GITHUB_IDS.repository_owner_id }, { sub: 'repo:*' }))).toEqual(['error WIAM-TRUST-006']);
  });

  test('"repo:*" below a pinned repository id leaves every ref, environment and pull request open (WIAM-TRUST-007)', () => {
    expect(rules(githubTrust(GITHUB_IDS, { sub: 'repo:*' }))).toEqual(['error WIAM-TRUST-007']);
  });

  test('"repo:O/R:*" with the environment pinned by its own claim leaves nothing open', () => {
    expect(rules(githubTrust({ ...GITHUB_IDS, environment: 'production' }, { sub: `${REPOSITORY}:*` }))).toEqual([]);
    // The neighbour: without the environment claim every context of the repository is admitted.
    expect(rules(githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:*` }))).toEqual(['error WIAM-TRUST-007']);
  });

  test('a wildcard branch with the ref pinned by its own claim leaves nothing open', () => {
    expect(rules(githubTrust({ ...GITHUB_IDS, ref: 'refs/heads/main' }, { sub: `${REPOSITORY}:ref:refs/heads/*` }))).toEqual([]);
    expect(rules(githubTrust(GITHUB_IDS, { sub: `${REPOSITORY}:ref:refs/heads/*` }))).toEqual(['error WIAM-REF-001']);
  });

  test('an HCP Terraform "run_phase:*" with terraform_run_phase pinned to apply leaves the phase closed', () => {
    expect(rules(terraformTrust({ terraform_run_phase: 'apply' }, { sub: `${WORKSPACE}:run_phase:*` }))).not.toContain('error WIAM-TFC-001');
    expect(rules(terraformTrust({}, { sub: `${WORKSPACE}:run_phase:*` }))).toContain('error WIAM-TFC-001');
  });

  test('a wildcard over a GitLab context admits tags and branches alike, but no GitHub pull request', () => {
    const findings = awsTrust(GITLAB, {
      StringEquals: keys(GITLAB, { aud: 'https://gitlab.com', namespace_id: '77', project_id: '4242', ref_protected: 'true' }),
      StringLike: keys(GITLAB, { sub: 'project_path:acme/pipeline:*' }),
    });
    expect(rules(findings)).toContain('error WIAM-GL-002');
    expect(rules(findings)).not.toContain('error WIAM-GH-001');
  });
});

describe('the values of one test OR together', () => {
  test('one pull_request subject among exact ones admits pull requests (WIAM-GH-001)', () => {
    const findings = githubTrust({ ...GITHUB_IDS, sub: [`${REPOSITORY}:environment:production`, `${REPOSITORY}:pull_request`] });
    expect(rules(findings)).toEqual(['error WIAM-GH-001']);
  });

  test('one tag among branches is a trust on a tag (WIAM-REF-002)', () => {
    const findings = githubTrust({ ...GITHUB_IDS, sub: [`${REPOSITORY}:ref:refs/heads/main`, `${REPOSITORY}:ref:refs/tags/v1`] });
    expect(rules(findings)).toEqual(['warning WIAM-REF-002']);
  });

  test('ref_protected "true" or "false" does not require a protected ref (WIAM-GL-001)', () => {
    const exact = { aud: 'https://gitlab.com', namespace_id: '77', project_id: '4242', sub: 'project_path:acme/pipeline:ref_type:branch:ref:main' };
    expect(rules(awsTrust(GITLAB, { StringEquals: keys(GITLAB, { ...exact, ref_protected: ['true', 'false'] }) }))).toEqual(['warning WIAM-GL-001']);
    expect(rules(awsTrust(GITLAB, { StringEquals: keys(GITLAB, { ...exact, ref_protected: 'true' }) }))).toEqual([]);
  });

  test('a subject that can match next to one that cannot: the trust can still match (no WIAM-OP-003)', () => {
    const project = `org/${CIRCLECI_ORG}/project/7a1b2c3d-0000-4000-8000-000000000001`;
    const both = awsTrust(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG, sub: [`${project}/user/9e8d7c6b-0000-4000-8000-000000000002`, 'project/7a1b2c3d'] }) });
    expect(rules(both)).not.toContain('warning WIAM-OP-003');
    const neither = awsTrust(CIRCLECI, { StringEquals: keys(CIRCLECI, { aud: CIRCLECI_ORG, sub: 'project/7a1b2c3d' }) });
    expect(rules(neither)).toContain('warning WIAM-OP-003');
  });

  test('the plan and the apply phase as two exact subjects: the plan phase is trusted with unknown access (WIAM-TFC-002)', () => {
    const findings = terraformTrust({ sub: [`${WORKSPACE}:run_phase:apply`, `${WORKSPACE}:run_phase:plan`] });
    expect(rules(findings)).toContain('error WIAM-TFC-002');
    // The neighbour: the apply phase alone.
    expect(rules(terraformTrust({ sub: `${WORKSPACE}:run_phase:apply` }))).not.toContain('error WIAM-TFC-002');
  });
});

describe('tests that do not narrow who is admitted pin nothing', () => {
  test('a negated subject pins neither the owner nor a subject', () => {
    const findings = awsTrust(GITHUB, {
      StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com' }),
      StringNotEquals: keys(GITHUB, { sub: `${REPOSITORY}:pull_request` }),
    });
    expect(rules(findings)).toEqual(['error WIAM-OP-001', 'error WIAM-TRUST-002', 'error WIAM-TRUST-004']);
  });
});

describe('reusable workflows', () => {
  test('a job_workflow_ref subject with the calling repository pinned by id names who calls it (no WIAM-GH-002)', () => {
    const workflow = 'job_workflow_ref:octo-org/automation/.github/workflows/deploy.yml@refs/heads/main';
    expect(rules(githubTrust({ ...GITHUB_IDS, sub: workflow }))).not.toContain('error WIAM-GH-002');
    expect(rules(githubTrust({ sub: workflow }))).toContain('error WIAM-GH-002');
  });
});

describe('GCP regular expressions (RE2 matches, unanchored)', () => {
  const gcp = (ref: string) =>
    scanGcpProvider({
      issuer: `https://${GITHUB}`,
      attributeCondition: `assertion.repository_owner_id == '90125' && assertion.repository_id == '74119' && assertion.ref.matches('${ref}')`,
    });

  test('^literal$ is one exact ref', () => {
    expect(rules(gcp('^refs/heads/main$'))).toEqual([]);
  });

  test('an alternative after an anchored literal leaves the ref open (WIAM-REF-001)', () => {
    expect(rules(gcp('^refs/heads/main$|^refs/heads/dev'))).toEqual(['error WIAM-REF-001']);
  });

  test('an anchor that is not at the start does not anchor', () => {
    expect(rules(gcp('refs/heads/^main$'))).toContain('error WIAM-REF-001');
  });
});
