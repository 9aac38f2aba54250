import fc from 'fast-check';
import { declarationArb, resolveToken, TokenContext, tokenSpecArb } from './arbitraries';
import {
  audienceFor,
  belongsTo,
  declared,
  mint,
  placeOf,
  unenforcedClaims,
  variantsOf,
  type Cloud,
  type DeclarationIn,
  type Declared,
  type Token,
} from './claims';
import { DeclarationBuilder } from '../../lib/declaration/builder';
import { DeclarationError } from '../../lib/declaration/errors';
import { explainToken, type ExplainMatch } from '../../lib/explain/explain';
import { compile } from '../../lib/plan/compile';
import type { Plan } from '../../lib/plan/plan';

// SPEC §9: property tests for soundness. For random valid declarations and random tokens,
// - soundness: every place a compiled Plan accepts a token (explainToken runs the real AWS, GCP and Azure
//   evaluators) is a workload with grants there that declares an identity the token comes from;
// - completeness: every declared identity's own token, minted as its issuer would for that cloud, is accepted by
//   its workload in every account the workload has grants in.
// Expected tokens and the "comes from" predicate are written from shared/reference/CLAIMS.md (./claims.ts),
// never from the code under test.

/** WIAM_PROPERTY_SCALE multiplies the runs, for a deeper search than the default suite affords. */
const SCALE = Number(process.env.WIAM_PROPERTY_SCALE ?? 1);
const SOUNDNESS_RUNS = Math.round(1000 * SCALE);
const COMPLETENESS_RUNS = Math.round(300 * SCALE);
/** Declarations that still fail validation or compile limits are discarded; there must be few. */
const MAX_DISCARDED_SHARE = 0.05;

type Compiled = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly reason: string };

const cache = new Map<string, Compiled>();

/** Validates (DeclarationBuilder, the typed way to declare) and compiles, once per declaration. */
function compiled(declaration: DeclarationIn): Compiled {
  const key = JSON.stringify(declaration);
  const hit = cache.get(key);
  if (hit) return hit;
  let result: Compiled;
  try {
    const builder = new DeclarationBuilder();
    for (const [name, account] of Object.entries(declaration.accounts)) builder.account(name, account);
    for (const workload of declaration.workloads) builder.workload(workload);
    result = { ok: true, plan: compile(builder.build()) };
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    result = { ok: false, reason: error.message };
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, result);
  return result;
}

const gcpProviderAudiences = (plan: Plan): string[] =>
  Object.values(plan.gcp).flatMap((account) => account.providers.map((provider) => `//iam.googleapis.com/${provider.name}`));

/** A declaration, and tokens to present to its Plan (resolved against it in the property). */
const scenarioArb = fc.record({ declaration: declarationArb, tokens: fc.array(tokenSpecArb, { minLength: 1, maxLength: 8 }) });
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const bucket = (name: string) => ({ resource: `//storage.googleapis.com/projects/_/buckets/${name}`, access: 'read' });

/**
 * Counterexamples fast-check found, checked first on every run. GCP: identities of one issuer share a provider whose
 * allowed audiences are all of theirs, so a declared audience is not pinned per identity.
 * 1. Two workloads declare the same SPIFFE ID from the same issuer with different audiences: the web workload's own
 *    JWT-SVID (audience spire-aud) must not reach what etl granted to audience aws-aud.
 * 2. Generic OIDC, distinct subjects: svc-a's token minted for svc-b's audience must not reach what web granted to
 *    svc-a with audience idp-aud.
 */
const KNOWN_COUNTEREXAMPLES: readonly Scenario[] = [
  {
    declaration: {
      version: 1,
      accounts: { 'gcp-0': { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '100000000000', poolId: 'workload-iam' } },
      workloads: [
        {
          name: 'web',
          identities: [{ spiffe: { id: 'spiffe://example.org/web', jwtIssuer: 'https://spire.example/a', audience: 'spire-aud' } }],
          grants: { 'gcp-0': [bucket('acme-assets')] },
        },
        {
          name: 'etl',
          identities: [{ spiffe: { id: 'spiffe://example.org/web', jwtIssuer: 'https://spire.example/a', audience: 'aws-aud' } }],
          grants: { 'gcp-0': [bucket('acme-logs')] },
        },
      ],
    },
    tokens: [{ own: 0, audience: 0, variant: 0, mutations: [] }],
  },
  {
    declaration: {
      version: 1,
      accounts: { 'gcp-0': { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '100000000000', poolId: 'workload-iam' } },
      workloads: [
        {
          name: 'web',
          identities: [{ oidc: { issuer: 'https://idp.example', audience: 'idp-aud', subject: 'svc-a' } }],
          grants: { 'gcp-0': [bucket('acme-assets')] },
        },
        {
          name: 'etl',
          identities: [{ oidc: { issuer: 'https://idp.example', audience: 'sts.amazonaws.com', subject: 'svc-b' } }],
          grants: { 'gcp-0': [bucket('acme-logs')] },
        },
      ],
    },
    // web's own token, with the audience of etl's token.
    tokens: [{ own: 0, audience: 0, variant: 0, mutations: [{ op: 'borrow', from: 1, claim: 'aud' }] }],
  },
];

const describeMatch = (match: ExplainMatch) =>
  JSON.stringify({ cloud: match.cloud, account: match.account, workload: match.workload, via: match.via, condition: match.condition });

/** Why the match is unsound, or undefined when the token belongs to a declared identity of the accepting workload. */
function unsoundness(declaration: DeclarationIn, token: Token, match: ExplainMatch): string | undefined {
  const workload = declaration.workloads.find((w) => w.name === match.workload);
  if (!workload) return `workload ${match.workload} is not declared`;
  const account = declaration.accounts[match.account];
  if (!account || account.cloud !== match.cloud) return `${match.account} is not a declared ${match.cloud} account`;
  if (!(workload.grants?.[match.account]?.length)) return `workload ${match.workload} has no grants in ${match.account}`;
  const place = placeOf(account);
  if (workload.identities.some((identity) => belongsTo(token, declared(identity), place))) return undefined;
  return `the token belongs to none of the identities of workload ${match.workload} as ${match.cloud} sees them`;
}

let soundnessRuns = 0;
let soundnessDiscarded = 0;
let completenessRuns = 0;
let completenessDiscarded = 0;
let impersonatingPlans = 0;

describe('compiled Plans against tokens (fast-check)', () => {
  test('soundness: a token the Plan accepts anywhere belongs to a declared identity of the accepting workload', () => {
    fc.assert(
      fc.property(scenarioArb, ({ declaration, tokens }) => {
        soundnessRuns++;
        const result = compiled(declaration);
        if (!result.ok) soundnessDiscarded++;
        fc.pre(result.ok);
        const { plan } = result as Extract<Compiled, { ok: true }>;
        const context = new TokenContext(
          declaration.workloads.flatMap((workload) => workload.identities.map(declared)),
          gcpProviderAudiences(plan),
        );
        for (const token of tokens.map((spec) => resolveToken(spec, context))) {
          for (const match of explainToken(plan, token)) {
            const problem = unsoundness(declaration, token, match);
            if (problem) {
              throw new Error(`unsound: ${problem}\n  token: ${JSON.stringify(token.claims)}\n  match: ${describeMatch(match)}`);
            }
          }
        }
      }),
      { numRuns: SOUNDNESS_RUNS, examples: KNOWN_COUNTEREXAMPLES.map((scenario): [Scenario] => [scenario]) },
    );
    expect(soundnessDiscarded).toBeLessThanOrEqual(Math.ceil(soundnessRuns * MAX_DISCARDED_SHARE));
  });

  test("completeness: every declared identity's own token is accepted by its workload in every account it has grants in", () => {
    fc.assert(
      fc.property(declarationArb, (declaration) => {
        completenessRuns++;
        const result = compiled(declaration);
        if (!result.ok) completenessDiscarded++;
        fc.pre(result.ok);
        const { plan } = result as Extract<Compiled, { ok: true }>;
        if (Object.values(plan.gcp).some((account) => account.serviceAccounts.length > 0)) impersonatingPlans++;
        for (const workload of declaration.workloads) {
          for (const [accountKey, grants] of Object.entries(workload.grants ?? {})) {
            if (grants.length === 0) continue;
            const account = declaration.accounts[accountKey];
            const place = placeOf(account);
            workload.identities.forEach((input, index) => {
              const identity = declared(input);
              for (const variant of variantsOf(identity)) {
                const accepted = audiencesTowards(identity, account.cloud, plan, accountKey).some((audience) => {
                  const token = mint(identity, audience, variant);
                  // The helpers agree with themselves: an identity's own token comes from it.
                  if (!belongsTo(token, identity, place)) throw new Error(`test helper: own token does not belong: ${JSON.stringify(token.claims)}`);
                  return explainToken(plan, token).some(
                    (match) => match.cloud === account.cloud && match.account === accountKey && match.workload === workload.name,
                  );
                });
                if (!accepted) {
                  throw new Error(
                    `incomplete: workload ${workload.name} refuses the ${variant.form} token of its identity ${index} (${JSON.stringify(input)}) in ${account.cloud} account ${accountKey}`,
                  );
                }
              }
            });
            checkUnenforced(plan, declaration, workload.name, accountKey, account.cloud);
          }
        }
      }),
      { numRuns: COMPLETENESS_RUNS },
    );
    expect(completenessDiscarded).toBeLessThanOrEqual(Math.ceil(completenessRuns * MAX_DISCARDED_SHARE));
    // The generated declarations reach the impersonation path, so the property covers it.
    expect(impersonatingPlans).toBeGreaterThan(0);
  });
});

/**
 * The audiences a real token of the identity carries towards the account: the documented default or declared one;
 * on GCP without a declared audience, the full resource name of a provider for the identity's issuer (a workflow
 * asks for the provider it is configured with; any one that admits it will do).
 */
function audiencesTowards(identity: Declared, cloud: Cloud, plan: Plan, accountKey: string): string[] {
  const audience = audienceFor(identity, cloud);
  if (audience !== undefined) return [audience];
  return plan.gcp[accountKey].providers
    .filter((provider) => provider.issuer === identity.issuer)
    .map((provider) => `//iam.googleapis.com/${provider.name}`);
}

/**
 * The soundness property compares, per cloud, only the pinned claims that cloud enforces (claims.ts). Each claim it
 * leaves out must be one the Plan records as unenforced for that identity — and nothing else may be recorded.
 */
function checkUnenforced(plan: Plan, declaration: DeclarationIn, workload: string, accountKey: string, cloud: Cloud): void {
  const identities = declaration.workloads.find((w) => w.name === workload)!.identities;
  const expected = identities
    .flatMap((input, index) => Object.entries(unenforcedClaims(declared(input), cloud)).map(([claim, value]) => `${index} ${claim}=${value}`))
    .sort();
  let recorded: string[];
  switch (cloud) {
    case 'aws':
      recorded = plan.aws[accountKey].roles.find((role) => role.workload === workload)!.unenforcedClaims.map((c) => `${c.identity} ${c.claim}=${c.value}`);
      break;
    case 'azure':
      recorded = plan.azure[accountKey].unenforcedClaims.filter((c) => c.workload === workload).map((c) => `${c.identity} ${c.claim}=${c.value}`);
      break;
    case 'gcp':
      // GCP reads every claim through its attribute mapping and condition: nothing is left unenforced.
      recorded = [];
      break;
  }
  const actual = recorded.sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`unenforced claims of workload ${workload} in ${cloud} account ${accountKey}: the Plan records ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}
