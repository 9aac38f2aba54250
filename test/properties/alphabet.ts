/**
 * Small alphabets shared by the declaration and token arbitraries, so that names, ids, refs and audiences collide
 * across workloads and between declared identities and forged tokens: that is where trust goes wrong.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_COM = 'https://gitlab.com';
export const HCP_TERRAFORM = 'https://app.terraform.io';

export const AWS_STS_AUDIENCE = 'sts.amazonaws.com';
export const TERRAFORM_AWS_AUDIENCE = 'aws.workload.identity';
export const AZURE_AUDIENCE = 'api://AzureADTokenExchange';

// GitHub
export const OWNERS = ['acme', 'octo'] as const;
export const REPOS = ['web', 'api', 'infra'] as const;
export const OWNER_IDS = ['65', '66', '1'] as const;
export const REPOSITORY_IDS = ['74', '75', '9'] as const;
/** `prod:eu` exercises GitHub's `%3A` encoding of a colon inside a subject value. */
export const ENVIRONMENTS = ['prod', 'staging', 'prod:eu'] as const;
export const GITHUB_REFS = ['refs/heads/main', 'refs/heads/x', 'refs/tags/v1'] as const;
export const WORKFLOW_FILES = ['deploy.yml', 'release.yml'] as const;
export const ENTERPRISE_SLUGS = ['acme-ent'] as const;

// GitLab
export const GITLAB_HOSTS = [GITLAB_COM, 'https://gitlab.example.com'] as const;
export const GITLAB_GROUPS = ['acme', 'octo'] as const;
export const GITLAB_SUBGROUPS = ['platform'] as const;
export const GITLAB_PROJECTS = ['web', 'api'] as const;
export const GITLAB_PROJECT_IDS = ['11', '12', '22'] as const;
export const GITLAB_NAMESPACE_IDS = ['3', '4'] as const;
export const GITLAB_REFS = [
  { ref: 'main', refType: 'branch' },
  { ref: 'dev', refType: 'branch' },
  { ref: 'v1', refType: 'tag' },
] as const;

// Kubernetes (generic clusters)
export const CLUSTERS = ['east', 'west'] as const;
export const NAMESPACES = ['default', 'ci', 'prod'] as const;
export const SERVICE_ACCOUNTS = ['deployer', 'runner'] as const;
export const k8sIssuer = (cluster: string): string => `https://k8s.example/${cluster}`;

// HCP Terraform / Terraform Enterprise
export const TERRAFORM_HOSTS = [HCP_TERRAFORM, 'https://tfe.example.com'] as const;
export const TERRAFORM_ORGANIZATIONS = ['acme', 'octo'] as const;
export const TERRAFORM_ORGANIZATION_IDS = ['org-AAA', 'org-BBB'] as const;
export const TERRAFORM_PROJECTS = ['core', 'apps'] as const;
export const TERRAFORM_WORKSPACES = ['net', 'app'] as const;
export const RUN_PHASES = ['plan', 'apply'] as const;

// SPIFFE (JWT-SVID)
export const SPIRE_ISSUERS = ['https://spire.example/a', 'https://spire.example/b'] as const;
export const SPIFFE_IDS = ['spiffe://example.org/web', 'spiffe://example.org/api/v1', 'spiffe://corp.example/web'] as const;
export const SPIFFE_AUDIENCES = ['spire-aud', 'aws-aud', AWS_STS_AUDIENCE] as const;

// Generic OIDC. The GitHub issuer is in the list on purpose: a generic identity on a well-known issuer.
export const OIDC_ISSUERS = ['https://idp.example', 'https://auth.example/o', GITHUB_ISSUER] as const;
export const OIDC_AUDIENCES = ['idp-aud', AWS_STS_AUDIENCE, AZURE_AUDIENCE] as const;
export const OIDC_SUBJECTS = ['svc-a', 'svc-b', 'repo:acme/web:environment:prod'] as const;
export const OIDC_CLAIM_NAMES = ['team', 'tier'] as const;
export const OIDC_CLAIM_VALUES = ['red', 'blue'] as const;

// Accounts and resources
export const WORKLOAD_NAMES = ['web', 'api', 'deploy', 'etl', 'infra', 'ops', 'ml', 'batch'] as const;
export const GCP_PROJECT_IDS = ['acme-prod', 'acme-dev-01', 'octo-data'] as const;
export const GCP_POOL_IDS = ['workload-iam', 'ci-pool', 'wi-pool'] as const;
export const AZURE_RESOURCE_GROUPS = ['rg-wi', 'rg-prod'] as const;
export const AZURE_LOCATIONS = ['westeurope', 'eastus'] as const;
export const BUCKETS = ['acme-assets', 'acme-logs', 'octo-data'] as const;
export const QUEUES = ['jobs', 'events'] as const;
export const STORAGE_ACCOUNTS = ['acmeweb', 'octodata'] as const;
export const CONTAINERS = ['assets', 'logs'] as const;

/** Every issuer a forged token may name. */
export const ALL_ISSUERS: readonly string[] = [
  GITHUB_ISSUER,
  `${GITHUB_ISSUER}/${ENTERPRISE_SLUGS[0]}`,
  ...GITLAB_HOSTS,
  ...CLUSTERS.map(k8sIssuer),
  ...TERRAFORM_HOSTS,
  ...SPIRE_ISSUERS,
  ...OIDC_ISSUERS,
];

/** Every audience a forged token may carry, besides the GCP provider names of the Plan at hand. */
export const FIXED_AUDIENCES: readonly string[] = [
  AWS_STS_AUDIENCE,
  TERRAFORM_AWS_AUDIENCE,
  AZURE_AUDIENCE,
  ...SPIFFE_AUDIENCES,
  ...OIDC_AUDIENCES,
  `https://github.com/${OWNERS[0]}`,
];
