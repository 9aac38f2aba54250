/**
 * Benchmark of the library pipeline: validate (toModel on a plain object), compile, the rules (checkPlan) and the
 * manifest (buildManifest + canonicalJson), for 100, 1,000 and 10,000 generated workloads; and, for 100 and 1,000
 * workloads, each engine against hand-written code building the same resources in the same run: the AWS CDK engine
 * (aws-cdk-lib), the cdktf engine (raw TerraformResources) and the Pulumi component (the provider classes, under mocks).
 *
 * Each measurement runs in a fresh child process (pipeline.ts or aws-cdk-synth.ts, given the size), so peak memory
 * (maxRSS) is that size's alone. This parent prints ONE JSON document on stdout; progress goes to stderr.
 *
 * Run through `npm run bench`: it compiles the library to dist/, which the benchmark imports as `workload-iam`, and
 * this folder to bench/.out/, which it runs.
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AwsCdkResult } from './aws-cdk-synth';
import type { PipelineResult } from './pipeline';
import type { PulumiResult } from './pulumi-registration';
import { round } from './stats';
import type { TerraformResult } from './terraform-synth';

const SIZES = [100, 1000, 10000];
const CDK_SIZES = [100, 1000];
const CDK_TARGET = { ratioAtMost: 1 };
/** The pipeline at 10,000 workloads within 5× the JSON round trip of its own input and output, and growing linearly. */
const TARGET = { workloads: 10000, ratioToJsonRoundTripAtMost: 5, ratio10kTo1kAtMost: 10.5 };

/** Runs the compiled `script` beside this file for `count` workloads, in a fresh process; resolves with its report. */
function runChild<Result>(script: string, count: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    // The child's stdout goes to our stderr: stdout carries the JSON document only.
    const worker = fork(join(__dirname, script), [String(count)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let result: Result | undefined;
    worker.on('message', (message) => {
      result = message as Result;
    });
    worker.on('error', reject);
    worker.on('exit', (code, signal) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`benchmark of ${count} workloads failed (exit ${code ?? signal})`));
    });
  });
}

async function parent(): Promise<void> {
  const started = performance.now();
  const results: PipelineResult[] = [];
  for (const count of SIZES) {
    process.stderr.write(`bench: ${count} workloads… `);
    const result = await runChild<PipelineResult>('pipeline.js', count);
    process.stderr.write(`${result.totalMs} ms (median of ${result.repetitions}; ${result.ratioToJsonRoundTrip}× the JSON round trip)\n`);
    results.push(result);
  }
  const awsCdk: AwsCdkResult[] = [];
  for (const count of CDK_SIZES) {
    process.stderr.write(`bench: aws-cdk synth of ${count} workloads… `);
    const result = await runChild<AwsCdkResult>('aws-cdk-synth.js', count);
    process.stderr.write(`construct ${result.constructMs} ms, hand-written ${result.baselineMs} ms (ratio ${result.ratio})\n`);
    awsCdk.push(result);
  }
  const terraform: TerraformResult[] = [];
  for (const count of CDK_SIZES) {
    process.stderr.write(`bench: cdktf synth of ${count} workloads… `);
    const result = await runChild<TerraformResult>('terraform-synth.js', count);
    process.stderr.write(`construct ${result.constructMs} ms, hand-written ${result.baselineMs} ms (ratio ${result.ratio})\n`);
    terraform.push(result);
  }
  const pulumi: PulumiResult[] = [];
  for (const count of CDK_SIZES) {
    process.stderr.write(`bench: Pulumi registration of ${count} workloads… `);
    const result = await runChild<PulumiResult>('pulumi-registration.js', count);
    process.stderr.write(`component ${result.componentMs} ms, hand-written ${result.baselineMs} ms (ratio ${result.ratio})\n`);
    pulumi.push(result);
  }
  const byCount = new Map(results.map((r) => [r.workloads, r]));
  const target = byCount.get(TARGET.workloads)!;
  const ratio10kTo1k = round(target.totalMs / byCount.get(1000)!.totalMs);
  const report = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    platform: `${process.platform}-${process.arch}`,
    measured:
      'validate = toModel(declaration); compile = compile(model); rules = checkPlan(plan); manifest = canonicalJson(buildManifest(model, plan, findings)); ' +
      'jsonRoundTrip = JSON.parse(declaration text) + JSON.stringify(manifest object), in the same repetition',
    results,
    target: {
      ...TARGET,
      ratioToJsonRoundTrip: target.ratioToJsonRoundTrip,
      ratioMet: target.ratioToJsonRoundTrip <= TARGET.ratioToJsonRoundTripAtMost,
      ratio10kTo1k,
      linearMet: ratio10kTo1k <= TARGET.ratio10kTo1kAtMost,
    },
    linearity: {
      ratio10kTo1k,
      ratio1kTo100: round(byCount.get(1000)!.totalMs / byCount.get(100)!.totalMs),
    },
    awsCdk: {
      measured: 'new App() … app.synth() on the same Plan: WorkloadIdentityStacks (construct) vs plain aws-cdk-lib L2 code (baseline); built-in CloudFormation validation off on both',
      results: awsCdk,
      target: { ...CDK_TARGET, met: awsCdk.every((r) => r.ratio <= CDK_TARGET.ratioAtMost) },
    },
    terraform: {
      measured: 'new App() … toTerraform() of every stack: the cdktf engine on a fresh Plan (rules included) vs raw TerraformResources of the same resources',
      results: terraform,
      target: { ...CDK_TARGET, met: terraform.every((r) => r.ratio <= CDK_TARGET.ratioAtMost) },
    },
    pulumi: {
      measured: 'under Pulumi mocks, from the first new to the last registration: the component on a fresh Plan (rules included) vs the provider classes used by hand for the same resources',
      results: pulumi,
      target: { ...CDK_TARGET, met: pulumi.every((r) => r.ratio <= CDK_TARGET.ratioAtMost) },
    },
    wallSeconds: round((performance.now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

parent().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
