/**
 * One size of the pipeline benchmark, run by run.ts in a process of its own: validate (toModel on a plain object),
 * compile, the rules (checkPlan) and the manifest (buildManifest + canonicalJson) of `count` generated workloads; and,
 * in each repetition, the JSON round trip of the same input and output as the baseline: `JSON.parse` of the
 * declaration's JSON text plus `JSON.stringify` of the manifest object.
 */
import { performance } from 'node:perf_hooks';
import { generate } from './generate';
import { report } from './report';
import { median, mib, round } from './stats';
import { buildManifest, canonicalJson, checkPlan, compile, toModel, type Model, type Plan } from 'workload-iam';

/** Repetitions per size; the median is reported (small sizes are noisy, 10,000 is the target size). */
const REPETITIONS: Partial<Record<number, number>> = { 100: 21, 1000: 9, 10000: 5 };

export interface PipelineResult {
  readonly workloads: number;
  readonly repetitions: number;
  readonly validateMs: number;
  readonly compileMs: number;
  readonly rulesMs: number;
  readonly manifestMs: number;
  readonly totalMs: number;
  readonly minTotalMs: number;
  /** Median of `JSON.parse` of the declaration's text plus `JSON.stringify` of the manifest object. */
  readonly jsonRoundTripMs: number;
  /** The median pipeline time over the median JSON round trip. */
  readonly ratioToJsonRoundTrip: number;
  readonly msPerWorkload: number;
  readonly maxRssMiB: number;
  readonly heapUsedMiB: number;
  readonly manifestMiB: number;
  readonly plan: {
    readonly awsRoles: number;
    readonly awsOidcProviders: number;
    readonly gcpProviders: number;
    readonly gcpBindings: number;
    readonly azureIdentities: number;
    readonly azureFederatedCredentials: number;
    readonly azureRoleAssignments: number;
  };
}

export function measurePipeline(count: number): PipelineResult {
  const gc = globalThis.gc ?? (() => {});

  const declaration = generate(count);
  const repetitions = REPETITIONS[count] ?? 1;
  const declarationText = JSON.stringify(declaration);
  const samples: Record<'validate' | 'compile' | 'rules' | 'manifest' | 'total' | 'jsonRoundTrip', number[]> = {
    validate: [],
    compile: [],
    rules: [],
    manifest: [],
    total: [],
    jsonRoundTrip: [],
  };
  let model: Model | undefined;
  let plan: Plan | undefined;
  let json: string | undefined;
  for (let r = 0; r < repetitions; r++) {
    model = plan = json = undefined;
    gc(); // collect the previous repetition outside the timed region
    const t0 = performance.now();
    model = toModel(declaration);
    const t1 = performance.now();
    plan = compile(model);
    const t2 = performance.now();
    const findings = checkPlan(plan);
    const t3 = performance.now();
    const manifest = buildManifest(model, plan, findings);
    json = canonicalJson(manifest);
    const t4 = performance.now();
    JSON.parse(declarationText);
    JSON.stringify(manifest);
    const t5 = performance.now();
    samples.validate.push(t1 - t0);
    samples.compile.push(t2 - t1);
    samples.rules.push(t3 - t2);
    samples.manifest.push(t4 - t3);
    samples.total.push(t4 - t0);
    samples.jsonRoundTrip.push(t5 - t4);
  }
  // Heap still holding the last run's declaration, model, plan and manifest text.
  const heapUsed = process.memoryUsage().heapUsed;
  // Every size runs at least once.
  const last = { plan: plan!, json: json! };
  const totalMs = median(samples.total);
  const jsonRoundTripMs = median(samples.jsonRoundTrip);
  const sum = <Account>(record: Readonly<Record<string, Account>>, pick: (account: Account) => readonly unknown[]): number =>
    Object.values(record).reduce((n, account) => n + pick(account).length, 0);
  return {
    workloads: count,
    repetitions,
    validateMs: round(median(samples.validate)),
    compileMs: round(median(samples.compile)),
    rulesMs: round(median(samples.rules)),
    manifestMs: round(median(samples.manifest)),
    totalMs: round(totalMs),
    minTotalMs: round(Math.min(...samples.total)),
    jsonRoundTripMs: round(jsonRoundTripMs),
    ratioToJsonRoundTrip: round(totalMs / jsonRoundTripMs),
    msPerWorkload: round(totalMs / count, 4),
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    heapUsedMiB: mib(heapUsed),
    manifestMiB: mib(Buffer.byteLength(last.json)),
    plan: {
      awsRoles: sum(last.plan.aws, (a) => a.roles),
      awsOidcProviders: sum(last.plan.aws, (a) => a.oidcProviders),
      gcpProviders: sum(last.plan.gcp, (a) => a.providers),
      gcpBindings: sum(last.plan.gcp, (a) => a.bindings),
      azureIdentities: sum(last.plan.azure, (a) => a.identities),
      azureFederatedCredentials: sum(last.plan.azure, (a) => a.federatedCredentials),
      azureRoleAssignments: sum(last.plan.azure, (a) => a.roleAssignments),
    },
  };
}

if (require.main === module) report(measurePipeline(Number(process.argv[2])));
