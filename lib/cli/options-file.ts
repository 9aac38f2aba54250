import { z } from 'zod';
import { DeclarationError } from '../declaration/errors';
import { inFile, parseInputText, readInputFile } from '../declaration/load';
import { plainLanguage } from '../declaration/messages';
import { zodProblems } from '../declaration/zod-problems';
import { resolveCompileOptions, type CompileOptions } from '../plan/compile-options';

/** What an `--options` file holds: the compiler's options, and each engine's under its name. */
export interface OptionsFile {
  readonly compileOptions?: CompileOptions;
  readonly engines: Readonly<Record<string, unknown>>;
  /** Runs a check of the file's values, so its problems name the file and line too. */
  check(what: () => void): void;
}

const optionsFile = z.strictObject({
  // Checked in full by the compiler's own schema, so a problem reads the same in the CLI and in a construct.
  compileOptions: z.record(z.string(), z.unknown()).optional(),
  engines: z.record(z.string(), z.unknown()).default({}),
});

/** Reads an `--options` file (YAML or JSON); every problem names the file, the option and its line. */
export function readOptionsFile(file: string | undefined): OptionsFile {
  if (file === undefined) return { engines: {}, check: (what) => what() };
  const text = inOptionsFile(file, () => readInputFile(file));
  const { value, lineOf } = inOptionsFile(file, () =>
    parseInputText(text, (input): Omit<OptionsFile, 'check'> => {
      const parsed = optionsFile.safeParse(input ?? {}, { error: plainLanguage });
      if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error));
      const compileOptions = parsed.data.compileOptions as CompileOptions | undefined;
      resolveCompileOptions(compileOptions);
      return { ...(compileOptions ? { compileOptions } : {}), engines: parsed.data.engines };
    }),
  );
  return { ...value, check: (what) => inOptionsFile(file, what, lineOf) };
}

/** Runs `what`, naming the options file (and the line, when known) in each problem it reports. */
function inOptionsFile<T>(file: string, what: () => T, lineOf?: (path: readonly (string | number)[]) => number | undefined): T {
  try {
    return inFile(file, what);
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    throw new DeclarationError(
      error.problems.map((problem) => {
        const line = problem.line ?? lineOf?.(problem.path);
        return { ...problem, message: `${problem.message} (in --options ${file})`, ...(line !== undefined ? { line } : {}) };
      }),
    );
  }
}
