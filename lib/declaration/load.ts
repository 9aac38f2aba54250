import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { DeclarationError, type DeclarationProblem } from './errors';
import { toModel } from './parse';
import type { Model } from '../model/workload';

/**
 * Parses declaration text. JSON is read by the same YAML 1.2 parser (JSON is a subset of it), so both
 * formats get line numbers on every problem and refuse duplicate keys.
 */
export function parseDeclarationText(text: string): Model {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new DeclarationError(
      document.errors.map((error) => ({
        path: [],
        message: `not valid YAML/JSON: ${error.message.split('\n')[0]}`,
        line: lineCounter.linePos(error.pos[0]).line,
      })),
    );
  }
  try {
    return toModel(document.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    throw new DeclarationError(error.problems.map((problem) => withLine(problem, document, lineCounter)));
  }
}

/** Reads and parses a declaration file (`.yaml`, `.yml` or `.json`). */
export function loadDeclarationFile(file: string): Model {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DeclarationError([{ path: [], message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}` }]);
  }
  return parseDeclarationText(text);
}

/** Attaches the line of the nearest node that exists on the problem's path. */
function withLine(problem: DeclarationProblem, document: Document, lineCounter: LineCounter): DeclarationProblem {
  for (let length = problem.path.length; length >= 0; length--) {
    const node = document.getIn(problem.path.slice(0, length), true);
    if (isNode(node) && node.range) {
      return { ...problem, line: lineCounter.linePos(node.range[0]).line };
    }
  }
  return problem;
}
