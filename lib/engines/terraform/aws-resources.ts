import { Construct } from 'constructs';
import { terraformResource } from './resource-factory';
import { reference, type TerraformLibrary, type TerraformResourceLike } from './terraform-library';
import type { Plan } from '../../plan/plan';
import { WORKLOAD_METADATA_KEY, workloadMetadata } from '../../scan/workload-metadata';
import { awsAccountIndex } from '../aws-accounts';
import { permissionsBoundaryArn, type AwsEngineOptions } from '../aws-options';

export interface AwsRenderOptions extends AwsEngineOptions {
  /** The workloads to render; every one with a role in the account by default. */
  readonly workloads?: readonly string[];
  /** The provider meta-argument (`aws.<alias>`) for a region's resources (Pod Identity, Roles Anywhere). */
  readonly regionProvider?: (region: string) => string | undefined;
}

/** The resources of one workload's role, for further wiring. */
export interface RenderedAwsRole {
  readonly role: TerraformResourceLike;
  readonly policies: readonly TerraformResourceLike[];
}

/**
 * One AWS account of the Plan, literally: an `aws_iam_openid_connect_provider` per issuer it creates (no thumbprints,
 * optional since 2024), an `aws_iam_role` per workload with the Plan's trust JSON and an `aws_iam_role_policy` per
 * inline policy, Pod Identity associations and Roles Anywhere profiles.
 */
export function renderAwsAccount(
  library: TerraformLibrary,
  scope: Construct,
  plan: Plan,
  key: string,
  options: AwsRenderOptions,
): ReadonlyMap<string, RenderedAwsRole> {
  const account = awsAccountIndex(plan, key);
  const names = new Set(options.workloads ?? account.plan.roles.map((role) => role.key));
  const roles = account.plan.roles.filter((role) => names.has(role.key));
  const providers = new Map<string, TerraformResourceLike>();
  const providerScope = new Construct(scope, 'oidc-providers');
  for (const provider of account.plan.oidcProviders) {
    // An existing provider is referenced by ARN in the trust: nothing to create.
    if (provider.imported || !roles.some((role) => role.oidcProviders.includes(provider.key))) continue;
    providers.set(
      provider.key,
      terraformResource(library, providerScope, provider.key, 'aws_iam_openid_connect_provider', { url: provider.url, client_id_list: [...provider.clientIds] }),
    );
  }
  const rendered = new Map<string, RenderedAwsRole>();
  for (const role of roles) {
    const own = new Construct(scope, role.key);
    const resource = terraformResource(
      library,
      own,
      'role',
      'aws_iam_role',
      {
        'name': role.name,
        'path': role.path,
        'description': role.description,
        'assume_role_policy': JSON.stringify(role.trustPolicy),
        'max_session_duration': role.maxSessionDuration,
        'permissions_boundary': permissionsBoundaryArn(options, account.plan),
        'tags': role.tags,
        // What scan needs besides the JSON to judge the role as the declaration was judged.
        '//': { [WORKLOAD_METADATA_KEY]: workloadMetadata(role.workload, plan.acknowledgements[role.workload] ?? []) },
      },
      role.oidcProviders.flatMap((provider) => providers.get(provider) ?? []),
    );
    const policies = Object.entries(role.inlinePolicies).map(([name, document]) =>
      terraformResource(library, own, `policy-${name}`, 'aws_iam_role_policy', { name, role: reference(resource, 'name'), policy: JSON.stringify(document) }),
    );
    for (const association of account.podIdentityAssociations.get(role.key) ?? []) {
      terraformResource(
        library,
        own,
        `pod-identity-${association.cluster}-${association.namespace}-${association.serviceAccount}`,
        'aws_eks_pod_identity_association',
        {
          cluster_name: association.cluster,
          namespace: association.namespace,
          service_account: association.serviceAccount,
          role_arn: role.arn,
          tags: role.tags,
          provider: options.regionProvider?.(association.region),
        },
        [resource],
      );
    }
    rendered.set(role.key, { role: resource, policies });
  }
  renderRolesAnywhereProfiles(library, scope, plan, key, rendered, options);
  return rendered;
}

/** One profile per trust anchor, as the Plan has it, depending on each of its roles rendered here. */
function renderRolesAnywhereProfiles(
  library: TerraformLibrary,
  scope: Construct,
  plan: Plan,
  key: string,
  rendered: ReadonlyMap<string, RenderedAwsRole>,
  options: AwsRenderOptions,
): void {
  const profiles = awsAccountIndex(plan, key).plan.rolesAnywhereProfiles.filter((profile) => profile.roles.some((role) => rendered.has(role)));
  if (profiles.length === 0) return;
  const profileScope = new Construct(scope, 'roles-anywhere');
  for (const profile of profiles) {
    terraformResource(
      library,
      profileScope,
      profile.name,
      'aws_rolesanywhere_profile',
      {
        name: profile.name,
        enabled: true,
        role_arns: [...profile.roleArns],
        duration_seconds: profile.maxSessionDuration,
        provider: options.regionProvider?.(profile.region),
      },
      profile.roles.flatMap((role) => rendered.get(role)?.role ?? []),
    );
  }
}
