import { narrows, patternOf } from './breadth';
import type { ClaimTest } from './trust-view';
import { globMatches } from '../evaluate/glob';

/**
 * Whether one claim test admits every value another admits: the question `diff` asks of each pin. Proven only in the
 * cases that can be decided soundly (equal texts, a literal against a pattern, a prefix under a shorter prefix);
 * anything else counts as not covered, so an undecided change is reported as widening, never hidden.
 */

/** A value that stands only for itself under its test's match kind. */
function isLiteral(test: ClaimTest, value: string): boolean {
  return test.match === 'equals' || (test.match === 'glob' && !/[*?]/.test(value));
}

/** The literal before the wildcard when the pattern admits exactly the strings that start with it, else undefined. */
function prefixOnly(test: ClaimTest, value: string): string | undefined {
  const pattern = patternOf(test, value);
  if (!pattern.open) return undefined;
  if (test.match === 'prefix') return pattern.literal;
  if (test.match === 'glob' && value === `${pattern.literal}*`) return pattern.literal;
  return undefined;
}

/** Whether `outerValue` under `outer` admits every string `innerValue` under `inner` admits. */
function valueCovers(outer: ClaimTest, outerValue: string, inner: ClaimTest, innerValue: string): boolean {
  if (inner.ignoreCase && !outer.ignoreCase) return false;
  const fold = (value: string) => (outer.ignoreCase ? value.toLowerCase() : value);
  const [o, i] = [fold(outerValue), fold(innerValue)];
  if (outer.match === inner.match && o === i) return true;
  if (isLiteral(inner, innerValue)) {
    if (outer.match === 'equals') return o === i;
    if (outer.match === 'glob') return globMatches(o, i);
    if (outer.match === 'prefix') return i.startsWith(o);
    return false;
  }
  const outerPrefix = prefixOnly(outer, o);
  return outerPrefix !== undefined && patternOf(inner, i).literal.startsWith(outerPrefix);
}

/** Two IAM-style globs (`*`, `?`): whether `outer` matches every string `inner` matches. */
export function globCovers(outer: string, inner: string): boolean {
  const glob = (value: string): ClaimTest => ({ claim: '', match: 'glob', values: [value], text: value });
  return valueCovers(glob(outer), outer, glob(inner), inner);
}

/** Whether test `outer` admits every token `inner` admits: same claim, every inner value admitted by an outer one. */
export function testCovers(outer: ClaimTest, inner: ClaimTest): boolean {
  if (outer.claim !== inner.claim) return false;
  // An unreadable test, or one whose operator can widen (negation, IfExists, set operators), counts only as itself.
  if (!narrows(outer) || !narrows(inner) || outer.match === 'opaque' || inner.match === 'opaque') return outer.text === inner.text;
  return inner.values.every((innerValue) => outer.values.some((outerValue) => valueCovers(outer, outerValue, inner, innerValue)));
}

/**
 * Whether an admission with tests `outer` (ANDed) lets in every token one with tests `inner` lets in: each outer
 * test must be implied by an inner test. Inner tests with no outer counterpart only narrow the inner admission.
 */
export function testsCover(outer: readonly ClaimTest[], inner: readonly ClaimTest[]): boolean {
  return outer.every((test) => inner.some((candidate) => testCovers(test, candidate)));
}
