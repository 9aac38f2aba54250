import { instance, type Viz } from '@viz-js/viz';
import type { Inventory, InventoryWorkload } from './inventory';
import { inventoryGraph, type InventoryGraph } from './inventory-graph';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dotString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;

const SHAPES = { workload: 'box, style="rounded,filled", fillcolor="#dbe9ff"', identity: 'ellipse', account: 'folder', resource: 'note' } as const;

/**
 * One workload's diagram in Graphviz DOT: element ids are prefixed with the workload's position, so the SVGs of many
 * workloads can share a page, and each node carries its kind as a class (`workload`, `identity`, …).
 */
function dot(graph: InventoryGraph, prefix: string): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `${prefix}-n${index}`]));
  const lines = ['digraph inventory {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const node of graph.nodes) {
    lines.push(`  ${dotString(ids.get(node.id)!)} [id=${dotString(ids.get(node.id)!)}, class=${dotString(node.kind)}, label=${dotString(node.label)}, shape=${SHAPES[node.kind]}];`);
  }
  graph.edges.forEach((edge, index) => {
    const label = edge.label !== undefined ? `, label=${dotString(edge.label)}` : '';
    lines.push(`  ${dotString(ids.get(edge.from)!)} -> ${dotString(ids.get(edge.to)!)} [id=${dotString(`${prefix}-e${index}`)}${label}];`);
  });
  lines.push('}');
  return lines.join('\n');
}

/** The SVG element alone: the XML prolog, doctype and generator comment have no place inside HTML. */
function inlineSvg(viz: Viz, source: string): string {
  const svg = viz.renderString(source, { format: 'svg' });
  return svg.slice(svg.indexOf('<svg'));
}

const list = (items: readonly string[]) => (items.length > 0 ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '<p>—</p>');

function card(viz: Viz, workload: InventoryWorkload, index: number): string {
  const searchable = [workload.name, workload.description ?? '', ...workload.identities, ...workload.accounts.map((a) => `${a.key} ${a.name} ${a.principal}`), ...workload.grants.map((g) => g.resource)]
    .join('\n')
    .toLowerCase();
  const grants = workload.grants.length === 0 ? '<p>No grants declared.</p>' : [
    '<table><thead><tr><th>account</th><th>resource</th><th>access</th><th>justification</th></tr></thead><tbody>',
    ...workload.grants.map((g) => `<tr><td>${escapeHtml(g.account)}</td><td><code>${escapeHtml(g.resource)}</code></td><td>${escapeHtml(g.access)}</td><td>${escapeHtml(g.justification ?? '')}</td></tr>`),
    '</tbody></table>',
  ].join('');
  const notes = [
    ...workload.acknowledgements.map((a) => `acknowledges ${a.rule}: ${a.reason}`),
    ...workload.findings.map((f) => `${f.severity} ${f.rule}${f.acknowledged !== undefined ? ' (acknowledged)' : ''}: ${f.message}`),
  ];
  return [
    `<details class="workload" id="workload-${escapeHtml(workload.name)}" data-search="${escapeHtml(searchable)}">`,
    `<summary><strong>${escapeHtml(workload.name)}</strong>${workload.description ? ` — ${escapeHtml(workload.description)}` : ''} <span class="clouds">${escapeHtml(workload.clouds.join(' '))}</span></summary>`,
    '<div class="body">',
    '<h3>Identities</h3>', list(workload.identities),
    '<h3>Accounts</h3>', list(workload.accounts.map((a) => `${a.key} (${a.name}) as ${a.principal}`)),
    '<h3>Grants</h3>', grants,
    ...(notes.length > 0 ? ['<h3>Acknowledgements and findings</h3>', list(notes)] : []),
    `<div class="diagram">${inlineSvg(viz, dot(inventoryGraph([workload]), `w${index}`))}</div>`,
    '</div>',
    '</details>',
  ].join('\n');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f24; }
header { position: sticky; top: 0; background: #fff; padding: 12px 24px; border-bottom: 1px solid #d0d7de; z-index: 1; }
main { padding: 0 24px 24px; }
input[type=search] { width: min(640px, 100%); font-size: 16px; padding: 6px 10px; }
h2 { margin-top: 24px; font-size: 18px; }
details.workload { border: 1px solid #d0d7de; border-radius: 6px; margin: 6px 0; padding: 6px 10px; }
summary { cursor: pointer; }
.clouds { color: #57606a; font-size: 12px; margin-left: 8px; }
table { border-collapse: collapse; font-size: 13px; }
td, th { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
.diagram svg { max-width: 100%; height: auto; }
`;

// Filters the cards by the search text; a group with no card left is hidden with them.
const SCRIPT = `
(() => {
  const search = document.getElementById('search');
  const count = document.getElementById('count');
  const cards = [...document.querySelectorAll('details.workload')];
  const groups = [...document.querySelectorAll('section.group')];
  const apply = () => {
    const query = search.value.trim().toLowerCase();
    let shown = 0;
    for (const card of cards) {
      const match = query === '' || card.dataset.search.includes(query);
      card.hidden = !match;
      if (match) shown++;
    }
    for (const group of groups) group.hidden = !group.querySelector('details.workload:not([hidden])');
    count.textContent = shown + ' of ' + cards.length + ' workloads';
  };
  search.addEventListener('input', apply);
  apply();
})();
`;

/**
 * The inventory as one self-contained HTML page: a card per workload (collapsed, so 500 stay readable) with its
 * identities, accounts, grants, acknowledgements, findings and an inline SVG diagram, grouped by the accounts the
 * workloads reach, and a search box. Its Content-Security-Policy forbids every request: it works offline.
 */
export async function inventoryHtml(inventory: Inventory): Promise<string> {
  const viz = await instance();
  const identities = inventory.workloads.reduce((count, workload) => count + workload.identities.length, 0);
  const positions = new Map(inventory.workloads.map((workload, index) => [workload.name, index]));
  const groups = inventory.groups.map((group) =>
    [
      `<section class="group" data-group="${escapeHtml(group.title)}">`,
      `<h2>${escapeHtml(group.title)} <small>(${group.workloads.length})</small></h2>`,
      ...group.workloads.map((workload) => card(viz, workload, positions.get(workload.name)!)),
      '</section>',
    ].join('\n'),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>workload-iam inventory</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>workload-iam inventory</h1>',
    `<p>${inventory.workloads.length} workloads, ${Object.keys(inventory.accounts).length} accounts, ${identities} identities.</p>`,
    '<input id="search" type="search" placeholder="Search workloads, identities, accounts, resources" aria-label="Search workloads">',
    `<p id="count">${inventory.workloads.length} of ${inventory.workloads.length} workloads</p>`,
    '</header>',
    '<main>',
    ...groups,
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
