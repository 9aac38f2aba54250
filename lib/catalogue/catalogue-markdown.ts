import type { CatalogueEntry, CatalogueLevel, CatalogueStatement } from './catalogue-entries';
import type { Cloud } from './types';

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/** A code span that survives a table cell: `|` would end the cell. Catalogue strings hold no backtick. */
const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
/** Anchors as GitHub derives them from a `### \`key\`` heading. */
const anchor = (key: string) => `#${key.toLowerCase().replace(/[^a-z0-9 -]/g, '')}`;

function conditionText(statement: CatalogueStatement): string {
  const tests = Object.entries(statement.conditions ?? {}).flatMap(([operator, byKey]) =>
    Object.entries(byKey).map(([key, values]) => `${operator} ${code(key)} ${values.map(code).join(', ')}`),
  );
  return tests.length === 0 ? '' : ` when ${tests.join(' and ')}`;
}

function statementText(statement: CatalogueStatement): string {
  const actions = statement.actions.map(code).join(', ');
  return statement.resources ? `${actions} on ${statement.resources.map(code).join(', ')}${conditionText(statement)}` : actions;
}

function grantText(level: CatalogueLevel): string {
  if (level.statements) return level.statements.map(statementText).join('<br>');
  return level.roleId ? `${level.role} (${code(level.roleId)})` : code(level.role ?? '');
}

function section(entry: CatalogueEntry): string {
  const lines = [`### ${code(entry.key)}`, '', `Identifier: ${code(entry.form)}`];
  if (entry.example !== undefined) lines.push('', `Example: ${code(entry.example)}`);
  if (entry.federatedPrincipals === false) lines.push('', 'Admits no federated principal: grants go through a service account the workload impersonates.');
  if (entry.setup !== undefined) lines.push('', `**Outside IAM:** ${entry.setup}`);
  lines.push('');
  if (entry.levels.length === 0) {
    lines.push('No access level: grant `actions` with a `justification` (an escape hatch, judged by the rules).');
  } else {
    const what = entry.cloud === 'aws' ? (entry.example === undefined ? 'Actions' : 'Statements (on the example)') : 'Role';
    lines.push(`| Level | Writes | ${what} |`, '| --- | --- | --- |', ...entry.levels.map((level) => `| ${code(level.level)} | ${yesNo(level.writes)} | ${grantText(level)} |`));
  }
  return lines.join('\n');
}

/**
 * The resource catalogue as Markdown (CATALOGUE.md): a summary table, then per cloud one section per type with its
 * identifier form, example, what must be set up outside IAM and, per access level, what it grants and whether it
 * writes. Pure and deterministic, so CI regenerates the file and fails when the committed one is stale.
 */
export function catalogueMarkdown(entries: readonly CatalogueEntry[]): string {
  const header = [
    '# Resource catalogue',
    '',
    '<!-- Generated from lib/catalogue by `workload-iam catalogue --format markdown`; do not edit by hand. -->',
    '',
    'A grant names one exact resource by its native identifier and one of its type\'s access levels',
    '(`{ resource: <identifier>, access: <level> }`); the type is recognised from the identifier, which may hold no',
    'wildcard. Each level grants exactly what is listed: AWS actions on the resource (the statements shown are those',
    'of the example identifier), a GCP predefined role bound on it, or an Azure built-in role assigned at it.',
    'A level that writes can change state or act (call, publish, log in); the rules refuse a pull-request identity',
    'on it (WIAM-GH-001). Anything else is an escape hatch (`actions` or `role` with a `justification`).',
    '',
    '| Type | Cloud | Access levels (writing ones marked \\*) |',
    '| --- | --- | --- |',
    ...entries.map((entry) => {
      const levels = entry.levels.map((level) => `${code(level.level)}${level.writes ? '\\*' : ''}`).join(', ');
      return `| [${code(entry.key)}](${anchor(entry.key)}) | ${CLOUD_NAMES[entry.cloud]} | ${levels || 'none'} |`;
    }),
  ];
  const clouds = (['aws', 'gcp', 'azure'] as const).filter((cloud) => entries.some((entry) => entry.cloud === cloud));
  const bodies = clouds.map((cloud) => [`## ${CLOUD_NAMES[cloud]}`, ...entries.filter((entry) => entry.cloud === cloud).map(section)].join('\n\n'));
  return `${[header.join('\n'), ...bodies].join('\n\n')}\n`;
}
