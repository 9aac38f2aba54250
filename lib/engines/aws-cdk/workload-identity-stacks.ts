import { Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { WorkloadRoleOptions } from './role-options';
import { planShards, type ShardCapacity, type ShardLoad } from './sharding';
import { STACK_LIMITS } from './stack-guard';
import { WorkloadIdentities } from './workload-identities';
import type { WorkloadRole } from './workload-role';
import { DeclarationError, type DeclarationProblem } from '../../declaration/errors';
import type { AwsRole, Plan } from '../../plan/plan';
import { awsAccountIndex, type AwsAccountIndex } from '../aws-accounts';
import { checkAwsEngineOptions } from '../aws-options';
import { planOf, type PlanSourceProps } from '../plan-source';

export interface WorkloadIdentityStacksProps extends PlanSourceProps, WorkloadRoleOptions {
  /**
   * Prefix of every stack name; the account key follows, then a shard number or a region.
   *
   * @default 'workload-iam'
   */
  readonly stackNamePrefix?: string;

  /**
   * How many stacks hold the roles of each account, by account key. A role's stack is a function of its workload
   * name and this number only. Pin it once deployed: changing it moves roles between stacks, which CloudFormation
   * cannot do in one deployment (the role name is taken until the old stack deletes it).
   *
   * @default - per account, the fewest stacks within CloudFormation's quotas
   */
  readonly shards?: Readonly<Record<string, number>>;
}

const DEFAULT_PREFIX = 'workload-iam';
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const MAX_STACK_NAME_CHARS = 128;
/** Templates over 51,200 bytes deploy through S3, where the quota is 1 MB. */
const CAPACITY: ShardCapacity = { ...STACK_LIMITS, templateBytes: 1_000_000 };

/**
 * Every AWS account of a declaration, each in its own stacks: the roles (and the account's OIDC providers, in the
 * first stack) sharded deterministically over as many stacks as CloudFormation's quotas need, and one stack per
 * region for EKS Pod Identity associations and IAM Roles Anywhere profiles. Stacks are named
 * `<prefix>-<account>`, `<prefix>-<account>-shard<N>` and `<prefix>-<account>-<region>`. This is what
 * `workload-iam synth --engine aws-cdk` writes.
 *
 * @example
 * const app = new App();
 * new WorkloadIdentityStacks(app, 'WorkloadIam', { file: 'workloads.yaml' });
 */
export class WorkloadIdentityStacks extends Construct {
  /** Every stack, by name. */
  public readonly stacks: readonly Stack[];
  private readonly roles: readonly WorkloadRole[];

  constructor(scope: Construct, id: string, props: WorkloadIdentityStacksProps) {
    super(scope, id);
    checkAwsEngineOptions(props);
    const plan = planOf(props);
    const prefix = props.stackNamePrefix ?? DEFAULT_PREFIX;
    checkStacksProps(plan, prefix, props.shards);

    const { declaration: _declaration, file: _file, model: _model, compileOptions: _options, stackNamePrefix: _prefix, shards, ...options } = props;
    this.roles = Object.keys(plan.aws)
      .sort()
      .flatMap((key) => this.renderAccount(plan, awsAccountIndex(plan, key), prefix, options, shards?.[key]));
    this.stacks = this.node.children.filter((child): child is Stack => child instanceof Stack).sort((a, b) => (a.stackName < b.stackName ? -1 : 1));
  }

  /** The rendered role of `workload` in `account` (optional when the workload has a role in one account only). */
  public workload(name: string, account?: string): WorkloadRole {
    const found = this.roles.filter((role) => role.workload === name && (account === undefined || role.account === account));
    if (found.length !== 1) {
      const message = found.length === 0
        ? `"${name}" has no role${account === undefined ? '' : ` in AWS account "${account}"`}`
        : `"${name}" has roles in several AWS accounts (${found.map((role) => role.account).join(', ')}); name one`;
      throw new DeclarationError([{ path: ['workload'], message }]);
    }
    return found[0];
  }

  /** The `iam.IRole` of `workload` in `account`, for grants and references. */
  public role(workload: string, account?: string): IRole {
    return this.workload(workload, account).role;
  }

  /** The stacks of one account: its role shards (the first with the OIDC providers) and its regional stacks. */
  private renderAccount(plan: Plan, account: AwsAccountIndex, prefix: string, options: WorkloadRoleOptions, pinned?: number): WorkloadRole[] {
    if (account.plan.roles.length === 0) return [];
    const stack = (name: string, region?: string) => {
      if (name.length > MAX_STACK_NAME_CHARS) {
        throw new DeclarationError([{ path: ['stackNamePrefix'], message: `makes stack name ${name} ${name.length} characters, over CloudFormation's ${MAX_STACK_NAME_CHARS}` }]);
      }
      return new Stack(this, name, { stackName: name, env: { account: account.plan.accountId, region } });
    };
    const base = `${prefix}-${account.key}`;
    const regional = new Map<string, Stack>();
    const regionalStack = (region: string) => regional.get(region) ?? regional.set(region, stack(`${base}-${region}`, region)).get(region)!;
    const workloadsByShard = shardsOf(account, options.roleArnOutputs !== false, pinned);
    // The first stack creates the account's OIDC providers, so it exists whenever another stack's roles need one.
    const createsProviders = account.plan.oidcProviders.some((provider) => !provider.imported);
    const first = workloadsByShard[0].length > 0 || createsProviders ? stack(base) : undefined;
    return workloadsByShard.flatMap((workloads, index) => {
      if (workloads.length === 0) return [];
      const shard = index === 0 ? first! : stack(`${base}-shard${index + 1}`);
      const identities = new WorkloadIdentities(shard, 'WorkloadIdentities', {
        ...options,
        plan,
        account: account.key,
        workloads,
        oidcProviderStack: first,
        regionalStack,
      });
      return identities.workloads;
    });
  }
}

/** The workload names of each shard of the account, in shard order. */
function shardsOf(account: AwsAccountIndex, outputs: boolean, pinned: number | undefined): string[][] {
  const created = account.plan.oidcProviders.filter((provider) => !provider.imported);
  const shared: ShardLoad = { resources: created.length, outputs: 0, templateBytes: created.length * PROVIDER_BYTES };
  const items = account.plan.roles.map((role) => ({ name: role.key, load: roleLoad(role, outputs) }));
  const shards = planShards(items, shared, CAPACITY, pinned);
  if ('overflow' in shards) {
    const fix = pinned === undefined ? 'split the account' : 'raise it (roles then move between stacks: deploy the removals first)';
    throw new DeclarationError([{ path: ['shards', account.key], message: `${shards.overflow}; ${fix}` }]);
  }
  const names: string[][] = Array.from({ length: shards.count }, () => []);
  for (const role of account.plan.roles) names[shards.indexOf.get(role.key)!].push(role.key);
  return names;
}

/** Room an OIDC provider, or a role's properties besides its documents, takes in a template (generously). */
const PROVIDER_BYTES = 1_000;
const ROLE_BYTES = 1_000;

/**
 * What a role adds to its stack: the role, its output (unless turned off), and its template text, estimated from the Plan's documents
 * as written with two-space indentation, six levels deeper than here (their depth in the template), plus the
 * role's other properties and output.
 */
function roleLoad(role: AwsRole, output: boolean): ShardLoad {
  const text = JSON.stringify([role.trustPolicy, role.inlinePolicies, role.tags, role.description ?? ''], null, 2);
  const lines = text.split('\n').length;
  return { resources: 1, outputs: output ? 1 : 0, templateBytes: text.length + 12 * lines + ROLE_BYTES };
}

function checkStacksProps(plan: Plan, prefix: string, shards: Readonly<Record<string, number>> | undefined): void {
  const problems: DeclarationProblem[] = [];
  if (!STACK_NAME.test(prefix)) problems.push({ path: ['stackNamePrefix'], message: `"${prefix}" must start with a letter and hold only letters, digits and -` });
  for (const [key, count] of Object.entries(shards ?? {})) {
    if (!plan.aws[key]) problems.push({ path: ['shards', key], message: `"${key}" is not an AWS account of the declaration (AWS accounts: ${Object.keys(plan.aws).join(', ') || 'none'})` });
    else if (!Number.isInteger(count) || count < 1) problems.push({ path: ['shards', key], message: `must be a whole number of stacks, at least 1 (got ${count})` });
  }
  if (problems.length > 0) throw new DeclarationError(problems);
}
