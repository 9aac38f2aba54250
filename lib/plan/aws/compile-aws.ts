import { identityTrust, type IdentityTrust } from './trust';
import { buildTrustPolicy } from './trust-policy';
import { awsPermissionFor, grantWrites, resourceWildcardReasonOf } from '../../catalogue/access';
import type { AwsPermission } from '../../catalogue/types';
import type { AwsAccount } from '../../model/account';
import type { IssuerKind } from '../../model/identity';
import type { Grant, Workload } from '../../model/workload';
import { digest, sortedBy, sortedRecord, sortedUnique } from '../../stable';
import type { ResolvedCompileOptions } from '../compile-options';
import { LIMITS, policyChars } from '../limits';
import type {
  AwsAccountPlan,
  AwsOidcProvider,
  AwsPodIdentityAssociation,
  AwsRole,
  AwsRolesAnywhereProfile,
  PermissionOrigin,
  PolicyDocument,
  PolicyStatement,
} from '../plan';
import type { ProblemCollector } from '../problems';

type AwsOptions = ResolvedCompileOptions['aws'];

const PERMISSIONS_POLICY_NAME = 'workload-iam-grants';

/** One AWS account: an OIDC provider per issuer, one role per workload with grants here, and their extras. */
export function compileAwsAccount(
  accountKey: string,
  account: AwsAccount,
  workloads: readonly Workload[],
  options: AwsOptions,
  problems: ProblemCollector,
): AwsAccountPlan {
  const roles: AwsRole[] = [];
  const providerAudiences = new Map<string, { url: string; issuerKind: IssuerKind; arn: string; audiences: string[] }>();
  const podIdentityAssociations: AwsPodIdentityAssociation[] = [];
  const profiles = new Map<string, { anchor: string; roles: AwsRole[] }>();

  for (const workload of workloads) {
    const grants = workload.grants[accountKey];
    if (!grants) continue;
    const name = `${options.roleNamePrefix}${workload.name}`;
    if (name.length > LIMITS.aws.roleNameChars) {
      problems.add(
        workload.name,
        ['name'],
        `the role name "${name}" is ${name.length} characters, over the IAM limit of ${LIMITS.aws.roleNameChars}; shorten compileOptions.aws.roleNamePrefix or the workload name`,
      );
    }
    const arn = `arn:${account.partition}:iam::${account.accountId}:role${options.rolePath}${name}`;
    const trusts = workload.identities.map((identity, index) => identityTrust(identity, index, account));
    const trust = buildTrustPolicy(workload.name, trusts);
    checkTrustSize(trust.document, workload.name, options, problems);
    const permissions = permissionsPolicy(workload.name, grants);
    if (permissions.document && policyChars(permissions.document) > LIMITS.aws.inlinePolicyChars) {
      problems.add(
        workload.name,
        ['grants', accountKey],
        `the permissions of role ${name} are ${policyChars(permissions.document)} characters, over the AWS limit of ${LIMITS.aws.inlinePolicyChars} for inline policies; split the workload`,
      );
    }
    const role: AwsRole = {
      key: workload.name,
      name,
      path: options.rolePath,
      arn,
      workload: workload.name,
      ...(workload.description ? { description: workload.description } : {}),
      trustPolicy: trust.document,
      trustOrigins: trust.origins,
      inlinePolicies: permissions.document ? { [PERMISSIONS_POLICY_NAME]: permissions.document } : {},
      permissionOrigins: permissions.document ? { [PERMISSIONS_POLICY_NAME]: permissions.origins } : {},
      maxSessionDuration: workload.sessionDuration,
      oidcProviders: sortedUnique(trusts.flatMap((t) => (t.provider ? [t.provider.key] : []))),
      tags: sortedRecord({ 'workload-iam:workload': workload.name }),
      unenforcedClaims: trusts.flatMap((t) => t.unenforced),
      justifications: sortedUnique(grants.flatMap((g) => (g.justification ? [g.justification] : []))),
      writes: grants.some(grantWrites),
    };
    roles.push(role);
    collectProviders(workload.name, trusts, providerAudiences, problems);
    workload.identities.forEach((identity, index) => {
      if (identity.kind === 'kubernetes' && identity.eks?.podIdentity) {
        podIdentityAssociations.push({
          key: `${workload.name}/${identity.eks.cluster}/${identity.namespace}/${identity.serviceAccount}`,
          role: role.key,
          cluster: identity.eks.cluster,
          region: identity.eks.region,
          namespace: identity.namespace,
          serviceAccount: identity.serviceAccount,
          origin: { workload: workload.name, identities: [index] },
        });
      }
      if (identity.kind === 'spiffe' && identity.x509?.awsTrustAnchorArn) {
        const anchor = identity.x509.awsTrustAnchorArn;
        const profile = profiles.get(anchor) ?? { anchor, roles: [] };
        if (!profile.roles.includes(role)) profile.roles.push(role);
        profiles.set(anchor, profile);
      }
    });
  }

  const existing = new Map(options.existingOidcProviders.map((provider, index) => [provider.arn, { provider, index }]));
  const oidcProviders = [...providerAudiences.entries()].map(([key, provider]): AwsOidcProvider => {
    const needed = sortedUnique(provider.audiences);
    const imported = existing.get(provider.arn);
    if (!imported) return { key, url: provider.url, issuerKind: provider.issuerKind, arn: provider.arn, clientIds: needed };
    const missing = needed.filter((clientId) => !imported.provider.clientIds.includes(clientId));
    if (missing.length > 0) {
      problems.add(
        undefined,
        ['compileOptions', 'aws', 'existingOidcProviders', imported.index, 'clientIds'],
        `OIDC provider ${provider.arn} must also list the client ids ${missing.join(', ')}: roles of the declaration expect tokens with ${missing.length > 1 ? 'these audiences' : 'this audience'}, which IAM refuses unless the provider lists them`,
      );
    }
    // What exists is what admits tokens, so the Plan records the provider's own client ids.
    const clientIds = sortedUnique(imported.provider.clientIds);
    return { key, url: provider.url, issuerKind: provider.issuerKind, arn: provider.arn, clientIds, imported: true };
  });
  for (const provider of oidcProviders) checkClientIds(provider, problems);

  return {
    accountId: account.accountId,
    partition: account.partition,
    ...(account.region !== undefined ? { region: account.region } : {}),
    oidcProviders: sortedBy(oidcProviders, (p) => p.key),
    roles: sortedBy(roles, (r) => r.key),
    podIdentityAssociations: sortedBy(podIdentityAssociations, (a) => a.key),
    rolesAnywhereProfiles: sortedBy([...profiles.values()].map(rolesAnywhereProfile), (p) => p.key),
  };
}

/**
 * One OIDC provider per issuer, shared by every role that trusts it. Its issuer kind decides how the rules read every
 * role's trust, so identities that read one issuer as two kinds (a Model built by hand; declarations refuse it) are
 * refused rather than judged by whichever workload comes first.
 */
function collectProviders(
  workload: string,
  trusts: readonly IdentityTrust[],
  providers: Map<string, { url: string; issuerKind: IssuerKind; arn: string; audiences: string[] }>,
  problems: ProblemCollector,
): void {
  for (const trust of trusts) {
    if (!trust.provider) continue;
    const known = providers.get(trust.provider.key);
    if (known && known.issuerKind !== trust.provider.issuerKind) {
      problems.add(
        workload,
        ['identities', trust.identity],
        `issuer ${trust.provider.url} is read as ${trust.provider.issuerKind} here and as ${known.issuerKind} by another workload; one issuer has one kind`,
      );
    }
    const provider = known ?? {
      url: trust.provider.url,
      issuerKind: trust.provider.issuerKind,
      arn: trust.provider.arn,
      audiences: [],
    };
    provider.audiences.push(trust.provider.audience);
    providers.set(trust.provider.key, provider);
  }
}

/** One profile per trust anchor, named from the anchor so adding a role never renames it. */
function rolesAnywhereProfile(profile: { anchor: string; roles: AwsRole[] }): AwsRolesAnywhereProfile {
  const roles = sortedBy(profile.roles, (r) => r.key);
  return {
    key: profile.anchor,
    name: `workload-iam-${digest([profile.anchor])}`,
    trustAnchorArn: profile.anchor,
    region: profile.anchor.split(':')[3],
    roles: roles.map((r) => r.key),
    roleArns: roles.map((r) => r.arn),
    maxSessionDuration: Math.min(...roles.map((r) => r.maxSessionDuration)),
  };
}

/** One statement per catalogue statement of each grant, in grant order; Sids point back at the grant. */
function permissionsPolicy(
  workload: string,
  grants: readonly Grant[],
): { readonly document?: PolicyDocument; readonly origins: readonly PermissionOrigin[] } {
  const statements: PolicyStatement[] = [];
  const origins: PermissionOrigin[] = [];
  grants.forEach((grant, index) => {
    const parts: readonly AwsPermission[] = grant.actions
      ? [{ actions: [...grant.actions].sort(), resources: [grant.resource.id] }]
      : awsPermissionFor(grant.resource, grant.access!)!;
    parts.forEach((part, p) => {
      statements.push({
        Sid: `Grant${index}${parts.length > 1 ? `Part${p}` : ''}`,
        Effect: 'Allow',
        Action: part.actions.length === 1 ? part.actions[0] : part.actions,
        Resource: part.resources.length === 1 ? part.resources[0] : part.resources,
        ...(part.conditions ? { Condition: part.conditions } : {}),
      });
      const reason = part.resources.includes('*') ? resourceWildcardReasonOf(part.actions) : undefined;
      origins.push({ workload, grants: [index], ...(reason ? { resourceWildcardReason: reason } : {}) });
    });
  });
  if (statements.length === 0) return { origins };
  return { document: { Version: '2012-10-17', Statement: statements }, origins };
}

function checkTrustSize(document: PolicyDocument, workload: string, options: AwsOptions, problems: ProblemCollector): void {
  const size = policyChars(document);
  if (size > options.trustPolicyMaxChars) {
    problems.add(
      workload,
      ['identities'],
      `the trust policy is ${size} characters, over the ${options.trustPolicyMaxChars}-character limit; split the identities over several workloads${
        options.trustPolicyMaxChars < LIMITS.aws.trustPolicyCharsMax ? ` or raise compileOptions.aws.trustPolicyMaxChars (AWS allows up to ${LIMITS.aws.trustPolicyCharsMax} on request)` : ''
      }`,
    );
  }
}

function checkClientIds(provider: AwsOidcProvider, problems: ProblemCollector): void {
  if (provider.clientIds.length > LIMITS.aws.clientIdsPerProvider) {
    problems.add(
      undefined,
      ['accounts'],
      `OIDC provider ${provider.key} would need ${provider.clientIds.length} client ids (audiences), over the AWS limit of ${LIMITS.aws.clientIdsPerProvider}`,
    );
  }
  for (const clientId of provider.clientIds) {
    if (clientId.length > LIMITS.aws.clientIdChars) {
      problems.add(undefined, ['accounts'], `OIDC provider ${provider.key}: client id "${clientId.slice(0, 40)}…" is over ${LIMITS.aws.clientIdChars} characters`);
    }
  }
}
