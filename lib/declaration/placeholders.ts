import type { DeclarationProblem } from './errors';

/**
 * A value left for a person to fill in (in a draft `scan --propose` writes, or a snippet `connect` prints). Every
 * string that starts this way is refused by the declaration, so a draft cannot be deployed as a guess.
 */
const PLACEHOLDER = '<fill in: ';

export function placeholder(what: string): string {
  return `${PLACEHOLDER}${what}>`;
}

/** A value of the input and how it is reached: the path is only spelt out for a placeholder, never for every value. */
interface Visit {
  readonly value: unknown;
  readonly key?: string | number;
  readonly parent?: Visit;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/** Containers and placeholders: every other value (nearly every string of a declaration) needs no visit of its own. */
function worthVisiting(value: unknown): boolean {
  return typeof value === 'string' ? value.startsWith(PLACEHOLDER) : value !== null && typeof value === 'object';
}

/** Every placeholder left in declaration input, at its path; iterative, so any depth is safe. */
export function placeholderProblems(input: unknown): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const stack: Visit[] = [{ value: input }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const value = visit.value;
    if (typeof value === 'string') {
      if (value.startsWith(PLACEHOLDER)) {
        problems.push({ path: pathOf(visit), message: `is a placeholder: fill in ${value.slice(PLACEHOLDER.length, -1)}` });
      }
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (worthVisiting(value[index])) stack.push({ value: value[index], key: index, parent: visit });
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const child = (value as Record<string, unknown>)[key];
        if (worthVisiting(child)) stack.push({ value: child, key, parent: visit });
      }
    }
  }
  // In the order of the file, not of the walk.
  return problems.reverse();
}
