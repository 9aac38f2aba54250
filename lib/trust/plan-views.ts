import { awsStatementView } from './aws-view';
import { azureCredentialView } from './azure-view';
import { celConditionTests, gcpViews, waysFor, waysIn } from './gcp-view';
import type { TrustView } from './trust-view';
import type { Origin, Plan, PolicyStatement } from '../plan/plan';

/** The declaration path of a workload's identity (or the workload itself), for findings. */
export function identityPath(workload: string, identities: readonly number[] | undefined): string {
  const base = `workloads[${workload}]`;
  return identities && identities.length > 0 ? `${base}.identities[${identities[0]}]` : base;
}

const access = (writes: boolean): TrustView['access'] => (writes ? 'write' : 'read');

/**
 * A statement merged from identities that differ only in `sub`, split back into one statement per identity with
 * that identity's subjects, so each finding names the identity it is about.
 */
function perIdentity(statement: PolicyStatement, origin: Origin): { identities: readonly number[] | undefined; statement: PolicyStatement }[] {
  const equals = statement.Condition?.StringEquals;
  const subjectKey = equals && Object.keys(equals).find((key) => key.endsWith(':sub'));
  if (!origin.subjects || !origin.identities || !equals || !subjectKey) return [{ identities: origin.identities, statement }];
  return origin.identities.map((identity, i) => ({
    identities: [identity],
    statement: { ...statement, Condition: { ...statement.Condition, StringEquals: { ...equals, [subjectKey]: origin.subjects![i] } } },
  }));
}

/**
 * Every admission the Plan creates, on every cloud, as views the rules judge: yielded one by one, so the rules judge
 * each as it is read and none outlives its judgement.
 */
export function* planTrustViews(plan: Plan): Generator<TrustView, void> {
  for (const [account, aws] of Object.entries(plan.aws)) {
    const kindByArn = new Map(aws.oidcProviders.map((provider) => [provider.arn, provider.issuerKind]));
    for (const role of aws.roles) {
      for (let index = 0; index < role.trustPolicy.Statement.length; index++) {
        const statement = role.trustPolicy.Statement[index];
        const origin = role.trustOrigins[index];
        const federated = (statement.Principal?.Federated as string | undefined) ?? '';
        for (const { identities, statement: admitted } of perIdentity(statement, origin)) {
          const view = awsStatementView(admitted, {
            where: { account, workload: role.workload, identities, resource: role.arn, path: identityPath(role.workload, identities) },
            access: access(role.writes),
            issuerKind: kindByArn.get(federated),
          });
          if (view) yield view;
        }
      }
    }
  }
  for (const [account, gcp] of Object.entries(plan.gcp)) {
    const providers = new Map(gcp.providers.map((provider) => [provider.id, provider]));
    // A provider's condition is shared by every member bound through it: read and index it once.
    const conditions = new Map(gcp.providers.map((provider) => [provider.id, waysIn(celConditionTests(provider.attributeCondition))]));
    // One view per member and workload, bound or not (an identity-only workload is granted through an engine):
    // its bindings differ only in resource and role, and it leads to writes when any of them does.
    // Keyed by the Plan's own strings, whose hashes are kept: a joined key would be built and hashed per lookup.
    const writers = new Map<string, Set<string>>();
    for (const binding of gcp.bindings) {
      if (!binding.writes) continue;
      const members = writers.get(binding.workload);
      if (members) members.add(binding.member);
      else writers.set(binding.workload, new Set([binding.member]));
    }
    for (const member of gcp.members) {
      const provider = member.provider ? providers.get(member.provider) : undefined;
      if (!member.claims || (member.provider && provider?.type !== 'oidc')) continue;
      yield* gcpViews({
        // Fields written even when absent: one shape for every member, no spread of a temporary object.
        issuer: provider?.issuer,
        issuerKind: provider?.issuerKind ?? 'kubernetes',
        attributeCondition: provider?.attributeCondition ?? '',
        conditionTests: provider ? waysFor(conditions.get(provider.id)!, member.claims) : undefined,
        memberClaims: member.claims,
        wholePool: member.member.endsWith('/*'),
        access: access(writers.get(member.workload)?.has(member.member) === true),
        where: {
          account,
          workload: member.workload,
          identities: member.origin.identities,
          resource: member.member,
          path: identityPath(member.workload, member.origin.identities),
        },
      });
    }
  }
  for (const [account, azure] of Object.entries(plan.azure)) {
    const writers = new Set(
      [...azure.roleAssignments, ...azure.cosmosSqlRoleAssignments].flatMap((a) => ('ref' in a.principal && a.writes ? [a.principal.ref] : [])),
    );
    for (const credential of azure.federatedCredentials) {
      const writes = writers.has(credential.identity);
      yield azureCredentialView({
        issuer: credential.issuer,
        issuerKind: credential.issuerKind,
        subject: credential.subject,
        audiences: [credential.audience],
        access: access(writes),
        where: {
          account,
          workload: credential.origin.workload,
          identities: credential.origin.identities,
          resource: credential.name,
          path: identityPath(credential.origin.workload, credential.origin.identities),
        },
      });
    }
  }
}
