import { referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, readable } from './unresolved';
import { gcpRoleOnlyReads } from '../catalogue/role-access';
import type { TrustView } from '../trust/trust-view';

/** Granting this role on a service account lets its members act as the service account. */
export const IMPERSONATION_ROLE = 'roles/iam.workloadIdentityUser';

const IAM_MEMBER_TYPES = /^google_.+_iam_(member|binding)$/;

/** One member of one `google_*_iam_member` / `google_*_iam_binding`, with the role bound to it. */
export interface IamGrant {
  readonly binding: TerraformBlock;
  readonly member: unknown;
  readonly path: string;
}

/** Every member bound in a module, in the order written. */
export function iamGrants(blocks: readonly TerraformBlock[]): IamGrant[] {
  return blocks
    .filter((block) => block.kind === 'resource' && IAM_MEMBER_TYPES.test(block.type))
    .flatMap((binding) => {
      const one = binding.body.member !== undefined ? [{ binding, member: binding.body.member, path: `${binding.path}.member` }] : [];
      const many = Array.isArray(binding.body.members)
        ? binding.body.members.map((member, index) => ({ binding, member, path: `${binding.path}.members[${index}]` }))
        : [];
      return [...one, ...many];
    });
}

type MemberAccess = Pick<TrustView, 'access' | 'accessReason'>;

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
 * Whether what a member is granted in the module only reads: each role it is bound to is one the catalogue grants
 * for read-only access, and a service account it may impersonate is granted only such roles here. A role or a
 * service account that cannot be read may lead to writes.
 */
export function gcpMemberAccess(member: string, grants: readonly IamGrant[], byAddress: ReadonlyMap<string, TerraformBlock>): MemberAccess {
  const seen = new Set<string>();
  const accessOf = (who: string): MemberAccess => {
    seen.add(who);
    for (const { binding } of grants.filter((grant) => grant.member === who)) {
      const role = binding.body.role;
      const where = `${binding.path}.role`;
      if (typeof role !== 'string' || isUnresolved(role)) return { access: 'unknown', accessReason: `the role at ${where} cannot be read` };
      if (role === IMPERSONATION_ROLE && binding.type.startsWith('google_service_account_iam_')) {
        const email = serviceAccountEmail(binding, byAddress);
        if (email === undefined) return { access: 'unknown', accessReason: `the service account at ${binding.path} cannot be read` };
        const through = `serviceAccount:${email}`;
        const access = seen.has(through) ? { access: 'read' as const } : accessOf(through);
        if (access.access !== 'read') return access;
      } else if (!gcpRoleOnlyReads(role)) {
        return { access: 'write', accessReason: `${readable(role)} at ${where}` };
      }
    }
    return { access: 'read' };
  };
  return accessOf(member);
}
