import { CHANGE_CLASSES, type Change, type ChangeClass } from './change';
import { markdownCell as cell } from '../report/markdown-cell';

export type DiffFormat = 'text' | 'json' | 'markdown';

function counts(changes: readonly Change[]): Record<ChangeClass, number> {
  return Object.fromEntries(CHANGE_CLASSES.map((c) => [c, changes.filter((change) => change.class === c).length])) as Record<ChangeClass, number>;
}

const summaryOf = (changes: readonly Change[]) => {
  const count = counts(changes);
  return `${changes.length} change${changes.length === 1 ? '' : 's'}: ${CHANGE_CLASSES.map((c) => `${count[c]} ${c}`).join(', ')}`;
};

/** Changes grouped by workload (account-level changes first), then account; order within a group is kept. */
function groups(changes: readonly Change[]): { workload: string | undefined; accounts: { account: string | undefined; changes: Change[] }[] }[] {
  const byWorkload = new Map<string, Map<string, Change[]>>();
  for (const change of changes) {
    const accounts = byWorkload.get(change.workload ?? '') ?? new Map<string, Change[]>();
    byWorkload.set(change.workload ?? '', accounts);
    accounts.set(change.account ?? '', [...(accounts.get(change.account ?? '') ?? []), change]);
  }
  return [...byWorkload].map(([workload, accounts]) => ({
    workload: workload === '' ? undefined : workload,
    accounts: [...accounts].map(([account, list]) => ({ account: account === '' ? undefined : account, changes: list })),
  }));
}

const identitiesOf = (change: Change) => (change.identities && change.identities.length > 0 ? ` [${change.identities.join(', ')}]` : '');

function text(changes: readonly Change[]): string {
  if (changes.length === 0) return 'no change to trust or permissions\n';
  const lines: string[] = [];
  for (const group of groups(changes)) {
    lines.push(group.workload ?? '(accounts)');
    for (const { account, changes: list } of group.accounts) {
      lines.push(`  ${account ?? '(workload)'}`);
      for (const change of list) lines.push(`    ${change.class.padEnd(8)} ${change.aspect}: ${change.message}${identitiesOf(change)}`);
    }
  }
  lines.push(summaryOf(changes));
  return `${lines.join('\n')}\n`;
}

function markdown(changes: readonly Change[]): string {
  const count = counts(changes);
  const lines = ['## workload-iam diff', ''];
  if (changes.length === 0) return `${[...lines, 'No change to trust or permissions.'].join('\n')}\n`;
  lines.push(`**${count.widened} widened**, ${count.narrowed} narrowed, ${count.changed} changed`, '');
  for (const group of groups(changes)) {
    lines.push(group.workload === undefined ? '### Accounts' : `### ${cell(group.workload)}`, '', '| class | account | aspect | change | identities |', '|---|---|---|---|---|');
    for (const { account, changes: list } of group.accounts) {
      for (const change of list) {
        const classCell = change.class === 'widened' ? '**widened**' : change.class;
        lines.push(`| ${classCell} | ${cell(account ?? '')} | ${change.aspect} | ${cell(change.message)} | ${cell((change.identities ?? []).join(', '))} |`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** The diff as `text` (grouped lines), `json` (`{ changes, summary }`) or `markdown` (a PR comment). */
export function renderDiff(changes: readonly Change[], format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify({ changes, summary: counts(changes) }, null, 2)}\n`;
  return format === 'markdown' ? markdown(changes) : text(changes);
}
