import { providerArnOf, providerKeyOf, stsClaimKeysOf } from '../../identity/sts-issuers';
import { tokenFactsOf } from '../../identity/token';
import type { AwsAccount } from '../../model/account';
import type { Identity, IssuerKind } from '../../model/identity';
import type { PolicyStatement, UnenforcedClaim } from '../plan';

/** The audience each token source uses towards AWS STS by default (its documented setting). */
const AWS_AUDIENCE = {
  github: 'sts.amazonaws.com',
  gitlab: 'sts.amazonaws.com',
  kubernetes: 'sts.amazonaws.com',
  terraformCloud: 'aws.workload.identity',
} as const;

/** One identity's trust statement, before statements differing only in `sub` are merged. */
export interface IdentityTrust {
  readonly identity: number;
  readonly statement: PolicyStatement;
  /** The `<issuer>:sub` condition key, when the statement pins subjects that may merge with others. */
  readonly subjectKey?: string;
  readonly subjects: readonly string[];
  /** The OIDC provider this statement needs (absent for service principals and AWS roles). */
  readonly provider?: {
    readonly key: string;
    readonly url: string;
    readonly issuerKind: IssuerKind;
    readonly arn: string;
    readonly audience: string;
  };
  readonly unenforced: readonly UnenforcedClaim[];
}

/**
 * The statement admitting exactly one identity: `sts:AssumeRoleWithWebIdentity` with `StringEquals` on one
 * audience, the exact subjects, and every pinned claim STS can condition on for that issuer.
 */
export function identityTrust(identity: Identity, index: number, account: AwsAccount): IdentityTrust {
  switch (identity.kind) {
    case 'awsRole':
      return {
        identity: index,
        statement: { Effect: 'Allow', Principal: { AWS: identity.arn }, Action: 'sts:AssumeRole' },
        subjects: [],
        unenforced: [],
      };
    case 'gcpServiceAccount':
      // Google ID tokens: STS maps `accounts.google.com:aud` to the token's azp, the service account's unique id.
      return {
        identity: index,
        statement: {
          Effect: 'Allow',
          Principal: { Federated: 'accounts.google.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'accounts.google.com:aud': identity.uniqueId } },
        },
        subjectKey: 'accounts.google.com:sub',
        subjects: [identity.uniqueId],
        unenforced: [],
      };
    case 'kubernetes':
      if (identity.eks?.podIdentity) return podIdentityTrust(identity.eks.region, identity.eks.cluster, identity, index, account);
      break;
    case 'spiffe':
      if (identity.x509?.awsTrustAnchorArn) return rolesAnywhereTrust(identity.id, identity.x509.awsTrustAnchorArn, index);
      break;
    default:
      break;
  }
  return webIdentityTrust(identity, index, account);
}

function webIdentityTrust(identity: Identity, index: number, account: AwsAccount): IdentityTrust {
  const facts = tokenFactsOf(identity)!;
  const key = providerKeyOf(facts.issuer);
  const audience = facts.audience ?? AWS_AUDIENCE[identity.kind as keyof typeof AWS_AUDIENCE];
  const supported = new Set(stsClaimKeysOf(facts.issuer));
  const equals: Record<string, string> = { [`${key}:aud`]: audience };
  const unenforced: UnenforcedClaim[] = [];
  for (const claim of Object.keys(facts.claims).sort()) {
    if (supported.has(claim)) equals[`${key}:${claim}`] = facts.claims[claim];
    else unenforced.push({ identity: index, claim, value: facts.claims[claim] });
  }
  const arn = providerArnOf(account.partition, account.accountId, facts.issuer);
  return {
    identity: index,
    statement: {
      Effect: 'Allow',
      Principal: { Federated: arn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: equals },
    },
    subjectKey: `${key}:sub`,
    subjects: facts.subjects,
    provider: { key, url: facts.issuer, issuerKind: facts.issuerKind, arn, audience },
    unenforced,
  };
}

/** EKS Pod Identity: the EKS service assumes the role with session tags naming the cluster, namespace and account. */
function podIdentityTrust(
  region: string,
  cluster: string,
  identity: { readonly namespace: string; readonly serviceAccount: string },
  index: number,
  account: AwsAccount,
): IdentityTrust {
  return {
    identity: index,
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': `arn:${account.partition}:eks:${region}:${account.accountId}:cluster/${cluster}`,
          'aws:RequestTag/kubernetes-namespace': identity.namespace,
          'aws:RequestTag/kubernetes-service-account': identity.serviceAccount,
          'aws:SourceAccount': account.accountId,
        },
      },
    },
    subjects: [],
    unenforced: [],
  };
}

/** IAM Roles Anywhere: the X.509-SVID's URI SAN is the SPIFFE ID; the trust anchor is pinned by ARN. */
function rolesAnywhereTrust(spiffeId: string, trustAnchorArn: string, index: number): IdentityTrust {
  return {
    identity: index,
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
      Condition: {
        ArnEquals: { 'aws:SourceArn': trustAnchorArn },
        StringEquals: { 'aws:PrincipalTag/x509SAN/URI': spiffeId },
      },
    },
    subjects: [],
    unenforced: [],
  };
}
