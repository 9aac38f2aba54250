import type { SecretRule } from '../rule';

export const KEY_ONLY_USER: SecretRule = {
  id: 'WIAM-SECRET-002',
  judges: 'secret',
  severity: 'error',
  title: 'IAM user that exists only to hold an access key',
  explanation:
    'An IAM user with an access key and no console login is a machine identity with a permanent password. Its permissions outlive the workload that needed them, and nothing ties its use to one repository, cluster or workspace.',
  fix: 'Replace the user with an IAM role the workload assumes with its platform\'s OIDC token (a workload-iam workload carrying the user\'s permissions as exact grants), then delete the user and its keys.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html'],
  acknowledgeable: true,
  owaspNhi: ['NHI1', 'NHI7'],
  check: (secret) => (secret.kind === 'awsKeyOnlyUser' ? { message: `${secret.what} has no console login: it exists only to hold an access key` } : undefined),
};
