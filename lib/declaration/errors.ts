/** One problem in a declaration: where it is and what is wrong, phrased so the fix is obvious. */
export interface DeclarationProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** What to change, when the message alone does not say it. */
  readonly fix?: string;
  /** The file the problem is in, for a problem of the whole file (it cannot be read, or parsed). */
  readonly file?: string;
  /** 1-based line in the source file, when the declaration came from YAML or JSON text. */
  readonly line?: number;
}

/** The CLI's positional arguments, named in problems as `--help` names them. */
const CLI_ARGUMENTS = ['<file>', '<resource>', '<identity>', '<old>', '<new>', '<workload>'];

/** Renders `workloads[2].identities[0].github.repository` from a path. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(declaration)';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      // A command-line option (`--engine`) or argument (`<resource>`) is its own first segment, written as typed.
      if (index === 0 && (/^--[a-z][a-z0-9-]*$/.test(part) || CLI_ARGUMENTS.includes(part))) return part;
      const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part);
      if (!plain) return `[${JSON.stringify(part)}]`;
      return index === 0 ? part : `.${part}`;
    })
    .join('');
}

/** Line breaks written as `\n`, so text quoted from the input (a key, a parser's excerpt) never starts a line of its own. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}

/** `path: message; fix: …`, with the source line when known; always one line. A problem of a whole file names the file. */
export function formatProblem(problem: DeclarationProblem): string {
  const where = problem.line !== undefined ? ` (line ${problem.line})` : '';
  const fix = problem.fix !== undefined ? `; fix: ${problem.fix}` : '';
  const at = problem.path.length === 0 && problem.file !== undefined ? problem.file : formatPath(problem.path);
  return oneLine(`${at}: ${problem.message}${fix}${where}`);
}

/** Thrown for invalid input; its message has one `path: message` line per problem. */
export class DeclarationError extends Error {
  public readonly problems: readonly DeclarationProblem[];

  constructor(problems: readonly DeclarationProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DeclarationError';
    this.problems = problems;
  }
}
