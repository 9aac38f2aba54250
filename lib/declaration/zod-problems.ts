import type { z } from 'zod';
import type { DeclarationProblem } from './errors';

/** zod's issues as `path: message` problems, under `prefix` (where the validated value sits in the user's input). */
export function zodProblems(error: z.ZodError, prefix: readonly (string | number)[] = []): DeclarationProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // Point at the first unknown key itself, so the line number lands on the typo.
      return { path: [...prefix, ...[...issue.path, ...issue.keys.slice(0, 1)].map(toKey)], message: issue.message };
    }
    return { path: [...prefix, ...issue.path.map(toKey)], message: issue.message };
  });
}

function toKey(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}
