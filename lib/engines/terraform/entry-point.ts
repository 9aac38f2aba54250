import type { TerraformLibrary, TerraformStackLike } from './terraform-library';
import { renderTerraformJson, terraformStacks } from './terraform-stacks';
import type { Plan } from '../../plan/plan';
import type { AwsEngineOptions } from '../aws-options';
import type { EngineOutput } from '../engine-output';

/** What `workload-iam/cdktf` and `workload-iam/cdktn` export besides their construct, bound to their package's classes. */
export function terraformEntryPoint(library: TerraformLibrary): {
  /** Every account of the Plan in a stack of its own, each declaring its provider: what `workload-iam synth` writes. */
  workloadIdentityStacks(plan: Plan, options?: AwsEngineOptions): TerraformStackLike[];
  /** Renders the Plan as Terraform JSON into `out`, one `<stack>/cdk.tf.json` per account. */
  renderTerraform(plan: Plan, options: AwsEngineOptions, out: EngineOutput): void;
} {
  return {
    workloadIdentityStacks: (plan, options = {}) => terraformStacks(library, plan, options),
    renderTerraform: (plan, options, out) => renderTerraformJson(library, plan, options, out),
  };
}
