import { githubIdentity, writingWorkload } from './inputs';
import { blockingFindings, checkPlan } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import { compileExample, compileWorkloads, workload, type IdentityInput, type WorkloadInput } from '../plan/fixtures';

/** Findings on our own Plan: where they point, acknowledgements, and which of them refuse synthesis. */

const PLAN_PHASE: IdentityInput = {
  terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'plan' },
};
const TFC_002_REASON = 'plan runs take the state lock in this table';

function findingsOf(...workloads: WorkloadInput[]): Finding[] {
  return checkPlan(compileWorkloads(workloads));
}

const byRule = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('acknowledgements', () => {
  test('an acknowledged error of an acknowledgeable rule carries the reason and blocks nothing', () => {
    const findings = findingsOf(writingWorkload('infra-plan', [PLAN_PHASE], ['aws'], { acknowledge: [{ rule: 'WIAM-TFC-002', reason: TFC_002_REASON }] }));
    expect(byRule(findings, 'WIAM-TFC-002')).toEqual([expect.objectContaining({ severity: 'error', workload: 'infra-plan', acknowledged: TFC_002_REASON })]);
    expect(blockingFindings(findings)).toEqual([]);
  });

  test('without the acknowledgement the same error blocks', () => {
    const findings = findingsOf(writingWorkload('infra-plan', [PLAN_PHASE], ['aws']));
    expect(blockingFindings(findings).map((f) => f.rule)).toEqual(['WIAM-TFC-002']);
    expect(byRule(findings, 'WIAM-TFC-002')[0].acknowledged).toBeUndefined();
  });

  test('an acknowledged warning carries the reason', () => {
    const reason = 'full network applies take up to three hours';
    const findings = findingsOf(workload('infra-apply', [githubIdentity({ environment: 'production' })], ['aws'], { sessionDuration: '3h', acknowledge: [{ rule: 'WIAM-SESSION-001', reason }] }));
    expect(byRule(findings, 'WIAM-SESSION-001')).toEqual([expect.objectContaining({ severity: 'warning', message: 'sessions last up to 3 h', acknowledged: reason })]);
  });

  test('acknowledging a rule that allows no exception excuses nothing and is itself an error', () => {
    const findings = findingsOf(
      writingWorkload('docs-preview', [githubIdentity({ pullRequest: true })], ['aws'], { acknowledge: [{ rule: 'WIAM-GH-001', reason: 'previews must upload artifacts' }] }),
    );
    expect(blockingFindings(findings).map((f) => [f.rule, f.path])).toEqual([
      ['WIAM-ACK-001', 'workloads[docs-preview].acknowledge[0]'],
      ['WIAM-GH-001', 'workloads[docs-preview].identities[0]'],
    ]);
    expect(findings.every((f) => f.acknowledged === undefined)).toBe(true);
  });

  test('an acknowledgement excuses findings of its own workload only', () => {
    const findings = findingsOf(
      writingWorkload('infra-plan', [PLAN_PHASE], ['aws'], { acknowledge: [{ rule: 'WIAM-TFC-002', reason: TFC_002_REASON }] }),
      writingWorkload('infra-plan-staging', [PLAN_PHASE], ['aws']),
    );
    expect(blockingFindings(findings).map((f) => [f.rule, f.workload])).toEqual([['WIAM-TFC-002', 'infra-plan-staging']]);
  });
});

describe('where findings point', () => {
  const DOCS_PULL_REQUEST: IdentityInput = { github: { repository: 'acme/docs', ownerId: '90125', repositoryId: '51234', pullRequest: true } };
  const findings = findingsOf(
    writingWorkload('docs-preview', [githubIdentity({ environment: 'production' }), DOCS_PULL_REQUEST], ['aws', 'gcp', 'azure'], { sessionDuration: '2h' }),
    writingWorkload('infra-plan', [PLAN_PHASE], ['aws', 'gcp']),
    workload('web-deploy', [{ github: { repository: 'acme/web', environment: 'production' } }], ['aws'], { acknowledge: [{ rule: 'WIAM-NOPE-001', reason: 'left over from a rename' }] }),
  );

  test('the errors name the workload, the identity, the declaration path and a fix', () => {
    expect(
      blockingFindings(findings).map(({ rule, workload: name, identity, account, path }) => ({ rule, workload: name, identity, account, path })),
    ).toEqual([
      { rule: 'WIAM-GH-001', workload: 'docs-preview', identity: 1, account: 'aws-prod', path: 'workloads[docs-preview].identities[1]' },
      { rule: 'WIAM-GH-001', workload: 'docs-preview', identity: 1, account: 'azure-prod', path: 'workloads[docs-preview].identities[1]' },
      { rule: 'WIAM-GH-001', workload: 'docs-preview', identity: 1, account: 'gcp-prod', path: 'workloads[docs-preview].identities[1]' },
      { rule: 'WIAM-TFC-002', workload: 'infra-plan', identity: 0, account: 'aws-prod', path: 'workloads[infra-plan].identities[0]' },
      { rule: 'WIAM-TFC-002', workload: 'infra-plan', identity: 0, account: 'gcp-prod', path: 'workloads[infra-plan].identities[0]' },
      { rule: 'WIAM-ACK-001', workload: 'web-deploy', identity: undefined, account: undefined, path: 'workloads[web-deploy].acknowledge[0]' },
    ]);
    expect(blockingFindings(findings).every((f) => f.fix !== '')).toBe(true);
  });

  // Identities of one repository that differ only in `sub` share one AWS statement; the Plan's trust origin records
  // which subjects each contributed, so the finding points at the pull-request identity, not the statement's first.
  test('a pull-request subject merged into another identity\'s AWS statement is attributed to its own identity', () => {
    const merged = findingsOf(writingWorkload('docs-preview', [githubIdentity({ environment: 'production' }), githubIdentity({ pullRequest: true })], ['aws']));
    expect(byRule(merged, 'WIAM-GH-001').map((f) => f.path)).toEqual(['workloads[docs-preview].identities[1]']);
  });

  test('every finding has a workload, a path inside it and a fix; trust findings name the identity in the path', () => {
    expect(findings.length).toBeGreaterThan(6);
    for (const finding of findings) {
      expect(finding.path.startsWith(`workloads[${finding.workload}]`)).toBe(true);
      expect(finding.fix).not.toBe('');
      if (finding.identity !== undefined) expect(finding.path).toBe(`workloads[${finding.workload}].identities[${finding.identity}]`);
    }
  });

  test('the rules report the same findings whatever the order of the workloads', () => {
    const a = writingWorkload('docs-preview', [githubIdentity({ pullRequest: true })], ['aws', 'gcp']);
    const b = writingWorkload('infra-plan', [PLAN_PHASE], ['aws', 'gcp'], { sessionDuration: '2h' });
    expect(findingsOf(b, a)).toEqual(findingsOf(a, b));
  });
});

test('the bundled example has warnings but no blocking finding', () => {
  const findings = checkPlan(compileExample());
  expect(blockingFindings(findings)).toEqual([]);
  // docs-preview trusts pull requests on purpose, read-only: a warning, never an error.
  expect(findings).toContainEqual(expect.objectContaining({ rule: 'WIAM-GH-001', severity: 'warning', workload: 'docs-preview' }));
});
