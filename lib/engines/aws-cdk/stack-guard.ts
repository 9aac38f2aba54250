import { CfnOutput, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { DeclarationError } from '../../declaration/errors';

/** CloudFormation's per-stack quotas that a growing declaration reaches first. */
export const STACK_LIMITS = { resources: 500, outputs: 200 } as const;

const GUARDS = new WeakMap<Stack, StackGuard>();

/**
 * What must hold for a whole stack that several constructs render into: one AWS account (trust policies name their
 * account's providers literally), one region for regional resources, and CloudFormation's quotas. Quotas are
 * checked at synth, when every construct (the user's too) has been added.
 */
export class StackGuard {
  /** The guard of `stack`, registering its synth-time validation on first use. */
  public static of(stack: Stack): StackGuard {
    let guard = GUARDS.get(stack);
    if (!guard) {
      guard = new StackGuard(stack);
      GUARDS.set(stack, guard);
    }
    return guard;
  }

  private accountId?: string;
  private readonly regions = new Map<string, string>();

  private constructor(private readonly stack: Stack) {
    stack.node.addValidation({ validate: () => this.validate() });
  }

  /** Records that resources of AWS account `accountId` are rendered here; a stack deploys to one account. */
  public useAccount(accountId: string): void {
    if (this.accountId !== undefined && this.accountId !== accountId) {
      throw new DeclarationError([
        { path: ['account'], message: `stack ${this.stack.stackName} already holds resources of AWS account ${this.accountId}; render account ${accountId} into another stack` },
      ]);
    }
    this.accountId = accountId;
  }

  /**
   * Records a regional resource (`what`, in `region`). A stack deploys to one region: a known one must be this one,
   * and an environment-agnostic stack may hold regional resources of one region only.
   */
  public useRegion(region: string, what: string): void {
    const stackRegion = this.stack.region;
    if (!Token.isUnresolved(stackRegion) && stackRegion !== region) {
      throw new DeclarationError([
        {
          path: ['regionalStack'],
          message: `${what} must be created in ${region}, but stack ${this.stack.stackName} deploys to ${stackRegion}; give regionalStack a stack in ${region}`,
        },
      ]);
    }
    if (!this.regions.has(region)) this.regions.set(region, what);
  }

  private validate(): string[] {
    const problems: string[] = [];
    if (this.regions.size > 1) {
      const found = [...this.regions.entries()].map(([region, what]) => `${what} (${region})`).join('; ');
      problems.push(
        `stack ${this.stack.stackName} holds regional resources of ${this.regions.size} regions but deploys to one: ${found}. Give regionalStack a stack per region`,
      );
    }
    let resources = 0;
    let outputs = 0;
    for (const construct of this.stack.node.findAll()) {
      if (CfnResource.isCfnResource(construct) && Stack.of(construct) === this.stack) resources++;
      else if (construct instanceof CfnOutput && Stack.of(construct) === this.stack) outputs++;
    }
    const advice = 'spread the workloads over more stacks (WorkloadIdentityStacks shards them deterministically)';
    if (resources > STACK_LIMITS.resources) {
      problems.push(`stack ${this.stack.stackName} has ${resources} resources, over the CloudFormation limit of ${STACK_LIMITS.resources} per stack: ${advice}`);
    }
    if (outputs > STACK_LIMITS.outputs) {
      problems.push(
        `stack ${this.stack.stackName} has ${outputs} outputs, over the CloudFormation limit of ${STACK_LIMITS.outputs} per stack: set roleArnOutputs to false, or ${advice}`,
      );
    }
    return problems;
  }
}
