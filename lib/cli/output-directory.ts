import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { DeclarationError } from '../declaration/errors';

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name exists',
  ENOSPC: 'no space left on the device',
};

const refuse = (message: string) => new DeclarationError([{ path: ['--out'], message }]);
const reasonOf = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? (code || String(error));
};

/** What is at `path`: a directory, something else, or nothing yet. */
function kindOf(path: string): 'directory' | 'other' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw refuse(`cannot use ${path}: ${reasonOf(error)}`);
  }
}

/**
 * Makes sure `out` (and each of `subdirectories` in it) is, or can become, a writable directory, and creates it.
 * Called before anything is written, so a bad --out leaves nothing half-written.
 */
export function prepareOutputDirectory(out: string, subdirectories: readonly string[]): void {
  for (const path of [out, ...subdirectories]) {
    if (kindOf(path) === 'other') throw refuse(`${path} is a file, not a directory`);
  }
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw refuse(`cannot write to ${out}: ${reasonOf(error)}`);
  }
}

/** Runs a write into the output directory; a failure of the file system is a --out problem, not a stack trace. */
export function writingTo<T>(out: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw refuse(`cannot write to ${out}: ${reasonOf(error)}`);
  }
}
