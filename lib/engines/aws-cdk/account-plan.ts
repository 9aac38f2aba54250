import { Token, type Stack } from 'aws-cdk-lib';
import { DeclarationError } from '../../declaration/errors';
import type {
  AwsAccountPlan,
  AwsOidcProvider,
  AwsPodIdentityAssociation,
  AwsRole,
  AwsRolesAnywhereProfile,
  Plan,
} from '../../plan/plan';

/** One AWS account of the Plan, with its elements looked up by the role they belong to. */
export interface AccountPlan {
  readonly key: string;
  readonly plan: AwsAccountPlan;
  readonly roles: ReadonlyMap<string, AwsRole>;
  readonly oidcProviders: ReadonlyMap<string, AwsOidcProvider>;
  readonly podIdentityAssociations: ReadonlyMap<string, readonly AwsPodIdentityAssociation[]>;
  readonly rolesAnywhereProfiles: ReadonlyMap<string, readonly AwsRolesAnywhereProfile[]>;
}

// The Plan is deep-frozen, so an index built once per account stays right; rendering many roles stays linear.
const INDEXES = new WeakMap<AwsAccountPlan, AccountPlan>();

/** The account `key` of the Plan, indexed. */
export function accountPlanOf(plan: Plan, key: string): AccountPlan {
  const account = plan.aws[key];
  let index = INDEXES.get(account);
  if (!index) {
    index = {
      key,
      plan: account,
      roles: new Map(account.roles.map((role) => [role.key, role])),
      oidcProviders: new Map(account.oidcProviders.map((provider) => [provider.key, provider])),
      podIdentityAssociations: groupBy(account.podIdentityAssociations.map((association) => [association.role, association])),
      rolesAnywhereProfiles: groupBy(account.rolesAnywhereProfiles.flatMap((profile) => profile.roles.map((role) => [role, profile] as const))),
    };
    INDEXES.set(account, index);
  }
  return index;
}

/**
 * The AWS account to render into `stack`: the one named, else the one whose id is the stack's account, else the only
 * candidate. Candidates are the Plan's AWS accounts, or those where `workload` has a role. A stack that deploys to
 * a known account must deploy to this one: trust policies name their account's providers literally.
 */
/** How to get a role whose permissions come only from CDK grants: an identity-only workload. */
export function identityOnlyHint(account: string): string {
  return `; for a role granted only through CDK, declare the workload with \`grants: { ${account}: [] }\``;
}

export function chooseAccount(plan: Plan, stack: Stack, named: string | undefined, workload?: string): AccountPlan {
  const keys = Object.keys(plan.aws);
  const candidates = workload === undefined ? keys : keys.filter((key) => accountPlanOf(plan, key).roles.has(workload));
  const subject = workload === undefined ? 'the declaration' : `workload ${workload}`;
  if (workload !== undefined && candidates.length === 0) {
    fail('workload', `"${workload}" has no role: no workload of that name has grants in an AWS account of the declaration`);
  }
  const stackAccount = Token.isUnresolved(stack.account) ? undefined : stack.account;
  let key = named;
  if (key !== undefined) {
    if (!keys.includes(key)) fail('account', `"${key}" is not an AWS account of the declaration (AWS accounts: ${list(keys)})`);
    if (!candidates.includes(key)) {
      const why = `${subject} has no grants in AWS account "${key}", so it has no role there (it has roles in: ${list(candidates)})`;
      fail('account', `${why}${identityOnlyHint(key)}`);
    }
  } else {
    const inStackAccount = stackAccount === undefined ? candidates : candidates.filter((k) => plan.aws[k].accountId === stackAccount);
    if (inStackAccount.length !== 1) {
      const where = stackAccount === undefined ? '' : ` in account ${stackAccount} (the stack's)`;
      const found = inStackAccount.length === 0 ? `${subject} has no role${where}` : `${subject} has roles in several AWS accounts${where}: ${list(inStackAccount)}`;
      fail('account', `${found}; name the account to render`);
    }
    key = inStackAccount[0];
  }
  const account = accountPlanOf(plan, key);
  if (stackAccount !== undefined && stackAccount !== account.plan.accountId) {
    fail('account', `"${key}" is AWS account ${account.plan.accountId}, but stack ${stack.stackName} deploys to ${stackAccount}`);
  }
  return account;
}

/** Every OIDC provider ARN the Plan knows, to check that what the user calls existing is one of them. */
export function checkExistingProviders(plan: Plan, arns: readonly string[] | undefined): void {
  if (!arns) return;
  const known = new Set(Object.values(plan.aws).flatMap((account) => account.oidcProviders.map((provider) => provider.arn)));
  const problems = arns.flatMap((arn, index) =>
    known.has(arn) ? [] : [{ path: ['existingOidcProviders', index], message: `${arn} is not an OIDC provider the declaration's roles trust (they trust: ${list([...known].sort())})` }],
  );
  if (problems.length > 0) throw new DeclarationError(problems);
}

function groupBy<T>(entries: readonly (readonly [string, T])[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const [key, value] of entries) {
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

function fail(prop: string, message: string): never {
  throw new DeclarationError([{ path: [prop], message }]);
}
