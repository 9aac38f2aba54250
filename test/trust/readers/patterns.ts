import { patternOf } from '../../../lib/trust/breadth';
import type { Facts, Pattern, WildcardField } from '../../../lib/trust/facts';
import type { ClaimMatch } from '../../../lib/trust/trust-view';

/**
 * Patterns as the cloud readers hand them to an issuer reader: through `patternOf`, from one value of one test. The
 * test's text is the value itself, so an expected open field quotes the value.
 */
const pattern = (match: ClaimMatch, value: string): Pattern => patternOf({ claim: 'sub', match, values: [value], text: value }, value);

/** IAM `StringEquals` (and CEL `==`): the value as written. */
export const equals = (value: string) => pattern('equals', value);
/** IAM `StringLike`: `*` and `?` match any run of characters, `/` and `:` included. */
export const like = (value: string) => pattern('glob', value);
/** CEL `startsWith`. */
export const startsWith = (value: string) => pattern('prefix', value);
/** CEL `matches` (RE2, unanchored). */
export const matches = (value: string) => pattern('regex', value);

/** The facts of a wildcard that leaves `field` open, quoting the value as written. */
export const opens = (field: WildcardField, text: string, pins: Facts = {}): Facts => ({ ...pins, open: { field, text } });

const OPERATORS = { equals, like, startsWith, matches } as const;
export type Operator = keyof typeof OPERATORS;
/** The pattern of `value` under `operator`, for tables that name the operator. */
export const written = (operator: Operator, value: string) => OPERATORS[operator](value);
