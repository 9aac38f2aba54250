/**
 * One size of the Terraform comparison, run by run.ts in a process of its own: the cdktf engine (one stack per
 * account, rules included, on a freshly compiled Plan) against raw cdktf `TerraformResource`s writing the same
 * resources, each timed from `new App()` to the stacks' Terraform JSON.
 */
import { performance } from 'node:perf_hooks';
import { generate } from './generate';
import { report } from './report';
import { median, round } from './stats';
import { buildTerraformBaseline, resourceSpecs } from './terraform-baseline';
import { blockingFindings, checkPlan, compile, toModel, type Plan } from 'workload-iam';
import { workloadIdentityStacks } from 'workload-iam/cdktf';

const REPETITIONS: Partial<Record<number, number>> = { 100: 9, 1000: 5 };

type Side = 'construct' | 'baseline';

export interface TerraformResult {
  readonly workloads: number;
  /** Workloads left out because the rules refuse them. */
  readonly refused: number;
  readonly resources: number;
  readonly repetitions: number;
  readonly constructMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly sameResources: boolean;
  readonly construct: Record<string, number>;
  readonly baseline: Record<string, number>;
  readonly maxRssMiB: number;
}

/** Resources per Terraform type in stacks' JSON; the baseline binds every GCP member as a bucket member. */
function countTypes(stacks: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const stack of stacks) {
    for (const [type, byName] of Object.entries((stack as { resource?: Record<string, object> }).resource ?? {})) {
      const kind = /^google_.+_iam_member$/.test(type) ? 'google_*_iam_member' : type;
      counts[kind] = (counts[kind] ?? 0) + Object.keys(byName).length;
    }
  }
  return Object.fromEntries(Object.keys(counts).sort().map((key) => [key, counts[key]]));
}

export function measureTerraform(count: number): TerraformResult {
  const gc = globalThis.gc ?? (() => {});
  // The engine refuses a Plan with rule errors (the CDK engine annotates them): the generated declaration is
  // measured without the few workloads the rules refuse.
  const generated = toModel(generate(count));
  const refused = new Set(blockingFindings(checkPlan(compile(generated))).map((finding) => finding.workload));
  const model = { ...generated, workloads: generated.workloads.filter((workload) => !refused.has(workload.name)) };
  const specs = resourceSpecs(compile(model));
  const sides: Record<Side, (plan: Plan) => unknown[]> = {
    construct: (plan) => workloadIdentityStacks(plan).map((stack) => stack.toTerraform()),
    baseline: () => buildTerraformBaseline(specs),
  };
  const synth = (side: Side) => {
    // The engine runs the rules once per Plan: a fresh Plan each time puts their cost in every measurement.
    const plan = compile(model);
    gc();
    const t0 = performance.now();
    const stacks = sides[side](plan);
    return { ms: performance.now() - t0, types: countTypes(stacks) };
  };
  synth('construct');
  synth('baseline');
  const samples: Record<Side, number[]> = { construct: [], baseline: [] };
  const types = {} as Record<Side, Record<string, number>>;
  const repetitions = REPETITIONS[count] ?? 1;
  for (let r = 0; r < repetitions; r++) {
    const order: readonly Side[] = r % 2 ? ['baseline', 'construct'] : ['construct', 'baseline'];
    for (const side of order) {
      const result = synth(side);
      samples[side].push(result.ms);
      types[side] = result.types;
    }
  }
  const constructMs = median(samples.construct);
  const baselineMs = median(samples.baseline);
  return {
    workloads: count,
    refused: refused.size,
    resources: specs.length,
    repetitions,
    constructMs: round(constructMs),
    baselineMs: round(baselineMs),
    ratio: round(constructMs / baselineMs, 3),
    sameResources: JSON.stringify(types.construct) === JSON.stringify(types.baseline),
    construct: types.construct,
    baseline: types.baseline,
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

if (require.main === module) report(measureTerraform(Number(process.argv[2])));
