import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isGithubWorkflow } from './github-workflow';
import type { ScanProblem } from './reading';

/** Extensions of files that may hold CloudFormation templates or Terraform (`*.tf.json` ends in `.json`). */
const EXTENSIONS = ['.json', '.yaml', '.yml', '.template', '.tf'];

/** Directories that never hold the user's own templates or CI configuration (`.github` holds the workflows). */
const skipped = (name: string) => name === 'node_modules' || (name.startsWith('.') && name !== '.github');

/** PATH itself cannot be read: nothing can be scanned. */
export class ScanPathError extends Error {}

/** A file to scan, with the path findings show: relative to the scanned directory, `/`-separated. */
export interface ScanFile {
  readonly absolute: string;
  readonly shown: string;
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
};

const reason = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return READ_ERRORS[code] ?? (code || String(error));
};

function walk(directory: string, unreadable: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    unreadable.push(directory);
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return skipped(entry.name) ? [] : walk(path, unreadable);
      return entry.isFile() && EXTENSIONS.some((extension) => entry.name.endsWith(extension)) ? [path] : [];
    });
}

/**
 * The files under PATH: PATH itself when it is a file (whatever its extension), else every candidate file below
 * it, in a stable order, outside `node_modules` and dot-directories (but for the workflows of `.github/workflows/`). Symbolic links inside a directory are not
 * followed, so a link cannot make the walk loop.
 */
export function filesToScan(root: string): { files: ScanFile[]; problems: ScanProblem[] } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (error) {
    throw new ScanPathError(`cannot read: ${reason(error)}`);
  }
  if (!isDirectory) return { files: [{ absolute: root, shown: basename(root) }], problems: [] };
  const unreadable: string[] = [];
  const shown = (absolute: string) => relative(root, absolute).split(sep).join('/');
  const files = walk(root, unreadable)
    .map((absolute) => ({ absolute, shown: shown(absolute) }))
    // Of `.github`, only the workflows are the user's CI configuration.
    .filter((file) => !file.shown.split('/').includes('.github') || isGithubWorkflow(file.shown));
  return { files, problems: unreadable.map((directory) => ({ path: `${shown(directory) || '.'}/`, message: 'cannot read this directory' })) };
}
