import { Annotations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Plan } from '../../plan/plan';
import { blockingFindings, checkPlan } from '../../rules/check';
import type { Finding } from '../../rules/rule';

/** The rules run once per Plan, however many roles render it (Plans are frozen, so the result never goes stale). */
const findingsByPlan = new WeakMap<Plan, ReadonlyMap<string, readonly Finding[]>>();

/** The Plan's findings on one workload. */
function findingsOf(plan: Plan, workload: string): readonly Finding[] {
  let byWorkload = findingsByPlan.get(plan);
  if (!byWorkload) {
    const grouped = new Map<string, Finding[]>();
    // The engine renders AWS only, so only the AWS accounts are judged here.
    for (const finding of checkPlan(plan, { clouds: ['aws'] })) {
      if (finding.workload !== undefined) grouped.set(finding.workload, [...(grouped.get(finding.workload) ?? []), finding]);
    }
    byWorkload = grouped;
    findingsByPlan.set(plan, byWorkload);
  }
  return byWorkload.get(workload) ?? [];
}

/** The rules whose errors on `workload` in `account` already block, as the Plan has them. */
export function planBlockingRules(plan: Plan, workload: string, account: string): Set<string> {
  return new Set(
    blockingFindings(findingsOf(plan, workload))
      .filter((finding) => finding.account === undefined || finding.account === account)
      .map((finding) => finding.rule),
  );
}

/** `[rule] path: message. Fix: fix`, as annotations and synth errors say it. */
export function describe(finding: Finding): string {
  return `[${finding.rule}] ${finding.path}: ${finding.message}. Fix: ${finding.fix}`;
}

/**
 * The rules' findings on one workload in one account, as CDK annotations on the construct rendering it: errors fail
 * `cdk synth`, warnings are CDK warnings (acknowledgeable in CDK by their `workload-iam:<rule>` id), and findings the
 * declaration acknowledged are infos that carry the reason.
 */
export function annotateFindings(scope: IConstruct, plan: Plan, workload: string, account: string): void {
  const annotations = Annotations.of(scope);
  for (const finding of findingsOf(plan, workload)) {
    if (finding.account !== undefined && finding.account !== account) continue;
    if (finding.acknowledged !== undefined) annotations.addInfo(`${describe(finding)} (acknowledged: ${finding.acknowledged})`);
    else if (finding.severity === 'error') annotations.addError(describe(finding));
    else annotations.addWarningV2(`workload-iam:${finding.rule}`, describe(finding));
  }
}
