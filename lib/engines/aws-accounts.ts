import { identityOnlyFix } from '../declaration/error-factories';
import { DeclarationError } from '../declaration/errors';
import type {
  AwsAccountPlan,
  AwsOidcProvider,
  AwsPodIdentityAssociation,
  AwsRole,
  AwsRolesAnywhereProfile,
  Plan,
} from '../plan/plan';
import { groupBy } from '../stable';

/** One AWS account of the Plan, with its elements looked up by the role they belong to. */
export interface AwsAccountIndex {
  readonly key: string;
  readonly plan: AwsAccountPlan;
  readonly roles: ReadonlyMap<string, AwsRole>;
  readonly oidcProviders: ReadonlyMap<string, AwsOidcProvider>;
  readonly podIdentityAssociations: ReadonlyMap<string, readonly AwsPodIdentityAssociation[]>;
  readonly rolesAnywhereProfiles: ReadonlyMap<string, readonly AwsRolesAnywhereProfile[]>;
}

// The Plan is deep-frozen, so an index built once per account stays right; rendering many roles stays linear.
const INDEXES = new WeakMap<AwsAccountPlan, AwsAccountIndex>();

/** The account `key` of the Plan, indexed. */
export function awsAccountIndex(plan: Plan, key: string): AwsAccountIndex {
  const account = plan.aws[key];
  let index = INDEXES.get(account);
  if (!index) {
    index = {
      key,
      plan: account,
      roles: new Map(account.roles.map((role) => [role.key, role])),
      oidcProviders: new Map(account.oidcProviders.map((provider) => [provider.key, provider])),
      podIdentityAssociations: groupBy(account.podIdentityAssociations, (association) => association.role),
      rolesAnywhereProfiles: grouped(account.rolesAnywhereProfiles.flatMap((profile) => profile.roles.map((role) => [role, profile] as const))),
    };
    INDEXES.set(account, index);
  }
  return index;
}

/** Where the engine deploys: the account id when it is known before deploy, and a name for messages. */
export interface DeployTarget {
  readonly accountId?: string;
  readonly name: string;
}

/**
 * The AWS account to render into `target`: the one named, else the one whose id is the target's account, else the
 * only candidate. Candidates are the Plan's AWS accounts, or those where `workload` has a role. A target that deploys
 * to a known account must deploy to this one: trust policies name their account's providers literally.
 */
export function chooseAwsAccount(plan: Plan, target: DeployTarget, named: string | undefined, workload?: string): AwsAccountIndex {
  const keys = Object.keys(plan.aws);
  const candidates = workload === undefined ? keys : keys.filter((key) => awsAccountIndex(plan, key).roles.has(workload));
  const subject = workload === undefined ? 'the declaration' : `workload ${workload}`;
  if (workload !== undefined && candidates.length === 0) {
    fail('workload', `"${workload}" has no role: no workload of that name has grants in an AWS account of the declaration`);
  }
  let key = named;
  if (key !== undefined) {
    if (!keys.includes(key)) fail('account', `"${key}" is not an AWS account of the declaration (AWS accounts: ${list(keys)})`);
    if (!candidates.includes(key)) {
      const why = `${subject} has no grants in AWS account "${key}", so it has no role there (it has roles in: ${list(candidates)})`;
      fail('account', why, identityOnlyFix(key));
    }
  } else {
    const inTarget = target.accountId === undefined ? candidates : candidates.filter((k) => plan.aws[k].accountId === target.accountId);
    if (inTarget.length !== 1) {
      const where = target.accountId === undefined ? '' : ` in account ${target.accountId} (${target.name}'s)`;
      const found = inTarget.length === 0 ? `${subject} has no role${where}` : `${subject} has roles in several AWS accounts${where}: ${list(inTarget)}`;
      fail('account', `${found}; name the account to render`);
    }
    key = inTarget[0];
  }
  const account = awsAccountIndex(plan, key);
  if (target.accountId !== undefined && target.accountId !== account.plan.accountId) {
    fail('account', `"${key}" is AWS account ${account.plan.accountId}, but ${target.name} deploys to ${target.accountId}`);
  }
  return account;
}

/** Values by key, from `[key, value]` pairs (a profile under each of its roles). */
function grouped<T>(entries: readonly (readonly [string, T])[]): Map<string, T[]> {
  const groups = groupBy(entries, ([key]) => key);
  return new Map([...groups].map(([key, pairs]) => [key, pairs.map(([, value]) => value)]));
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

function fail(prop: string, message: string, fix?: string): never {
  throw new DeclarationError([{ path: [prop], message, ...(fix !== undefined ? { fix } : {}) }]);
}
