import { Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { chooseAccount } from './choose-account';
import type { WorkloadRoleOptions } from './role-options';
import { WorkloadRole, type WorkloadPlacementProps } from './workload-role';
import { workloadWithoutRole } from '../../declaration/error-factories';
import { DeclarationError } from '../../declaration/errors';
import { checkAwsEngineOptions } from '../aws-options';
import { planOf, type PlanSourceProps } from '../plan-source';

export interface WorkloadIdentitiesProps extends PlanSourceProps, WorkloadRoleOptions, WorkloadPlacementProps {
  /**
   * The declaration's key of the AWS account to render.
   *
   * @default - the account whose id is the stack's account, else the declaration's only AWS account
   */
  readonly account?: string;

  /**
   * The workloads to render, by name.
   *
   * @default - every workload with grants in the account
   */
  readonly workloads?: readonly string[];
}

/**
 * The workload identities of one AWS account in one stack: a `WorkloadRole` per workload (its id is the workload
 * name, so logical ids never depend on order), the OIDC providers they trust, shared per issuer, their EKS Pod
 * Identity associations and IAM Roles Anywhere profiles. CloudFormation's stack quotas are checked at synth; use
 * `WorkloadIdentityStacks` to shard a large declaration over several stacks.
 *
 * @example
 * const identities = new WorkloadIdentities(stack, 'Ci', { file: 'workloads.yaml' });
 * bucket.grantRead(identities.role('web-deploy'));
 */
export class WorkloadIdentities extends Construct {
  /** The declaration's key of the AWS account rendered. */
  public readonly account: string;
  /** The roles, in workload name order. */
  public readonly workloads: readonly WorkloadRole[];
  private readonly byName: ReadonlyMap<string, WorkloadRole>;

  constructor(scope: Construct, id: string, props: WorkloadIdentitiesProps) {
    super(scope, id);
    checkAwsEngineOptions(props);
    const plan = planOf(props);
    const account = chooseAccount(plan, Stack.of(this), props.account);
    const names = props.workloads ?? account.plan.roles.map((role) => role.key);
    const unknown = names.flatMap((name, index) => (account.roles.has(name) ? [] : workloadWithoutRole(index, name, account.key).problems));
    if (unknown.length > 0) throw new DeclarationError(unknown.map((problem) => ({ ...problem, path: ['workloads', ...problem.path] })));

    this.account = account.key;
    // Everything but the source is passed on as is; the Plan is compiled once, here.
    const { declaration: _declaration, file: _file, model: _model, compileOptions: _compileOptions, workloads: _workloads, ...options } = props;
    this.workloads = [...new Set(names)]
      .sort()
      .map((name) => new WorkloadRole(this, name, { ...options, plan, account: account.key, workload: name }));
    this.byName = new Map(this.workloads.map((workload) => [workload.workload, workload]));
  }

  /** The rendered role of `workload`. */
  public workload(name: string): WorkloadRole {
    const found = this.byName.get(name);
    if (!found) throw workloadWithoutRole('workload', name, this.account, ' here');
    return found;
  }

  /** The `iam.IRole` of `workload`, for grants and references. */
  public role(workload: string): IRole {
    return this.workload(workload).role;
  }
}
