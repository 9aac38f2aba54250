import { globMatches } from './glob';

/**
 * IAM `Condition` evaluation, as the IAM reference describes it: every operator and every key in a block must
 * hold (AND); the values listed for one key are alternatives (OR), so a negated operator holds when the request
 * value equals none of them. A key absent from the request fails a positive operator and satisfies a negated one;
 * `…IfExists` holds when the key is absent; `ForAllValues:` holds vacuously for an absent or empty key and
 * `ForAnyValue:` fails for one. Condition key names are case-insensitive, values are not (except the
 * `…IgnoreCase` operators and `Bool`).
 *
 * Only the operators trust policies use are implemented; any other operator, a policy variable (`${…}`) or an
 * invalid `Null`/`Bool` value makes the evaluation refuse with `unsupported` rather than guess.
 */

/** Policy values as JSON allows them; IAM compares them as strings. */
export type ConditionValue = string | boolean | number;

/** An IAM `Condition` element: operator → condition key → value or values. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;

/** Request context keys and their values; an array is a multivalued key. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** One operator applied to one key, with its policy values. */
export interface ConditionClause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export type ConditionResult =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'no-match'; readonly clause: ConditionClause; readonly reason: string }
  | { readonly outcome: 'unsupported'; readonly clause: ConditionClause; readonly reason: string };

interface BaseOperator {
  /** A negated operator holds when no policy value matches. */
  readonly negated: boolean;
  readonly matches: (policyValue: string, requestValue: string) => boolean;
}

const sameText = (policyValue: string, requestValue: string) => policyValue === requestValue;
const sameTextIgnoringCase = (policyValue: string, requestValue: string) => policyValue.toLowerCase() === requestValue.toLowerCase();

const VALUE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: { negated: false, matches: sameText },
  StringNotEquals: { negated: true, matches: sameText },
  StringEqualsIgnoreCase: { negated: false, matches: sameTextIgnoringCase },
  StringNotEqualsIgnoreCase: { negated: true, matches: sameTextIgnoringCase },
  StringLike: { negated: false, matches: globMatches },
  StringNotLike: { negated: true, matches: globMatches },
  // `true`/`false` compare without regard to case; a request value that is not a boolean matches neither.
  Bool: { negated: false, matches: sameTextIgnoringCase },
};

const SUPPORTED = [...Object.keys(VALUE_OPERATORS), 'Null'].join(', ');

type SetOperator = 'ForAllValues' | 'ForAnyValue';

interface ParsedOperator {
  readonly set?: SetOperator;
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  const prefixed = /^(ForAllValues|ForAnyValue):(.*)$/.exec(operator);
  const rest = prefixed ? prefixed[2] : operator;
  const ifExists = rest.endsWith('IfExists');
  return {
    ...(prefixed ? { set: prefixed[1] as SetOperator } : {}),
    base: ifExists ? rest.slice(0, -'IfExists'.length) : rest,
    ifExists,
  };
}

type ClauseOutcome =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'no-match' | 'unsupported'; readonly reason: string };

const MATCH: ClauseOutcome = { outcome: 'match' };
const noMatch = (reason: string): ClauseOutcome => ({ outcome: 'no-match', reason });
const unsupported = (reason: string): ClauseOutcome => ({ outcome: 'unsupported', reason });

/** Evaluates a whole condition block against the request context (an absent block always matches). */
export function evaluateCondition(condition: ConditionBlock | undefined, context: RequestContext): ConditionResult {
  const lookup = caseInsensitive(context);
  const evaluated = clausesOf(condition).map((clause) => ({ clause, result: evaluateClause(clause, lookup) }));
  // Refusing wins over a failing clause: a block we cannot fully read is not evidence of anything.
  const refused = evaluated.find((entry) => entry.result.outcome === 'unsupported');
  const failed = refused ?? evaluated.find((entry) => entry.result.outcome === 'no-match');
  if (!failed || failed.result.outcome === 'match') return { outcome: 'match' };
  return { outcome: failed.result.outcome, clause: failed.clause, reason: failed.result.reason };
}

/** The block's clauses in document order, values as strings. */
export function clausesOf(condition: ConditionBlock | undefined): ConditionClause[] {
  return Object.entries(condition ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, value]) => ({
      operator,
      key,
      values: (Array.isArray(value) ? value : [value]).map((v: ConditionValue) => String(v)),
    })),
  );
}

function caseInsensitive(context: RequestContext): (key: string) => string | readonly string[] | undefined {
  const byLowerKey = new Map<string, string | readonly string[]>();
  for (const [key, value] of Object.entries(context)) {
    if (!byLowerKey.has(key.toLowerCase())) byLowerKey.set(key.toLowerCase(), value);
  }
  return (key) => byLowerKey.get(key.toLowerCase());
}

function evaluateClause(clause: ConditionClause, lookup: (key: string) => string | readonly string[] | undefined): ClauseOutcome {
  const operator = parseOperator(clause.operator);
  const requestValue = lookup(clause.key);
  // An empty multivalued key counts as absent (IAM: "no context keys or context keys with empty values").
  const absent = requestValue === undefined || (typeof requestValue !== 'string' && requestValue.length === 0);

  if (operator.base === 'Null') return evaluateNull(clause, operator, absent);

  const base = VALUE_OPERATORS[operator.base];
  if (!base) return unsupported(`unsupported condition operator "${clause.operator}"; the evaluator knows ${SUPPORTED}, with IfExists and ForAllValues:/ForAnyValue:`);
  if (clause.values.some((value) => value.includes('${'))) {
    return unsupported(`policy variables are not evaluated: ${clause.operator} ${clause.key} uses ${JSON.stringify(clause.values)}`);
  }
  if (operator.base === 'Bool' && clause.values.some((value) => !/^(true|false)$/i.test(value))) {
    return unsupported(`Bool takes "true" or "false", not ${JSON.stringify(clause.values)}`);
  }

  if (absent) {
    if (operator.set === 'ForAllValues') return MATCH;
    if (operator.ifExists) return MATCH;
    if (operator.set === 'ForAnyValue') return noMatch(`${clause.key} is not in the request, and ForAnyValue needs at least one value`);
    return base.negated ? MATCH : noMatch(`${clause.key} is not in the request`);
  }

  const satisfies = (value: string) =>
    base.negated
      ? !clause.values.some((policyValue) => base.matches(policyValue, value))
      : clause.values.some((policyValue) => base.matches(policyValue, value));
  const values = typeof requestValue === 'string' ? [requestValue] : requestValue;

  switch (operator.set) {
    case 'ForAllValues': {
      const outlier = values.find((value) => !satisfies(value));
      return outlier === undefined ? MATCH : noMatch(`${clause.key} value "${outlier}" fails ${clause.operator} ${JSON.stringify(clause.values)}`);
    }
    case 'ForAnyValue':
      return values.some(satisfies) ? MATCH : noMatch(`no value of ${clause.key} (${JSON.stringify(values)}) satisfies ${clause.operator} ${JSON.stringify(clause.values)}`);
    default:
      // Without a set operator a multivalued key matches nothing: IAM requires ForAllValues/ForAnyValue for it.
      if (typeof requestValue !== 'string') return noMatch(`${clause.key} has several values, which ${clause.operator} without ForAnyValue/ForAllValues never matches`);
      return satisfies(requestValue) ? MATCH : noMatch(`${clause.key} is "${requestValue}", which fails ${clause.operator} ${JSON.stringify(clause.values)}`);
  }
}

/** `Null: true` holds when the key is absent, `Null: false` when it is present. */
function evaluateNull(clause: ConditionClause, operator: ParsedOperator, absent: boolean): ClauseOutcome {
  if (operator.set || operator.ifExists) {
    return unsupported(`"${clause.operator}" is not an IAM operator: Null takes neither a set prefix nor IfExists`);
  }
  if (clause.values.some((value) => !/^(true|false)$/i.test(value))) {
    return unsupported(`Null takes "true" or "false", not ${JSON.stringify(clause.values)}`);
  }
  const wanted = absent ? 'true' : 'false';
  return clause.values.some((value) => value.toLowerCase() === wanted)
    ? MATCH
    : noMatch(absent ? `${clause.key} is not in the request` : `${clause.key} is in the request`);
}
