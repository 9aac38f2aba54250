import { Token } from 'aws-cdk-lib';
import { DeclarationError, type DeclarationProblem } from '../../declaration/errors';
import { LIMITS } from '../../plan/limits';
import type { AwsAccountPlan, AwsRole } from '../../plan/plan';

/**
 * How the roles of the Plan are deployed. None of these touches a trust policy, a condition or a permission: they
 * name and place the roles, and say which shared resources already exist.
 */
export interface WorkloadRoleOptions {
  /**
   * Path of every role (`/` or `/a/b/`).
   *
   * @default - the Plan's path, `/workload-iam/`
   */
  readonly rolePath?: string;

  /**
   * Prefix of every role name; the workload name follows it.
   *
   * @default - the Plan's prefix, `wiam-`
   */
  readonly roleNamePrefix?: string;

  /**
   * Permissions boundary of every role: a managed policy ARN, or the name (with its path, if any) of a managed
   * policy in each role's own account.
   *
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: string;

  /**
   * ARNs of OIDC providers that already exist (an account has one provider per issuer URL, at most 100): the roles
   * reference them instead of creating them. Each must list the client ids (audiences) the Plan gives its issuer.
   *
   * @default - every OIDC provider the roles need is created
   */
  readonly existingOidcProviders?: readonly string[];

  /**
   * Whether each role's ARN is a stack output. CloudFormation allows 200 outputs per stack.
   *
   * @default true
   */
  readonly roleArnOutputs?: boolean;
}

/** The deployed name, path and ARN of a Plan role. */
export interface RoleIdentity {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
}

const ROLE_NAME = /^[\w+=,.@-]+$/;
const ROLE_PATH = /^\/([\x21-\x7E]+\/)?$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy\/[\x21-\x7E]+$/;
const POLICY_NAME = /^\/?([\x21-\x7E]+\/)?[\w+=,.@-]{1,128}$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider\/[\x21-\x7E]+$/;
const MAX_ROLE_PATH_CHARS = 512;

/** Options checked once, so a bad prop fails at construction with `prop: message`. */
export function checkRoleOptions(options: WorkloadRoleOptions): void {
  const problems: DeclarationProblem[] = [];
  const { rolePath, roleNamePrefix, permissionsBoundary, existingOidcProviders } = options;
  if (rolePath !== undefined && (!ROLE_PATH.test(rolePath) || rolePath.length > MAX_ROLE_PATH_CHARS)) {
    problems.push({ path: ['rolePath'], message: `"${rolePath}" is not an IAM path: "/" or "/a/b/", at most ${MAX_ROLE_PATH_CHARS} printable ASCII characters` });
  }
  if (roleNamePrefix !== undefined && roleNamePrefix !== '' && !ROLE_NAME.test(roleNamePrefix)) {
    problems.push({ path: ['roleNamePrefix'], message: `"${roleNamePrefix}" may only contain letters, digits and + = , . @ _ -` });
  }
  const literalBoundary = permissionsBoundary !== undefined && !Token.isUnresolved(permissionsBoundary);
  if (literalBoundary && !POLICY_ARN.test(permissionsBoundary) && !POLICY_NAME.test(permissionsBoundary)) {
    problems.push({ path: ['permissionsBoundary'], message: `"${permissionsBoundary}" is neither a managed policy ARN nor a policy name` });
  }
  existingOidcProviders?.forEach((arn, index) => {
    if (Token.isUnresolved(arn)) {
      problems.push({ path: ['existingOidcProviders', index], message: 'must be a literal ARN: trust policies name their provider literally' });
    } else if (!OIDC_PROVIDER_ARN.test(arn)) {
      problems.push({ path: ['existingOidcProviders', index], message: `"${arn}" is not an OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer host and path>)` });
    }
  });
  if (problems.length > 0) throw new DeclarationError(problems);
}

/** The name, path and ARN a Plan role is deployed under: the Plan's unless the options rename it. */
export function roleIdentityOf(role: AwsRole, account: AwsAccountPlan, options: WorkloadRoleOptions): RoleIdentity {
  if (options.rolePath === undefined && options.roleNamePrefix === undefined) {
    return { name: role.name, path: role.path, arn: role.arn };
  }
  const name = options.roleNamePrefix === undefined ? role.name : `${options.roleNamePrefix}${role.workload}`;
  if (name.length > LIMITS.aws.roleNameChars) {
    throw new DeclarationError([
      {
        path: ['roleNamePrefix'],
        message: `makes the role name of workload ${role.workload} "${name}" ${name.length} characters, over the IAM limit of ${LIMITS.aws.roleNameChars}; use a shorter prefix`,
      },
    ]);
  }
  const path = options.rolePath ?? role.path;
  return { name, path, arn: `arn:${account.partition}:iam::${account.accountId}:role${path}${name}` };
}

/** The permissions boundary ARN for a role in `account`, when one is asked for. */
export function permissionsBoundaryArn(options: WorkloadRoleOptions, account: AwsAccountPlan): string | undefined {
  const boundary = options.permissionsBoundary;
  if (boundary === undefined || Token.isUnresolved(boundary) || POLICY_ARN.test(boundary)) return boundary;
  return `arn:${account.partition}:iam::${account.accountId}:policy/${boundary.replace(/^\//, '')}`;
}
