import { AWS_ROLE_OF_ARN } from '../../identity/aws-role-attribute';
import { tokenFactsOf } from '../../identity/token';
import type { GcpAccount } from '../../model/account';
import type { Identity, IssuerKind } from '../../model/identity';
import { recurringDigest, sortedRecord } from '../../stable';
import type { GcpProviderType } from '../plan';

/**
 * How one identity is admitted into a GCP project: through which provider (shared by identities with the same
 * issuer and tenant) and as which IAM members. Every mapped value is prefixed with the provider id, because
 * `google.subject` and custom attributes are pool-wide: without the prefix, the same `sub` from two issuers
 * would be one principal.
 */
export interface GcpAdmission {
  readonly provider?: ProviderSpec;
  /** IAM member strings admitting exactly this identity, with the token claims each stands for. */
  readonly members: readonly AdmittedMember[];
  /** `google.subject` values this identity maps to (checked against the 127-byte limit). */
  readonly subjects: readonly string[];
  /** CEL clause admitting this identity, for providers whose condition is an allow-list. */
  readonly allowClause?: string;
}

export interface AdmittedMember {
  readonly member: string;
  /**
   * The exact claims a token must carry to be this member (absent for non-federated members), keyed in code-point
   * order so the manifest writes them as they are.
   */
  readonly claims?: Readonly<Record<string, string>>;
}

export interface ProviderSpec {
  readonly key: string;
  readonly id: string;
  readonly type: GcpProviderType;
  readonly issuer?: string;
  readonly issuerKind?: IssuerKind;
  readonly awsAccountId?: string;
  readonly attributeMapping: Readonly<Record<string, string>>;
  /** Tenant pin by immutable id; absent for dedicated issuers, whose condition is the allow-list of identities. */
  readonly tenantCondition?: string;
  readonly audience?: string;
}

const IAM = 'iam.googleapis.com';

/** The pool's id: the declaration's, with the compile option's suffix (a re-created pool cannot reuse an id). */
export function poolIdOf(account: GcpAccount, idSuffix: string | undefined): string {
  return withSuffix(account.poolId, idSuffix);
}

export function poolNameOf(account: GcpAccount, idSuffix: string | undefined): string {
  return `projects/${account.projectNumber}/locations/global/workloadIdentityPools/${poolIdOf(account, idSuffix)}`;
}

function withSuffix(id: string, idSuffix: string | undefined): string {
  return idSuffix === undefined ? id : `${id}-${idSuffix}`;
}

/** CEL string literal. */
export function cel(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Short, readable provider id prefixes (ids are 4-32 characters). */
const PROVIDER_LABEL: Readonly<Record<Identity['kind'], string>> = {
  github: 'github',
  gitlab: 'gitlab',
  kubernetes: 'k8s',
  terraformCloud: 'tfc',
  spiffe: 'spiffe',
  oidc: 'oidc',
  awsRole: 'aws',
  gcpServiceAccount: 'google',
  azureManagedIdentity: 'azure',
};

/**
 * How a GCP account's admissions are named: `idSuffix` (compile option `gcp.idSuffix`) ends every pool and provider id.
 */
export function admissionOf(identity: Identity, account: GcpAccount, idSuffix?: string): GcpAdmission {
  const providerId = (kind: Identity['kind'], parts: readonly string[]) =>
    withSuffix(`${PROVIDER_LABEL[kind]}-${recurringDigest([kind, ...parts])}`, idSuffix);
  const pool = poolNameOf(account, idSuffix);
  const principal = (subject: string) => `principal://${IAM}/${pool}/subject/${subject}`;
  const principalSet = (attribute: string, value: string) => `principalSet://${IAM}/${pool}/attribute.${attribute}/${value}`;

  switch (identity.kind) {
    case 'gcpServiceAccount':
      return { members: [{ member: `serviceAccount:${identity.email}` }], subjects: [] };
    case 'kubernetes':
      if (identity.gke) {
        // GKE workloads authenticate through the cluster project's built-in pool, not a provider.
        const gkePool = `projects/${identity.gke.projectNumber}/locations/global/workloadIdentityPools/${identity.gke.projectId}.svc.id.goog`;
        return {
          members: [
            {
              member: `principal://${IAM}/${gkePool}/subject/ns/${identity.namespace}/sa/${identity.serviceAccount}`,
              claims: { sub: `system:serviceaccount:${identity.namespace}:${identity.serviceAccount}` },
            },
          ],
          subjects: [],
        };
      }
      break;
    case 'awsRole': {
      const id = providerId('awsRole', [identity.accountId]);
      const assumedRole = `arn:${identity.partition}:sts::${identity.accountId}:assumed-role/${identity.roleName}`;
      return {
        provider: {
          key: `aws|${identity.accountId}`,
          id,
          type: 'aws',
          awsAccountId: identity.accountId,
          attributeMapping: {
            'google.subject': `${cel(`${id}:`)} + assertion.arn`,
            'attribute.aws_role': `${cel(`${id}:`)} + (${AWS_ROLE_OF_ARN})`,
          },
          tenantCondition: `assertion.arn.startsWith(${cel(`arn:${identity.partition}:sts::${identity.accountId}:`)})`,
        },
        members: [{ member: principalSet('aws_role', `${id}:${assumedRole}`) }],
        subjects: [],
      };
    }
    default:
      break;
  }
  return oidcAdmission(identity, providerId, principal, principalSet);
}

function oidcAdmission(
  identity: Identity,
  providerId: (kind: Identity['kind'], parts: readonly string[]) => string,
  principal: (subject: string) => string,
  principalSet: (attribute: string, value: string) => string,
): GcpAdmission {
  const facts = tokenFactsOf(identity)!;
  const tenant = facts.tenant;
  // A provider accepts its allowed audiences for every identity it admits, so identities that declare different
  // audiences get different providers: a token minted for one audience never reaches another's grants.
  const audience = facts.audience ?? '';
  const id = providerId(identity.kind, audience ? [facts.issuer, tenant?.value ?? '', audience] : [facts.issuer, tenant?.value ?? '']);
  const prefix = cel(`${id}:`);
  const base = {
    key: `${identity.kind}|${facts.issuer}|${tenant?.value ?? ''}|${audience}`,
    id,
    type: 'oidc' as const,
    issuer: facts.issuer,
    issuerKind: facts.issuerKind,
    ...(tenant ? { tenantCondition: `assertion.${tenant.claim} == ${cel(tenant.value)}` } : {}),
    ...(facts.audience ? { audience: facts.audience } : {}),
  };
  const subjects = facts.subjects.map((sub) => `${id}:${sub}`);

  if (identity.kind === 'github') {
    // Name-based subjects are joined to the immutable repository id, so a recycled repository name never matches.
    const repositoryId = facts.claims.repository_id;
    const workflow = facts.claims.job_workflow_ref;
    return {
      provider: {
        ...base,
        attributeMapping: {
          'google.subject': `${prefix} + assertion.sub`,
          'attribute.repository_subject': `${prefix} + assertion.repository_id + ':' + assertion.sub`,
          'attribute.repository_workflow_subject': `${prefix} + assertion.repository_id + ':' + assertion.job_workflow_ref + ':' + assertion.sub`,
        },
      },
      members: facts.subjects.map((sub): AdmittedMember =>
        workflow
          ? {
            member: principalSet('repository_workflow_subject', `${id}:${repositoryId}:${workflow}:${sub}`),
            claims: { job_workflow_ref: workflow, repository_id: repositoryId, sub },
          }
          : { member: principalSet('repository_subject', `${id}:${repositoryId}:${sub}`), claims: { repository_id: repositoryId, sub } },
      ),
      subjects,
    };
  }

  if (identity.kind === 'gitlab') {
    // Project id and protection are part of the member, so a renamed or unprotected ref never matches.
    const protections = identity.protectedRef ? ['true'] : ['false', 'true'];
    const environment = facts.claims.environment;
    return {
      provider: {
        ...base,
        attributeMapping: {
          'google.subject': `${prefix} + assertion.sub`,
          'attribute.project_ref': `${prefix} + assertion.project_id + ':' + assertion.ref_protected + ':' + assertion.sub`,
          'attribute.project_environment_ref': `${prefix} + assertion.project_id + ':' + assertion.ref_protected + ':' + (has(assertion.environment) ? assertion.environment : '') + ':' + assertion.sub`,
        },
      },
      members: protections.flatMap((isProtected) =>
        facts.subjects.map((sub) => {
          const claims = { project_id: identity.projectId, ref_protected: isProtected, sub };
          return environment !== undefined
            ? {
              member: principalSet('project_environment_ref', `${id}:${identity.projectId}:${isProtected}:${environment}:${sub}`),
              claims: { environment, ...claims },
            }
            : { member: principalSet('project_ref', `${id}:${identity.projectId}:${isProtected}:${sub}`), claims };
        }),
      ),
      subjects,
    };
  }

  // Every other issuer: members by exact subject. Dedicated issuers (no tenant) get an allow-list condition
  // that also pins the identity's extra claims.
  const claimClauses = Object.keys(facts.claims)
    .filter((claim) => claim !== tenant?.claim)
    .sort()
    .map((claim) => `assertion.${claim} == ${cel(facts.claims[claim])}`);
  const compound = facts.subjects.length > 1 || claimClauses.length > 0;
  const allowClause = facts.subjects
    .map((sub) => [`assertion.sub == ${cel(sub)}`, ...claimClauses].join(' && '))
    .map((clause) => (compound ? `(${clause})` : clause))
    .join(' || ');
  return {
    provider: { ...base, attributeMapping: { 'google.subject': `${prefix} + assertion.sub` } },
    members: facts.subjects.map((sub) => ({ member: principal(`${id}:${sub}`), claims: sortedRecord({ ...facts.claims, sub }) })),
    subjects,
    ...(tenant ? {} : { allowClause }),
  };
}
