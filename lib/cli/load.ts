import { loadDeclarationSource, type DeclarationSource } from '../declaration/load';
import { buildManifest, type Manifest } from '../manifest/manifest';
import type { Model } from '../model/workload';
import { compile } from '../plan/compile';
import type { CompileOptions } from '../plan/compile-options';
import type { Plan } from '../plan/plan';
import { checkPlan } from '../rules/check';
import type { Finding } from '../rules/rule';

export interface Compiled {
  readonly model: Model;
  readonly plan: Plan;
  /** The rules' findings, with the line of each in the declaration file. */
  readonly findings: readonly Finding[];
  readonly manifest: Manifest;
}

/** The whole pipeline for one declaration file: declaration → model → plan → rules → manifest. */
export function compileFile(file: string, compileOptions?: CompileOptions): Compiled {
  return compileSource(loadDeclarationSource(file), compileOptions);
}

/** The same pipeline for a declaration already parsed (e.g. read from a git revision). */
export function compileSource(source: DeclarationSource, compileOptions?: CompileOptions): Compiled {
  const { model } = source;
  const plan = compile(model, compileOptions);
  const findings = checkPlan(plan);
  // Lines go to what the CLI prints, not to the manifest: a workload added above another must not change its entry.
  const indexByName = new Map(model.workloads.map((workload, index) => [workload.name, index]));
  const located = findings.map((finding) => {
    const path = declarationPathOf(finding.path, indexByName);
    const line = path && source.lineOf(path);
    return line === undefined ? finding : { ...finding, line };
  });
  return { model, plan, findings: located, manifest: buildManifest(model, plan, findings) };
}

/** `workloads[web-deploy].identities[0]` (a finding's path, by workload name) as the declaration's path, by index. */
function declarationPathOf(path: string, indexByName: ReadonlyMap<string, number>): (string | number)[] | undefined {
  const workload = /^workloads\[([^\]]+)\]/.exec(path);
  const index = workload ? indexByName.get(workload[1]) : undefined;
  if (!workload || index === undefined) return undefined;
  const rest = [...path.slice(workload[0].length).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((part) => part[1] ?? Number(part[2]));
  return ['workloads', index, ...rest];
}
