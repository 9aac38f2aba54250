import { referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, readable } from './unresolved';
import { WORKLOAD_IDENTITY_USER } from '../catalogue/gcp';
import { gcpRoleOnlyReads } from '../catalogue/role-access';
import { groupBy } from '../stable';
import type { TrustView } from '../trust/trust-view';

const IAM_MEMBER_TYPES = /^google_.+_iam_(member|binding)$/;

/** One member of one `google_*_iam_member` / `google_*_iam_binding`, with the role bound to it. */
export interface IamGrant {
  readonly binding: TerraformBlock;
  readonly member: unknown;
  readonly path: string;
}

/** Every member bound in a module, in the order written, and the same indexed by member. */
export interface IamGrants {
  readonly all: readonly IamGrant[];
  /** The grants of each member written as a string. */
  readonly byMember: ReadonlyMap<string, readonly IamGrant[]>;
}

export function iamGrants(blocks: readonly TerraformBlock[]): IamGrants {
  const all = blocks
    .filter((block) => block.kind === 'resource' && IAM_MEMBER_TYPES.test(block.type))
    .flatMap((binding) => {
      const one = binding.body.member !== undefined ? [{ binding, member: binding.body.member, path: `${binding.path}.member` }] : [];
      const many = Array.isArray(binding.body.members)
        ? binding.body.members.map((member, index) => ({ binding, member, path: `${binding.path}.members[${index}]` }))
        : [];
      return [...one, ...many];
    });
  const named = all.filter((grant) => typeof grant.member === 'string');
  return { all, byMember: groupBy(named, (grant) => grant.member as string) };
}

type MemberAccess = Pick<TrustView, 'access' | 'accessReason'>;

/** A binding of `roles/iam.workloadIdentityUser` on one service account: it lets its members act as that account. */
const impersonates = (binding: TerraformBlock) => binding.body.role === WORKLOAD_IDENTITY_USER && binding.type.startsWith('google_service_account_iam_');

/** The email of the service account a `google_service_account_iam_*` binding is on, when it can be read. */
function serviceAccountEmail(binding: TerraformBlock, byAddress: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const id = binding.body.service_account_id;
  if (typeof id === 'string' && !isUnresolved(id)) return /\/serviceAccounts\/([^/]+)$/.exec(id)?.[1];
  const reference = referenceOf(id);
  const account = reference ? byAddress.get(reference.address) : undefined;
  const { account_id: accountId, project } = account?.type === 'google_service_account' ? account.body : {};
  const readableText = (value: unknown): value is string => typeof value === 'string' && !isUnresolved(value);
  return readableText(accountId) && readableText(project) ? `${accountId}@${project}.iam.gserviceaccount.com` : undefined;
}

/**
 * The bindings that grant a member something in the module: its own, and those of each service account it may
 * impersonate here (`roles/iam.workloadIdentityUser` on it), followed transitively. `unreadable` names a service account
 * it may impersonate that cannot be told, whose grants are then unknown.
 */
export function reachableBindings(
  member: string,
  grants: IamGrants,
  byAddress: ReadonlyMap<string, TerraformBlock>,
): { readonly bindings: readonly TerraformBlock[]; readonly unreadable?: string } {
  const bindings: TerraformBlock[] = [];
  const pending = [member];
  const seen = new Set(pending);
  let unreadable: string | undefined;
  while (pending.length > 0) {
    const who = pending.shift()!;
    for (const { binding } of grants.byMember.get(who) ?? []) {
      if (!impersonates(binding)) {
        bindings.push(binding);
        continue;
      }
      const email = serviceAccountEmail(binding, byAddress);
      if (email === undefined) unreadable ??= `the service account at ${binding.path}`;
      const through = `serviceAccount:${email}`;
      if (email !== undefined && !seen.has(through)) {
        seen.add(through);
        pending.push(through);
      }
    }
  }
  return { bindings, ...(unreadable !== undefined ? { unreadable } : {}) };
}

/**
 * What one binding grants its member: its role, or, when it lets the member impersonate a service account, what the
 * service account is granted in the module.
 */
export function grantedBy(
  binding: TerraformBlock,
  grants: IamGrants,
  byAddress: ReadonlyMap<string, TerraformBlock>,
): readonly TerraformBlock[] {
  if (!impersonates(binding)) return [binding];
  const email = serviceAccountEmail(binding, byAddress);
  return email === undefined ? [] : reachableBindings(`serviceAccount:${email}`, grants, byAddress).bindings;
}

/**
 * Whether what a member is granted in the module only reads: each role it is bound to, itself or through a service
 * account it impersonates, is one the catalogue grants for read-only access. A role or a service account that cannot
 * be read may lead to writes.
 */
export function gcpMemberAccess(reachable: ReturnType<typeof reachableBindings>): MemberAccess {
  if (reachable.unreadable !== undefined) return { access: 'unknown', accessReason: `${reachable.unreadable} cannot be read` };
  for (const binding of reachable.bindings) {
    const role = binding.body.role;
    const where = `${binding.path}.role`;
    if (typeof role !== 'string' || isUnresolved(role)) return { access: 'unknown', accessReason: `the role at ${where} cannot be read` };
    if (!gcpRoleOnlyReads(role)) return { access: 'write', accessReason: `${readable(role)} at ${where}` };
  }
  return { access: 'read' };
}
