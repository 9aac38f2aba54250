import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The GitHub repository (`owner/repo`) of the `origin` remote of the repository at `root`, read from its
 * `.git/config`; undefined when there is none, or it is not on github.com.
 */
export function githubRepositoryOf(root: string): string | undefined {
  let config: string;
  try {
    config = readFileSync(join(root, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const origin = /\[remote "origin"\]([^[]*)/.exec(config)?.[1] ?? '';
  const url = /^\s*url\s*=\s*(\S+)\s*$/m.exec(origin)?.[1] ?? '';
  return /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9-]+\/[A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(url)?.[1];
}
