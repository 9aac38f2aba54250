import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { unreadableFile, unreadableInput } from './error-factories';
import { DeclarationError, type DeclarationProblem } from './errors';
import { toModel } from './parse';
import { checkBracketDepth, checkYamlDocument, decodeInput, InputLimitError } from '../input/limits';
import { lineOfPath } from '../input/yaml-lines';
import type { Model } from '../model/workload';

/** A parsed declaration and where its parts are in the source. */
export interface DeclarationSource {
  readonly model: Model;
  /** The 1-based line of the node at `path` (or of its nearest existing ancestor). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Parses declaration text. JSON is read by the same YAML 1.2 parser (JSON is a subset of it), so both
 * formats get line numbers on every problem and refuse duplicate keys.
 */
export function parseDeclarationText(text: string): Model {
  return parseDeclarationSource(text).model;
}

/** Parses declaration text and keeps the line of every node, so later findings can point at the source too. */
export function parseDeclarationSource(text: string): DeclarationSource {
  const { value, lineOf } = parseInputText(text, toModel);
  return { model: value, lineOf };
}

/**
 * Parses YAML or JSON text under the input limits and converts it with `convert`, whose DeclarationError problems
 * get the line of their path; also keeps the line of every node.
 */
export function parseInputText<T>(text: string, convert: (input: unknown) => T): { value: T; lineOf: DeclarationSource['lineOf'] } {
  const lineCounter = new LineCounter();
  const document = withinLimits(() => {
    checkBracketDepth(text);
    const parsed = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    checkYamlDocument(parsed);
    return parsed;
  });
  if (document.errors.length > 0) {
    throw new DeclarationError(
      document.errors.map((error) => ({ ...syntaxProblem(error, document), line: lineCounter.linePos(error.pos[0]).line })),
    );
  }
  const lineOf = (path: readonly (string | number)[]) => withLine({ path, message: '' }, document, lineCounter).line;
  try {
    // Alias expansion is bounded by checkYamlDocument (by expanded size, so a file may reuse one anchor often).
    return { value: convert(document.toJS({ maxAliasCount: -1 })), lineOf };
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    throw new DeclarationError(error.problems.map((problem) => withLine(problem, document, lineCounter)));
  }
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file (ENOENT)',
  EISDIR: 'it is a directory (EISDIR)',
  EACCES: 'permission denied (EACCES)',
};

/** Reads and parses a declaration file (`.yaml`, `.yml` or `.json`). */
export function loadDeclarationFile(file: string): Model {
  return loadDeclarationSource(file).model;
}

/** Reads and parses a declaration file, keeping the line of every node. */
export function loadDeclarationSource(file: string): DeclarationSource {
  return inFile(file, () => parseDeclarationSource(readInputFile(file)));
}

/** Parses a declaration's bytes (a file as a git revision holds it), under the input limits; problems name `file`. */
export function declarationSourceOf(bytes: Buffer, file: string): DeclarationSource {
  return inFile(file, () => parseDeclarationSource(decodeInputBytes(bytes, file)));
}

/** Runs `read`, so that a problem of the whole input (syntax, limits) names `file` instead of the declaration. */
export function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    const named = (problem: DeclarationProblem) => (problem.path.length === 0 && problem.file === undefined ? { ...problem, file } : problem);
    throw new DeclarationError(error.problems.map(named));
  }
}

/** Reads a YAML or JSON input file as text, under the input limits (size, encoding). */
export function readInputFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code && READ_ERRORS[code]) ?? code ?? String(error);
    throw unreadableFile(file, reason);
  }
  return decodeInputBytes(bytes, file);
}

/** Input bytes as text, under the input limits (size, encoding). */
export function decodeInputBytes(bytes: Buffer, file: string): string {
  return withinLimits(() => decodeInput(bytes), file);
}

/**
 * Runs a step of reading under the input limits: a bound crossed (or a parser's stack exhausted by what the limits
 * let through) is one problem line, never a stack trace.
 */
function withinLimits<T>(read: () => T, file?: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputLimitError) throw unreadableInput(file, error.message);
    if (error instanceof RangeError) throw unreadableInput(file, 'the input nests too deeply to be read');
    throw error;
  }
}

/** A parser error as a problem; a duplicate key is named, with its path, because YAML would keep only one value. */
function syntaxProblem(error: YAMLError, document: Document): Omit<DeclarationProblem, 'line'> {
  if (error.code === 'DUPLICATE_KEY') {
    const path = pathOfKeyAt(document.contents, error.pos[0], []);
    if (path) {
      return {
        path: path.slice(0, -1),
        message: `duplicate key "${path[path.length - 1]}": a key may appear only once in a mapping (otherwise one value would silently replace the other)`,
      };
    }
  }
  return { path: [], message: `not valid YAML/JSON: ${error.message.split('\n')[0]}` };
}

/** The path of the mapping key starting at `offset`, found by walking the parsed document. */
function pathOfKeyAt(node: unknown, offset: number, path: (string | number)[]): (string | number)[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (isNode(pair.key) && pair.key.range?.[0] === offset) return [...path, key];
      const found = pathOfKeyAt(pair.value, offset, [...path, key]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = pathOfKeyAt(item, offset, [...path, index]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Attaches the line of the nearest node that exists on the problem's path. */
function withLine(problem: DeclarationProblem, document: Document, lineCounter: LineCounter): DeclarationProblem {
  const line = lineOfPath(document, lineCounter, problem.path);
  return line === undefined ? problem : { ...problem, line };
}
