import { awsTrustOptionsFor, azureViaOf, gcpMemberGroups, gcpReachOf, gcpVia } from './places';
import { evaluateAwsTrust } from '../evaluate/aws-trust';
import { evaluateAzureCredential } from '../evaluate/azure';
import { evaluateGcpBinding } from '../evaluate/gcp';
import type { Token } from '../evaluate/token';
import type { AwsAccountPlan, AzureAccountPlan, GcpAccountPlan, Plan } from '../plan/plan';

/** Something an admitted token can then do: actions on resources (AWS), or a role on a resource (GCP, Azure). */
export interface TokenReach {
  readonly resources: readonly string[];
  readonly actions?: readonly string[];
  readonly role?: string;
}

/** One place that accepts the token (SPEC §6 `explain`): where, through what, because of which condition. */
export interface ExplainMatch {
  readonly cloud: 'aws' | 'gcp' | 'azure';
  /** The declaration's account key. */
  readonly account: string;
  readonly workload: string;
  /** The role ARN, the provider and member, or the managed identity and federated credential. */
  readonly via: string;
  /** The condition that matched, as the cloud evaluates it. */
  readonly condition: unknown;
  /** Why it matched, in words. */
  readonly reason: string;
  readonly reaches: readonly TokenReach[];
}

const list = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

function awsMatches(account: string, plan: AwsAccountPlan, token: Token): ExplainMatch[] {
  const options = awsTrustOptionsFor(plan, token);
  return plan.roles.flatMap((role): ExplainMatch[] => {
    const result = evaluateAwsTrust(role.trustPolicy, token, options);
    if (result.verdict !== 'accepted') return [];
    const reaches = Object.values(role.inlinePolicies).flatMap((document) =>
      document.Statement.map((statement) => ({ resources: list(statement.Resource), actions: list(statement.Action) })),
    );
    return [{ cloud: 'aws', account, workload: role.workload, via: role.arn, condition: result.condition ?? {}, reason: result.reason, reaches }];
  });
}

function gcpMatches(account: string, plan: GcpAccountPlan, token: Token): ExplainMatch[] {
  const providers = new Map(plan.providers.map((provider) => [provider.id, provider]));
  // Bindings of one member and workload share the admission; evaluate it once and list every binding it reaches.
  return gcpMemberGroups(plan).flatMap((bindings): ExplainMatch[] => {
    const [first] = bindings;
    const provider = first.provider ? providers.get(first.provider) : undefined;
    const result = evaluateGcpBinding({ member: first.member, poolName: plan.pool.name, ...(provider ? { provider } : {}) }, token);
    if (result.verdict !== 'accepted') return [];
    const impersonated = first.binds === 'impersonation' ? plan.serviceAccounts.find((serviceAccount) => serviceAccount.workload === first.workload) : undefined;
    return [
      {
        cloud: 'gcp',
        account,
        workload: first.workload,
        via: `${gcpVia(provider, first.member)}${impersonated ? ` impersonating serviceAccount:${impersonated.email}` : ''}`,
        condition: provider ? { attributeCondition: provider.attributeCondition, member: first.member } : { member: first.member },
        reason: impersonated ? `${result.reason}; the member holds ${first.role} on ${impersonated.email}` : result.reason,
        reaches: gcpReachOf(plan, bindings).map((binding) => ({ resources: [binding.resource], role: binding.role })),
      },
    ];
  });
}

function azureMatches(account: string, plan: AzureAccountPlan, token: Token): ExplainMatch[] {
  const viaOf = azureViaOf(plan);
  return plan.federatedCredentials.flatMap((credential): ExplainMatch[] => {
    const result = evaluateAzureCredential(credential, token);
    if (result.verdict !== 'accepted') return [];
    const reaches = [...plan.roleAssignments, ...plan.cosmosSqlRoleAssignments]
      .filter((assignment) => 'ref' in assignment.principal && assignment.principal.ref === credential.identity)
      .map((assignment) => ({ resources: [assignment.scope], role: assignment.roleName ?? assignment.roleDefinitionId }));
    return [
      {
        cloud: 'azure',
        account,
        workload: credential.origin.workload,
        via: viaOf(credential),
        condition: { issuer: credential.issuer, subject: credential.subject, audience: credential.audience },
        reason: result.reason,
        reaches,
      },
    ];
  });
}

/**
 * Every role, pool member and managed identity of the Plan that would accept the token, evaluated with each
 * cloud's own semantics, with the condition that matched and what the token can then reach.
 */
export function explainToken(plan: Plan, token: Token): ExplainMatch[] {
  return [
    ...Object.entries(plan.aws).flatMap(([account, aws]) => awsMatches(account, aws, token)),
    ...Object.entries(plan.gcp).flatMap(([account, gcp]) => gcpMatches(account, gcp, token)),
    ...Object.entries(plan.azure).flatMap(([account, azure]) => azureMatches(account, azure, token)),
  ];
}
