/**
 * A readable form of an identifier pattern, for the catalogue's documentation: each named group becomes
 * `<name>`, any other variable part `…`, and literal text stays as written. `^arn:(?<partition>aws|aws-cn):s3:::(?<bucket>[a-z0-9.-]{3,63})$`
 * reads `arn:<partition>:s3:::<bucket>`. Derived from the pattern itself, so the documentation cannot drift from it.
 */
export function identifierForm(pattern: RegExp): string {
  const source = pattern.source;
  const parts: string[] = [];
  let i = 0;
  const variable = () => {
    if (parts[parts.length - 1] !== '…') parts.push('…');
  };
  while (i < source.length) {
    const char = source[i];
    if (char === '^' || char === '$') {
      i++;
    } else if (char === '\\') {
      const escaped = source[i + 1];
      if (/[dDwWsS]/.test(escaped)) variable();
      else parts.push(escaped);
      i += 2;
    } else if (char === '[') {
      i = classEnd(source, i);
      variable();
    } else if (char === '(') {
      const end = groupEnd(source, i);
      const name = /^\(\?<([A-Za-z]\w*)>/.exec(source.slice(i))?.[1];
      if (name) parts.push(`<${name}>`);
      else if (!/^\(\?[=!]/.test(source.slice(i))) variable();
      i = end;
    } else if (char === '{' || char === '+' || char === '*' || char === '?') {
      // A quantifier makes what it follows variable, unless that was already a named or variable part.
      i = char === '{' ? source.indexOf('}', i) + 1 : i + 1;
      const last = parts.pop();
      parts.push(last !== undefined && (last === '…' || last.startsWith('<')) ? last : '…');
    } else {
      parts.push(char);
      i++;
    }
  }
  return parts.join('');
}

/** The index after the `]` closing the character class that opens at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The index after the `)` closing the group that opens at `start` (also skipping a quantifier on it). */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '[') {
      i = classEnd(source, i);
      continue;
    }
    if (char === '(') depth++;
    if (char === ')' && --depth === 0) break;
    i++;
  }
  i++;
  if (source[i] === '{') return source.indexOf('}', i) + 1;
  return /[+*?]/.test(source[i] ?? '') ? i + 1 : i;
}
