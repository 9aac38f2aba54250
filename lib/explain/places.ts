import type { AwsTrustOptions } from '../evaluate/aws-trust';
import { issuerOf, type Token } from '../evaluate/token';
import { providerKeyOf } from '../identity/sts-issuers';
import type { AwsAccountPlan, AzureAccountPlan, AzureFederatedCredential, GcpAccountPlan, GcpBinding, GcpProvider } from '../plan/plan';

/** How STS evaluates a token against a role of this account: its OIDC provider for the token's issuer gives the client ids. */
export function awsTrustOptionsFor(plan: AwsAccountPlan, token: Token): AwsTrustOptions {
  const issuer = issuerOf(token);
  const provider = issuer ? plan.oidcProviders.find((p) => p.key === providerKeyOf(issuer)) : undefined;
  return { partition: plan.partition, accountId: plan.accountId, ...(provider ? { clientIds: provider.clientIds } : {}) };
}

/** The GCP bindings grouped by workload and member: each group is one admission, reaching every binding's resource. */
export function gcpMemberGroups(plan: GcpAccountPlan): GcpBinding[][] {
  const groups = new Map<string, GcpBinding[]>();
  for (const binding of plan.bindings) {
    const key = `${binding.workload}\u0000${binding.member}`;
    groups.set(key, [...(groups.get(key) ?? []), binding]);
  }
  return [...groups.values()];
}

/**
 * What a group of one member's bindings reaches: its bindings' resources, or, for the member of an impersonated
 * service account, what that service account holds.
 */
export function gcpReachOf(plan: GcpAccountPlan, bindings: readonly GcpBinding[]): readonly GcpBinding[] {
  const [first] = bindings;
  if (first.binds !== 'impersonation') return bindings;
  return plan.bindings.filter((binding) => binding.binds === 'serviceAccount' && binding.workload === first.workload);
}

/** A GCP member as `explain` names it: through its provider, when federated. */
export const gcpVia = (provider: GcpProvider | undefined, member: string): string => (provider ? `${provider.name} ${member}` : member);

/** A federated credential as `explain` names it: `<managed identity>/<credential>`. */
export function azureViaOf(plan: AzureAccountPlan): (credential: AzureFederatedCredential) => string {
  const names = new Map(plan.identities.map((identity) => [identity.key, identity.name]));
  return (credential) => `${names.get(credential.identity) ?? credential.identity}/${credential.name}`;
}
