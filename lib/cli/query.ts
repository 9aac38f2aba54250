import { readFileSync } from 'node:fs';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { DeclarationError } from '../declaration/errors';
import { checkDataDepth, decodeInput, InputLimitError } from '../input/limits';
import { MANIFEST_VERSION, type Manifest } from '../manifest/manifest';
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
): number {
  const argument = by === 'resource' ? '<resource>' : '<identity>';
  const problem = by === 'resource' ? resourceFormProblem(subject) : identityFormProblem(subject);
  if (problem) throw new DeclarationError([{ path: [argument], message: problem }]);
  const manifest = readManifest(file, optionsFile);
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

/**
 * A manifest.json as synth writes it (checked for the parts the queries read), else a declaration to compile with the
 * `--options` file's compile options (a manifest is compiled already: options with one are refused).
 */
function readManifest(file: string, optionsFile: string | undefined): Manifest {
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeInput(readFileSync(file)));
      checkDataDepth(parsed);
    } catch (error) {
      if (error instanceof InputLimitError) throw new DeclarationError([{ path: ['<file>'], message: `${file}: ${error.message}` }]);
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && (parsed as Manifest).manifestVersion === MANIFEST_VERSION) {
      if (!readableManifest(parsed)) throw new DeclarationError([{ path: ['<file>'], message: `${file}: not a complete workload-iam manifest; write it again with workload-iam synth` }]);
      if (optionsFile !== undefined) throw new DeclarationError([{ path: ['--options'], message: `${file} is a manifest, compiled already: pass --options to synth instead` }]);
      return parsed;
    }
  }
  return compileFile(file, readOptionsFile(optionsFile).compileOptions).manifest;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The manifest fields the queries read have their types: a hand-edited or truncated file must not crash them. */
function readableManifest(value: object): value is Manifest {
  const { workloads } = value as { workloads?: unknown };
  if (!isObject(workloads)) return false;
  return Object.values(workloads).every(
    (workload) =>
      isObject(workload) &&
      Array.isArray(workload.identities) &&
      workload.identities.every((identity) => isObject(identity) && typeof identity.index === 'number' && typeof identity.label === 'string') &&
      isObject(workload.access) &&
      Object.values(workload.access).every(
        (access) =>
          isObject(access) &&
          ['aws', 'gcp', 'azure'].includes(access.cloud as string) &&
          Array.isArray(access.trust) &&
          access.trust.every((trust) => isObject(trust) && Array.isArray(trust.identities) && trust.identities.every((i) => typeof i === 'number')) &&
          Array.isArray(access.permissions) &&
          access.permissions.every(
            (permission) =>
              isObject(permission) &&
              isStringList(permission.resources) &&
              (isStringList(permission.actions) || typeof permission.role === 'string' || typeof permission.roleName === 'string' || typeof permission.roleDefinitionId === 'string'),
          ),
      ),
  );
}
