import { accessSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DeclarationError } from '../declaration/errors';

/**
 * Refuses, before anything is compiled or written, an `--out` that cannot become a writable directory: an existing
 * file, a path under a file, or a directory this process may not write to; and an engine's directory in it
 * (`subdirectories`) that is a file, which is not the engine's to replace.
 */
export function checkOutputDirectory(out: string, subdirectories: readonly string[] = []): void {
  for (const subdirectory of subdirectories) {
    if (existsSync(subdirectory) && !statSync(subdirectory).isDirectory()) throw outProblem(`${subdirectory} is a file, not a directory`);
  }
  let existing = resolve(out);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw outProblem(existing === resolve(out) ? `${out} is a file, not a directory` : `${existing} is a file, so ${out} cannot be created under it`);
  }
  try {
    // Creating an entry in a directory needs both write and search permission on it.
    accessSync(existing, constants.W_OK);
    accessSync(existing, constants.X_OK);
  } catch {
    throw outProblem(`${existing} is not writable (permission denied)`);
  }
}

/**
 * Runs `write` into a fresh directory inside `out`, then moves what it wrote into place, replacing the previous
 * run's files of the same names. All rendering happens before the first move, so a failed run leaves the previous
 * output as it was and, if `out` was created for this run, no directory at all.
 */
export async function writeStaged<T>(out: string, write: (dir: string) => T | Promise<T>): Promise<T> {
  checkOutputDirectory(out);
  let created: string | undefined;
  let staging: string | undefined;
  try {
    created = mkdirSync(out, { recursive: true });
    staging = mkdtempSync(join(out, '.workload-iam-synth-'));
    const result = await write(staging);
    for (const entry of readdirSync(staging).sort()) {
      const staged = join(staging, entry);
      const target = join(out, entry);
      // rename replaces a file in one step, but not a directory: the previous one is removed first.
      if (existsSync(target) && (lstatSync(target).isDirectory() || lstatSync(staged).isDirectory())) {
        rmSync(target, { recursive: true, force: true });
      }
      renameSync(staged, target);
    }
    return result;
  } catch (error) {
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw isSystemError(error) ? outProblem(systemErrorText(error, staging, out)) : error;
  } finally {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
  }
}

function outProblem(message: string): DeclarationError {
  return new DeclarationError([{ path: ['--out'], message }]);
}

/** A failed system call (it names one). Not `instanceof Error`: Node's errors may come from another realm. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string';
}

/** `cannot write OUT/aws-cdk: no space left on device`: Node's own description, naming the path as the user sees it. */
function systemErrorText(error: NodeJS.ErrnoException, staging: string | undefined, out: string): string {
  const reason = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message)?.[1] ?? error.code!;
  const inStaging = staging !== undefined && error.path?.startsWith(staging);
  const path = error.path === undefined ? out : inStaging ? join(out, error.path.slice(staging!.length)) : error.path;
  return `cannot write ${path}: ${reason}`;
}
