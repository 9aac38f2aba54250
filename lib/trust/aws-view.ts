import { issuerKindOf } from './issuers';
import { memoized } from '../memo';
import type { ClaimMatch, ClaimTest, TrustLocation, TrustView } from './trust-view';
import type { IssuerKind } from '../model/identity';

/** A policy statement as written by anyone: loosely typed, because foreign templates are not ours. */
export interface ForeignStatement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  /** Allow with NotPrincipal admits everyone but the principals listed. */
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: unknown;
}

export interface AwsViewContext {
  readonly where: TrustLocation;
  readonly access: TrustView['access'];
  /** The issuer family when the caller knows it (our Plan does); else read from the provider URL. */
  readonly issuerKind?: IssuerKind;
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `Principal: "*"` or `{ AWS: "*" }`: anyone, in any account; `NotPrincipal` admits everyone it does not list. */
function admitsAnyone(statement: ForeignStatement): boolean {
  const principal = statement.Principal;
  if (statement.NotPrincipal !== undefined || principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return Object.values(principal).some((value) => asList(value).includes('*'));
}

/**
 * Global keys that name the caller's AWS organization or account. Compared with StringEquals (not StringLike) they
 * restrict "*" to AWS principals of that organization or account: no web-identity token carries them, so such
 * a statement admits no token. It is AWS-principal trust, judged like a statement naming an account (not here).
 * `aws:SourceAccount` is not one: it names the resource a service acts for, not the caller.
 */
const CALLER_SCOPE_KEYS = new Set(['aws:principalorgid', 'aws:principalaccount']);

function restrictedToNamedOrganizations(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  const exact = (condition as Record<string, unknown>).StringEquals;
  if (typeof exact !== 'object' || exact === null) return false;
  return Object.entries(exact as Record<string, unknown>).some(([key, values]) => {
    // StringEquals compares literally ("*" is no wildcard there): any value names one organization or account.
    return CALLER_SCOPE_KEYS.has(key.toLowerCase()) && asList(values).length > 0;
  });
}

/** The issuer a `Federated` principal names: an OIDC provider ARN, or a bare provider host such as `accounts.google.com`. */
function federatedIssuer(principal: unknown): string | undefined {
  if (typeof principal !== 'object' || principal === null) return undefined;
  const federated = asList((principal as Record<string, unknown>).Federated)[0];
  if (federated === undefined) return undefined;
  const provider = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(federated);
  return `https://${provider ? provider[1] : federated}`;
}

const OPERATOR = /^(?:(ForAllValues|ForAnyValue):)?(String(?:Not)?(?:Equals|Like)(?:IgnoreCase)?|[A-Za-z]+?)(IfExists)?$/;

/**
 * One condition operator and key as a claim test; the claim is what follows the provider prefix in the key. IAM
 * reads key names without regard to case (`:Sub` is `:sub`); operator names are matched as written.
 */
function claimTest(operator: string, key: string, values: readonly string[]): ClaimTest {
  return {
    claim: key.slice(key.lastIndexOf(':') + 1).toLowerCase(),
    values,
    ...operatorTraits(operator),
    text: `${operator} ${key} ${JSON.stringify(values.length === 1 ? values[0] : values)}`,
  };
}

/** What an operator's name says of its test; read once per operator, since a policy repeats a handful of them. */
const operatorTraits = memoized((operator: string): Pick<ClaimTest, 'match' | 'negated' | 'ifExists' | 'setOperator' | 'ignoreCase'> => {
  const [, set, base = operator, ifExists] = OPERATOR.exec(operator) ?? [];
  const match: ClaimMatch = /Equals/.test(base) && base.startsWith('String') ? 'equals' : /Like$/.test(base) ? 'glob' : 'opaque';
  return {
    match,
    ...(/Not/.test(base) ? { negated: true } : {}),
    ...(ifExists ? { ifExists: true } : {}),
    ...(set ? { setOperator: set as 'ForAllValues' | 'ForAnyValue' } : {}),
    ...(/IgnoreCase/.test(base) ? { ignoreCase: true } : {}),
  };
}, 1024);

/** The claim tests of a `Condition` block: operators × keys, all ANDed. */
export function conditionTests(condition: unknown): ClaimTest[] {
  if (typeof condition !== 'object' || condition === null) return [];
  return Object.entries(condition as Record<string, unknown>).flatMap(([operator, keys]) =>
    typeof keys === 'object' && keys !== null
      ? Object.entries(keys as Record<string, unknown>).map(([key, values]) => claimTest(operator, key, asList(values)))
      : [],
  );
}

/**
 * The admission of one trust statement: a web-identity statement yields its issuer and claim tests; a
 * statement admitting anyone yields a view flagged `anyPrincipal`. Statements trusting an AWS principal or
 * service (`"*"` restricted to the caller's own organization or account included), and denies, admit no token
 * and yield nothing.
 */
export function awsStatementView(statement: ForeignStatement, context: AwsViewContext): TrustView | undefined {
  // Only a written Deny admits nothing; an Effect that cannot be read (an intrinsic, an interpolation) may be Allow.
  if (typeof statement.Effect === 'string' && /^deny$/i.test(statement.Effect)) return undefined;
  const anyone = admitsAnyone(statement) && !restrictedToNamedOrganizations(statement.Condition);
  const issuer = federatedIssuer(statement.Principal);
  if (!anyone && issuer === undefined) return undefined;
  return {
    cloud: 'aws',
    issuer: issuer ? { kind: context.issuerKind ?? issuerKindOf(issuer), url: issuer } : { kind: 'generic' },
    tests: conditionTests(statement.Condition),
    complete: true,
    ...(anyone ? { anyPrincipal: true } : {}),
    access: context.access,
    where: context.where,
  };
}
