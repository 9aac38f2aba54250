import { distance as editDistance } from 'fastest-levenshtein';
import type { z } from 'zod';

/**
 * Messages for the issues zod words generically ("Invalid input: expected string, received number"), phrased
 * for someone editing a YAML file. Schemas with their own message keep it; returning undefined falls back to zod.
 */
export function plainLanguage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
    const allowed = shape ? Object.keys(shape) : [];
    const keys = issue.keys.map((key) => {
      const suggestion = closest(key, allowed);
      return suggestion ? `"${key}" (did you mean "${suggestion}"?)` : `"${key}"`;
    });
    const hint = keys.some((key) => key.includes('did you mean')) || allowed.length === 0 ? '' : ` (allowed: ${allowed.join(', ')})`;
    return `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}${hint}: unknown keys are refused so a typo never changes trust`;
  }
  if (issue.code === 'invalid_type') {
    const input = issue.input;
    if (input === undefined) return 'is required';
    if (issue.expected === 'string' && typeof input === 'number') {
      return `must be a quoted string: unquoted, it was read as the number ${input} (numbers lose leading zeros, and long ones are rounded)`;
    }
    const expected = EXPECTED[issue.expected];
    if (expected) return `must be ${expected}, not ${describeValue(input)}`;
  }
  return undefined;
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** The allowed key a typo most likely meant: at most two edits away (one for short keys), or differing only in case. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance <= (key.length > 4 ? 2 : 1) && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}
