import type { DeclarationProblem } from './errors';
import type { Account } from '../model/account';

/** What an account key stands for: two keys for the same thing would create the same roles and providers twice. */
function identitiesOf(account: Account): { what: string; key: string }[] {
  switch (account.cloud) {
    case 'aws':
      return [{ what: `AWS account ${account.accountId} (${account.partition})`, key: `aws/${account.partition}/${account.accountId}` }];
    case 'gcp':
      return [
        { what: `GCP project ${account.projectId}`, key: `gcp/id/${account.projectId}` },
        { what: `GCP project number ${account.projectNumber}`, key: `gcp/number/${account.projectNumber}` },
      ];
    case 'azure':
      // Subscription ids and resource group names are case-insensitive in Azure.
      return [
        {
          what: `Azure subscription ${account.subscriptionId}, resource group ${account.resourceGroup}`,
          key: `azure/${account.subscriptionId.toLowerCase()}/${account.resourceGroup.toLowerCase()}`,
        },
      ];
  }
}

/**
 * Refuses two account keys for the same AWS account, GCP project or Azure resource group, and one Azure subscription
 * in two tenants. The first key in sorted order keeps the account; the others are reported, so the outcome does not
 * depend on the order of the file.
 */
export function duplicateAccountProblems(accounts: Readonly<Record<string, Account>>): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const first = new Map<string, string>();
  const tenantOf = new Map<string, { tenant: string; key: string }>();
  for (const key of Object.keys(accounts).sort()) {
    const account = accounts[key];
    const identities = identitiesOf(account);
    const duplicate = identities.find((identity) => first.has(identity.key));
    if (duplicate) {
      problems.push({
        path: ['accounts', key],
        message: `is ${duplicate.what}, like accounts.${first.get(duplicate.key)}: declare each account once (both keys would create the same roles and providers)`,
      });
    }
    for (const identity of identities) if (!first.has(identity.key)) first.set(identity.key, key);
    if (account.cloud === 'azure') {
      const subscription = account.subscriptionId.toLowerCase();
      const seen = tenantOf.get(subscription);
      if (seen && seen.tenant !== account.tenantId.toLowerCase()) {
        problems.push({ path: ['accounts', key, 'tenantId'], message: `subscription ${account.subscriptionId} is in tenant ${seen.tenant} according to accounts.${seen.key}; a subscription belongs to one tenant` });
      } else if (!seen) {
        tenantOf.set(subscription, { tenant: account.tenantId.toLowerCase(), key });
      }
    }
  }
  return problems;
}
