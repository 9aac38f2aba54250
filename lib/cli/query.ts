import { readFileSync } from 'node:fs';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { DeclarationError } from '../declaration/errors';
import { MANIFEST_VERSION, type Manifest } from '../manifest/manifest';
import { nearIdentities, nearResources } from '../manifest/near-matches';
import { whatCanReach, whoCanReach, type Reach } from '../manifest/queries';
import { identityFormProblem, resourceFormProblem } from '../manifest/query-subjects';

/**
 * `who-can-reach` / `what-can-reach`: answered from a manifest.json, or from a declaration compiled on the fly. An
 * argument of no recognised form is a usage error; one that reaches nothing comes with the manifest's near matches.
 */
export function queryCommand(by: 'resource' | 'identity', file: string, subject: string, format: 'text' | 'json', io: Io): number {
  const problem = by === 'resource' ? resourceFormProblem(subject) : identityFormProblem(subject);
  if (problem) throw new DeclarationError([{ path: [`<${by}>`], message: problem }]);
  const manifest = readManifest(file);
  const reaches = by === 'resource' ? whoCanReach(manifest, subject) : whatCanReach(manifest, subject);
  const didYouMean = reaches.length > 0 ? [] : by === 'resource' ? nearResources(manifest, subject) : nearIdentities(manifest, subject);
  if (format === 'json') {
    io.out(`${JSON.stringify({ reaches, didYouMean }, null, 2)}\n`);
  } else if (reaches.length === 0) {
    const suggestion = didYouMean.length > 0 ? `; did you mean ${didYouMean.join(' or ')}?` : '';
    io.out(`nothing ${by === 'resource' ? `can reach ${subject}` : `is reachable by ${subject}`}${suggestion}\n`);
  } else {
    io.out(reaches.map(describe).join(''));
  }
  return EXIT.ok;
}

function describe(reach: Reach): string {
  return `${reach.workload} (${reach.cloud} ${reach.account}) ${reach.identities.join(', ')} → ${reach.resource}: ${reach.access.join(', ')}\n`;
}

function readManifest(file: string): Manifest {
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && (parsed as Manifest).manifestVersion === MANIFEST_VERSION) {
      return parsed as Manifest;
    }
  }
  return compileFile(file).manifest;
}
