import { z } from 'zod';
import { issuerSpelling } from '../identity/issuers';

/**
 * Field schemas shared by the declaration. Every string that ends up in a trust condition refuses wildcards:
 * a `*` or `?` would turn an exact match into a pattern and silently admit more identities than declared.
 */

const WILDCARD = /[*?]/;
/** C0 and C1 controls and the Unicode line separators: no issuer puts them in a claim. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** Either: one scan of a string that has neither, which is nearly every string. */
const CONTROL_OR_WILDCARD = /[\u0000-\u001F\u007F-\u009F\u2028\u2029*?]/;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A non-empty string that names exactly one thing: no glob characters, and no control characters or line breaks,
 * which no token carries (a value no token can match is a mistake, and inside a CEL string or a subject one that
 * may be read as something else).
 */
export const exact = (what: string) =>
  // One low-level check, not three chained ones nor a refinement that builds an issue reporter per call: every string
  // of every identity passes through it.
  z.string().check((payload) => {
    const value = payload.value;
    if (value === '') {
      // `continue: true`, as a refinement's issue: the checks chained after this one still report.
      payload.issues.push({ code: 'too_small', origin: 'string', minimum: 1, inclusive: true, input: value, continue: true, message: `${what} must not be empty` });
      return;
    }
    if (!CONTROL_OR_WILDCARD.test(value)) return;
    const control = CONTROL.exec(value);
    if (control) {
      // `continue: false`: format checks chained after this one would only repeat the problem.
      payload.issues.push({ code: 'custom', input: value, continue: false, message: `${what} must not contain control characters or line breaks (found ${codePoint(control[0])})` });
    } else if (WILDCARD.test(value)) {
      payload.issues.push({ code: 'custom', input: value, continue: false, message: `${what} must not contain wildcards (* or ?): name exactly one ${what}` });
    }
  });

/** Why `ref` is not a name git accepts for a branch or tag (`git check-ref-format`); undefined when it is. */
function gitRefProblem(ref: string): string | undefined {
  const forbidden = /[\s~^:?*[\\]/.exec(ref);
  if (forbidden) return `contains "${forbidden[0]}"`;
  if (ref.includes('..')) return 'contains ".."';
  if (ref.includes('@{')) return 'contains "@{"';
  if (ref === '@') return 'is "@"';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'has an empty path component';
  if (ref.endsWith('.')) return 'ends with "."';
  if (ref.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) return 'has a component starting with "." or ending with ".lock"';
  return undefined;
}

/**
 * A branch or tag name: git refuses the others, so no token ever carries them (and a `:` would forge a subject
 * field).
 */
export const gitRefName = (what: string) =>
  exact(what).superRefine((ref, ctx) => {
    const problem = gitRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} "${ref}" ${problem}, which git refuses in a branch or tag name: no token carries it` });
  });

/**
 * A numeric id as the provider issues it (GitHub, GitLab, GCP project numbers): digits without a leading zero, as
 * the token carries it, so `"065"` cannot stand for `"65"` and silently match nothing.
 */
export const numericId = (what: string) =>
  z.string().regex(/^[1-9][0-9]{0,19}$/, `${what} must be the numeric id as issued: digits without a leading zero`);

export const uuid = (what: string) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, `${what} must be a UUID`);

/** An https issuer URL without query, fragment or credentials. */
export const issuerUrl = (what: string) =>
  exact(what).refine((value) => !/[?#\s]/.test(value) && issuerSpelling(value) !== undefined, {
    message: `${what} must be an https URL without query, fragment, credentials or spaces`,
  });

/** Session durations are written like `1h`, `90m`, `3600s` or a number of seconds. */
export const duration = z
  .union([z.number().int(), z.string()])
  .transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 1h, 1h30m, 90m or 3600s (hours, minutes, seconds, in that order)' });
      return z.NEVER;
    }
    return seconds;
  });

/** Seconds, or `1h`, `90m`, `3600s` and compounds in descending order (`1h30m`, `2h0m30s`), as Go and CDK write them. */
function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,6})s)?$/.exec(value.trim());
  if (!match || value.trim() === '') return undefined;
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return hours * 3600 + minutes * 60 + seconds;
}
