import type { SecretRule } from '../rule';

/** What a job of each CI system uses instead of a stored key, per cloud. */
const REPLACEMENT = {
  github: {
    aws: 'aws-actions/configure-aws-credentials with `role-to-assume` (and `permissions: id-token: write`) instead of access keys',
    gcp: 'google-github-actions/auth with `workload_identity_provider` (and `service_account` when impersonating) instead of `credentials_json`',
    azure: 'azure/login with `client-id`, `tenant-id` and `subscription-id` of a managed identity with a federated credential (and `permissions: id-token: write`) instead of `creds` or a client secret',
  },
  gitlab: {
    aws: 'an `id_tokens` token with `aud: sts.amazonaws.com` exchanged by `aws sts assume-role-with-web-identity` for a role that trusts exactly this project and ref',
    gcp: 'an `id_tokens` token with the pool provider as `aud`, exchanged through Google STS (an external_account credential configuration)',
    azure: 'an `id_tokens` token with `aud: api://AzureADTokenExchange` and `az login --federated-token` with a managed identity\'s client id',
  },
} as const;

export const CI_CLOUD_CREDENTIAL: SecretRule = {
  id: 'WIAM-SECRET-006',
  judges: 'secret',
  severity: 'error',
  title: 'CI job signs in to a cloud with a long-lived credential',
  explanation:
    'A key stored as a CI secret or variable is valid long after the job ends, is readable by everyone who can change the pipeline, and leaks through logs, forks and compromised actions. Every major CI system issues a short-lived OIDC token per job that the clouds exchange for credentials scoped to that exact repository and environment or ref.',
  fix: 'Declare the job as a workload-iam identity (`workload-iam scan --propose` drafts the declaration) and sign in with the job\'s OIDC token (`workload-iam connect` prints the steps).',
  references: [
    'https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
    'https://docs.gitlab.com/ci/cloud_services/',
  ],
  acknowledgeable: true,
  owaspNhi: ['NHI2', 'NHI7'],
  check: (secret) =>
    secret.kind === 'ciCredential' && secret.ci
      ? {
        message: `${secret.what} is a long-lived ${secret.cloud.toUpperCase()} credential`,
        fix: `Use ${REPLACEMENT[secret.ci][secret.cloud]}; \`workload-iam scan --propose\` drafts the identity and \`workload-iam connect\` prints the steps.`,
      }
      : undefined,
};
