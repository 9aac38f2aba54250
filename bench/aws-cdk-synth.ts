/**
 * One size of the AWS CDK comparison, run by run.ts in a process of its own: the AWS CDK engine
 * (WorkloadIdentityStacks rendering the Plan) against the hand-written baseline, each timed from `new App()` through
 * `app.synth()` on the same Plan (the construct also runs the rules on it). CDK's built-in CloudFormation validation
 * is off on both sides: it validates the same templates either way and costs seconds of WebAssembly start-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from 'aws-cdk-lib';
import { buildBaseline, roleSpecs } from './aws-cdk-baseline';
import { generate } from './generate';
import { report } from './report';
import { median, round } from './stats';
import { compile, toModel, type Plan } from 'workload-iam';
import { WorkloadIdentityStacks } from 'workload-iam/aws-cdk';

/** Alternating repetitions per size, after one warm-up of each side. */
const REPETITIONS: Partial<Record<number, number>> = { 100: 9, 1000: 5 };

type Side = 'construct' | 'baseline';

/** What one side synthesized, compared between the sides. */
export interface SynthShape {
  readonly stacks: number;
  readonly outputs: number;
  /** Resources per CloudFormation type. */
  readonly resources: Record<string, number>;
}

export interface AwsCdkResult {
  readonly workloads: number;
  readonly awsRoles: number;
  readonly repetitions: number;
  readonly constructMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly minConstructMs: number;
  readonly minBaselineMs: number;
  readonly sameResources: boolean;
  readonly construct: SynthShape;
  readonly baseline: SynthShape;
  readonly maxRssMiB: number;
}

/** The parts of a synthesized template the comparison counts. */
interface Template {
  readonly Resources?: Record<string, { readonly Type: string }>;
  readonly Outputs?: Record<string, unknown>;
}

export function measureAwsCdk(count: number): AwsCdkResult {
  const gc = globalThis.gc ?? (() => {});

  const model = toModel(generate(count));
  const plan = compile(model);
  const specs = roleSpecs(plan);
  // The construct runs the rules once per Plan (and remembers the result for that Plan), so each synth gets a
  // freshly compiled Plan, compiled outside the timed region: the rules' cost is part of every measurement.
  const sides: Record<Side, (app: App, freshPlan: Plan) => void> = {
    construct: (app, freshPlan) => new WorkloadIdentityStacks(app, 'WorkloadIam', { plan: freshPlan }),
    baseline: (app) => buildBaseline(app, specs),
  };
  const synth = (side: Side): SynthShape & { readonly ms: number } => {
    const outdir = mkdtempSync(join(tmpdir(), 'wiam-bench-cdk-'));
    const freshPlan = compile(model);
    gc();
    const t0 = performance.now();
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    sides[side](app, freshPlan);
    const assembly = app.synth();
    const ms = performance.now() - t0;
    const resources: Record<string, number> = {};
    let outputs = 0;
    for (const stack of assembly.stacks) {
      const template: Template = stack.template;
      for (const resource of Object.values(template.Resources ?? {})) resources[resource.Type] = (resources[resource.Type] ?? 0) + 1;
      outputs += Object.keys(template.Outputs ?? {}).length;
    }
    rmSync(outdir, { recursive: true, force: true });
    return { ms, stacks: assembly.stacks.length, resources, outputs };
  };

  synth('construct');
  synth('baseline');
  const samples: Record<Side, number[]> = { construct: [], baseline: [] };
  // Set by every repetition; each size runs at least one.
  const shape = {} as Record<Side, SynthShape>;
  const repetitions = REPETITIONS[count] ?? 1;
  for (let r = 0; r < repetitions; r++) {
    // Alternate which side goes first, so neither always runs on a warmer heap.
    const order: readonly Side[] = r % 2 ? ['baseline', 'construct'] : ['construct', 'baseline'];
    for (const side of order) {
      const result = synth(side);
      samples[side].push(result.ms);
      shape[side] = { stacks: result.stacks, outputs: result.outputs, resources: result.resources };
    }
  }
  const constructMs = median(samples.construct);
  const baselineMs = median(samples.baseline);
  return {
    workloads: count,
    awsRoles: Object.values(plan.aws).reduce((n, account) => n + account.roles.length, 0),
    repetitions,
    constructMs: round(constructMs),
    baselineMs: round(baselineMs),
    ratio: round(constructMs / baselineMs, 3),
    minConstructMs: round(Math.min(...samples.construct)),
    minBaselineMs: round(Math.min(...samples.baseline)),
    sameResources:
      JSON.stringify(sortKeys(shape.construct.resources)) === JSON.stringify(sortKeys(shape.baseline.resources)) &&
      shape.construct.outputs === shape.baseline.outputs,
    construct: shape.construct,
    baseline: shape.baseline,
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

if (require.main === module) report(measureAwsCdk(Number(process.argv[2])));
