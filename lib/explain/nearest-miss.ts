import { awsTrustOptionsFor, azureViaOf, gcpMemberGroups, gcpVia } from './places';
import { evaluateCondition, clausesOf } from '../evaluate/aws-condition';
import { webIdentityRequestsOf, type TrustStatement } from '../evaluate/aws-trust';
import { evaluateGcpBinding, type GcpStage } from '../evaluate/gcp';
import { audiencesOf, issuerOf, stringClaimOf, type Token } from '../evaluate/token';
import type { AwsAccountPlan, AzureAccountPlan, GcpAccountPlan, Plan } from '../plan/plan';

/**
 * When nothing accepts a token, the places that came closest, and what failed there: the role whose trust statement
 * failed the fewest conditions, the pool member whose provider got furthest, the federated credential that differs
 * in the fewest fields. A token from another issuer is further than any condition on the right issuer.
 */
export interface NearMiss {
  readonly cloud: 'aws' | 'gcp' | 'azure';
  readonly account: string;
  readonly workload: string;
  /** The role ARN, the provider and member, or the managed identity and federated credential. */
  readonly via: string;
  /** Each check the token failed, as the cloud makes it. */
  readonly failed: readonly string[];
  /** How many checks it passed. */
  readonly passed: number;
}

/** A candidate and how far it is: the issuer (or provider) first, then the count of failed checks. */
interface Scored {
  readonly miss: NearMiss;
  /** 0: the token reaches the trust's conditions; 1: the right issuer, but not its audience or principal; 2: another issuer. */
  readonly tier: number;
}

const ACTION = 'sts:AssumeRoleWithWebIdentity';

function awsCandidates(account: string, plan: AwsAccountPlan, token: Token): Scored[] {
  const where = awsTrustOptionsFor(plan, token);
  const requests = webIdentityRequestsOf(token, where);
  return plan.roles.flatMap((role): Scored[] => {
    const base = { cloud: 'aws' as const, account, workload: role.workload, via: role.arn };
    // Refused with the provider's client ids known: the right issuer, the wrong audience.
    if (requests.outcome === 'refused') return [{ tier: where.clientIds ? 1 : 2, miss: { ...base, failed: [requests.reason], passed: 0 } }];
    const statements = role.trustPolicy.Statement as readonly TrustStatement[];
    return statements.flatMap((statement) =>
      statement.Effect !== 'Allow'
        ? []
        : requests.requests.map((request): Scored => {
          const named = statement.Principal === '*' || [statement.Principal?.Federated ?? []].flat().includes(request.federatedPrincipal);
          if (!named) {
            return { tier: 2, miss: { ...base, failed: [`the trust names ${JSON.stringify(statement.Principal)}, not the token's provider ${request.federatedPrincipal}`], passed: 0 } };
          }
          const failed: string[] = [];
          let passed = 1;
          for (const clause of clausesOf(statement.Condition)) {
            const result = evaluateCondition({ [clause.operator]: { [clause.key]: [...clause.values] } }, request.context);
            if (result.outcome === 'match') passed++;
            else failed.push(result.reason);
          }
          return { tier: 0, miss: { ...base, failed: failed.length > 0 ? failed : [`its Action does not include ${ACTION}`], passed } };
        }),
    );
  });
}

/** How far along GCP's exchange the token got before it was refused. */
const GCP_STAGES: readonly GcpStage[] = ['issuer', 'account', 'audience', 'mapping', 'condition', 'member'];

function gcpCandidates(account: string, plan: GcpAccountPlan, token: Token): Scored[] {
  const providers = new Map(plan.providers.map((provider) => [provider.id, provider]));
  return gcpMemberGroups(plan).flatMap(([binding]): Scored[] => {
    const provider = binding.provider ? providers.get(binding.provider) : undefined;
    const result = evaluateGcpBinding({ member: binding.member, poolName: plan.pool.name, ...(provider ? { provider } : {}) }, token);
    if (result.verdict !== 'rejected') return [];
    const stage = GCP_STAGES.indexOf(result.stage);
    const tier = result.stage === 'issuer' || result.stage === 'account' ? 2 : result.stage === 'audience' ? 1 : 0;
    const via = gcpVia(provider, binding.member);
    return [{ tier, miss: { cloud: 'gcp', account, workload: binding.workload, via, failed: [`${result.stage}: ${result.reason}`], passed: Math.max(stage, 0) } }];
  });
}

function azureCandidates(account: string, plan: AzureAccountPlan, token: Token): Scored[] {
  const viaOf = azureViaOf(plan);
  const issuer = issuerOf(token);
  const subject = stringClaimOf(token, 'sub');
  return plan.federatedCredentials.map((credential): Scored => {
    const failed = [
      ...(issuer === credential.issuer ? [] : [`issuer: ${JSON.stringify(issuer ?? null)} is not exactly ${JSON.stringify(credential.issuer)}`]),
      ...(audiencesOf(token).includes(credential.audience) ? [] : [`audience: ${JSON.stringify(audiencesOf(token))} does not include ${credential.audience}`]),
      ...(subject === credential.subject ? [] : [`subject: ${JSON.stringify(subject ?? null)} is not exactly ${JSON.stringify(credential.subject)}`]),
    ];
    const via = viaOf(credential);
    return { tier: issuer === credential.issuer ? 0 : 2, miss: { cloud: 'azure', account, workload: credential.origin.workload, via, failed, passed: 3 - failed.length } };
  });
}

/** How far a candidate is: its tier, then how many checks failed, then (negated) how many passed. */
const distance = (c: Scored): readonly number[] => [c.tier, c.miss.failed.length, -c.miss.passed];
const byDistance = (a: Scored, b: Scored) => {
  const [da, db] = [distance(a), distance(b)];
  const index = da.findIndex((d, i) => d !== db[i]);
  if (index >= 0) return da[index] - db[index];
  return a.miss.via < b.miss.via ? -1 : a.miss.via > b.miss.via ? 1 : 0;
};

/** The places that refuse the token and are tied for closest (at most `limit`), in a stable order. */
export function nearestMisses(plan: Plan, token: Token, limit = 3): NearMiss[] {
  const candidates = [
    ...Object.entries(plan.aws).flatMap(([account, aws]) => awsCandidates(account, aws, token)),
    ...Object.entries(plan.gcp).flatMap(([account, gcp]) => gcpCandidates(account, gcp, token)),
    ...Object.entries(plan.azure).flatMap(([account, azure]) => azureCandidates(account, azure, token)),
  ]
    .filter((candidate) => candidate.miss.failed.length > 0)
    .sort(byDistance);
  if (candidates.length === 0) return [];
  const best = distance(candidates[0]).join();
  return candidates.filter((candidate) => distance(candidate).join() === best).slice(0, limit).map((candidate) => candidate.miss);
}
