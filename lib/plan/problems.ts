import type { DeclarationProblem } from '../declaration/errors';
import type { Model } from '../model/workload';

/** Collects compile-time problems with a declaration path built from the workload's name. */
export class ProblemCollector {
  private readonly problems: DeclarationProblem[] = [];
  private readonly indexByWorkload: ReadonlyMap<string, number>;

  constructor(model: Model) {
    this.indexByWorkload = new Map(model.workloads.map((w, i) => [w.name, i]));
  }

  /** Records a problem at `workloads[i].<path…>`, or at the declaration root for shared elements. */
  add(workload: string | undefined, path: readonly (string | number)[], message: string): void {
    const index = workload === undefined ? undefined : this.indexByWorkload.get(workload);
    this.problems.push({ path: index === undefined ? [...path] : ['workloads', index, ...path], message });
  }

  get all(): readonly DeclarationProblem[] {
    return this.problems;
  }
}
