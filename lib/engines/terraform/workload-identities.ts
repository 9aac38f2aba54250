import { Construct } from 'constructs';
import { renderAwsAccount, type RenderedAwsRole } from './aws-resources';
import { renderAzureAccount, type RenderedAzureIdentity } from './azure-resources';
import { renderGcpAccount, type RenderedGcpWorkload } from './gcp-resources';
import { requireProvider } from './required-providers';
import type { TerraformLibrary, TerraformResourceLike } from './terraform-library';
import type { Cloud } from '../../catalogue/types';
import { identityOnlyFix } from '../../declaration/error-factories';
import { DeclarationError } from '../../declaration/errors';
import type { Plan } from '../../plan/plan';
import { scanTerraformConfiguration } from '../../scan/scan';
import { checkAwsEngineOptions, type AwsEngineOptions } from '../aws-options';
import { describeFinding, refuseBlocking, RulesGate } from '../gate';
import { planOf, type PlanSourceProps } from '../plan-source';

export interface TerraformWorkloadIdentitiesProps extends PlanSourceProps, AwsEngineOptions {
  /**
   * The declaration's key of the account to render: one cloud account per stack, since each stack has its provider.
   *
   * @default - the declaration's only account
   */
  readonly account?: string;

  /**
   * The workloads to render, by name.
   *
   * @default - every workload of the account
   */
  readonly workloads?: readonly string[];

  /**
   * The AWS provider (as a meta-argument, e.g. `aws.eu-west-1`) of a region's resources: EKS Pod Identity
   * associations and IAM Roles Anywhere profiles live in their cluster's or trust anchor's region.
   *
   * @default - the stack's default AWS provider
   */
  readonly regionProvider?: (region: string) => string | undefined;
}

/**
 * The workload identities of one account of a declaration, in a Terraform stack of cdktf or cdktn: AWS roles and
 * their OIDC providers, GCP pool, providers, service accounts and IAM members, or Azure managed identities,
 * federated credentials and role assignments, exactly as the Plan has them. The rules run first: an error refuses
 * the construct, naming the rule and the fix. The accessors return the resources, for further wiring.
 */
export class TerraformWorkloadIdentities extends Construct {
  /** The declaration's key of the account rendered. */
  public readonly account: string;
  public readonly cloud: Cloud;
  private readonly aws: ReadonlyMap<string, RenderedAwsRole> = new Map();
  private readonly gcp: ReadonlyMap<string, RenderedGcpWorkload> = new Map();
  private readonly azure: ReadonlyMap<string, RenderedAzureIdentity> = new Map();

  constructor(scope: Construct, id: string, props: TerraformWorkloadIdentitiesProps, library: TerraformLibrary) {
    super(scope, id);
    checkAwsEngineOptions(props);
    const plan = planOf(props);
    const { key, cloud } = accountOf(plan, props.account);
    this.account = key;
    this.cloud = cloud;
    refuseUnknownWorkloads(plan, cloud, key, props.workloads);
    refuseBlocking(
      plan,
      [cloud],
      (finding) => (finding.account === undefined || finding.account === key) && (props.workloads?.includes(finding.workload ?? '') ?? true),
    );
    requireProvider(library.TerraformStack.of(this), cloud);
    if (cloud === 'aws') this.aws = renderAwsAccount(library, this, plan, key, props);
    else if (cloud === 'gcp') this.gcp = renderGcpAccount(library, this, plan, key, props.workloads);
    else this.azure = renderAzureAccount(library, this, plan, key, props.workloads);
    // Grants added through cdktf (a policy on a role, an IAM member, a role assignment) are judged on the stack's final
    // JSON.
    const stack = library.TerraformStack.of(this);
    const workloads = [...this.aws.keys(), ...this.gcp.keys(), ...this.azure.keys()];
    this.node.addValidation({ validate: () => finalGrantRefusals(plan, cloud, key, workloads, stack.toTerraform()) });
  }

  /** The `aws_iam_role` of `workload`. */
  public role(workload: string): TerraformResourceLike {
    return this.found(this.aws.get(workload)?.role, workload, 'role');
  }

  /** The `google_service_account` `workload` impersonates. */
  public serviceAccount(workload: string): TerraformResourceLike {
    return this.found(this.gcp.get(workload)?.serviceAccount, workload, 'service account');
  }

  /** The `azurerm_user_assigned_identity` of `workload`. */
  public identity(workload: string): TerraformResourceLike {
    return this.found(this.azure.get(workload)?.identity, workload, 'managed identity');
  }

  private found(resource: TerraformResourceLike | undefined, workload: string, what: string): TerraformResourceLike {
    if (!resource) throw new DeclarationError([{ path: ['workload'], message: `"${workload}" has no ${what} in ${this.cloud} account "${this.account}" here` }]);
    return resource;
  }
}

const CLOUD_ACCOUNTS: Readonly<Record<Cloud, string>> = { aws: 'AWS account', gcp: 'GCP project', azure: 'Azure subscription' };

/**
 * The workloads rendered here judged on the stack as it will be applied, with `scan`'s rules and the declaration's
 * acknowledgements: what the Plan already refused is not reported twice.
 */
function finalGrantRefusals(plan: Plan, cloud: Cloud, account: string, workloads: readonly string[], configuration: unknown): string[] {
  const findings = scanTerraformConfiguration(configuration as Record<string, unknown>);
  const gate = RulesGate.of(plan, [cloud]);
  return workloads.flatMap((workload) =>
    gate
      .finalPolicyRefusals(workload, account, findings.filter((finding) => finding.workload === workload))
      .map((finding) => `workload ${workload} (${CLOUD_ACCOUNTS[cloud]} "${account}"), judged on its final grants: ${describeFinding(finding)}`),
  );
}

function accountOf(plan: Plan, named: string | undefined): { key: string; cloud: Cloud } {
  const accounts = (['aws', 'gcp', 'azure'] as const).flatMap((cloud) => Object.keys(plan[cloud]).map((key) => ({ key, cloud })));
  const found = named === undefined ? (accounts.length === 1 ? accounts[0] : undefined) : accounts.find((account) => account.key === named);
  if (!found) {
    const list = accounts.map((account) => account.key).sort().join(', ') || 'none';
    const message = named === undefined ? `name the account to render (accounts: ${list})` : `"${named}" is not an account of the declaration (accounts: ${list})`;
    throw new DeclarationError([{ path: ['account'], message }]);
  }
  return found;
}

/** A workload asked for that has nothing in the account would render silently nothing: refused, each one named. */
function refuseUnknownWorkloads(plan: Plan, cloud: Cloud, account: string, workloads: readonly string[] | undefined): void {
  if (workloads === undefined) return;
  const present = new Set(
    cloud === 'aws'
      ? plan.aws[account].roles.map((role) => role.workload)
      : cloud === 'gcp'
        ? plan.gcp[account].members.map((member) => member.workload)
        : [...plan.azure[account].identities, ...plan.azure[account].roleAssignments].map((element) => element.workload),
  );
  const problems = workloads.flatMap((workload, index) =>
    present.has(workload)
      ? []
      : [{ path: ['workloads', index], message: `"${workload}" has nothing to render in ${cloud} account "${account}"`, fix: identityOnlyFix(account) }],
  );
  if (problems.length > 0) throw new DeclarationError(problems);
}
