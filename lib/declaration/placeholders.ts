import type { DeclarationProblem } from './errors';

/**
 * A value left for a person to fill in (in a draft `scan --propose` writes, or a snippet `connect` prints). Every
 * string that starts this way is refused by the declaration, so a draft cannot be deployed as a guess.
 */
const PLACEHOLDER = '<fill in: ';

export function placeholder(what: string): string {
  return `${PLACEHOLDER}${what}>`;
}

/** Every placeholder left in declaration input, at its path; iterative, so any depth is safe. */
export function placeholderProblems(input: unknown): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string' && value.startsWith(PLACEHOLDER)) {
      problems.push({ path, message: `is a placeholder: fill in ${value.slice(PLACEHOLDER.length, -1)}` });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
    }
  }
  // In the order of the file, not of the walk.
  return problems.reverse();
}
