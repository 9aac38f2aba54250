import { Annotations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Plan } from '../../plan/plan';
import { describeFinding, RulesGate } from '../gate';

/** The engine renders AWS only, so only the AWS accounts are judged here. */
export const CDK_CLOUDS = ['aws'] as const;

/**
 * The rules' findings on one workload in one account, as CDK annotations on the construct rendering it: errors fail
 * `cdk synth`, warnings are CDK warnings (acknowledgeable in CDK by their `workload-iam:<rule>` id), and findings the
 * declaration acknowledged are infos that carry the reason.
 */
export function annotateFindings(scope: IConstruct, plan: Plan, workload: string, account: string): void {
  const annotations = Annotations.of(scope);
  for (const finding of RulesGate.of(plan, CDK_CLOUDS).findingsOf(workload, account)) {
    if (finding.acknowledged !== undefined) annotations.addInfo(describeFinding(finding));
    else if (finding.severity === 'error') annotations.addError(describeFinding(finding));
    else annotations.addWarningV2(`workload-iam:${finding.rule}`, describeFinding(finding));
  }
}
