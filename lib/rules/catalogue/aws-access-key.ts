import type { SecretRule } from '../rule';

export const AWS_ACCESS_KEY: SecretRule = {
  id: 'WIAM-SECRET-001',
  judges: 'secret',
  severity: 'error',
  title: 'Long-lived AWS access key created by infrastructure code',
  explanation:
    'An IAM access key never expires on its own: whoever copies it from the state file, a CI variable or a laptop signs in as its user until someone rotates it, from anywhere. A workload that runs in CI, Kubernetes or HCP Terraform can get short-lived credentials for a role from a token its platform issues instead.',
  fix: 'Delete the access key; give the workload an IAM role that trusts its platform\'s OIDC token (declare it as a workload-iam workload with a github, gitlab, kubernetes or terraformCloud identity; `workload-iam scan --propose` drafts one, `workload-iam connect` prints how the workload signs in).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles'],
  acknowledgeable: true,
  owaspNhi: ['NHI7'],
  check: (secret) => (secret.kind === 'awsAccessKey' ? { message: `${secret.what} creates a long-lived AWS access key` } : undefined),
};
