/**
 * HCL native syntax, read far enough to locate blocks and attributes by line and to evaluate literal expressions
 * (`jsonencode({…})`, locals, validations). The configuration itself is read by a real HCL parser (hcl2json); this
 * reader only adds what that one drops: where things are written, and the structure of expressions.
 */

/** The text is not HCL this reader follows. */
export class HclSyntaxError extends Error {}

interface Token {
  readonly kind: 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

const PUNCTUATION = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '{', '}', '[', ']', '(', ')', '=', ':', ',', '.', '?', '!', '<', '>', '+', '-', '*', '/', '%'];

/** The end of the `${…}` or `%{…}` sequence whose `{` is at `open`, minding nested braces and strings. */
function sequenceEnd(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const char = source[index];
    if (char === '"') index = quotedEnd(source, index) - 1;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index + 1;
  }
  throw new HclSyntaxError('an interpolation is not closed');
}

/** The end (after the closing quote) of the quoted string that opens at `open`. */
function quotedEnd(source: string, open: number): number {
  for (let index = open + 1; index < source.length; index++) {
    const char = source[index];
    if (char === '"') return index + 1;
    if (char === '\n') throw new HclSyntaxError('a quoted string is not closed on its line');
    if (char === '\\') {
      index++;
    } else if ((char === '$' || char === '%') && source[index + 1] === '{') {
      // `$${` is a literal `${`.
      index = source[index - 1] === char ? index + 1 : sequenceEnd(source, index + 1) - 1;
    }
  }
  throw new HclSyntaxError('a quoted string is not closed');
}

const HEREDOC = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/;
const HEREDOC_AT = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const NUMBER_AT = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const IDENT_AT = /[\p{L}_][\p{L}\p{N}_-]*/uy;

/** The end of the match of a sticky pattern at `index`, or -1. */
function matchEnd(pattern: RegExp, source: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.test(source) ? pattern.lastIndex : -1;
}

/** The kind and end of what starts at `index`; `skip` for white space and comments. */
function lexeme(source: string, index: number): { kind: Token['kind'] | 'skip'; end: number } {
  const char = source[index];
  if (char === '\n') return { kind: 'newline', end: index + 1 };
  if (char === ' ' || char === '\t' || char === '\r') return { kind: 'skip', end: index + 1 };
  if (char === '#' || source.startsWith('//', index)) {
    const newline = source.indexOf('\n', index);
    return { kind: 'skip', end: newline < 0 ? source.length : newline };
  }
  if (source.startsWith('/*', index)) {
    const close = source.indexOf('*/', index + 2);
    if (close < 0) throw new HclSyntaxError('a comment is not closed');
    return { kind: 'skip', end: close + 2 };
  }
  if (char === '"') return { kind: 'string', end: quotedEnd(source, index) };
  if (matchEnd(HEREDOC_AT, source, index) > 0) return { kind: 'heredoc', end: heredocEnd(source, index) };
  const number = matchEnd(NUMBER_AT, source, index);
  if (number > 0) return { kind: 'number', end: number };
  const ident = matchEnd(IDENT_AT, source, index);
  if (ident > 0) return { kind: 'ident', end: ident };
  const punct = PUNCTUATION.find((p) => source.startsWith(p, index));
  if (punct === undefined) throw new HclSyntaxError(`unexpected character "${char}"`);
  return { kind: 'punct', end: index + punct.length };
}

function tokenize(source: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  for (let index = 0; index < source.length; ) {
    const { kind, end } = lexeme(source, index);
    const text = source.slice(index, end);
    if (kind !== 'skip') tokens.push({ kind, text, start: index, end, line });
    line += text.split('\n').length - 1;
    index = end;
  }
  tokens.push({ kind: 'eof', text: '', start: source.length, end: source.length, line });
  return tokens;
}

/** The end of a heredoc: the end of the line that closes it. */
function heredocEnd(source: string, start: number): number {
  HEREDOC_AT.lastIndex = start;
  const [opening, , marker] = HEREDOC_AT.exec(source)!;
  let lineStart = start + opening.length;
  while (lineStart <= source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline;
    if (source.slice(lineStart, lineEnd).trim() === marker) return lineEnd;
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  throw new HclSyntaxError(`the heredoc ${marker} is not closed`);
}

/** A piece of a string template: literal text, or an interpolation / directive with its source. */
export type TemplatePart = string | { readonly source: string; readonly expression?: HclExpression; readonly directive: boolean };

/** One HCL expression, with the line it starts on and, where it is not a plain literal, its source text. */
export type HclExpression =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly line: number }
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[]; readonly line: number; readonly source: string }
  | { readonly kind: 'tuple'; readonly items: readonly HclExpression[]; readonly line: number }
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[]; readonly line: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly HclExpression[]; readonly line: number; readonly source: string }
  | { readonly kind: 'traversal'; readonly root: string; readonly steps: readonly TraversalStep[]; readonly line: number; readonly source: string }
  | { readonly kind: 'conditional'; readonly predicate: HclExpression; readonly whenTrue: HclExpression; readonly whenFalse: HclExpression; readonly line: number; readonly source: string }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: HclExpression; readonly right: HclExpression; readonly line: number; readonly source: string }
  | { readonly kind: 'other'; readonly line: number; readonly source: string };

export interface ObjectEntry {
  /** A literal key (`Version`, `"aws:sub"`), or an expression in parentheses. */
  readonly key: string | HclExpression;
  readonly value: HclExpression;
  readonly line: number;
}

export type TraversalStep = { readonly attribute: string } | { readonly index: HclExpression } | { readonly splat: true };

export interface HclAttribute {
  readonly name: string;
  readonly expression: HclExpression;
  readonly line: number;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly line: number;
}

export interface HclBody {
  readonly attributes: readonly HclAttribute[];
  readonly blocks: readonly HclBlock[];
}

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

class Parser {
  private position = 0;
  /** Inside parentheses and brackets newlines are white space; in bodies and object constructors they end an item. */
  private newlinesEnd = true;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  body(closing?: string): HclBody {
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'newline') continue;
      if (closing === undefined ? token.kind === 'eof' : token.text === closing) return { attributes, blocks };
      if (token.kind !== 'ident') throw this.unexpected(token);
      const after = this.peek();
      if (after.text === '=' && after.kind === 'punct') {
        this.next();
        attributes.push({ name: token.text, expression: this.expression(), line: token.line });
        this.endOfItem();
        continue;
      }
      const labels: string[] = [];
      while (this.peek().kind === 'string' || this.peek().kind === 'ident') labels.push(unquote(this.next().text));
      this.expect('{');
      const saved = this.newlinesEnd;
      this.newlinesEnd = true;
      blocks.push({ type: token.text, labels, body: this.body('}'), line: token.line });
      this.newlinesEnd = saved;
    }
  }

  expression(): HclExpression {
    const start = this.peek();
    const predicate = this.binary(1);
    if (!this.at('?')) return predicate;
    this.next();
    const whenTrue = this.expression();
    this.expect(':');
    const whenFalse = this.expression();
    return { kind: 'conditional', predicate, whenTrue, whenFalse, line: start.line, source: this.sourceFrom(start) };
  }

  private binary(precedence: number): HclExpression {
    const start = this.peek();
    let left = this.unary();
    for (;;) {
      const operator = this.peek();
      const rank = operator.kind === 'punct' ? BINARY_PRECEDENCE[operator.text] : undefined;
      if (rank === undefined || rank < precedence) return left;
      this.next();
      const right = this.binary(rank + 1);
      left = { kind: 'binary', operator: operator.text, left, right, line: start.line, source: this.sourceFrom(start) };
    }
  }

  private unary(): HclExpression {
    const start = this.peek();
    if (this.at('-') || this.at('!')) {
      this.next();
      const operand = this.unary();
      if (start.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { ...operand, value: -operand.value };
      return { kind: 'other', line: start.line, source: this.sourceFrom(start) };
    }
    return this.postfix(this.primary(), start);
  }

  private postfix(primary: HclExpression, start: Token): HclExpression {
    let expression = primary;
    while (this.at('.') || this.at('[')) {
      const steps: TraversalStep[] = expression.kind === 'traversal' ? [...expression.steps] : [];
      if (this.at('.')) {
        this.next();
        const name = this.next();
        if (name.kind === 'ident' || name.kind === 'number') steps.push({ attribute: name.text });
        else if (name.text === '*') steps.push({ splat: true });
        else throw this.unexpected(name);
      } else {
        this.next();
        const saved = this.newlinesEnd;
        this.newlinesEnd = false;
        if (this.at('*')) {
          this.next();
          steps.push({ splat: true });
        } else {
          steps.push({ index: this.expression() });
        }
        this.expect(']');
        this.newlinesEnd = saved;
      }
      const source = this.sourceFrom(start);
      expression = expression.kind === 'traversal' ? { ...expression, steps, source } : { kind: 'other', line: expression.line, source };
    }
    return expression;
  }

  private primary(): HclExpression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text), line: token.line };
      case 'string':
        return this.template(token.text.slice(1, -1), token, false);
      case 'heredoc':
        return this.heredoc(token);
      case 'ident':
        if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true', line: token.line };
        if (token.text === 'null') return { kind: 'literal', value: null, line: token.line };
        if (this.at('(')) return this.call(token);
        return { kind: 'traversal', root: token.text, steps: [], line: token.line, source: token.text };
      case 'punct':
        if (token.text === '(') return this.parenthesized(token);
        if (token.text === '[') return this.peekFor() ? this.skipped(token) : this.tuple(token);
        if (token.text === '{') return this.peekFor() ? this.skipped(token) : this.object(token);
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  private call(name: Token): HclExpression {
    this.expect('(');
    const args = this.list(')');
    return { kind: 'call', name: name.text, args, line: name.line, source: this.sourceFrom(name) };
  }

  private parenthesized(open: Token): HclExpression {
    const saved = this.newlinesEnd;
    this.newlinesEnd = false;
    const inner = this.expression();
    this.expect(')');
    this.newlinesEnd = saved;
    return inner.kind === 'literal' ? inner : { kind: 'other', line: open.line, source: this.sourceFrom(open) };
  }

  private tuple(open: Token): HclExpression {
    return { kind: 'tuple', items: this.list(']'), line: open.line };
  }

  /** Comma-separated expressions up to `closing`, newlines ignored; a trailing comma or `...` is allowed. */
  private list(closing: string): HclExpression[] {
    const saved = this.newlinesEnd;
    this.newlinesEnd = false;
    const items: HclExpression[] = [];
    while (!this.at(closing)) {
      items.push(this.expression());
      if (this.at('...')) this.next();
      if (!this.at(closing)) this.expect(',');
    }
    this.next();
    this.newlinesEnd = saved;
    return items;
  }

  private object(open: Token): HclExpression {
    const saved = this.newlinesEnd;
    this.newlinesEnd = true;
    const entries: ObjectEntry[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'newline' || token.text === ',') {
        this.next();
        continue;
      }
      if (token.text === '}') break;
      const key = this.objectKey();
      const separator = this.next();
      if (separator.text !== '=' && separator.text !== ':') throw this.unexpected(separator);
      entries.push({ key, value: this.expression(), line: token.line });
      if (!this.at('}') && !this.at(',')) this.endOfItem();
    }
    this.next();
    this.newlinesEnd = saved;
    return { kind: 'object', entries, line: open.line };
  }

  /** A bare identifier is a literal key; so is a quoted string without interpolation. */
  private objectKey(): string | HclExpression {
    const token = this.peek();
    const after = this.tokens[this.position + 1];
    if (token.kind === 'ident' && (after.text === '=' || after.text === ':')) return this.next().text;
    const key = this.unary();
    if (key.kind === 'template' && key.parts.every((part) => typeof part === 'string')) return key.parts.join('');
    if (key.kind === 'literal' && key.value !== null) return String(key.value);
    return key;
  }

  /** `[for …]` and `{for …}`: computed from other values, so only their source is kept. */
  private peekFor(): boolean {
    const token = this.tokens[this.position];
    return token.kind === 'ident' && token.text === 'for';
  }

  private skipped(open: Token): HclExpression {
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === 'eof') throw new HclSyntaxError(`"${open.text}" is not closed`);
      if (token.text === open.text) depth++;
      else if (token.text === CLOSING[open.text]) depth--;
    }
    return { kind: 'other', line: open.line, source: this.sourceFrom(open) };
  }

  private template(raw: string, token: Token, heredoc: boolean): HclExpression {
    return { kind: 'template', parts: templateParts(raw, token.line, !heredoc), line: token.line, source: token.text };
  }

  private heredoc(token: Token): HclExpression {
    const [opening, indented] = HEREDOC.exec(token.text)!;
    const lines = token.text.slice(opening.length).split('\n').slice(0, -1);
    const indent = indented ? Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length)) : 0;
    const text = lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n');
    return { kind: 'template', parts: templateParts(`${text}\n`, token.line + 1, false), line: token.line, source: token.text };
  }

  /** Nothing but new lines may follow. */
  end(): void {
    for (let token = this.next(); token.kind !== 'eof'; token = this.next()) if (token.kind !== 'newline') throw this.unexpected(token);
  }

  private endOfItem(): void {
    const token = this.peek();
    if (token.kind === 'newline') this.next();
    else if (token.kind !== 'eof' && token.text !== '}') throw this.unexpected(token);
  }

  private sourceFrom(start: Token): string {
    return this.source.slice(start.start, this.tokens[this.position - 1].end).trim();
  }

  private at(text: string): boolean {
    const token = this.peek();
    return (token.kind === 'punct' || token.kind === 'ident') && token.text === text;
  }

  private peek(): Token {
    if (!this.newlinesEnd) while (this.tokens[this.position].kind === 'newline') this.position++;
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text) throw this.unexpected(token, `"${text}"`);
  }

  private unexpected(token: Token, wanted?: string): HclSyntaxError {
    const found = token.kind === 'eof' ? 'the end' : token.kind === 'newline' ? 'a new line' : `"${token.text}"`;
    return new HclSyntaxError(`line ${token.line}: ${wanted ? `expected ${wanted}, found` : 'unexpected'} ${found}`);
  }
}

/** A quoted key or label as written between its quotes. */
const unquote = (text: string) => (text.startsWith('"') ? decodeEscapes(text.slice(1, -1)) : text);

const ESCAPES: Readonly<Record<string, string>> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };

function decodeEscapes(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (whole, escape: string) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? whole;
  });
}

/**
 * The pieces of a template's text: literal text (`$${` and `%%{` literal; backslash escapes decoded when `escapes`, as
 * in a quoted HCL string but not in a heredoc or a JSON value) and `${…}` / `%{…}` sequences, each interpolation with
 * its expression parsed (when it parses).
 */
export function templateParts(raw: string, line: number, escapes: boolean): TemplatePart[] {
  const heredoc = !escapes;
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < raw.length) {
    const char = raw[index];
    if (!heredoc && char === '\\') {
      literal += raw.slice(index, index + 2);
      index += 2;
    } else if ((char === '$' || char === '%') && raw[index + 1] === char && raw[index + 2] === '{') {
      literal += `${char}{`;
      index += 3;
    } else if ((char === '$' || char === '%') && raw[index + 1] === '{') {
      const end = sequenceEnd(raw, index + 1);
      if (literal) parts.push(heredoc ? literal : decodeEscapes(literal));
      literal = '';
      const source = raw.slice(index, end);
      const inner = source.slice(2, -1).replace(/^~/, '').replace(/~$/, '');
      const lineOf = line + raw.slice(0, index).split('\n').length - 1;
      parts.push(char === '%' ? { source, directive: true } : { source, directive: false, ...parsedOrNot(inner, lineOf) });
      index = end;
    } else {
      literal += char;
      index++;
    }
  }
  if (literal) parts.push(heredoc ? literal : decodeEscapes(literal));
  return parts;
}

function parsedOrNot(source: string, line: number): { expression?: HclExpression } {
  try {
    return { expression: parseHclExpression(source, line) };
  } catch (error) {
    if (error instanceof HclSyntaxError) return {};
    throw error;
  }
}

/** One expression (e.g. the source inside `${…}`), its lines counted from `line`. */
export function parseHclExpression(source: string, line = 1): HclExpression {
  const parser = new Parser(source, tokenize(source, line));
  const expression = parser.expression();
  parser.end();
  return expression;
}

/** A whole configuration file: its blocks and attributes with their lines. */
export function parseHclBody(source: string): HclBody {
  return new Parser(source, tokenize(source, 1)).body();
}
