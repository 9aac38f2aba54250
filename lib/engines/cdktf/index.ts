/**
 * workload-iam/cdktf: the Plan rendered with cdktf (an optional peer, needed only by this entry point).
 * @module workload-iam/cdktf
 */
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { terraformEntryPoint } from '../terraform/entry-point';
import type { TerraformLibrary } from '../terraform/terraform-library';
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

export const { workloadIdentityStacks, renderTerraform } = terraformEntryPoint(LIBRARY);
