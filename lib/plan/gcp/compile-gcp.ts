import { admissionOf, poolIdOf, poolNameOf, type ProviderSpec } from './admission';
import { gcpPermissionsFor, grantWrites, takesFederatedPrincipals } from '../../catalogue/access';
import { WORKLOAD_IDENTITY_USER } from '../../catalogue/gcp';
import type { GcpAccount } from '../../model/account';
import type { Workload } from '../../model/workload';
import { compareText, digest, sortedBy, sortedIndexes, sortedUnique } from '../../stable';
import type { ResolvedCompileOptions } from '../compile-options';
import { LIMITS } from '../limits';
import type { GcpAccountPlan, GcpBinding, GcpMember, GcpProvider, GcpServiceAccount } from '../plan';
import type { ProblemCollector } from '../problems';

/**
 * One GCP project: a workload identity pool, a provider per issuer and tenant, and IAM bindings of exact
 * members on exact resources. A provider's condition pins its tenant by immutable id; a dedicated issuer's
 * provider admits only the declared subjects.
 */
export function compileGcpAccount(
  accountKey: string,
  account: GcpAccount,
  workloads: readonly Workload[],
  options: ResolvedCompileOptions['gcp'],
  problems: ProblemCollector,
): GcpAccountPlan {
  const poolId = poolIdOf(account, options.idSuffix);
  if (poolId.length > LIMITS.gcp.idMaxChars) {
    problems.add(
      undefined,
      ['accounts', accountKey, 'poolId'],
      `with compileOptions.gcp.idSuffix the pool id "${poolId}" is ${poolId.length} characters, over the GCP limit of ${LIMITS.gcp.idMaxChars}; shorten the poolId or the suffix`,
    );
  }
  const pool = poolNameOf(account, options.idSuffix);
  const providers = new Map<string, { spec: ProviderSpec; clauses: string[]; audiences: string[]; workloads: string[] }>();
  const bindings: GcpBinding[] = [];
  const serviceAccounts: GcpServiceAccount[] = [];
  const members: GcpMember[] = [];
  const clausesByMember = new Map<string, { workload: string; identity: number; clause?: string }[]>();

  for (const workload of workloads) {
    const grants = workload.grants[accountKey];
    if (!grants) continue;
    const admitted: { member: string; claims?: Readonly<Record<string, string>>; provider?: string; identity: number }[] = [];
    workload.identities.forEach((identity, index) => {
      const admission = admissionOf(identity, account, options.idSuffix);
      for (const subject of admission.subjects) {
        if (Buffer.byteLength(subject) > LIMITS.gcp.subjectBytes) {
          problems.add(
            workload.name,
            ['identities', index],
            `google.subject "${subject}" is ${Buffer.byteLength(subject)} bytes, over the GCP limit of ${LIMITS.gcp.subjectBytes}; shorten the names in the subject`,
          );
        }
      }
      const spec = admission.provider;
      if (spec) {
        const provider = providers.get(spec.key) ?? { spec, clauses: [], audiences: [], workloads: [] };
        if (admission.allowClause) provider.clauses.push(admission.allowClause);
        if (spec.audience) provider.audiences.push(spec.audience);
        provider.workloads.push(workload.name);
        providers.set(spec.key, provider);
      }
      for (const { member, claims } of admission.members) {
        const admissions = clausesByMember.get(member) ?? [];
        admissions.push({ workload: workload.name, identity: index, clause: admission.allowClause });
        clausesByMember.set(member, admissions);
        admitted.push({ member, ...(claims ? { claims } : {}), provider: spec?.id, identity: index });
      }
    });
    const permissions = grants.flatMap((grant, index) =>
      (grant.role ? [{ role: grant.role, resource: grant.resource.id }] : gcpPermissionsFor(grant.resource, grant.access!)!).map((permission) => ({
        grant,
        index,
        ...permission,
      })),
    );
    // Two identities of one workload may be one member: it is listed once, as its first identity admits it.
    const seen = new Set<string>();
    for (const { member, claims, provider, identity } of admitted) {
      if (seen.has(member)) continue;
      seen.add(member);
      const origin = { workload: workload.name, identities: [identity] };
      members.push({ member, workload: workload.name, ...(provider ? { provider } : {}), origin, ...(claims ? { claims } : {}) });
    }
    const federated = admitted.filter(({ member }) => isFederated(member));
    const declared = workload.impersonate?.indexOf(accountKey) ?? -1;
    if (declared >= 0 && federated.length === 0) {
      problems.add(workload.name, ['impersonate', declared], `the workload has no federated identity in "${accountKey}" that could impersonate a service account; its service-account identities are granted directly`);
    }
    // Members that are Google service accounts already take any resource's grants; only federated ones impersonate.
    const reason =
      federated.length === 0 ? undefined : declared >= 0 ? 'declared' : grants.some((grant) => !takesFederatedPrincipals(grant.resource)) ? 'resource' : undefined;
    const direct = reason === undefined ? admitted : admitted.filter(({ member }) => !isFederated(member));
    if (reason !== undefined) {
      const serviceAccount = serviceAccountOf(workload.name, account, reason);
      serviceAccounts.push(serviceAccount);
      const writes = grants.some(grantWrites);
      for (const { member, claims, provider, identity } of federated) {
        bindings.push({
          resource: serviceAccount.resource,
          resourceType: 'iam-service-account',
          role: WORKLOAD_IDENTITY_USER,
          member,
          workload: workload.name,
          ...(provider ? { provider } : {}),
          origin: { workload: workload.name, identities: [identity] },
          writes,
          binds: 'impersonation',
          ...(claims ? { claims } : {}),
        });
      }
      const identities = sortedIndexes(federated.map(({ identity }) => identity));
      for (const { grant, index, role, resource, condition } of permissions) {
        bindings.push({
          resource,
          resourceType: grant.resource.type,
          role,
          ...(condition ? { condition } : {}),
          member: `serviceAccount:${serviceAccount.email}`,
          workload: workload.name,
          origin: { workload: workload.name, identities, grants: [index] },
          ...(grant.justification ? { justification: grant.justification } : {}),
          writes: grantWrites(grant),
          binds: 'serviceAccount',
        });
      }
    }
    for (const { grant, index, role, resource, condition } of permissions) {
      for (const { member, claims, provider, identity } of direct) {
        bindings.push({
          resource,
          resourceType: grant.resource.type,
          role,
          ...(condition ? { condition } : {}),
          member,
          workload: workload.name,
          ...(provider ? { provider } : {}),
          origin: { workload: workload.name, identities: [identity], grants: [index] },
          ...(grant.justification ? { justification: grant.justification } : {}),
          writes: grantWrites(grant),
          ...(claims ? { claims } : {}),
        });
      }
    }
  }

  checkMembers(clausesByMember, problems);
  const compiled = [...providers.values()].map(({ spec, clauses, audiences, workloads: users }): GcpProvider => {
    const name = `${pool}/providers/${spec.id}`;
    const provider: GcpProvider = {
      id: spec.id,
      name,
      type: spec.type,
      ...(spec.issuer ? { issuer: spec.issuer } : {}),
      ...(spec.issuerKind ? { issuerKind: spec.issuerKind } : {}),
      ...(spec.awsAccountId ? { awsAccountId: spec.awsAccountId } : {}),
      allowedAudiences: sortedUnique(audiences),
      attributeMapping: spec.attributeMapping,
      attributeCondition: spec.tenantCondition ?? sortedUnique(clauses).join(' || '),
      workloads: sortedUnique(users),
    };
    checkProvider(provider, problems);
    return provider;
  });

  return {
    projectId: account.projectId,
    projectNumber: account.projectNumber,
    pool: { id: poolId, name: pool },
    providers: sortedBy(compiled, (p) => p.id),
    bindings: bindings.sort(
      (a, b) =>
        compareText(a.resource, b.resource) || compareText(a.role, b.role) || compareText(a.member, b.member) || compareText(a.workload, b.workload),
    ),
    members: members.sort((a, b) => compareText(a.workload, b.workload) || compareText(a.member, b.member)),
    serviceAccounts: sortedBy(serviceAccounts, (a) => a.key),
  };
}

const SERVICE_ACCOUNT_PREFIX = 'wiam-';
const SERVICE_ACCOUNT_ID_MAX_CHARS = 30;

/** A member that authenticates through a workload identity pool (not a Google service account of its own). */
function isFederated(member: string): boolean {
  return member.startsWith('principal://') || member.startsWith('principalSet://');
}

/**
 * The service account of `workload`: its id is the workload name behind a prefix, or, when that exceeds GCP's 30
 * characters, the name's start and a digest of the whole name, so ids stay unique and never depend on other workloads.
 */
function serviceAccountOf(workload: string, account: GcpAccount, reason: GcpServiceAccount['reason']): GcpServiceAccount {
  const full = `${SERVICE_ACCOUNT_PREFIX}${workload}`;
  const digestPart = `-${digest([workload])}`;
  // An id ends with a letter or digit: a workload name ending in "-" takes the digest form too.
  const fits = full.length <= SERVICE_ACCOUNT_ID_MAX_CHARS && !full.endsWith('-');
  const accountId = fits ? full : `${full.slice(0, SERVICE_ACCOUNT_ID_MAX_CHARS - digestPart.length)}${digestPart}`;
  const email = `${accountId}@${account.projectId}.iam.gserviceaccount.com`;
  return {
    key: workload,
    accountId,
    email,
    resource: `//iam.googleapis.com/projects/${account.projectId}/serviceAccounts/${email}`,
    displayName: `workload-iam: ${workload}`,
    workload,
    reason,
  };
}

/**
 * One member with two different claim pins would let either token reach both workloads' resources: each identity
 * involved is refused, naming another, so the outcome does not depend on which workload comes first.
 */
function checkMembers(
  clausesByMember: ReadonlyMap<string, readonly { workload: string; identity: number; clause?: string }[]>,
  problems: ProblemCollector,
): void {
  for (const admissions of clausesByMember.values()) {
    for (const admission of admissions) {
      const other = sortedBy(
        admissions.filter((candidate) => candidate.clause !== admission.clause),
        (candidate) => `${candidate.workload}\u0000${candidate.identity}`,
      )[0];
      if (!other) continue;
      problems.add(
        admission.workload,
        ['identities', admission.identity],
        `admits the same subject as workload "${other.workload}" (identities[${other.identity}]) from the same issuer but pins different claims; GCP members cannot tell them apart, so give each a distinct subject`,
      );
    }
  }
}

function checkProvider(provider: GcpProvider, problems: ProblemCollector): void {
  if (provider.attributeCondition.length > LIMITS.gcp.conditionChars) {
    problems.add(
      undefined,
      ['accounts'],
      `the attribute condition of GCP provider ${provider.id} (${provider.issuer ?? provider.awsAccountId}) is ${provider.attributeCondition.length} characters, over the limit of ${LIMITS.gcp.conditionChars}; fewer identities may share this issuer in one project`,
    );
  }
}
