import type { TerraformStackLike } from './terraform-library';
import type { Cloud } from '../../catalogue/types';

/** The providers each cloud's resources need, with the versions whose arguments the renderer uses. */
const PROVIDERS: Readonly<Record<Cloud, { readonly name: string; readonly source: string; readonly version: string }>> = {
  aws: { name: 'aws', source: 'hashicorp/aws', version: '~> 6.0' },
  // Both major versions take the workload identity arguments the renderer writes.
  gcp: { name: 'google', source: 'hashicorp/google', version: '>= 6.0, < 8.0' },
  // `parent_id` on federated credentials works in every 4.x; `user_assigned_identity_id` only in the newest.
  azure: { name: 'azurerm', source: 'hashicorp/azurerm', version: '~> 4.0' },
};

/**
 * Adds the version constraints of `cloud`'s provider to the stack's `required_providers`, without a provider block:
 * provider configuration stays the stack owner's.
 */
export function requireProvider(stack: TerraformStackLike, cloud: Cloud): string {
  const { name, source, version } = PROVIDERS[cloud];
  stack.addOverride(`terraform.required_providers.${name}`, { source, version });
  return name;
}
