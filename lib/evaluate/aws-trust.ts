import { clausesOf, evaluateCondition, type ConditionBlock, type ConditionClause, type RequestContext } from './aws-condition';
import { globMatches } from './glob';
import { audiencesOf, issuerOf, type Token } from './token';
import { providerArnOf, providerKeyOf, stsClaimKeysOf } from '../identity/sts-issuers';

/**
 * Whether a role's trust policy lets a token call `sts:AssumeRoleWithWebIdentity`, as STS decides it: the
 * statement's `Principal.Federated` must name the OIDC provider of the token's issuer in the role's account, and
 * its condition sees `<issuer host/path>:aud`, `:sub` and only the extra claims STS passes for that issuer (any
 * other claim is an absent key). Any matching Allow admits the token unless a matching Deny refuses it.
 */

const ACTION = 'sts:AssumeRoleWithWebIdentity';
/** Google writes `iss` with or without the scheme. */
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
const GOOGLE_PROVIDER = 'accounts.google.com';

/** A trust policy as written by anyone: the Plan's documents, or foreign ones with Deny statements. */
export interface TrustPolicy {
  readonly Statement: readonly TrustStatement[] | TrustStatement;
}

export interface TrustStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
  readonly Condition?: ConditionBlock;
}

/** Where the role lives: its account's OIDC providers are the only ones its trust can name. */
export interface AwsTrustOptions {
  readonly partition: string;
  readonly accountId: string;
  /**
   * The OIDC provider's client ids. STS accepts a token only when one of its audiences is among them, and that
   * audience is what the `aud` key carries.
   * @default - every audience of the token is a candidate
   */
  readonly clientIds?: readonly string[];
}

export type AwsTrustResult =
  | {
    readonly verdict: 'accepted';
    /** Index of the Allow statement that admits the token, and its condition. */
    readonly statement: number;
    readonly condition?: ConditionBlock;
    readonly reason: string;
  }
  | { readonly verdict: 'rejected'; readonly reason: string; readonly statements: readonly StatementMiss[] }
  | { readonly verdict: 'unsupported'; readonly statement: number; readonly reason: string };

/** Why one statement does not apply to the token. */
export interface StatementMiss {
  readonly statement: number;
  readonly reason: string;
  readonly clause?: ConditionClause;
}

/** The request STS evaluates: which federated principal calls, with which condition keys. */
export interface WebIdentityRequest {
  readonly federatedPrincipal: string;
  readonly context: RequestContext;
}

/** The requests a token can make, one per audience STS may settle on (usually exactly one), or why it makes none. */
export type WebIdentityRequests =
  | { readonly outcome: 'requests'; readonly requests: readonly WebIdentityRequest[] }
  | { readonly outcome: 'refused'; readonly reason: string };

/** The web-identity requests a token can make against a role in this account. */
export function webIdentityRequestsOf(token: Token, options: AwsTrustOptions): WebIdentityRequests {
  const refused = (reason: string): WebIdentityRequests => ({ outcome: 'refused', reason });
  const issuer = issuerOf(token);
  if (!issuer) return refused('the token names no issuer (iss)');
  if (GOOGLE_ISSUERS.includes(issuer)) return { outcome: 'requests', requests: [googleRequest(token)] };

  const key = providerKeyOf(issuer);
  const audiences = audiencesOf(token).filter((audience) => !options.clientIds || options.clientIds.includes(audience));
  if (audiences.length === 0) {
    return refused(
      options.clientIds
        ? `none of the token's audiences ${JSON.stringify(audiencesOf(token))} is a client id of the OIDC provider for ${key} (${JSON.stringify(options.clientIds)})`
        : 'the token has no audience (aud)',
    );
  }
  const claims: Record<string, string | readonly string[]> = {};
  for (const claim of ['sub', ...stsClaimKeysOf(issuer)]) {
    const value = contextValueOf(token.claims[claim]);
    if (value !== undefined) claims[`${key}:${claim}`] = value;
  }
  const federatedPrincipal = providerArnOf(options.partition, options.accountId, issuer);
  return { outcome: 'requests', requests: audiences.map((audience) => ({ federatedPrincipal, context: { ...claims, [`${key}:aud`]: audience } })) };
}

/** Google ID tokens: STS maps `accounts.google.com:aud` to `azp` when present, and keeps the real `aud` as `oaud`. */
function googleRequest(token: Token): WebIdentityRequest {
  const context: Record<string, string | readonly string[]> = {};
  const audience = contextValueOf(token.claims.azp) ?? contextValueOf(token.claims.aud);
  if (audience !== undefined) context[`${GOOGLE_PROVIDER}:aud`] = audience;
  const originalAudience = contextValueOf(token.claims.aud);
  if (originalAudience !== undefined) context[`${GOOGLE_PROVIDER}:oaud`] = originalAudience;
  const subject = contextValueOf(token.claims.sub);
  if (subject !== undefined) context[`${GOOGLE_PROVIDER}:sub`] = subject;
  return { federatedPrincipal: GOOGLE_PROVIDER, context };
}

/** Claims become strings (numbers and booleans as JSON writes them) or string lists; objects are not keys. */
function contextValueOf(value: unknown): string | readonly string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Evaluates a trust policy for `sts:AssumeRoleWithWebIdentity` by this token. */
export function evaluateAwsTrust(policy: TrustPolicy, token: Token, options: AwsTrustOptions): AwsTrustResult {
  const requests = webIdentityRequestsOf(token, options);
  if (requests.outcome === 'refused') return { verdict: 'rejected', reason: requests.reason, statements: [] };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as TrustStatement];
  // When STS could settle on more than one audience, the token is admitted if any choice admits it.
  const results = requests.requests.map((request) => evaluateRequest(statements, request));
  return results.find((result) => result.verdict === 'accepted') ?? results.find((result) => result.verdict === 'unsupported') ?? results[0];
}

type StatementOutcome =
  | { readonly outcome: 'applies' }
  | { readonly outcome: 'misses'; readonly reason: string; readonly clause?: ConditionClause }
  | { readonly outcome: 'unsupported'; readonly reason: string };

interface IndexedOutcome<O extends StatementOutcome = StatementOutcome> {
  readonly index: number;
  readonly statement: TrustStatement;
  readonly outcome: O;
}

function evaluateRequest(statements: readonly TrustStatement[], request: WebIdentityRequest): AwsTrustResult {
  const indexed: IndexedOutcome[] = statements.map((statement, index) => ({ index, statement, outcome: statementOutcome(statement, request) }));
  // A statement with an unknown Effect is unreadable and counts with the Denies: it might refuse.
  const isAllow = (entry: IndexedOutcome) => entry.statement.Effect === 'Allow';
  const find = <K extends StatementOutcome['outcome']>(effect: 'Allow' | 'Deny', outcome: K) =>
    indexed.find((entry): entry is IndexedOutcome<Extract<StatementOutcome, { outcome: K }>> =>
      isAllow(entry) === (effect === 'Allow') && entry.outcome.outcome === outcome);

  const denial = find('Deny', 'applies');
  if (denial) {
    return { verdict: 'rejected', reason: `statement ${denial.index} explicitly denies ${ACTION}`, statements: [{ statement: denial.index, reason: 'explicit deny' }] };
  }
  // An unreadable Deny might apply, so it blocks a verdict even when an Allow applies.
  const unreadable = find('Deny', 'unsupported') ?? (find('Allow', 'applies') ? undefined : find('Allow', 'unsupported'));
  if (unreadable) return { verdict: 'unsupported', statement: unreadable.index, reason: unreadable.outcome.reason };
  const allow = find('Allow', 'applies');
  if (allow) {
    const condition = allow.statement.Condition;
    return {
      verdict: 'accepted',
      statement: allow.index,
      ...(condition ? { condition } : {}),
      reason: `statement ${allow.index} allows ${ACTION} for ${request.federatedPrincipal}${describeConditions(condition)}`,
    };
  }
  const misses: StatementMiss[] = indexed.filter(isAllow).flatMap(({ index, outcome }) =>
    outcome.outcome === 'misses' ? [{ statement: index, reason: outcome.reason, ...(outcome.clause ? { clause: outcome.clause } : {}) }] : []);
  return {
    verdict: 'rejected',
    reason: misses.length === 0 ? 'no statement allows it' : misses.map((miss) => `statement ${miss.statement}: ${miss.reason}`).join('; '),
    statements: misses,
  };
}

function statementOutcome(statement: TrustStatement, request: WebIdentityRequest): StatementOutcome {
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    return { outcome: 'unsupported', reason: `Effect must be Allow or Deny, not ${JSON.stringify(statement.Effect)}` };
  }
  if (statement.NotPrincipal !== undefined || statement.NotAction !== undefined) {
    return { outcome: 'unsupported', reason: 'NotPrincipal and NotAction are not evaluated; write the trust with Principal and Action' };
  }
  if (!actionMatches(statement.Action)) return { outcome: 'misses', reason: `its Action does not include ${ACTION}` };
  if (!principalMatches(statement.Principal, request.federatedPrincipal)) {
    return { outcome: 'misses', reason: `its Principal does not name the federated principal ${request.federatedPrincipal}` };
  }
  const condition = evaluateCondition(statement.Condition, request.context);
  switch (condition.outcome) {
    case 'match':
      return { outcome: 'applies' };
    case 'unsupported':
      return { outcome: 'unsupported', reason: condition.reason };
    case 'no-match':
      return { outcome: 'misses', reason: condition.reason, clause: condition.clause };
  }
}

/** IAM action names are case-insensitive and may use `*`/`?` wildcards. */
function actionMatches(action: TrustStatement['Action']): boolean {
  const actions = action === undefined ? [] : typeof action === 'string' ? [action] : action;
  return actions.some((pattern) => globMatches(pattern.toLowerCase(), ACTION.toLowerCase()));
}

function principalMatches(principal: TrustStatement['Principal'], federated: string): boolean {
  if (principal === '*') return true;
  const named = principal?.Federated;
  if (named === undefined) return false;
  return (typeof named === 'string' ? [named] : named).includes(federated);
}

function describeConditions(condition: ConditionBlock | undefined): string {
  const clauses = clausesOf(condition);
  if (clauses.length === 0) return ' without conditions';
  return ` where ${clauses.map((clause) => `${clause.operator} ${clause.key} ${JSON.stringify(clause.values.length === 1 ? clause.values[0] : clause.values)}`).join(' and ')}`;
}
