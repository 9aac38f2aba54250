import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { readTokenArgument } from './token-argument';
import type { Token } from '../evaluate/token';
import { explainToken, type ExplainMatch } from '../explain/explain';
import { nearestMisses, type NearMiss } from '../explain/nearest-miss';

function describe(match: ExplainMatch): string {
  const reaches = match.reaches.map((reach) => `    ${reach.role ?? (reach.actions ?? []).join(', ')} on ${reach.resources.join(', ')}`);
  return [`${match.cloud} ${match.account} ${match.workload}: accepted by ${match.via}`, `  because ${match.reason}`, '  reaches:', ...reaches].join('\n');
}

function describeMiss(miss: NearMiss): string {
  return [`  ${miss.cloud} ${miss.account} ${miss.workload}: ${miss.via}`, ...miss.failed.map((failure) => `    - ${failure}`)].join('\n');
}

/**
 * `explain FILE --token TOKEN [--issuer URL]`: everywhere the token is accepted, and why (SPEC §6); when nowhere,
 * the places that came closest and what failed there.
 */
export function explainCommand(
  file: string,
  tokenArgument: string,
  issuer: string | undefined,
  format: 'text' | 'json',
  optionsFile: string | undefined,
  io: Io,
): number {
  const claims = readTokenArgument(tokenArgument);
  const token: Token = { claims, ...(issuer ? { issuer } : {}) };
  const { plan } = compileFile(file, readOptionsFile(optionsFile).compileOptions);
  const matches = explainToken(plan, token);
  const misses = matches.length === 0 ? nearestMisses(plan, token) : [];
  if (format === 'json') {
    io.out(`${JSON.stringify({ matches, ...(matches.length === 0 ? { nearestMisses: misses } : {}) }, null, 2)}\n`);
  } else if (matches.length === 0) {
    io.out('no role, pool member or managed identity accepts this token\n');
    if (misses.length > 0) io.out(`closest:\n${misses.map(describeMiss).join('\n')}\n`);
  } else {
    io.out(`${matches.map(describe).join('\n')}\n`);
  }
  return EXIT.ok;
}
