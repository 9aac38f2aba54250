import { readFileSync } from 'node:fs';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { DeclarationError } from '../declaration/errors';
import type { Token } from '../evaluate/token';
import { explainToken, type ExplainMatch } from '../explain/explain';

/** The claims of a token file: a JSON object of claims, or a compact JWT whose payload is decoded (not verified). */
function readClaims(file: string): Record<string, unknown> {
  const refuse = (message: string) => new DeclarationError([{ path: ['--token'], message: `${file}: ${message}` }]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw refuse(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const jwt = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(text);
  const json = jwt ? Buffer.from(jwt[1], 'base64url').toString('utf8') : text;
  let claims: unknown;
  try {
    claims = JSON.parse(json);
  } catch {
    throw refuse('is neither a JSON object of claims nor a JWT');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw refuse('must be a JSON object of claims');
  return claims as Record<string, unknown>;
}

function describe(match: ExplainMatch): string {
  const reaches = match.reaches.map((reach) => `    ${reach.role ?? (reach.actions ?? []).join(', ')} on ${reach.resources.join(', ')}`);
  return [`${match.cloud} ${match.account} ${match.workload}: accepted by ${match.via}`, `  because ${match.reason}`, '  reaches:', ...reaches].join('\n');
}

/** `explain FILE --token CLAIMS.json [--issuer URL]`: everywhere the token is accepted, and why (SPEC §6). */
export function explainCommand(file: string, tokenFile: string, issuer: string | undefined, format: 'text' | 'json', io: Io): number {
  const claims = readClaims(tokenFile);
  const token: Token = { claims, ...(issuer ? { issuer } : {}) };
  const { plan } = compileFile(file);
  const matches = explainToken(plan, token);
  if (format === 'json') {
    io.out(`${JSON.stringify({ matches }, null, 2)}\n`);
  } else if (matches.length === 0) {
    io.out('no role, pool member or managed identity accepts this token\n');
  } else {
    io.out(`${matches.map(describe).join('\n')}\n`);
  }
  return EXIT.ok;
}
