import { canonicalJson } from './canonical-json';
import type { Reach } from './queries';

/** A commit of a declaration's history: which, when, by whom. */
export interface Revision {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
}

/** What one revision of the declaration says about a resource: who reaches it, or why it cannot be read, or nothing. */
export type RevisionReach =
  | { readonly revision: Revision; readonly reaches: readonly Reach[] }
  | { readonly revision: Revision; readonly unreadable: readonly string[] }
  | { readonly revision: Revision; readonly deleted: true };

/** A workload's access to the resource, unchanged from one revision until another (absent: still so). */
export interface ReachInterval {
  readonly workload: string;
  readonly from: Revision;
  readonly until?: Revision;
  readonly reaches: readonly Omit<Reach, 'workload'>[];
}

/** A span of history in which the declaration does not pass today's validation: who could reach is unknown there. */
export interface UnreadableInterval {
  readonly from: Revision;
  readonly until?: Revision;
  readonly problems: readonly string[];
}

/**
 * The intervals in which each workload could reach a resource, from the reach at every revision (oldest first).
 * An interval lasts while the workload's access stays the same; an unreadable revision ends it (nothing is known
 * there), and is an interval of its own, never dropped.
 */
export function reachIntervals(revisions: readonly RevisionReach[]): { intervals: ReachInterval[]; unreadable: UnreadableInterval[] } {
  const workloads = [...new Set(revisions.flatMap((r) => ('reaches' in r ? r.reaches.map((reach) => reach.workload) : [])))].sort();
  const intervals: ReachInterval[] = [];
  for (const workload of workloads) {
    let open: { from: Revision; reaches: Omit<Reach, 'workload'>[]; signature: string } | undefined;
    for (const state of revisions) {
      const reaches = 'reaches' in state ? state.reaches.filter((r) => r.workload === workload).map(({ workload: _name, ...rest }) => rest) : [];
      const signature = 'reaches' in state && reaches.length > 0 ? canonicalJson(reaches) : undefined;
      if (open && open.signature === signature) continue;
      if (open) intervals.push({ workload, from: open.from, until: state.revision, reaches: open.reaches });
      open = signature !== undefined ? { from: state.revision, reaches, signature } : undefined;
    }
    if (open) intervals.push({ workload, from: open.from, reaches: open.reaches });
  }
  const unreadable: UnreadableInterval[] = [];
  revisions.forEach((state, index) => {
    if (!('unreadable' in state)) return;
    const next = revisions[index + 1];
    const previous = unreadable[unreadable.length - 1];
    // Consecutive unreadable revisions with the same problems are one interval.
    if (previous && previous.until === state.revision && canonicalJson(previous.problems) === canonicalJson(state.unreadable)) {
      unreadable[unreadable.length - 1] = { from: previous.from, problems: previous.problems, ...(next ? { until: next.revision } : {}) };
      return;
    }
    unreadable.push({ from: state.revision, ...(next ? { until: next.revision } : {}), problems: state.unreadable });
  });
  return { intervals, unreadable };
}
