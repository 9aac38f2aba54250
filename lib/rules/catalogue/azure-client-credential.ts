import type { SecretRule } from '../rule';

export const AZURE_CLIENT_CREDENTIAL: SecretRule = {
  id: 'WIAM-SECRET-004',
  judges: 'secret',
  severity: 'error',
  title: 'Entra application or service principal password or certificate',
  explanation:
    'A client secret or client certificate lets whoever holds it sign in as the application until it expires, often years later, from anywhere. A user-assigned managed identity (or the application itself) with a federated identity credential accepts the workload\'s own token instead, with an exact issuer, subject and audience.',
  fix: 'Remove the password or certificate; declare the workload with an Azure grant so workload-iam creates a managed identity whose federated credential admits exactly the workload\'s identity, and sign in with azure/login `client-id`, `tenant-id` and `subscription-id` (or `az login --federated-token`).',
  references: ['https://learn.microsoft.com/entra/workload-id/workload-identity-federation'],
  acknowledgeable: true,
  owaspNhi: ['NHI7'],
  check: (secret) => {
    if (secret.kind === 'azureClientSecret') return { message: `${secret.what} creates a long-lived client secret` };
    if (secret.kind === 'azureClientCertificate') return { message: `${secret.what} adds a long-lived client certificate` };
    return undefined;
  },
};
