import { CfnRole, type CfnRoleProps } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The `AWS::IAM::Role` of a workload: a CfnRole that knows whether CDK code changed what the rules judge (trust,
 * inline and managed policies, session length) after the Plan was rendered, through its properties or an escape
 * hatch (`addOverride`, `addPropertyOverride`). Unchanged, it is exactly the Plan's role, already judged.
 */
export class WorkloadCfnRole extends CfnRole {
  private overridden = false;
  private readonly rendered: CfnRoleProps;
  private readonly renderedPolicies: readonly unknown[];

  constructor(scope: Construct, id: string, props: CfnRoleProps) {
    super(scope, id, props);
    this.rendered = props;
    this.renderedPolicies = Array.isArray(props.policies) ? [...props.policies] : [];
  }

  public override addOverride(path: string, value: unknown): void {
    this.overridden = true;
    super.addOverride(path, value);
  }

  /** Whether its trust, policies or session length may differ from the Plan's. */
  public get changedSinceRendered(): boolean {
    const policies = this.policies;
    const rendered = this.renderedPolicies;
    const samePolicies =
      policies === this.rendered.policies &&
      (!Array.isArray(policies) || (policies.length === rendered.length && policies.every((policy, index) => policy === rendered[index])));
    return (
      this.overridden ||
      !samePolicies ||
      this.assumeRolePolicyDocument !== this.rendered.assumeRolePolicyDocument ||
      this.managedPolicyArns !== undefined ||
      this.maxSessionDuration !== this.rendered.maxSessionDuration
    );
  }
}
