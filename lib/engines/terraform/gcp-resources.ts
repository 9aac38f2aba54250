import { Construct } from 'constructs';
import { gcpIamMember } from './gcp-iam-members';
import { terraformResource } from './resource-factory';
import { reference, type TerraformLibrary, type TerraformResourceLike } from './terraform-library';
import type { GcpBinding, GcpProvider, Plan } from '../../plan/plan';
import { WORKLOAD_METADATA_KEY, workloadMetadata, type WorkloadMetadata } from '../../scan/workload-metadata';
import { groupBy, digest } from '../../stable';

/** The resources of one workload in a GCP project, for further wiring. */
export interface RenderedGcpWorkload {
  /** The IAM members it binds, by resource and role. */
  readonly members: readonly TerraformResourceLike[];
  /** The service account it impersonates, if any. */
  readonly serviceAccount?: TerraformResourceLike;
}

/**
 * One GCP project of the Plan, literally: the workload identity pool, its providers (mapping, condition, audiences,
 * OIDC issuer or AWS account), the service accounts workloads impersonate, and a resource-level `google_*_iam_member`
 * per binding (`google_project_iam_member` with its condition where the Plan's binding has one). Pools and providers
 * are soft-deleted for 30 days with their ids reserved: the compile option `gcp.idSuffix` gives a re-created pool new
 * ids.
 */
export function renderGcpAccount(
  library: TerraformLibrary,
  scope: Construct,
  plan: Plan,
  key: string,
  workloads?: readonly string[],
): ReadonlyMap<string, RenderedGcpWorkload> {
  const account = plan.gcp[key];
  const names = new Set(workloads ?? account.members.map((member) => member.workload));
  const project = account.projectId;
  const pool = terraformResource(library, scope, 'pool', 'google_iam_workload_identity_pool', {
    project,
    workload_identity_pool_id: account.pool.id,
  });
  const used = new Set(account.members.filter((member) => names.has(member.workload)).flatMap((member) => member.provider ?? []));
  const providers = new Map<string, TerraformResourceLike>();
  for (const provider of account.providers.filter((candidate) => used.has(candidate.id))) {
    providers.set(
      provider.id,
      terraformResource(library, scope, `provider-${provider.id}`, 'google_iam_workload_identity_pool_provider', {
        project,
        workload_identity_pool_id: reference(pool, 'workload_identity_pool_id'),
        workload_identity_pool_provider_id: provider.id,
        attribute_mapping: provider.attributeMapping,
        attribute_condition: provider.attributeCondition,
        ...(provider.type === 'oidc'
          ? { oidc: oidcOf(provider) }
          : { aws: { account_id: provider.awsAccountId } }),
      }),
    );
  }
  // Grouped once, so rendering stays linear in the size of the account.
  const serviceAccounts = new Map(account.serviceAccounts.map((serviceAccount) => [serviceAccount.workload, serviceAccount]));
  const bindings = groupBy(account.bindings, (binding) => binding.workload);
  const rendered = new Map<string, RenderedGcpWorkload>();
  for (const workload of [...names].sort()) {
    const own = new Construct(scope, workload);
    // What scan needs besides the JSON to judge a member as the declaration was judged.
    const metadata = workloadMetadata(workload, plan.acknowledgements[workload] ?? []);
    const planned = serviceAccounts.get(workload);
    const serviceAccount = planned
      ? terraformResource(library, own, 'service-account', 'google_service_account', {
        project,
        account_id: planned.accountId,
        display_name: planned.displayName,
      })
      : undefined;
    const members = (bindings.get(workload) ?? []).map((binding) => {
      const after = [...(binding.provider ? [providers.get(binding.provider)!] : []), ...(serviceAccount ? [serviceAccount] : [])];
      return renderBinding(library, own, binding, metadata, after);
    });
    rendered.set(workload, { members, ...(serviceAccount ? { serviceAccount } : {}) });
  }
  return rendered;
}

/** The `oidc` block: the issuer, and the allowed audiences when the Plan lists any (else the provider's own name). */
function oidcOf(provider: GcpProvider): Record<string, unknown> {
  return { issuer_uri: provider.issuer, ...(provider.allowedAudiences.length > 0 ? { allowed_audiences: [...provider.allowedAudiences] } : {}) };
}

/** One binding as its resource type's `*_iam_member`, named from what it binds so adding one renames none. */
function renderBinding(
  library: TerraformLibrary,
  scope: Construct,
  binding: GcpBinding,
  metadata: WorkloadMetadata,
  dependsOn: readonly TerraformResourceLike[],
): TerraformResourceLike {
  const { type, target } = gcpIamMember(binding.resourceType, binding.resource);
  return terraformResource(
    library,
    scope,
    `member-${digest([binding.resource, binding.role, binding.member])}`,
    type,
    {
      ...target,
      'role': binding.role,
      'member': binding.member,
      ...(binding.condition ? { condition: { ...binding.condition } } : {}),
      '//': { [WORKLOAD_METADATA_KEY]: metadata },
    },
    dependsOn,
  );
}
