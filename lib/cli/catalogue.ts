import { EXIT, type Io } from './io';
import { catalogueEntries, type CatalogueEntry, type CatalogueLevel } from '../catalogue/catalogue-entries';
import { catalogueMarkdown } from '../catalogue/catalogue-markdown';

export type CatalogueFormat = 'text' | 'json' | 'markdown';

function grantLine(level: CatalogueLevel): string {
  if (level.statements) return [...new Set(level.statements.flatMap((statement) => statement.actions))].sort().join(', ');
  return level.roleId ? `${level.role} (${level.roleId})` : level.role ?? '';
}

/** Per type a line with its key, cloud and identifier form, then one indented line per access level. */
function text(entries: readonly CatalogueEntry[]): string {
  const levelWidth = Math.max(...entries.flatMap((entry) => entry.levels.map((level) => level.level.length)));
  return entries
    .map((entry) => {
      const levels = entry.levels.map((level) => `  ${level.level.padEnd(levelWidth)}  ${level.writes ? 'writes' : 'reads '}  ${grantLine(level)}\n`);
      return `${entry.key} (${entry.cloud})  ${entry.form}\n${levels.length > 0 ? levels.join('') : '  (no access level: actions with a justification)\n'}`;
    })
    .join('');
}

/** `workload-iam catalogue`: lists every resource type, its access levels and what each grants. */
export function catalogueCommand(format: CatalogueFormat, io: Io): number {
  const entries = catalogueEntries();
  io.out(format === 'json' ? `${JSON.stringify({ resourceTypes: entries }, null, 2)}\n` : format === 'markdown' ? catalogueMarkdown(entries) : text(entries));
  return EXIT.ok;
}
