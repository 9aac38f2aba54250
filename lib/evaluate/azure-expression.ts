import { globMatches } from './glob';

/**
 * Microsoft Entra's flexible federated identity credential language (`claimsMatchingExpression`, language version 1),
 * as Microsoft Learn describes it ("Flexible federated identity credentials", language structure and functionality):
 *
 *   expression = clause *( " and " clause )
 *   clause     = "claims[" quoted "]" " " operator " " quoted
 *   operator   = "eq" / "matches"
 *   quoted     = "'" *( any character but "'" / "''" ) "'"
 *
 * A claim lookup is `claims['<name>']`; the operator is separated from the lookup and the comparand by a single
 * space; the comparand is in single quotes, and a quote inside one is written twice (the documentation says single
 * quotes are escape characters). `eq` is exact; `matches` is a whole-value wildcard match where `?` is one
 * character and `*` any run of characters. Comparisons are case-sensitive, as for classic credentials. Anything
 * else (other operators, `or`, parentheses, other spacing or case) is refused with its position.
 */

export type ClaimsOperator = 'eq' | 'matches';

export interface ClaimsClause {
  readonly claim: string;
  readonly operator: ClaimsOperator;
  readonly comparand: string;
  /** Offset of the clause in the expression. */
  readonly position: number;
}

/** The clauses of an expression; all must hold. */
export interface ClaimsExpression {
  readonly clauses: readonly ClaimsClause[];
}

/** An expression outside the language, with the offset (0-based) where reading stopped. */
export class ClaimsExpressionError extends Error {
  constructor(
    readonly position: number,
    problem: string,
  ) {
    super(`claimsMatchingExpression, position ${position}: ${problem}`);
    this.name = 'ClaimsExpressionError';
  }
}

type TokenKind = 'word' | 'quoted' | 'open' | 'close' | 'space';

interface LexicalToken {
  readonly kind: TokenKind;
  /** The source text, or for a quoted token its unescaped content. */
  readonly text: string;
  readonly position: number;
}

function tokenize(source: string): LexicalToken[] {
  const tokens: LexicalToken[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const run = /^[A-Za-z]+/.exec(rest) ?? /^\s+/.exec(rest);
    if (run) {
      tokens.push({ kind: /^\s/.test(run[0]) ? 'space' : 'word', text: run[0], position: at });
      at += run[0].length;
    } else if (rest.startsWith('[') || rest.startsWith(']')) {
      tokens.push({ kind: rest[0] === '[' ? 'open' : 'close', text: rest[0], position: at });
      at += 1;
    } else if (rest.startsWith("'")) {
      const quoted = readQuoted(source, at);
      tokens.push({ kind: 'quoted', text: quoted.text, position: at });
      at = quoted.end;
    } else {
      throw new ClaimsExpressionError(at, `unexpected character ${JSON.stringify(rest[0])}; the language has claims['<name>'], eq, matches, and, and single-quoted values`);
    }
  }
  return tokens;
}

/** Reads `'…'` starting at `start`; `''` inside stands for one quote. */
function readQuoted(source: string, start: number): { text: string; end: number } {
  let text = '';
  let at = start + 1;
  while (at < source.length) {
    if (source[at] !== "'") {
      text += source[at++];
    } else if (source[at + 1] === "'") {
      text += "'";
      at += 2;
    } else {
      return { text, end: at + 1 };
    }
  }
  throw new ClaimsExpressionError(start, 'quoted text is not closed; end it with a single quote (write a quote inside it as two quotes)');
}

/** Parses an expression, or throws a ClaimsExpressionError naming the position and what was expected. */
export function parseClaimsExpression(source: string): ClaimsExpression {
  const tokens = tokenize(source);
  let next = 0;

  const describe = (token: LexicalToken | undefined) =>
    token ? JSON.stringify(token.kind === 'quoted' ? `'${token.text}'` : token.text) : 'the end of the expression';
  const expect = (kind: TokenKind, text: string | undefined, wanted: string): LexicalToken => {
    const token = tokens[next];
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) {
      throw new ClaimsExpressionError(token?.position ?? source.length, `expected ${wanted} but found ${describe(token)}`);
    }
    next++;
    return token;
  };
  const singleSpace = (where: string) => expect('space', ' ', `a single space ${where}`);

  const clause = (): ClaimsClause => {
    const start = expect('word', 'claims', "a claim lookup claims['<name>']");
    expect('open', undefined, "'[' after claims");
    const claim = expect('quoted', undefined, 'the claim name in single quotes');
    if (claim.text === '') throw new ClaimsExpressionError(claim.position, 'the claim name is empty');
    expect('close', undefined, "']' after the claim name");
    singleSpace('after the claim lookup');
    const operator = tokens[next];
    if (!operator || operator.kind !== 'word' || (operator.text !== 'eq' && operator.text !== 'matches')) {
      throw new ClaimsExpressionError(operator?.position ?? source.length, `expected the operator eq or matches (lowercase) but found ${describe(operator)}`);
    }
    next++;
    singleSpace(`after ${operator.text}`);
    const comparand = expect('quoted', undefined, 'a comparand in single quotes');
    return { claim: claim.text, operator: operator.text as ClaimsOperator, comparand: comparand.text, position: start.position };
  };

  const clauses = [clause()];
  while (next < tokens.length) {
    singleSpace('between clauses');
    expect('word', 'and', "'and' (the only connective)");
    singleSpace("after 'and'");
    clauses.push(clause());
  }
  return { clauses };
}

export type ClaimsEvaluation =
  | { readonly matches: true }
  | { readonly matches: false; readonly clause: ClaimsClause; readonly reason: string };

/** Evaluates the clauses against the token's claims; a missing or non-string claim fails its clause. */
export function evaluateClaimsExpression(expression: ClaimsExpression, claims: Readonly<Record<string, unknown>>): ClaimsEvaluation {
  for (const clause of expression.clauses) {
    const value = claims[clause.claim];
    if (typeof value !== 'string') {
      return { matches: false, clause, reason: value === undefined ? `the token has no ${clause.claim} claim` : `the token's ${clause.claim} claim is not a string` };
    }
    const holds = clause.operator === 'eq' ? value === clause.comparand : globMatches(clause.comparand, value);
    if (!holds) return { matches: false, clause, reason: `${clause.claim} "${value}" does not ${clause.operator === 'eq' ? 'equal' : 'match'} '${clause.comparand}'` };
  }
  return { matches: true };
}
