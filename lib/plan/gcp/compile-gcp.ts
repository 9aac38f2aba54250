import { admissionOf, poolIdOf, poolNameOf, type ProviderSpec } from './admission';
import { gcpPermissionFor, grantWrites } from '../../catalogue/access';
import type { GcpAccount } from '../../model/account';
import type { Workload } from '../../model/workload';
import { sortedBy, sortedUnique } from '../../stable';
import type { ResolvedCompileOptions } from '../compile-options';
import { LIMITS } from '../limits';
import type { GcpAccountPlan, GcpBinding, GcpProvider } from '../plan';
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
    grants.forEach((grant, index) => {
      const permission = grant.role
        ? { role: grant.role, resource: grant.resource.id }
        : gcpPermissionFor(grant.resource, grant.access!)!;
      for (const { member, claims, provider, identity } of admitted) {
        bindings.push({
          resource: permission.resource,
          resourceType: grant.resource.type,
          role: permission.role,
          member,
          workload: workload.name,
          ...(provider ? { provider } : {}),
          origin: { workload: workload.name, identities: [identity], grants: [index] },
          ...(grant.justification ? { justification: grant.justification } : {}),
          writes: grantWrites(grant),
          ...(claims ? { claims } : {}),
        });
      }
    });
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
    bindings: sortedBy(bindings, (b) => `${b.resource}\u0000${b.role}\u0000${b.member}\u0000${b.workload}`),
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
