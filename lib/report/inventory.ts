import { accountName } from '../manifest/account-name';
import type { Manifest, ManifestFinding } from '../manifest/manifest';
import type { Account } from '../model/account';
import { sortedUnique } from '../stable';

/** One account a workload is admitted to: the principal it acts as and the identities admitted. */
export interface InventoryAccount {
  readonly key: string;
  readonly cloud: Account['cloud'];
  /** `aws 111122223333`, `gcp acme-prod`, `azure <subscription>/<resource group>`. */
  readonly name: string;
  readonly principal: string;
  readonly identities: readonly string[];
}

export interface InventoryGrant {
  readonly account: string;
  readonly resource: string;
  /** The access level, or the escape hatch's actions / role. */
  readonly access: string;
  readonly justification?: string;
}

/** What an auditor reads about one workload. */
export interface InventoryWorkload {
  readonly name: string;
  /** Who owns it and why it exists. */
  readonly description?: string;
  readonly identities: readonly string[];
  readonly clouds: readonly string[];
  readonly accounts: readonly InventoryAccount[];
  readonly grants: readonly InventoryGrant[];
  readonly acknowledgements: readonly { readonly rule: string; readonly reason: string }[];
  readonly findings: readonly ManifestFinding[];
}

/** Workloads that reach the same accounts, listed together. */
export interface InventoryGroup {
  /** The account keys, joined; `no account` for a workload admitted nowhere. */
  readonly title: string;
  readonly workloads: readonly InventoryWorkload[];
}

export interface Inventory {
  readonly accounts: Readonly<Record<string, Account>>;
  readonly workloads: readonly InventoryWorkload[];
  readonly groups: readonly InventoryGroup[];
}

function workloadOf(manifest: Manifest, name: string): InventoryWorkload {
  const entry = manifest.workloads[name];
  const labels = new Map(entry.identities.map((identity) => [identity.index, identity.label]));
  const accounts = Object.keys(entry.access)
    .sort()
    .map((key) => {
      const access = entry.access[key];
      const identities = sortedUnique(access.trust.flatMap((trust) => trust.identities.map((index) => labels.get(index) ?? `identities[${index}]`)));
      return { key, cloud: access.cloud, name: accountName(manifest.accounts[key]), principal: access.principal, identities };
    });
  const grants = entry.grants.map((grant) => ({
    account: grant.account,
    resource: grant.resource,
    access: grant.access ?? [...(grant.actions ?? []), grant.role, grant.roleDefinitionId].filter(Boolean).join(', '),
    ...(grant.justification ? { justification: grant.justification } : {}),
  }));
  return {
    name,
    ...(entry.description ? { description: entry.description } : {}),
    identities: entry.identities.map((identity) => identity.label),
    clouds: sortedUnique(accounts.map((account) => account.cloud)),
    accounts,
    grants,
    acknowledgements: entry.acknowledgements,
    findings: entry.findings,
  };
}

/**
 * The inventory of a manifest: every workload with its owner (description), identities, clouds, accounts, grants,
 * acknowledgements and findings, sorted by name, and grouped by the set of accounts it reaches.
 */
export function inventoryOf(manifest: Manifest): Inventory {
  const workloads = Object.keys(manifest.workloads).sort().map((name) => workloadOf(manifest, name));
  const groups = new Map<string, InventoryWorkload[]>();
  for (const workload of workloads) {
    const title = workload.accounts.map((account) => account.key).join(' + ') || 'no account';
    groups.set(title, [...(groups.get(title) ?? []), workload]);
  }
  return {
    accounts: manifest.accounts,
    workloads,
    groups: [...groups.keys()].sort().map((title) => ({ title, workloads: groups.get(title)! })),
  };
}
