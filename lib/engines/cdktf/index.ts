// workload-iam/cdktf: the Plan rendered with cdktf (an optional peer, needed only by this entry point).
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Plan } from '../../plan/plan';
import type { AwsEngineOptions } from '../aws-options';
import type { EngineOutput } from '../engine-output';
import type { TerraformLibrary, TerraformStackLike } from '../terraform/terraform-library';
import { renderTerraformJson, terraformStacks } from '../terraform/terraform-stacks';
import { TerraformWorkloadIdentities, type TerraformWorkloadIdentitiesProps } from '../terraform/workload-identities';

const LIBRARY: TerraformLibrary = { App, TerraformStack, TerraformResource, TerraformOutput };

/**
 * The workload identities of one account of a declaration in a cdktf stack.
 *
 * @example
 * const identities = new WorkloadIdentities(stack, 'Wi', { file: 'workloads.yaml', account: 'aws-prod' });
 * identities.role('web-deploy'); // the aws_iam_role, for further wiring
 */
export class WorkloadIdentities extends TerraformWorkloadIdentities {
  constructor(scope: Construct, id: string, props: TerraformWorkloadIdentitiesProps) {
    super(scope, id, props, LIBRARY);
  }
}

export type { TerraformWorkloadIdentitiesProps as WorkloadIdentitiesProps };

/** Every account of the Plan in a stack of its own, each declaring its provider: what `workload-iam synth` writes. */
export function workloadIdentityStacks(plan: Plan, options: AwsEngineOptions = {}): TerraformStackLike[] {
  return terraformStacks(LIBRARY, plan, options);
}

/** Renders the Plan as Terraform JSON into `out`, one `<stack>/cdk.tf.json` per account. */
export function renderTerraform(plan: Plan, options: AwsEngineOptions, out: EngineOutput): void {
  renderTerraformJson(LIBRARY, plan, options, out);
}
