import { z } from 'zod';

/**
 * Field schemas shared by the declaration. Every string that ends up in a trust condition refuses wildcards:
 * a `*` or `?` would turn an exact match into a pattern and silently admit more identities than declared.
 */

const WILDCARD = /[*?]/;

/** A non-empty string that names exactly one thing (no glob characters). */
export const exact = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .refine((value) => !WILDCARD.test(value), {
      message: `${what} must not contain wildcards (* or ?): name exactly one ${what}`,
      // A wildcard is the problem to report; format checks chained after this one would only repeat it.
      abort: true,
    });

/** A numeric id as issued by the provider (immutable ids are strings of digits). */
export const numericId = (what: string) => z.string().regex(/^[0-9]+$/, `${what} must be a string of digits`);

export const uuid = (what: string) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, `${what} must be a UUID`);

/** An https issuer URL without query or fragment. */
export const issuerUrl = (what: string) =>
  exact(what).refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && !url.search && !url.hash && !url.username;
      } catch {
        return false;
      }
    },
    { message: `${what} must be an https URL without query or fragment` },
  );

/** Session durations are written like `1h`, `90m`, `3600s` or a number of seconds. */
export const duration = z
  .union([z.number().int(), z.string()])
  .transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 1h, 90m or 3600s' });
      return z.NEVER;
    }
    return seconds;
  });

function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^([0-9]+)(s|m|h)$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
