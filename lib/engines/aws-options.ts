import { DeclarationError, type DeclarationProblem } from '../declaration/errors';
import type { AwsAccountPlan } from '../plan/plan';

/**
 * What every engine rendering AWS roles takes besides the Plan. Naming and placing roles, and existing OIDC
 * providers, are compile options (`CompileOptions.aws`): they change what the Plan names, so they are decided there.
 */
export interface AwsEngineOptions {
  /**
   * Permissions boundary of every role: a managed policy ARN, or the name (with its path, if any) of a managed
   * policy in each role's own account.
   *
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: string;
}

const POLICY_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy\/[\x21-\x7E]+$/;
const POLICY_NAME = /^\/?([\x21-\x7E]+\/)?[\w+=,.@-]{1,128}$/;

/** A deploy-time token (CDK, cdktf and Pulumi all write `${…}`) is passed on as it is. */
const isToken = (value: string) => value.includes('${');

/** Options checked once, so a bad prop fails at construction with `prop: message`. */
export function checkAwsEngineOptions(options: AwsEngineOptions): void {
  const problems: DeclarationProblem[] = [];
  const { permissionsBoundary } = options;
  const literal = permissionsBoundary !== undefined && !isToken(permissionsBoundary);
  if (literal && !POLICY_ARN.test(permissionsBoundary) && !POLICY_NAME.test(permissionsBoundary)) {
    problems.push({ path: ['permissionsBoundary'], message: `"${permissionsBoundary}" is neither a managed policy ARN nor a policy name` });
  }
  if (problems.length > 0) throw new DeclarationError(problems);
}

/** The permissions boundary ARN for a role in `account`, when one is asked for. */
export function permissionsBoundaryArn(options: AwsEngineOptions, account: AwsAccountPlan): string | undefined {
  const boundary = options.permissionsBoundary;
  if (boundary === undefined || isToken(boundary) || POLICY_ARN.test(boundary)) return boundary;
  return `arn:${account.partition}:iam::${account.accountId}:policy/${boundary.replace(/^\//, '')}`;
}
