import type { TerraformLibrary, TerraformStackLike } from './terraform-library';
import { TerraformWorkloadIdentities } from './workload-identities';
import type { Cloud } from '../../catalogue/types';
import type { Plan } from '../../plan/plan';
import type { AwsEngineOptions } from '../aws-options';
import type { EngineOutput } from '../engine-output';

const STACK_PREFIX = 'workload-iam';

/**
 * Every account of the Plan in a stack of its own (`workload-iam-<account>`), as `workload-iam synth --engine
 * cdktf|cdktn` writes them. These stacks are the CLI's, so they declare their providers: the AWS one with an alias
 * per region that Pod Identity associations or Roles Anywhere profiles need, GCP's with the project, Azure's with
 * the subscription.
 */
export function terraformStacks(library: TerraformLibrary, plan: Plan, options: AwsEngineOptions): TerraformStackLike[] {
  const app = new library.App({ skipValidation: true });
  const accounts = (['aws', 'gcp', 'azure'] as const).flatMap((cloud) => Object.keys(plan[cloud]).map((key) => ({ key, cloud })));
  return accounts
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ key, cloud }) => {
      const stack = new library.TerraformStack(app, `${STACK_PREFIX}-${key}`);
      const regions = cloud === 'aws' ? regionsOf(plan, key) : [];
      stack.addOverride(`provider.${providerName(cloud)}`, providerBlocks(plan, cloud, key, regions));
      new TerraformWorkloadIdentities(
        stack,
        'workload-identities',
        { plan, account: key, ...options, ...(regions.length > 0 ? { regionProvider: (region: string) => `aws.${region}` } : {}) },
        library,
      );
      return stack;
    });
}

/** Renders the stacks as Terraform JSON, one `<stack>/cdk.tf.json` each (cdktf's own layout). */
export function renderTerraformJson(library: TerraformLibrary, plan: Plan, options: AwsEngineOptions, out: EngineOutput): void {
  for (const stack of terraformStacks(library, plan, options)) {
    out.writeFile(`${stack.node.id}/cdk.tf.json`, `${JSON.stringify(stack.toTerraform(), null, 2)}\n`);
  }
}

function providerName(cloud: Cloud): string {
  return { aws: 'aws', gcp: 'google', azure: 'azurerm' }[cloud];
}

function providerBlocks(plan: Plan, cloud: Cloud, key: string, regions: readonly string[]): unknown[] {
  switch (cloud) {
    case 'aws':
      // The account is pinned: a stack applied with another account's credentials fails instead of creating roles there.
      const allowed = [plan.aws[key].accountId];
      return [{ allowed_account_ids: allowed }, ...regions.map((region) => ({ alias: region, region, allowed_account_ids: allowed }))];
    case 'gcp':
      return [{ project: plan.gcp[key].projectId }];
    case 'azure':
      return [{ features: {}, subscription_id: plan.azure[key].subscriptionId, tenant_id: plan.azure[key].tenantId }];
  }
}

function regionsOf(plan: Plan, key: string): string[] {
  const account = plan.aws[key];
  const regions = [...account.podIdentityAssociations, ...account.rolesAnywhereProfiles].map((element) => element.region);
  return [...new Set(regions)].sort();
}
