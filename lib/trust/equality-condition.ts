import type { ClaimTest } from './trust-view';

/**
 * The shape the compiler writes for allow-list conditions, read without the CEL parser: `assertion.<claim> == '<value>'`
 * comparisons joined by ` && `, those conjunctions (each in parentheses or not) joined by ` || `. Conditions of
 * thousands of identities are this shape, and the general parser costs a third of the rules on them. Anything else,
 * down to one extra space, a character a CEL string could escape or a reserved word, is left to the parser (undefined):
 * this reader only ever agrees with it (a property test holds it to that).
 */
export function equalityConditionTests(condition: string): ClaimTest[][] | undefined {
  const ways: ClaimTest[][] = [];
  for (const disjunct of condition.split(' || ')) {
    const conjunction = disjunct.startsWith('(') && disjunct.endsWith(')') ? disjunct.slice(1, -1) : disjunct;
    const tests: ClaimTest[] = [];
    for (const comparison of conjunction.split(' && ')) {
      const match = COMPARISON.exec(comparison);
      if (!match || RESERVED.has(match[1])) return undefined;
      tests.push({ claim: match[1], match: 'equals', values: [match[2]], text: `assertion.${match[1]} == "${match[2]}"` });
    }
    ways.push(tests);
  }
  return ways;
}

/**
 * One comparison with a plain claim name and a value of characters no CEL string escapes; no parenthesis, quote,
 * backslash, `|`, `&` or space, so the splits above can never cut inside a value.
 */
const COMPARISON = /^assertion\.([A-Za-z_][A-Za-z0-9_]*) == '([A-Za-z0-9_.:/@+=,~%-]*)'$/;

/** CEL's reserved words, which the parser refuses as a field name (the condition then reads as opaque). */
const RESERVED = new Set([
  'as', 'break', 'const', 'continue', 'else', 'false', 'for', 'function', 'if', 'import', 'in', 'let', 'loop', 'package',
  'namespace', 'null', 'return', 'true', 'var', 'void', 'while',
]);
