import { packageInfo } from './package-info';
import { findingsMarkdown } from '../report/findings-markdown';
import { findingsSarif, type FindingLocation } from '../report/findings-sarif';
import { RULES } from '../rules/catalogue';
import type { Finding } from '../rules/rule';

/** How `validate` and `scan` print findings. */
export type FindingsFormat = 'text' | 'json' | 'sarif' | 'markdown';

/** The pipeline formats of findings (SARIF for code scanning, Markdown for PR comments), or undefined for the others. */
export function pipelineFindings(
  format: FindingsFormat,
  findings: readonly Finding[],
  locate: (finding: Finding) => FindingLocation,
  markdown: { readonly heading: string; readonly summary: string },
): string | undefined {
  if (format === 'sarif') return findingsSarif(findings, locate, RULES, packageInfo());
  if (format === 'markdown') return findingsMarkdown(markdown.heading, markdown.summary, findings, locate);
  return undefined;
}

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
