import { Annotations, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { appExports, iamTemplateOf } from './iam-template';
import { logicalIdOf } from './role-findings';
import type { Acknowledgement } from '../../model/workload';
import { blockingFindings } from '../../rules/check';
import { scanCloudFormationTemplate } from '../../scan/scan';
import { WORKLOAD_METADATA_KEY } from '../../scan/workload-metadata';
import { describeFinding } from '../gate';

/**
 * The workload-iam rules on every IAM role of a CDK app, hand-written ones included, the way cdk-nag checks run:
 * `Aspects.of(app).add(new WorkloadIdentityChecks())`. Each stack is judged on its final template (after every grant
 * and override), with `scan`'s rules: a blocking finding fails `cdk synth` with the rule, the role and the fix;
 * warnings and acknowledged findings are annotations. `WorkloadIdentityChecks.acknowledge(role, …)` acknowledges
 * a rule for one role, with a reason, as a workload's `acknowledge` does in a declaration.
 */
export class WorkloadIdentityChecks implements IAspect {
  /**
   * Acknowledges rules for one role (an `iam.Role` or its `CfnRole`): recorded in the role's CloudFormation Metadata,
   * where `scan` reads it too. Rules whose findings let strangers in cannot be acknowledged; those stay errors.
   */
  public static acknowledge(role: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
    const resource = CfnResource.isCfnResource(role) ? role : role.node.defaultChild;
    if (!resource || !CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::IAM::Role') {
      throw new Error(`${role.node.path} is not an IAM role: acknowledge rules on an iam.Role or a CfnRole`);
    }
    const current = (resource.getMetadata(WORKLOAD_METADATA_KEY) ?? {}) as { acknowledge?: Acknowledgement[] };
    resource.addMetadata(WORKLOAD_METADATA_KEY, {
      ...current,
      acknowledge: [...(current.acknowledge ?? []), ...acknowledgements.map(({ rule, reason }) => ({ rule, reason }))],
    });
  }

  private readonly judged = new Set<Stack>();

  public visit(node: IConstruct): void {
    if (!Stack.isStack(node) || this.judged.has(node)) return;
    this.judged.add(node);
    const stack = node;
    // A validation runs after every aspect and grant, on the prepared app: the template is the final one.
    stack.node.addValidation({ validate: () => judgeStack(stack) });
  }
}

/** The stack's roles judged by the scan rules: blocking findings as validation errors, the rest as annotations. */
function judgeStack(stack: Stack): string[] {
  const template = iamTemplateOf(stack, () => true);
  const findings = scanCloudFormationTemplate(template, `${stack.artifactId}.template.json`, { exports: appExports(stack) });
  const blocking = new Set(blockingFindings(findings));
  const resources = stack.node.findAll().filter((construct) => CfnResource.isCfnResource(construct) && construct.stack === stack) as CfnResource[];
  const byLogicalId = new Map(resources.map((resource) => [stack.getLogicalId(resource), resource]));
  const errors: string[] = [];
  for (const finding of findings) {
    const construct = byLogicalId.get(logicalIdOf(finding) ?? '') ?? stack;
    if (blocking.has(finding)) {
      errors.push(`${construct.node.path}: ${describeFinding(finding)}`);
    } else {
      const annotations = Annotations.of(construct);
      if (finding.acknowledged === undefined) annotations.addWarningV2(`workload-iam:${finding.rule}`, describeFinding(finding));
      else annotations.addInfo(describeFinding(finding));
    }
  }
  return errors;
}
