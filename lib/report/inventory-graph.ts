import type { InventoryWorkload } from './inventory';

/** A node of the inventory diagram: workload → identity → account → resource. */
export interface GraphNode {
  readonly id: string;
  readonly kind: 'workload' | 'identity' | 'account' | 'resource';
  readonly label: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

export interface InventoryGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * The diagram of some workloads: each workload to its identities, each identity to the accounts that admit it, each
 * account to the resources granted there (labelled with the workload's access, since accounts are shared). Node ids
 * derive from names, so the same inventory always draws the same graph.
 */
export function inventoryGraph(workloads: readonly InventoryWorkload[]): InventoryGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (kind: GraphNode['kind'], label: string) => {
    const id = `${kind}:${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, label });
    return id;
  };
  const edge = (from: string, to: string, label?: string) => {
    const key = `${from}\u0000${to}\u0000${label ?? ''}`;
    if (!edges.has(key)) edges.set(key, { from, to, ...(label !== undefined ? { label } : {}) });
  };
  for (const workload of workloads) {
    const self = node('workload', workload.name);
    for (const identity of workload.identities) edge(self, node('identity', identity));
    for (const account of workload.accounts) {
      const target = node('account', `${account.key} (${account.name})`);
      for (const identity of account.identities) edge(node('identity', identity), target);
      for (const grant of workload.grants.filter((g) => g.account === account.key)) {
        edge(target, node('resource', grant.resource), `${workload.name}: ${grant.access}`);
      }
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
