import * as pulumi from '@pulumi/pulumi';
import { renderAwsAccount } from './aws-resources';
import { renderAzureAccount } from './azure-resources';
import { childOptions } from './child-options';
import { loadCloudModules, type AwsModules, type AzureModules, type GcpModules } from './cloud-packages';
import { renderGcpAccount } from './gcp-resources';
import type { Cloud } from '../../catalogue/types';
import { DeclarationError } from '../../declaration/errors';
import type { Acknowledgement } from '../../model/workload';
import type { Plan } from '../../plan/plan';
import { WORKLOAD_METADATA_KEY, workloadMetadata } from '../../scan/workload-metadata';
import { checkAwsEngineOptions, type AwsEngineOptions } from '../aws-options';
import { refuseBlocking } from '../gate';
import { planOf, type PlanSourceProps } from '../plan-source';

const CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure'];

export interface WorkloadIdentitiesArgs extends PlanSourceProps, AwsEngineOptions {
  /**
   * The provider of each account's resources, by the declaration's account key (and, for the AWS resources that live
   * in a cluster's or trust anchor's region, that region).
   *
   * @default - the program's default provider of each cloud
   */
  readonly provider?: (account: string, region?: string) => pulumi.ProviderResource | undefined;

  /**
   * Protect the GCP pools and providers and retain them on delete: Google soft-deletes them for 30 days and their ids
   * cannot be reused, so re-creating one fails (the compile option `gcp.idSuffix` gives new ids).
   *
   * @default true
   */
  readonly keepPools?: boolean;
}

/**
 * One workload's resources, across its accounts: the parent of its roles, members and identities. Its inputs name the
 * workload and its acknowledgements, so `scan` judges the recorded resources as the declaration was judged.
 */
export class Workload extends pulumi.ComponentResource {
  public constructor(name: string, workload: string, acknowledgements: readonly Acknowledgement[], opts: pulumi.ComponentResourceOptions) {
    super('workload-iam:index:Workload', name, { [WORKLOAD_METADATA_KEY]: workloadMetadata(workload, acknowledgements) }, opts);
  }
}

type Role = InstanceType<AwsModules['Role']>;
type ServiceAccount = InstanceType<GcpModules['Account']>;
type Identity = InstanceType<AzureModules['UserAssignedIdentity']>;

/**
 * Every account of a declaration as Pulumi resources, exactly as the Plan has them: AWS OIDC providers, roles, Pod
 * Identity associations and Roles Anywhere profiles; GCP pools, providers, service accounts and IAM members; Azure
 * managed identities, federated credentials and role assignments. The rules run first: an error refuses the component,
 * naming the rule and the fix. Only the cloud packages of the clouds the declaration uses are loaded.
 */
export class WorkloadIdentities extends pulumi.ComponentResource {
  /** Each AWS role's ARN, by `<account>/<workload>`. */
  public readonly roleArns: pulumi.Output<Record<string, string>>;
  /** Each GCP pool's and provider's full name, by `<account>` and `<account>/<provider id>`. */
  public readonly poolNames: pulumi.Output<Record<string, string>>;
  /** Each impersonated service account's email, by `<account>/<workload>`. */
  public readonly serviceAccountEmails: pulumi.Output<Record<string, string>>;
  /** Each managed identity's client id, by `<account>/<workload>`; known once deployed. */
  public readonly clientIds: pulumi.Output<Record<string, string>>;

  private readonly roles = new Map<string, Map<string, Role>>();
  private readonly serviceAccounts = new Map<string, Map<string, ServiceAccount>>();
  private readonly identities = new Map<string, Map<string, Identity>>();

  public constructor(name: string, args: WorkloadIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('workload-iam:index:WorkloadIdentities', name, {}, opts);
    checkAwsEngineOptions(args);
    const plan = planOf(args);
    refuseBlocking(plan, CLOUDS, () => true);
    const used = new Set(CLOUDS.filter((cloud) => Object.keys(plan[cloud]).length > 0));
    const modules = loadCloudModules(used);
    const workloads = new Map<string, Workload>();
    const workloadComponent = (workload: string) => {
      if (!workloads.has(workload)) {
        workloads.set(workload, new Workload(`${name}-${workload}`, workload, plan.acknowledgements[workload] ?? [], { parent: this }));
      }
      return workloads.get(workload)!;
    };
    // Each workload's component first, in name order, so the registrations come in a stable order.
    for (const workload of renderedWorkloads(plan)) workloadComponent(workload);
    const child = (account: string) => childOptions(`${name}-${account}`, account, this, workloadComponent, args.provider);
    for (const key of Object.keys(plan.aws).sort()) this.roles.set(key, new Map(renderAwsAccount(modules.aws!, plan, key, args, child(key))));
    for (const key of Object.keys(plan.gcp).sort()) {
      this.serviceAccounts.set(key, new Map(renderGcpAccount(modules.gcp!, plan, key, args.keepPools ?? true, child(key))));
    }
    for (const key of Object.keys(plan.azure).sort()) this.identities.set(key, new Map(renderAzureAccount(modules.azure!, plan, key, child(key))));

    const outputs = summaryOf(plan);
    this.roleArns = pulumi.output(outputs.roleArns);
    this.poolNames = pulumi.output(outputs.poolNames);
    this.serviceAccountEmails = pulumi.output(outputs.serviceAccountEmails);
    const clientIds = [...this.identities].flatMap(([account, identities]) =>
      [...identities].map(([workload, identity]) => [`${account}/${workload}`, identity.clientId]),
    );
    this.clientIds = pulumi.all(Object.fromEntries(clientIds) as Record<string, pulumi.Output<string>>);
    const { roleArns, poolNames, serviceAccountEmails, clientIds: ids } = this;
    this.registerOutputs({ roleArns, poolNames, serviceAccountEmails, clientIds: ids });
  }

  /** The `aws.iam.Role` of `workload`, in `account` (needed when it has roles in several). */
  public role(workload: string, account?: string): Role {
    return this.found(this.roles, workload, account, 'AWS role');
  }

  /** The `gcp.serviceaccount.Account` `workload` impersonates, in `account` (needed when several). */
  public serviceAccount(workload: string, account?: string): ServiceAccount {
    return this.found(this.serviceAccounts, workload, account, 'GCP service account');
  }

  /** The `UserAssignedIdentity` of `workload`, in `account` (needed when several). */
  public identity(workload: string, account?: string): Identity {
    return this.found(this.identities, workload, account, 'Azure managed identity');
  }

  private found<T>(byAccount: ReadonlyMap<string, ReadonlyMap<string, T>>, workload: string, account: string | undefined, what: string): T {
    const candidates = [...byAccount].filter(([key, resources]) => (account === undefined || key === account) && resources.has(workload));
    if (candidates.length !== 1) {
      const where = account === undefined ? (candidates.length > 1 ? `; name the account (${candidates.map(([key]) => key).join(', ')})` : '') : ` in "${account}"`;
      const message = candidates.length > 1 ? `"${workload}" has a ${what} in several accounts${where}` : `"${workload}" has no ${what}${where}`;
      throw new DeclarationError([{ path: ['workload'], message }]);
    }
    return candidates[0][1].get(workload)!;
  }
}

/** Every workload with a resource to render, in name order. */
function renderedWorkloads(plan: Plan): string[] {
  const names = [
    ...Object.values(plan.aws).flatMap((account) => account.roles.map((role) => role.workload)),
    ...Object.values(plan.gcp).flatMap((account) => [...account.bindings, ...account.serviceAccounts].map((element) => element.workload)),
    ...Object.values(plan.azure).flatMap((account) => [...account.identities, ...account.roleAssignments].map((element) => element.workload)),
  ];
  return [...new Set(names)].sort();
}

/** What the Plan already knows of the deployed names: role ARNs, pool and provider names, service account emails. */
function summaryOf(plan: Plan): Record<'roleArns' | 'poolNames' | 'serviceAccountEmails', Record<string, string>> {
  const roleArns: Record<string, string> = {};
  const poolNames: Record<string, string> = {};
  const serviceAccountEmails: Record<string, string> = {};
  for (const [key, account] of Object.entries(plan.aws)) for (const role of account.roles) roleArns[`${key}/${role.workload}`] = role.arn;
  for (const [key, account] of Object.entries(plan.gcp)) {
    poolNames[key] = account.pool.name;
    for (const provider of account.providers) poolNames[`${key}/${provider.id}`] = provider.name;
    for (const serviceAccount of account.serviceAccounts) serviceAccountEmails[`${key}/${serviceAccount.workload}`] = serviceAccount.email;
  }
  return { roleArns, poolNames, serviceAccountEmails };
}
