/**
 * One size of the Pulumi comparison, run by run.ts in a process of its own, under Pulumi's mocks: the component (rules
 * included, on a freshly compiled Plan) against the provider classes used by hand for the same resources, each timed
 * from the first `new` to the last registration.
 */
import { performance } from 'node:perf_hooks';
import * as pulumi from '@pulumi/pulumi';
import { generate } from './generate';
import { buildPulumiBaseline } from './pulumi-baseline';
import { report } from './report';
import { median, round } from './stats';
import { blockingFindings, checkPlan, compile, toModel, type Plan } from 'workload-iam';
import { WorkloadIdentities } from 'workload-iam/pulumi';

const REPETITIONS: Partial<Record<number, number>> = { 100: 9, 1000: 5 };

type Side = 'component' | 'baseline';

export interface PulumiResult {
  readonly workloads: number;
  /** Workloads left out because the rules refuse them. */
  readonly refused: number;
  readonly repetitions: number;
  readonly componentMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly sameResources: boolean;
  readonly component: Record<string, number>;
  readonly baseline: Record<string, number>;
  readonly maxRssMiB: number;
}

/** Registrations per type of each run, GCP members of any resource counted together, components left out. */
const registered = new Map<string, Record<string, number>>();

const settled = (resources: readonly pulumi.Resource[]) =>
  new Promise((resolve) => pulumi.all(resources.map((resource) => resource.urn)).apply(resolve));

export async function measurePulumi(count: number): Promise<PulumiResult> {
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        const run = name.slice(0, name.indexOf('-'));
        const kind = /^gcp:.*I[Aa][Mm]Member$/.test(type) ? 'gcp:*IamMember' : type;
        if (!type.startsWith('workload-iam:')) {
          const counts = registered.get(run) ?? {};
          counts[kind] = (counts[kind] ?? 0) + 1;
          registered.set(run, counts);
        }
        return { id: `${name}-id`, state: inputs as Record<string, unknown> };
      },
      call: ({ token }) => {
        throw new Error(`unexpected invoke ${token}`);
      },
    },
    'bench',
    'bench',
    false,
  );
  const gc = globalThis.gc ?? (() => {});
  // The component refuses a Plan with rule errors: the generated declaration is measured without those workloads.
  const generated = toModel(generate(count));
  const refused = new Set(blockingFindings(checkPlan(compile(generated))).map((finding) => finding.workload));
  const model = { ...generated, workloads: generated.workloads.filter((workload) => !refused.has(workload.name)) };
  let runs = 0;
  const sides: Record<Side, (plan: Plan, prefix: string) => Promise<unknown>> = {
    component: (plan, prefix) => {
      const created: pulumi.Resource[] = [];
      const record: pulumi.ResourceTransformation = ({ resource }) => {
        created.push(resource);
        return undefined;
      };
      new WorkloadIdentities(prefix, { plan }, { transformations: [record] });
      return settled(created);
    },
    baseline: (plan, prefix) => settled(buildPulumiBaseline(plan, prefix)),
  };
  const run = async (side: Side) => {
    // The component runs the rules once per Plan: a fresh Plan each time puts their cost in every measurement.
    const plan = compile(model);
    const prefix = `${side === 'component' ? 'c' : 'b'}${runs++}`;
    gc();
    const t0 = performance.now();
    await sides[side](plan, prefix);
    return { ms: performance.now() - t0, prefix };
  };
  await run('component');
  await run('baseline');
  const samples: Record<Side, number[]> = { component: [], baseline: [] };
  const last: Partial<Record<Side, string>> = {};
  const repetitions = REPETITIONS[count] ?? 1;
  for (let r = 0; r < repetitions; r++) {
    const order: readonly Side[] = r % 2 ? ['baseline', 'component'] : ['component', 'baseline'];
    for (const side of order) {
      const result = await run(side);
      samples[side].push(result.ms);
      last[side] = result.prefix;
    }
  }
  const sorted = (counts: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(counts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  const component = sorted(registered.get(last.component!));
  const baseline = sorted(registered.get(last.baseline!));
  const componentMs = median(samples.component);
  const baselineMs = median(samples.baseline);
  return {
    workloads: count,
    refused: refused.size,
    repetitions,
    componentMs: round(componentMs),
    baselineMs: round(baselineMs),
    ratio: round(componentMs / baselineMs, 3),
    sameResources: JSON.stringify(component) === JSON.stringify(baseline),
    component,
    baseline,
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

if (require.main === module) {
  measurePulumi(Number(process.argv[2])).then(report, (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
