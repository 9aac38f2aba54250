import type { SecretRule } from '../rule';

export const GCP_SERVICE_ACCOUNT_KEY: SecretRule = {
  id: 'WIAM-SECRET-003',
  judges: 'secret',
  severity: 'error',
  title: 'Long-lived GCP service account key created by infrastructure code',
  explanation:
    'A service account key is valid until it is deleted (ten years by default): its private key lands in the Terraform state and wherever the workload reads it from. Workload Identity Federation lets the workload exchange its platform\'s token for short-lived Google credentials instead.',
  fix: 'Delete the key; let the workload authenticate through a workload identity pool provider that admits exactly its identity (a workload-iam workload with a GCP grant, or `impersonate` to keep the service account), and sign in with google-github-actions/auth `workload_identity_provider` or a credential configuration file.',
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys', 'https://cloud.google.com/iam/docs/workload-identity-federation'],
  acknowledgeable: true,
  owaspNhi: ['NHI7'],
  check: (secret) => (secret.kind === 'gcpServiceAccountKey' ? { message: `${secret.what} creates a long-lived service account key` } : undefined),
};
