/**
 * How AWS STS sees an OIDC issuer: the provider is named by the issuer's host and path, condition keys are
 * `<host/path>:<claim>`, and only some issuers have claim keys beyond `aud` and `sub`.
 */

/** `https://token.actions.githubusercontent.com` → `token.actions.githubusercontent.com`. */
export function providerKeyOf(issuer: string): string {
  return issuer.replace(/^https:\/\//, '');
}

export function providerArnOf(partition: string, accountId: string, issuer: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${providerKeyOf(issuer)}`;
}

const GITHUB_KEYS = [
  'actor',
  'actor_id',
  'enterprise_id',
  'environment',
  'job_workflow_ref',
  'ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
];

const GITLAB_COM_KEYS = [
  'namespace_id',
  'pipeline_source',
  'project_id',
  'ref_protected',
  'runner_environment',
  'user_access_level',
  'user_email',
  'user_id',
  'user_login',
];

const BUILDKITE_KEYS = ['build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug'];

/** Issuer patterns whose extra claims STS accepts as condition keys (see `sts:AssumeRoleWithWebIdentity`). */
const EXTRA_CLAIM_KEYS: readonly { readonly key: RegExp; readonly claims: readonly string[] }[] = [
  { key: /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/, claims: GITHUB_KEYS },
  { key: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, claims: GITHUB_KEYS },
  { key: /^gitlab\.com$/, claims: GITLAB_COM_KEYS },
  { key: /^oidc\.circleci\.com\/org\/[^/]+$/, claims: ['oidc.circleci.com/project-id'] },
  { key: /^agent\.buildkite\.com$/, claims: BUILDKITE_KEYS },
  { key: /^accounts\.google\.com$/, claims: ['google/organization_number', 'oaud'] },
];

/** The claims STS can condition on for this issuer, besides `aud` and `sub`. */
export function stsClaimKeysOf(issuer: string): readonly string[] {
  const key = providerKeyOf(issuer);
  return EXTRA_CLAIM_KEYS.find((entry) => entry.key.test(key))?.claims ?? [];
}
