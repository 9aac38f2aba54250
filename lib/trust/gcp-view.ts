import { parse, unparse } from '@bufbuild/cel';
import { equalityConditionTests } from './equality-condition';
import { ISSUER_READERS } from './issuers';
import type { ClaimTest, TrustLocation, TrustView } from './trust-view';
import type { IssuerKind } from '../model/identity';

export type Expr = ReturnType<typeof parse>['expr'];
type Conjunction = ClaimTest[];

/** The claim an expression reads: `assertion.x` or `assertion['x']`. */
export function claimOf(expr: Expr | undefined): string | undefined {
  const kind = expr?.exprKind;
  if (kind?.case === 'selectExpr' && !kind.value.testOnly) {
    const operand = kind.value.operand?.exprKind;
    if (operand?.case === 'identExpr' && operand.value.name === 'assertion') return kind.value.field;
  }
  if (kind?.case === 'callExpr' && kind.value.function === '_[_]') {
    const [target, index] = kind.value.args;
    const key = index?.exprKind;
    if (target?.exprKind.case === 'identExpr' && target.exprKind.value.name === 'assertion' && key?.case === 'constExpr' && key.value.constantKind.case === 'stringValue') {
      return key.value.constantKind.value;
    }
  }
  return undefined;
}

/** A constant's string value, or `nonString` when it is a number, bool or null (never equal to a string claim). */
function constantOf(expr: Expr | undefined): { value: string; nonString: boolean } | undefined {
  if (expr?.exprKind.case !== 'constExpr') return undefined;
  const constant = expr.exprKind.value.constantKind;
  if (constant.case === 'stringValue') return { value: constant.value, nonString: false };
  if (constant.case === undefined || constant.case === 'bytesValue') return undefined;
  return { value: String(constant.value), nonString: true };
}

function opaque(expr: Expr): ClaimTest {
  return { claim: '', match: 'opaque', values: [], text: unparse(expr) };
}

/** One comparison as a claim test, or an opaque test when it is not a plain claim comparison. */
function comparison(expr: Expr): ClaimTest {
  const text = unparse(expr);
  if (expr.exprKind.case !== 'callExpr') return opaque(expr);
  const call = expr.exprKind.value;
  switch (call.function) {
    case '_==_':
    case '_!=_': {
      const [left, right] = call.args;
      const claim = claimOf(left) ?? claimOf(right);
      const constant = constantOf(right) ?? constantOf(left);
      if (claim === undefined || constant === undefined) return opaque(expr);
      return {
        claim,
        match: 'equals',
        values: [constant.value],
        ...(call.function === '_!=_' ? { negated: true } : {}),
        ...(constant.nonString ? { nonString: true } : {}),
        text,
      };
    }
    case '@in': {
      const [needle, list] = call.args;
      const claim = claimOf(needle);
      if (claim === undefined || list?.exprKind.case !== 'listExpr') return opaque(expr);
      const constants = list.exprKind.value.elements.map(constantOf);
      if (constants.some((c) => c === undefined)) return opaque(expr);
      return {
        claim,
        match: 'equals',
        values: constants.map((c) => c!.value),
        ...(constants.some((c) => c!.nonString) ? { nonString: true } : {}),
        text,
      };
    }
    case 'startsWith':
    case 'matches': {
      const claim = claimOf(call.target);
      const argument = constantOf(call.args[0]);
      if (claim === undefined || argument === undefined || argument.nonString) return opaque(expr);
      return { claim, match: call.function === 'startsWith' ? 'prefix' : 'regex', values: [argument.value], text };
    }
    case '!_': {
      const inner = call.args[0] && comparison(call.args[0]);
      return inner && inner.claim !== '' ? { ...inner, negated: !inner.negated, text } : opaque(expr);
    }
    default:
      return opaque(expr);
  }
}

/** The condition in disjunctive normal form: each conjunction is one way in. */
function disjuncts(expr: Expr): Conjunction[] {
  if (expr.exprKind.case === 'constExpr' && expr.exprKind.value.constantKind.case === 'boolValue') {
    return expr.exprKind.value.constantKind.value ? [[]] : [];
  }
  if (expr.exprKind.case === 'callExpr') {
    const { function: fn, args } = expr.exprKind.value;
    if (fn === '_||_') return args.flatMap(disjuncts);
    if (fn === '_&&_') {
      return args.map(disjuncts).reduce<Conjunction[]>((acc, next) => acc.flatMap((a) => next.map((b) => [...a, ...b])), [[]]);
    }
  }
  return [[comparison(expr)]];
}

/**
 * A GCP attribute condition as conjunctions of claim tests. An expression that does not parse yields one
 * opaque test, so rules see that nothing could be read rather than an empty (admit-all) condition.
 */
export function celConditionTests(condition: string): readonly (readonly ClaimTest[])[] {
  if (condition.trim() === '') return [[]];
  return equalityConditionTests(condition) ?? parsedConditionTests(condition);
}

/** The condition read by the CEL parser: every form CEL allows. */
export function parsedConditionTests(condition: string): readonly (readonly ClaimTest[])[] {
  try {
    return disjuncts(parse(condition).expr);
  } catch {
    return [[{ claim: '', match: 'opaque', values: [], text: condition }]];
  }
}

/**
 * A provider condition's ways in, indexed by the subject each requires: an allow-list condition has one way in per
 * identity, and a member only ever fits the ones for its own subject (or the ones that require no subject).
 */
export interface WaysIn {
  readonly bySubject: ReadonlyMap<string, readonly (readonly ClaimTest[])[]>;
  readonly anySubject: readonly (readonly ClaimTest[])[];
}

export function waysIn(ways: readonly (readonly ClaimTest[])[]): WaysIn {
  const bySubject = new Map<string, (readonly ClaimTest[])[]>();
  const anySubject: (readonly ClaimTest[])[] = [];
  for (const tests of ways) {
    const subject = tests.find((t) => t.claim === 'sub' && t.match === 'equals' && !t.negated && !t.nonString);
    if (!subject) anySubject.push(tests);
    for (const value of subject?.values ?? []) bySubject.set(value, [...(bySubject.get(value) ?? []), tests]);
  }
  return { bySubject, anySubject };
}

/** The ways in a member with these claims could fit. */
export function waysFor(ways: WaysIn, claims: Readonly<Record<string, string>>): readonly (readonly ClaimTest[])[] {
  const sub = claims.sub;
  if (sub === undefined) return [...ways.anySubject, ...[...ways.bySubject.values()].flat()];
  return [...ways.anySubject, ...(ways.bySubject.get(sub) ?? [])];
}

export interface GcpViewInput {
  readonly issuer?: string;
  readonly issuerKind: IssuerKind;
  readonly attributeCondition: string;
  /**
   * The condition already read by `celConditionTests`, when many members share one provider.
   * @default - read from `attributeCondition`
   */
  readonly conditionTests?: readonly (readonly ClaimTest[])[];
  /** The exact claims the bound member stands for; absent when only the condition is known. */
  readonly memberClaims?: Readonly<Record<string, string>>;
  /** The member admits the whole pool (`principalSet://…/*`). */
  readonly wholePool?: boolean;
  /**
   * The member as written, when it is a principal set of one attribute (`principalSet://…/attribute.repository/o/r`):
   * it admits every identity with that attribute, whatever else the token says (every ref, environment and pull
   * request of a repository), unless the provider's condition pins it.
   */
  readonly memberSet?: string;
  readonly access: TrustView['access'];
  readonly where: TrustLocation;
}

/** One view per way into the provider: each disjunct of its condition, joined with the member's claims. */
export function gcpViews(input: GcpViewInput): TrustView[] {
  const memberTests: ClaimTest[] = Object.entries(input.memberClaims ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([claim, value]) => ({ claim, match: 'equals', values: [value], text: `member ${claim} == '${value}'` }));
  // The rest of the subject is open: read through the issuer's layout, what the member and condition pin closes it.
  if (input.memberSet !== undefined && input.memberClaims !== undefined && ISSUER_READERS[input.issuerKind].hasContext) {
    memberTests.push({ claim: 'sub', match: 'prefix', values: [''], text: `member ${input.memberSet}` });
  }
  const claims = input.memberClaims ?? {};
  // A disjunct that requires another value of a claim the member pins cannot admit this member (an allow-list
  // condition has one disjunct per identity of the provider): only the ways in that fit the member are views.
  const fits = (tests: readonly ClaimTest[]) =>
    tests.every((t) => t.match !== 'equals' || t.negated || t.nonString || claims[t.claim] === undefined || t.values.includes(claims[t.claim]));
  return (input.conditionTests ?? celConditionTests(input.attributeCondition)).filter(fits).map((tests) => ({
    cloud: 'gcp',
    issuer: { kind: input.issuerKind, ...(input.issuer ? { url: input.issuer } : {}) },
    tests: [...tests, ...memberTests],
    complete: true,
    ...(input.wholePool ? { anyPrincipal: true } : {}),
    access: input.access,
    where: input.where,
  }));
}
