import { checkPlan } from '../../lib/rules/check';
import type { Finding, Severity } from '../../lib/rules/rule';
import { scanAwsTrustPolicy } from '../../lib/scan/foreign-trust';
import { ACCOUNT_KEY, AZURE_SUBSCRIPTION_ID, compileWorkloads, workload, type IdentityInput, type WorkloadInput } from '../plan/fixtures';

/**
 * Inputs for the rule tests, written the way each cloud stores trust: IAM trust policies with provider-prefixed
 * condition keys, GCP attribute conditions in CEL, Azure federated credentials. Issuer hosts, subject layouts and
 * claim names follow shared/reference/CLAIMS.md; the ids are made up.
 */

/** One input and the findings the rules produce for it. */
export interface RuleCase {
  /** The input in words; the test's name. */
  readonly input: string;
  readonly findings: () => readonly Finding[];
}

/** An input the rule must flag. */
export interface NonCompliantCase extends RuleCase {
  readonly severity: Severity;
  /** Part of the message that says what is wrong. */
  readonly message: string;
  /** Part of the fix, when the finding's fix is more specific than the rule's. */
  readonly fix?: string;
  /** Where the finding must point (workload, identity, path in the declaration). */
  readonly finding?: Partial<Finding>;
}

/** Every rule has inputs it flags and close variants it must leave alone. */
export interface RuleCases {
  readonly nonCompliant: readonly NonCompliantCase[];
  readonly compliant: readonly RuleCase[];
}

/** Cases keyed by rule id. */
export type RuleCaseTable = Readonly<Record<string, RuleCases>>;

export const AWS_ACCOUNT = '111122223333';
export const OWNER_ID = '90125';
export const REPOSITORY_ID = '74119';
/** A full commit SHA: the only workflow ref that cannot move. */
export const COMMIT_SHA = '3f1c2a9e7b5d4c8a6f0e1d2c3b4a59687f6e5d4c';

export const GITHUB = 'token.actions.githubusercontent.com';
export const GITLAB = 'gitlab.com';
export const TERRAFORM = 'app.terraform.io';
export const CIRCLECI_ORG = '0f8c3a2e-1111-4222-8333-944455556666';
export const CIRCLECI = `oidc.circleci.com/org/${CIRCLECI_ORG}`;
export const BITBUCKET = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
export const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
/** A SPIRE OIDC discovery provider for trust domain example.org: a generic issuer, named as SPIFFE by the caller. */
export const SPIRE = 'oidc.spire.example.org';

export const GCP_POOL_MEMBERS = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci';
export const AZURE_AUDIENCE = 'api://AzureADTokenExchange';

type ConditionValues = Readonly<Record<string, string | readonly string[]>>;
export type IamCondition = Readonly<Record<string, ConditionValues>>;

/** Condition keys as IAM spells them for a web-identity provider: `<provider host/path>:<claim>`. */
export function keys(host: string, values: ConditionValues): ConditionValues {
  return Object.fromEntries(Object.entries(values).map(([claim, value]) => [`${host}:${claim}`, value]));
}

/** A role trust policy with one web-identity statement for the OIDC provider of `host`. */
export function webIdentityTrust(host: string, condition: IamCondition, principal: unknown = { Federated: `arn:aws:iam::${AWS_ACCOUNT}:oidc-provider/${host}` }) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
  };
}

/** Findings for a foreign AWS trust policy with one web-identity statement. */
export function awsTrust(host: string, condition: IamCondition): Finding[] {
  return scanAwsTrustPolicy(webIdentityTrust(host, condition));
}

/** A GitHub Actions trust: the STS audience, exact values, and patterns (StringLike) when given. */
export function githubTrust(exact: ConditionValues, like?: ConditionValues): Finding[] {
  return awsTrust(GITHUB, {
    StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com', ...exact }),
    ...(like ? { StringLike: keys(GITHUB, like) } : {}),
  });
}

/** The immutable ids STS accepts as condition keys for GitHub tokens since 2026. */
export const GITHUB_IDS = { repository_owner_id: OWNER_ID, repository_id: REPOSITORY_ID };

/** Resources of the test accounts, with an access level that changes state. */
export const WRITE_GRANTS: Readonly<Record<'aws' | 'gcp' | 'azure', { resource: string; access: string }>> = {
  aws: { resource: 'arn:aws:s3:::acme-web-assets', access: 'readWrite' },
  gcp: { resource: '//storage.googleapis.com/projects/_/buckets/acme-web', access: 'readWrite' },
  azure: {
    resource: `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`,
    access: 'readWrite',
  },
};

/** A workload that changes state in the account of each of `clouds`. */
export function writingWorkload(
  name: string,
  identities: readonly IdentityInput[],
  clouds: readonly ('aws' | 'gcp' | 'azure')[],
  extra: Partial<Omit<WorkloadInput, 'name' | 'identities' | 'grants'>> = {},
): WorkloadInput {
  return workload(name, identities, clouds, {
    ...extra,
    grants: Object.fromEntries(clouds.map((cloud) => [ACCOUNT_KEY[cloud], [WRITE_GRANTS[cloud]]])),
  });
}

/** The findings of one compiled workload. */
export function planFindings(subject: WorkloadInput): () => Finding[] {
  return () => checkPlan(compileWorkloads([subject]));
}

/** A GitHub identity pinned by immutable ids, in one context. */
export function githubIdentity(context: { environment: string } | { ref: string } | { pullRequest: true }, extra: object = {}): IdentityInput {
  return { github: { repository: 'acme/web', ownerId: OWNER_ID, repositoryId: REPOSITORY_ID, ...context, ...extra } } as IdentityInput;
}
