import { fileAtRevision, gitFileOf } from './git-file';
import { EXIT, type Io } from './io';
import { manifestOfBytes, readManifest } from './manifest-input';
import { DeclarationError } from '../declaration/errors';
import { nearMatches } from '../manifest/near-matches';
import { undeclaredAccess, whatCanReach, whoCanReach, type Reach, type UndeclaredAccess } from '../manifest/queries';
import { identityFormProblem, manifestResources, manifestSelectors, resourceFormProblem } from '../manifest/query-arguments';

/**
 * `who-can-reach` / `what-can-reach`: answered from a manifest.json, or from a declaration compiled on the fly. The
 * argument's form is checked first; when nothing matches, the nearest resources, labels or workloads are suggested.
 */
export function queryCommand(
  by: 'resource' | 'identity',
  file: string,
  subject: string,
  format: 'text' | 'json',
  optionsFile: string | undefined,
  io: Io,
  at?: string,
): number {
  const argument = by === 'resource' ? '<resource>' : '<identity>';
  const problem = by === 'resource' ? resourceFormProblem(subject) : identityFormProblem(subject);
  if (problem) throw new DeclarationError([{ path: [argument], message: problem }]);
  // `--at`: the file as a git revision (or the last commit at a date) holds it, following renames.
  const manifest = at === undefined ? readManifest(file, optionsFile) : manifestOfBytes(fileAtRevision(gitFileOf(file), at), `${file}@${at}`, optionsFile);
  const reaches = by === 'resource' ? whoCanReach(manifest, subject) : whatCanReach(manifest, subject);
  const undeclared = by === 'identity' ? undeclaredAccess(manifest, subject) : [];
  const found = reaches.length > 0 || undeclared.length > 0;
  const suggestions = found ? [] : nearMatches(subject, by === 'resource' ? manifestResources(manifest) : manifestSelectors(manifest));
  if (format === 'json') {
    io.out(`${JSON.stringify({ reaches, ...(by === 'identity' ? { grantedOutsideDeclaration: undeclared } : {}), ...(found ? {} : { didYouMean: suggestions }) }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (reaches.length === 0 && undeclared.length === 0) {
    io.out(`nothing ${by === 'resource' ? `can reach ${subject}` : `is reachable by ${subject}`}\n`);
    if (suggestions.length > 0) io.out(`did you mean: ${suggestions.join(', ')}?\n`);
  }
  io.out(reaches.map(describe).join(''));
  io.out(undeclared.map(describeUndeclared).join(''));
  return EXIT.ok;
}

function describeUndeclared(access: UndeclaredAccess): string {
  return `${access.workload} (${access.cloud} ${access.account}) ${access.identities.join(', ')} → ${access.principal}: no permissions declared; what it is granted outside the declaration (e.g. CDK grants) is not in the manifest\n`;
}

function describe(reach: Reach): string {
  return `${reach.workload} (${reach.cloud} ${reach.account}) ${reach.identities.join(', ')} as ${reach.principal} → ${reach.resource}: ${reach.access.join(', ')}\n`;
}
