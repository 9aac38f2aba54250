import { execFileSync } from 'node:child_process';
import { dirname, relative, resolve, sep } from 'node:path';
import { DeclarationError } from '../declaration/errors';
import { INPUT_LIMITS } from '../input/limits';

/** One commit that changed a file: who, when, and the path the file had in it (files move). */
export interface FileCommit {
  readonly commit: string;
  /** Committer-independent author date, ISO 8601. */
  readonly date: string;
  readonly author: string;
  readonly path: string;
  /** The file was deleted by this commit. */
  readonly deleted: boolean;
}

/** A file in a git work tree: the repository root and the path from it. */
export interface GitFile {
  readonly root: string;
  readonly path: string;
}

function git(cwd: string, args: readonly string[], argument: string): Buffer {
  try {
    return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
      cwd, // Room for a file at the input limit (refused later, with its own message) and for a long history.
      maxBuffer: INPUT_LIMITS.bytes * 4,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the git command is not installed' : stderr || String(error);
    throw new DeclarationError([{ path: [argument], message: reason }]);
  }
}

/** Where `file` is in its git repository; a file outside one is a problem of `argument`. */
export function gitFileOf(file: string, argument = '<file>'): GitFile {
  const absolute = resolve(file);
  const root = git(dirname(absolute), ['rev-parse', '--show-toplevel'], argument).toString().trim();
  return { root, path: relative(root, absolute).split(sep).join('/') };
}

/** Every commit of HEAD's history that changed the file, newest first, following renames. */
export function fileHistory(file: GitFile, argument = '<file>'): FileCommit[] {
  const output = git(file.root, ['log', '--follow', '-z', '--name-status', '--format=%x1e%H%x00%aI%x00%an', '--', file.path], argument).toString();
  return output
    .split('\x1e')
    .filter((record) => record !== '')
    .map((record) => {
      const [commit, date, author, status, ...paths] = record.split('\0');
      const named = paths.filter((path) => path !== '');
      // A merge that changed the file lists no status of its own.
      return { commit, date, author, path: named[named.length - 1] ?? file.path, deleted: (status ?? '').trim().startsWith('D') };
    });
}

/** The commit `revision` names: a revision git knows, else the last commit of HEAD made at or before it as a date. */
export function resolveRevision(root: string, revision: string, argument = '--at'): string {
  if (revision.startsWith('-')) throw new DeclarationError([{ path: [argument], message: `${JSON.stringify(revision)} is not a revision or a date` }]);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], argument).toString().trim();
  } catch {
    // git reads almost any text as a date (a typo as "now"): only a date JavaScript can read counts as one.
    if (Number.isNaN(Date.parse(revision))) throw new DeclarationError([{ path: [argument], message: `${JSON.stringify(revision)} is neither a revision of this repository nor a date` }]);
    const byDate = git(root, ['rev-list', '-1', `--before=${revision}`, 'HEAD'], argument).toString().trim();
    if (byDate === '') throw new DeclarationError([{ path: [argument], message: `${JSON.stringify(revision)} names no commit, and no commit of HEAD is that old` }]);
    return byDate;
  }
}

/** The file's bytes at a commit (the path it had there). */
export function fileAt(root: string, commit: string, path: string, argument = '--at'): Buffer {
  return git(root, ['show', `${commit}:${path}`], argument);
}

/** The commits reachable from `commit`, to tell which of a file's commits came before it. */
function ancestorsOf(root: string, commit: string, argument: string): Set<string> {
  return new Set(git(root, ['rev-list', commit], argument).toString().split('\n').filter(Boolean));
}

/**
 * The file's bytes as of `revision`: at its current path when the revision has it, else at the path it had before a
 * rename (the last commit of its followed history that the revision contains).
 */
export function fileAtRevision(file: GitFile, revision: string, argument = '--at'): Buffer {
  const commit = resolveRevision(file.root, revision, argument);
  try {
    return fileAt(file.root, commit, file.path, argument);
  } catch {
    const ancestors = ancestorsOf(file.root, commit, argument);
    const last = fileHistory(file, argument).find((change) => ancestors.has(change.commit));
    if (last === undefined || last.deleted) throw new DeclarationError([{ path: [argument], message: `${file.path} does not exist at ${revision}` }]);
    return fileAt(file.root, last.commit, last.path, argument);
  }
}
