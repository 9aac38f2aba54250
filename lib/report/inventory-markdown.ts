import type { Inventory, InventoryWorkload } from './inventory';
import { inventoryGraph, type InventoryGraph } from './inventory-graph';
import { markdownCell } from './markdown-cell';

/** Mermaid label text: quotes and angle brackets as Mermaid entities, so no label breaks the diagram or renders as HTML. */
function mermaidLabel(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\r?\n/g, ' ');
}

/** A Mermaid flowchart, left to right; node ids are positions in the (deterministic) node list. */
export function mermaidDiagram(graph: InventoryGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const shape = { workload: ['[', ']'], identity: ['([', '])'], account: ['[[', ']]'], resource: ['[/', '/]'] } as const;
  const lines = ['```mermaid', 'flowchart LR'];
  for (const node of graph.nodes) {
    const [open, close] = shape[node.kind];
    lines.push(`  ${ids.get(node.id)}${open}"${mermaidLabel(node.label)}"${close}`);
  }
  for (const edge of graph.edges) {
    const label = edge.label !== undefined ? `|"${mermaidLabel(edge.label)}"|` : '';
    lines.push(`  ${ids.get(edge.from)} -->${label} ${ids.get(edge.to)}`);
  }
  lines.push('```');
  return lines.join('\n');
}

const list = (items: readonly string[]) => (items.length > 0 ? items.map(markdownCell).join(', ') : '—');

function workloadSection(workload: InventoryWorkload): string {
  const lines = [`### ${markdownCell(workload.name)}`, ''];
  if (workload.description) lines.push(markdownCell(workload.description), '');
  lines.push(
    '| | |',
    '|---|---|',
    `| identities | ${list(workload.identities)} |`,
    `| clouds | ${list(workload.clouds)} |`,
    `| accounts | ${list(workload.accounts.map((account) => `${account.key} (${account.name}) as ${account.principal}`))} |`,
    '',
  );
  if (workload.grants.length > 0) {
    lines.push('| account | resource | access | justification |', '|---|---|---|---|');
    for (const grant of workload.grants) {
      lines.push(`| ${markdownCell(grant.account)} | ${markdownCell(grant.resource)} | ${markdownCell(grant.access)} | ${markdownCell(grant.justification ?? '')} |`);
    }
    lines.push('');
  }
  for (const acknowledgement of workload.acknowledgements) lines.push(`- acknowledges ${acknowledgement.rule}: ${markdownCell(acknowledgement.reason)}`);
  for (const finding of workload.findings) {
    const status = finding.acknowledged !== undefined ? ' (acknowledged)' : '';
    lines.push(`- ${finding.severity} ${finding.rule}${status}: ${markdownCell(finding.message)}`);
  }
  if (workload.acknowledgements.length + workload.findings.length > 0) lines.push('');
  return lines.join('\n');
}

/** The inventory as Markdown: totals, a Mermaid diagram, then each group of workloads with one section per workload. */
export function inventoryMarkdown(inventory: Inventory): string {
  const identities = inventory.workloads.reduce((count, workload) => count + workload.identities.length, 0);
  const sections = [
    '# workload-iam inventory',
    '',
    `${inventory.workloads.length} workloads, ${Object.keys(inventory.accounts).length} accounts, ${identities} identities.`,
    '',
    '## Diagram',
    '',
    mermaidDiagram(inventoryGraph(inventory.workloads)),
    '',
  ];
  for (const group of inventory.groups) {
    sections.push(`## ${markdownCell(group.title)}`, '', ...group.workloads.map(workloadSection));
  }
  return `${sections.join('\n')}\n`;
}
