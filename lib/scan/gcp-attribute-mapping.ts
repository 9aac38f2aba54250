import { parse, unparse } from '@bufbuild/cel';
import { isUnresolved } from './unresolved';
import { AWS_ROLE_OF_ARN } from '../identity/aws-role-attribute';
import { claimOf, type Expr } from '../trust/gcp-view';

/** One part of an attribute mapping joined with `+`: literal text, or a claim copied unchanged. */
export type MappingPart =
  | { readonly literal: string }
  /** `optional`: `(has(assertion.x) ? assertion.x : '')`, empty when the token has no such claim. */
  | { readonly claim: string; readonly optional: boolean };

/**
 * At most this many ways to split one value, found in at most this many steps: beyond, the value is not read, so its
 * member is judged as wide as the provider's condition alone lets it be.
 */
const MAX_SPLITS = 64;
const MAX_STEPS = 100_000;

function constantString(expr: Expr | undefined): string | undefined {
  const constant = expr?.exprKind.case === 'constExpr' ? expr.exprKind.value.constantKind : undefined;
  return constant?.case === 'stringValue' ? constant.value : undefined;
}

/** `has(assertion.x) ? assertion.x : ''`: the claim x, or nothing. */
function optionalClaim(expr: Expr): string | undefined {
  if (expr.exprKind.case !== 'callExpr' || expr.exprKind.value.function !== '_?_:_') return undefined;
  const [test, then, otherwise] = expr.exprKind.value.args;
  const tested = test?.exprKind.case === 'selectExpr' && test.exprKind.value.testOnly ? test.exprKind.value : undefined;
  const operand = tested?.operand?.exprKind;
  if (operand?.case !== 'identExpr' || operand.value.name !== 'assertion') return undefined;
  return claimOf(then) === tested!.field && constantString(otherwise) === '' ? tested!.field : undefined;
}

/** Google's default `aws_role` mapping, as the parser writes it back: it yields the caller's role ARN. */
const AWS_ROLE_EXPRESSION = unparse(parse(AWS_ROLE_OF_ARN).expr);

function partsOf(expr: Expr): MappingPart[] | undefined {
  if (expr.exprKind.case === 'callExpr' && expr.exprKind.value.function === '_+_') {
    const sides = expr.exprKind.value.args.map(partsOf);
    return sides.some((side) => side === undefined) ? undefined : sides.flat() as MappingPart[];
  }
  const literal = constantString(expr);
  if (literal !== undefined) return [{ literal }];
  const claim = claimOf(expr);
  if (claim !== undefined) return [{ claim, optional: false }];
  // The role ARN stands for its sessions' ARNs: read as the `arn` it names.
  if (unparse(expr) === AWS_ROLE_EXPRESSION) return [{ claim: 'arn', optional: false }];
  const optional = optionalClaim(expr);
  return optional === undefined ? undefined : [{ claim: optional, optional: true }];
}

/**
 * An attribute mapping as the literals and claims it joins (`'github-1a2b:' + assertion.repository_id + ':' +
 * assertion.sub`, Google's default `aws_role` read as `arn`); undefined when it computes anything else (`extract`,
 * `lowerAscii`, a condition), or cannot be read.
 */
export function mappingParts(mapping: unknown): readonly MappingPart[] | undefined {
  if (typeof mapping !== 'string' || isUnresolved(mapping)) return undefined;
  try {
    return partsOf(parse(mapping).expr);
  } catch {
    return undefined;
  }
}

/**
 * Every way `value` can be the mapping's output, as the claims each way requires. An optional claim left empty is
 * left out (the token may lack it). `issuable` drops the splits no token can carry (a claim value the issuer never
 * issues). Undefined when there are more ways, or more steps to find them, than can be weighed; an empty list when
 * the mapping never yields `value`.
 */
export function claimsYielding(
  parts: readonly MappingPart[],
  value: string,
  issuable: (claim: string, value: string) => boolean,
): readonly Readonly<Record<string, string>>[] | undefined {
  const found: Record<string, string>[] = [];
  let budget = MAX_STEPS;
  const walk = (index: number, at: number, claims: Record<string, string>): boolean => {
    if (--budget < 0) return false;
    if (index === parts.length) {
      if (at === value.length) found.push(claims);
      return found.length <= MAX_SPLITS;
    }
    const part = parts[index];
    if ('literal' in part) return !value.startsWith(part.literal, at) || walk(index + 1, at + part.literal.length, claims);
    for (let end = at; end <= value.length; end++) {
      const taken = value.slice(at, end);
      const next = part.optional && taken === '' ? claims : { ...claims, [part.claim]: taken };
      // A claim read twice must read the same both times.
      const fits = (part.optional && taken === '') || (issuable(part.claim, taken) && (claims[part.claim] ?? taken) === taken);
      if (fits && !walk(index + 1, end, next)) return false;
    }
    return true;
  };
  return walk(0, 0, {}) ? found : undefined;
}
