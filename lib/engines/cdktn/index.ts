/**
 * workload-iam/cdktn: the Plan rendered with cdktn (an optional peer, needed only by this entry point).
 * @module workload-iam/cdktn
 */
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktn';
import type { Construct } from 'constructs';
import { terraformEntryPoint } from '../terraform/entry-point';
import type { TerraformLibrary } from '../terraform/terraform-library';
import { TerraformWorkloadIdentities, type TerraformWorkloadIdentitiesProps } from '../terraform/workload-identities';

const LIBRARY: TerraformLibrary = { App, TerraformStack, TerraformResource, TerraformOutput };

/**
 * The workload identities of one account of a declaration in a cdktn stack.
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
