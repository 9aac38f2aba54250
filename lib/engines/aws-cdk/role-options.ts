import type { AwsEngineOptions } from '../aws-options';

/**
 * How the CDK engine deploys the Plan's roles. None of these touches a trust policy, a condition or a permission,
 * nor a name: names, paths and existing OIDC providers are compile options (`compileOptions.aws`).
 */
export interface WorkloadRoleOptions extends AwsEngineOptions {
  /**
   * Whether each role's ARN is a stack output. CloudFormation allows 200 outputs per stack.
   *
   * @default true
   */
  readonly roleArnOutputs?: boolean;
}
