import { CfnOutput, Stack } from 'aws-cdk-lib';
import { CfnPodIdentityAssociation } from 'aws-cdk-lib/aws-eks';
import { CfnRole, Role, type IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { chooseAccount } from './choose-account';
import { FinalPolicyCheck } from './final-policy-check';
import { OidcProviders } from './oidc-providers';
import type { WorkloadRoleOptions } from './role-options';
import { RolesAnywhereProfiles } from './roles-anywhere-profiles';
import { annotateFindings } from './rule-annotations';
import { StackGuard } from './stack-guard';
import { WorkloadCfnRole } from './workload-cfn-role';
import type { AwsRole } from '../../plan/plan';
import { WORKLOAD_METADATA_KEY, workloadMetadata } from '../../scan/workload-metadata';
import type { AwsAccountIndex } from '../aws-accounts';
import { checkAwsEngineOptions, permissionsBoundaryArn } from '../aws-options';
import { planOf, type PlanSourceProps } from '../plan-source';

/**
 * Where the resources a role shares with others, or that must live in one region, are created. IAM is global, so
 * roles deploy from any region; EKS Pod Identity associations and IAM Roles Anywhere profiles are regional.
 */
export interface WorkloadPlacementProps {
  /**
   * The stack that creates the OIDC providers the roles trust. An account has one provider per issuer URL, so the
   * stacks of one account must share them; stacks of roles depend on it.
   *
   * @default - the role's own stack, where the provider is shared by every role that trusts it
   */
  readonly oidcProviderStack?: Stack;

  /**
   * The stack that creates a region's EKS Pod Identity associations and IAM Roles Anywhere profiles.
   *
   * @default - the role's own stack, which must then deploy to that region
   */
  readonly regionalStack?: (region: string) => Stack;
}

export interface WorkloadRoleProps extends PlanSourceProps, WorkloadRoleOptions, WorkloadPlacementProps {
  /** The workload whose role this is (its `name` in the declaration). */
  readonly workload: string;

  /**
   * The declaration's key of the AWS account to render the role for.
   *
   * @default - the account whose id is the stack's account, else the only AWS account the workload is granted in
   */
  readonly account?: string;
}

/**
 * The IAM role of one workload in one AWS account, exactly as the Plan has it: the Plan's literal trust policy and
 * inline policies, its session length and tags, plus the OIDC providers it trusts, its EKS Pod Identity associations
 * and its IAM Roles Anywhere profiles. `role` is an `iam.IRole`, so CDK grants (`bucket.grantRead(role)`) add to it.
 *
 * @example
 * const deploy = new WorkloadRole(stack, 'WebDeploy', { file: 'workloads.yaml', workload: 'web-deploy' });
 * assets.grantRead(deploy.role);
 */
export class WorkloadRole extends Construct {
  /** The workload's name. */
  public readonly workload: string;
  /** The declaration's key of the AWS account the role is in. */
  public readonly account: string;
  /** The Plan element rendered here. */
  public readonly planRole: AwsRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  /** The role, for grants and references. */
  public readonly role: IRole;
  /** The `AWS::IAM::Role` resource (also this construct's default child). */
  public readonly resource: CfnRole;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    checkAwsEngineOptions(props);
    const plan = planOf(props);
    const stack = Stack.of(this);
    const account = chooseAccount(plan, stack, props.account, props.workload);
    StackGuard.of(stack).useAccount(account.plan.accountId);
    const role = account.roles.get(props.workload)!;

    this.workload = role.workload;
    this.account = account.key;
    this.planRole = role;
    this.roleName = role.name;
    this.roleArn = role.arn;
    const resource = new WorkloadCfnRole(this, 'Resource', {
      roleName: role.name,
      path: role.path,
      description: role.description,
      assumeRolePolicyDocument: role.trustPolicy,
      // An identity-only role (an empty grant list) has no inline policy: CDK grants give it its permissions.
      policies: policiesOf(role),
      maxSessionDuration: role.maxSessionDuration,
      permissionsBoundary: permissionsBoundaryArn(props, account.plan),
      tags: tagsOf(role),
    });
    this.resource = resource;
    // What scan needs besides the template to judge it as the declaration was judged: the workload and its acknowledgements.
    this.resource.addMetadata(WORKLOAD_METADATA_KEY, workloadMetadata(role.workload, plan.acknowledgements[role.workload] ?? []));
    // An imported view of the literal ARN: grants then attach policies by name, which must wait for the role.
    this.role = Role.fromRoleArn(this, 'Role', role.arn);
    this.role.node.addDependency(this.resource);
    if (props.roleArnOutputs !== false) {
      new CfnOutput(this, 'RoleArn', { value: role.arn, description: `ARN of the role of workload ${role.workload}` });
    }

    // The rules run on the Plan before rendering, and again at synth on the final policies; an error blocks `cdk synth`.
    annotateFindings(this, plan, role.workload, account.key);
    FinalPolicyCheck.of(this).add(this, resource, { workload: role.workload, account: account.key, plan });
    this.useOidcProviders(account, props);
    this.addPodIdentityAssociations(account, props);
    this.addRolesAnywhereProfiles(account, props);
  }

  private useOidcProviders(account: AwsAccountIndex, props: WorkloadRoleProps): void {
    const providerStack = props.oidcProviderStack ?? Stack.of(this);
    for (const key of this.planRole.oidcProviders) {
      const provider = account.oidcProviders.get(key)!;
      // An existing provider is only referenced: the trust names it by ARN.
      if (provider.imported) continue;
      StackGuard.of(providerStack).useAccount(account.plan.accountId);
      // Across stacks, CDK turns this dependency into one between the stacks.
      this.resource.node.addDependency(OidcProviders.of(providerStack).provide(provider));
    }
  }

  private addPodIdentityAssociations(account: AwsAccountIndex, props: WorkloadRoleProps): void {
    for (const association of account.podIdentityAssociations.get(this.planRole.key) ?? []) {
      const stack = this.regionalStackFor(association.region, `the EKS Pod Identity association of workload ${this.workload}`, account, props);
      // In the role's stack it sits under the role; elsewhere in a container of the regional stack, by workload too.
      const [scope, id] = stack === Stack.of(this) ? [this, 'PodIdentity'] : [podIdentityContainer(stack), this.workload];
      const resource = new CfnPodIdentityAssociation(scope, `${id} ${association.cluster} ${association.namespace} ${association.serviceAccount}`, {
        clusterName: association.cluster,
        namespace: association.namespace,
        serviceAccount: association.serviceAccount,
        roleArn: this.roleArn,
        tags: tagsOf(this.planRole),
      });
      resource.node.addDependency(this.resource);
    }
  }

  private addRolesAnywhereProfiles(account: AwsAccountIndex, props: WorkloadRoleProps): void {
    for (const profile of account.rolesAnywhereProfiles.get(this.planRole.key) ?? []) {
      const what = `the IAM Roles Anywhere profile of trust anchor ${profile.trustAnchorArn}`;
      const stack = this.regionalStackFor(profile.region, what, account, props);
      RolesAnywhereProfiles.of(stack).profile(profile).node.addDependency(this.resource);
    }
  }

  private regionalStackFor(region: string, what: string, account: AwsAccountIndex, props: WorkloadRoleProps): Stack {
    const stack = props.regionalStack?.(region) ?? Stack.of(this);
    const guard = StackGuard.of(stack);
    guard.useAccount(account.plan.accountId);
    guard.useRegion(region, what);
    return stack;
  }
}

/** Where a stack holds the Pod Identity associations of roles in other stacks. */
function podIdentityContainer(stack: Stack): Construct {
  const id = 'WorkloadIamPodIdentity';
  return stack.node.tryFindChild(id) ?? new Construct(stack, id);
}

function policiesOf(role: AwsRole): { policyName: string; policyDocument: unknown }[] | undefined {
  const policies = Object.entries(role.inlinePolicies).map(([policyName, policyDocument]) => ({ policyName, policyDocument }));
  return policies.length > 0 ? policies : undefined;
}

/** The Plan's tags (they name the workload), in the Plan's key order. */
function tagsOf(role: AwsRole): { key: string; value: string }[] {
  return Object.entries(role.tags).map(([key, value]) => ({ key, value }));
}
