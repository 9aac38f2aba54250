import { EXIT, type Io } from './io';
import { RULES } from '../rules/catalogue';
import type { RuleInfo } from '../rules/rule';
import { rulesMarkdown } from '../rules/rules-markdown';

export type RulesFormat = 'text' | 'json' | 'markdown';

/** One line per rule, columns aligned: id, severity, title, and whether a workload may acknowledge it. */
function text(rules: readonly RuleInfo[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  return rules
    .map((rule) => `${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd('warning'.length)}  ${rule.title}${rule.acknowledgeable ? ' (acknowledgeable)' : ''}\n`)
    .join('');
}

/** The SPEC §6 machine-readable form: the rule objects without their check functions. */
function json(rules: readonly RuleInfo[]): string {
  const listed = rules.map(({ id, severity, title, explanation, fix, references, acknowledgeable, owaspNhi }) => ({
    id,
    severity,
    title,
    explanation,
    fix,
    references,
    acknowledgeable,
    owaspNhi,
  }));
  return `${JSON.stringify({ rules: listed }, null, 2)}\n`;
}

/** `workload-iam rules`: lists the catalogue. */
export function rulesCommand(format: RulesFormat, io: Io): number {
  io.out(format === 'json' ? json(RULES) : format === 'markdown' ? rulesMarkdown(RULES) : text(RULES));
  return EXIT.ok;
}
