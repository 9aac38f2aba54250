import type { Plan } from './plan';

/** How much a Plan creates, per cloud: what `synth` reports and a reviewer checks at a glance. */
export interface PlanSummary {
  readonly accounts: { readonly aws: number; readonly gcp: number; readonly azure: number };
  readonly roles: number;
  readonly identityProviders: number;
  readonly gcpBindings: number;
  readonly gcpServiceAccounts: number;
  readonly azureFederatedCredentials: number;
  /** ARM role assignments and Cosmos DB SQL role assignments. */
  readonly azureRoleAssignments: number;
}

export function planSummary(plan: Plan): PlanSummary {
  const sum = <T>(accounts: Readonly<Record<string, T>>, count: (account: T) => number) =>
    Object.values(accounts).reduce((n, account) => n + count(account), 0);
  return {
    accounts: { aws: Object.keys(plan.aws).length, gcp: Object.keys(plan.gcp).length, azure: Object.keys(plan.azure).length },
    roles: sum(plan.aws, (a) => a.roles.length),
    identityProviders: sum(plan.aws, (a) => a.oidcProviders.length) + sum(plan.gcp, (g) => g.providers.length),
    gcpBindings: sum(plan.gcp, (g) => g.bindings.length),
    gcpServiceAccounts: sum(plan.gcp, (g) => g.serviceAccounts.length),
    azureFederatedCredentials: sum(plan.azure, (a) => a.federatedCredentials.length),
    azureRoleAssignments: sum(plan.azure, (a) => a.roleAssignments.length + a.cosmosSqlRoleAssignments.length),
  };
}
