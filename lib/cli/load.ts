import { loadDeclarationFile } from '../declaration/load';
import { buildManifest, type Manifest } from '../manifest/manifest';
import type { Model } from '../model/workload';
import { compile } from '../plan/compile';
import type { Plan } from '../plan/plan';

export interface Compiled {
  readonly model: Model;
  readonly plan: Plan;
  readonly manifest: Manifest;
}

/** The whole pipeline for one declaration file: declaration → model → plan → manifest. */
export function compileFile(file: string): Compiled {
  const model = loadDeclarationFile(file);
  const plan = compile(model);
  return { model, plan, manifest: buildManifest(model, plan) };
}
