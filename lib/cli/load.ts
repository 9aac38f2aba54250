import { loadDeclarationFile } from '../declaration/load';
import { buildManifest, type Manifest } from '../manifest/manifest';
import type { Model } from '../model/workload';
import { compile } from '../plan/compile';
import type { Plan } from '../plan/plan';
import { checkPlan } from '../rules/check';
import type { Finding } from '../rules/rule';

export interface Compiled {
  readonly model: Model;
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly manifest: Manifest;
}

/** The whole pipeline for one declaration file: declaration → model → plan → rules → manifest. */
export function compileFile(file: string): Compiled {
  const model = loadDeclarationFile(file);
  const plan = compile(model);
  const findings = checkPlan(plan);
  return { model, plan, findings, manifest: buildManifest(model, plan, findings) };
}
