import type { Finding } from '../rules/rule';

/** SPEC §6 machine-readable findings: `{ findings: [ { rule, severity, workload?, resource?, path, message, fix } ] }`. */
export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}

/** One line per finding, errors first-class: `error WIAM-… path (account): message — fix: …`. */
export function findingsText(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const where = [f.account, f.resource].filter(Boolean).join(' ');
      const status = f.acknowledged !== undefined ? ` [acknowledged: ${f.acknowledged}]` : '';
      const line = f.line !== undefined ? ` (line ${f.line})` : '';
      return `${f.severity} ${f.rule} ${f.path}${line}${where ? ` (${where})` : ''}: ${f.message}${status}\n  fix: ${f.fix}\n`;
    })
    .join('');
}

/** `N errors, N warnings, N acknowledged`. */
export function findingsSummary(findings: readonly Finding[]): string {
  const acknowledged = findings.filter((f) => f.acknowledged !== undefined).length;
  const open = findings.filter((f) => f.acknowledged === undefined);
  const errors = open.filter((f) => f.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${open.length - errors} warning${open.length - errors === 1 ? '' : 's'}, ${acknowledged} acknowledged`;
}
