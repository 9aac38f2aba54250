import type { FindingLocation } from './findings-sarif';
import { markdownCell } from './markdown-cell';
import type { Finding } from '../rules/rule';

function severityCell(finding: Finding): string {
  if (finding.acknowledged !== undefined) return `${finding.severity} (acknowledged: ${markdownCell(finding.acknowledged)})`;
  return finding.severity === 'error' ? '**error**' : finding.severity;
}

function whereCell(finding: Finding, location: FindingLocation): string {
  const file = location.line !== undefined ? `${location.uri}:${location.line}` : location.uri;
  const account = [finding.account, finding.resource].filter(Boolean).join(' ');
  return markdownCell(`${file} ${finding.path}${account ? ` (${account})` : ''}`);
}

/**
 * Findings as a pull-request comment: a heading with the summary, then one table row per finding (severity, rule,
 * file:line and path, message, fix). Nothing in a cell renders as HTML.
 */
export function findingsMarkdown(
  heading: string,
  summary: string,
  findings: readonly Finding[],
  locate: (finding: Finding) => FindingLocation,
): string {
  const lines = [`## ${markdownCell(heading)}`, '', markdownCell(summary), ''];
  if (findings.length === 0) return `${[...lines, 'No findings.'].join('\n')}\n`;
  lines.push('| severity | rule | where | finding | fix |', '|---|---|---|---|---|');
  for (const finding of findings) {
    lines.push(`| ${severityCell(finding)} | ${finding.rule} | ${whereCell(finding, locate(finding))} | ${markdownCell(finding.message)} | ${markdownCell(finding.fix)} |`);
  }
  return `${lines.join('\n')}\n`;
}
