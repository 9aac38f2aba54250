import { OWASP_NHI_TOP_10, OWASP_NHI_TOP_10_URL } from './owasp-nhi';
import type { RuleInfo } from './rule';

/**
 * Escapes what Markdown would otherwise read as markup in catalogue prose: `*` (emphasis; the prose is full of
 * wildcards), `<…>` (HTML tags such as `<issuer>`), brackets, table pipes, and underscores at word edges (GFM never
 * reads an underscore inside a word, such as `ref_type`, as emphasis). Code spans are left as written.
 */
function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[\\*<>[\]|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&')))
    .join('');
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** `NHI6 Insecure Cloud Deployment Configurations, NHI8 Environment Isolation`. */
const nhiRisks = (rule: RuleInfo) => rule.owaspNhi.map((risk) => `${risk} ${OWASP_NHI_TOP_10[risk]}`).join(', ');

/**
 * A rule's help in Markdown: title, severity, OWASP NHI risks, explanation, fix and references. RULES.md and the
 * SARIF rule help of `validate` / `scan` both show this, so a field added to the rules is added here once.
 */
export function ruleHelpMarkdown(rule: RuleInfo): string {
  const lines = [
    `**${inline(rule.title)}**`,
    '',
    `Severity: ${rule.severity} · Acknowledgeable: ${yesNo(rule.acknowledgeable)} · OWASP NHI Top 10: ${nhiRisks(rule)}`,
    '',
    inline(rule.explanation),
    '',
    `**Fix:** ${inline(rule.fix)}`,
  ];
  if (rule.references.length > 0) lines.push('', '**References:**', '', ...rule.references.map((url) => `- <${url}>`));
  return lines.join('\n');
}

function section(rule: RuleInfo): string {
  return `## ${rule.id}\n\n${ruleHelpMarkdown(rule)}`;
}

/**
 * The catalogue as Markdown (RULES.md): a summary table, then one section per rule with its explanation, fix and
 * references, in the order given (the catalogue's is by id). Pure and deterministic, so CI can regenerate the file
 * and fail when the committed one is stale.
 */
export function rulesMarkdown(rules: readonly RuleInfo[]): string {
  const header = [
    '# Rules',
    '',
    '<!-- Generated from lib/rules/catalogue by `workload-iam rules --format markdown`; do not edit by hand. -->',
    '',
    'workload-iam checks every Plan before any engine renders it, and `workload-iam scan` applies the same rules to',
    'trust written by anyone. An error refuses synthesis; a warning is reported. The severity listed is the rule\'s;',
    'some rules report a lesser case as a warning (read-only access, a justified escape hatch, a missing rather than',
    'a multiple audience). A workload may acknowledge an acknowledgeable rule with a reason',
    '(`acknowledge: [{ rule, reason }]`): its findings then block nothing and the reason is recorded in the manifest.',
    'A finding of `workload-iam scan` is acknowledged on its own, in a file passed with `--acknowledge`',
    '(`acknowledge: [{ rule, path, reason }]`), and reported as acknowledged.',
    `Each rule names the [OWASP Non-Human Identities Top 10](${OWASP_NHI_TOP_10_URL}) risks it guards against.`,
    '',
    '| Rule | Severity | Acknowledgeable | OWASP NHI | Title |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(
      (rule) => `| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${yesNo(rule.acknowledgeable)} | ${rule.owaspNhi.join(', ')} | ${inline(rule.title)} |`,
    ),
  ];
  return `${[header.join('\n'), ...rules.map(section)].join('\n\n')}\n`;
}
