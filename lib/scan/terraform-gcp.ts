import { claimMappedExactly, readPoolMember, type PoolMember } from './gcp-member';
import type { Reading, TrustingResource } from './reading';
import { nestedBlocks, referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, readable, widenView } from './unresolved';
import { gcpViews } from '../trust/gcp-view';
import { issuerKindOf } from '../trust/issuers';
import type { PermissionView } from '../trust/permission-view';
import type { TrustView } from '../trust/trust-view';

/** Granting this role on a service account is what lets federated principals impersonate it: the federation itself. */
const IMPERSONATION_ROLE = 'roles/iam.workloadIdentityUser';

const IAM_MEMBER_TYPES = /^google_.+_iam_(member|binding)$/;

interface BoundMember {
  readonly binding: TerraformBlock;
  readonly member: PoolMember;
  readonly path: string;
}

/** The claims a member stands for, when the provider maps its attribute unchanged from one claim. */
function memberClaims(member: PoolMember, mapping: unknown): Record<string, string> | undefined {
  if (!member.attribute) return undefined;
  const claim = claimMappedExactly((mapping as Record<string, unknown> | undefined)?.[member.attribute.name]);
  return claim === undefined ? undefined : { [claim]: member.attribute.value };
}

/**
 * The OIDC providers of workload identity pools (`google_iam_workload_identity_pool_provider`) in a Terraform
 * module, each joined with every pool member bound by a `google_*_iam_member` / `google_*_iam_binding` in the
 * module: the provider's condition and what the member requires must both hold. A provider no member of the
 * module names is judged on its condition alone. A member of a pool that cannot be told is joined with every
 * provider, so an unresolved pool never hides a binding.
 */
export function readTerraformGcp(blocks: readonly TerraformBlock[]): Reading {
  const byAddress = new Map(blocks.map((block) => [block.address, block]));

  /** A pool's id, or its address when the id is unresolved; undefined when the pool cannot be told. */
  const poolKey = (value: unknown): string | undefined => {
    if (typeof value === 'string' && !isUnresolved(value)) return value;
    const reference = referenceOf(value);
    const pool = reference ? byAddress.get(reference.address) : undefined;
    if (pool?.type !== 'google_iam_workload_identity_pool') return undefined;
    const id = pool.body.workload_identity_pool_id;
    return typeof id === 'string' && !isUnresolved(id) ? id : pool.address;
  };

  const members: BoundMember[] = blocks
    .filter((block) => block.kind === 'resource' && IAM_MEMBER_TYPES.test(block.type))
    .flatMap((binding) => {
      const listed = binding.body.member !== undefined ? [[binding.body.member, `${binding.path}.member`] as const] : [];
      const many = Array.isArray(binding.body.members) ? binding.body.members.map((member, index) => [member, `${binding.path}.members[${index}]`] as const) : [];
      return [...listed, ...many].flatMap(([value, path]) => {
        const member = typeof value === 'string' ? readPoolMember(value) : undefined;
        return member ? [{ binding, member, path }] : [];
      });
    });

  const resources: TrustingResource[] = blocks
    .filter((block) => block.kind === 'resource' && block.type === 'google_iam_workload_identity_pool_provider')
    .flatMap((provider) => {
      const oidc = nestedBlocks(provider.body.oidc)[0];
      if (typeof oidc?.issuer_uri !== 'string') return [];
      const issuer = oidc.issuer_uri;
      const condition = typeof provider.body.attribute_condition === 'string' ? provider.body.attribute_condition : '';
      const pool = poolKey(provider.body.workload_identity_pool_id);
      const bound = members.filter(({ member }) => {
        const memberPool = poolKey(member.pool);
        return pool === undefined || memberPool === undefined || memberPool === pool;
      });
      const base = { issuer, issuerKind: issuerKindOf(readable(issuer)), attributeCondition: condition, access: 'unknown' as const };
      const trust: TrustView[] =
        bound.length === 0
          ? gcpViews({ ...base, where: { resource: provider.address, path: `${provider.path}.attribute_condition` } })
          : bound.flatMap(({ member, path }) => {
            const claims = memberClaims(member, provider.body.attribute_mapping);
            const where = { resource: provider.address, path };
            return gcpViews({ ...base, ...(claims ? { memberClaims: claims } : {}), wholePool: member.wholePool, where });
          });
      const permissions: PermissionView[] = [...new Set(bound.map(({ binding }) => binding))]
        .filter((binding) => typeof binding.body.role === 'string' && binding.body.role !== IMPERSONATION_ROLE)
        .map((binding) => ({
          cloud: 'gcp',
          actions: [],
          resources: [binding.address],
          role: readable(binding.body.role as string),
          where: { resource: binding.address, path: `${binding.path}.role` },
        }));
      return [{ trust: trust.map(widenView), permissions, sessions: [], unreadable: [] }];
    });
  return { resources, problems: [] };
}
