import type { Account } from '../model/account';

/** `aws 111122223333`, `gcp acme-prod`, `azure <subscription>/<resource group>`: the account a key names. */
export function accountName(account: Account | undefined): string {
  if (account === undefined) return 'an undeclared account';
  switch (account.cloud) {
    case 'aws':
      return `aws ${account.accountId}`;
    case 'gcp':
      return `gcp ${account.projectId}`;
    case 'azure':
      return `azure ${account.subscriptionId}/${account.resourceGroup}`;
  }
}
