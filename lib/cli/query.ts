import { readFileSync } from 'node:fs';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { MANIFEST_VERSION, type Manifest } from '../manifest/manifest';
import { whatCanReach, whoCanReach, type Reach } from '../manifest/queries';

/** `who-can-reach` / `what-can-reach`: answered from a manifest.json, or from a declaration compiled on the fly. */
export function queryCommand(by: 'resource' | 'identity', file: string, subject: string, format: 'text' | 'json', io: Io): number {
  const manifest = readManifest(file);
  const reaches = by === 'resource' ? whoCanReach(manifest, subject) : whatCanReach(manifest, subject);
  if (format === 'json') {
    io.out(`${JSON.stringify({ reaches }, null, 2)}\n`);
  } else if (reaches.length === 0) {
    io.out(`nothing ${by === 'resource' ? `can reach ${subject}` : `is reachable by ${subject}`}\n`);
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
