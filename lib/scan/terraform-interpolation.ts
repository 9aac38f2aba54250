import { unresolved } from './unresolved';

/** The end of the `${…}` or `%{…}` sequence opened at `start`, minding nested braces and quoted strings. */
function sequenceEnd(text: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') {
      quoted = true;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return index + 1;
    }
  }
  return text.length;
}

/**
 * A Terraform string with its interpolations (`${var.org}`) and template directives (`%{if …}`) turned into
 * unresolved placeholders: their values are known only at plan time. `$${` and `%%{` are literal.
 */
export function markInterpolations(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const next = text.slice(index).search(/[$%]\{/);
    if (next < 0) return result + text.slice(index);
    const start = index + next;
    if (start > 0 && text[start - 1] === text[start]) {
      // `$${` is written as `$$` + `{`: drop the escaping character, keep the sequence literally.
      result += `${text.slice(index, start - 1)}${text[start]}{`;
      index = start + 2;
      continue;
    }
    const end = sequenceEnd(text, start);
    result += text.slice(index, start) + unresolved(text.slice(start, end));
    index = end;
  }
  return result;
}

/** Every string of a Terraform JSON value (keys excepted) with its interpolations marked. */
export function markInterpolationsDeep(value: unknown): unknown {
  if (typeof value === 'string') return markInterpolations(value);
  if (Array.isArray(value)) return value.map(markInterpolationsDeep);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markInterpolationsDeep(item)]));
  return value;
}
