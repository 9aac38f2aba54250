'use strict';
/**
 * Benchmark of the library pipeline: validate (toModel on a plain object), compile, the rules (checkPlan) and the
 * manifest (buildManifest + canonicalJson), for 100, 1,000 and 10,000 generated workloads; and the AWS CDK engine's synth of
 * 100 and 1,000 workloads against a hand-written aws-cdk-lib baseline building the same resources in the same run.
 *
 * Each measurement runs in a fresh child process (this script forked with `--child <N>` or `--cdk-child <N>`), so
 * peak memory (maxRSS) is that size's alone. The parent prints ONE JSON document on stdout; progress goes to stderr.
 *
 * Run through `npm run bench` (compiles the library first), or `npx tsc --build && node bench/run.js`.
 */

const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const SIZES = [100, 1000, 10000];
const CDK_SIZES = [100, 1000];
/** Alternating repetitions per size of the CDK comparison, after one warm-up of each side. */
const CDK_REPETITIONS = { 100: 9, 1000: 5 };
const CDK_TARGET = { ratioAtMost: 1 };
/** Repetitions per size; the median is reported (small sizes are noisy, 10,000 is the target size). */
const REPETITIONS = { 100: 21, 1000: 9, 10000: 5 };
const TARGET = { workloads: 10000, totalMsUnder: 2000 };
const DIST = path.join(__dirname, '..', 'dist');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, digits = 2) => (value === null ? null : Number(value.toFixed(digits)));
const mib = (bytes) => round(bytes / (1024 * 1024), 1);

function child(count) {
  const { toModel, compile, checkPlan, buildManifest, canonicalJson } = require(DIST);
  const { generate } = require('./generate');
  const gc = typeof global.gc === 'function' ? global.gc : () => {};

  const declaration = generate(count);
  const repetitions = REPETITIONS[count] ?? 1;
  const samples = { validate: [], compile: [], rules: [], manifest: [], total: [] };
  let model;
  let plan;
  let json;
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
    json = canonicalJson(buildManifest(model, plan, findings));
    const t4 = performance.now();
    samples.validate.push(t1 - t0);
    samples.compile.push(t2 - t1);
    samples.rules.push(t3 - t2);
    samples.manifest.push(t4 - t3);
    samples.total.push(t4 - t0);
  }
  // Heap still holding the last run's declaration, model, plan and manifest text.
  const heapUsed = process.memoryUsage().heapUsed;
  const totalMs = median(samples.total);
  const sum = (record, pick) => Object.values(record).reduce((n, account) => n + pick(account).length, 0);
  report({
    workloads: count,
    repetitions,
    validateMs: round(median(samples.validate)),
    compileMs: round(median(samples.compile)),
    rulesMs: round(median(samples.rules)),
    manifestMs: round(median(samples.manifest)),
    totalMs: round(totalMs),
    minTotalMs: round(Math.min(...samples.total)),
    msPerWorkload: round(totalMs / count, 4),
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    heapUsedMiB: mib(heapUsed),
    manifestMiB: mib(Buffer.byteLength(json)),
    plan: {
      awsRoles: sum(plan.aws, (a) => a.roles),
      awsOidcProviders: sum(plan.aws, (a) => a.oidcProviders),
      gcpProviders: sum(plan.gcp, (a) => a.providers),
      gcpBindings: sum(plan.gcp, (a) => a.bindings),
      azureIdentities: sum(plan.azure, (a) => a.identities),
      azureFederatedCredentials: sum(plan.azure, (a) => a.federatedCredentials),
      azureRoleAssignments: sum(plan.azure, (a) => a.roleAssignments),
    },
  });
}

/**
 * The AWS CDK engine (WorkloadIdentityStacks rendering the Plan) against the hand-written baseline, each timed from
 * `new App()` through `app.synth()` on the same Plan (the construct also runs the rules on it). CDK's built-in CloudFormation validation is off on both
 * sides: it validates the same templates either way and costs seconds of WebAssembly start-up.
 */
function cdkChild(count) {
  const { toModel, compile } = require(DIST);
  const { WorkloadIdentityStacks } = require(path.join(DIST, 'engines', 'aws-cdk', 'index.js'));
  const { App } = require('aws-cdk-lib');
  const { generate } = require('./generate');
  const { roleSpecs, buildBaseline } = require('./aws-cdk-baseline');
  const gc = typeof global.gc === 'function' ? global.gc : () => {};

  const model = toModel(generate(count));
  const plan = compile(model);
  const specs = roleSpecs(plan);
  // The construct runs the rules once per Plan (and remembers the result for that Plan), so each synth gets a
  // freshly compiled Plan, compiled outside the timed region: the rules' cost is part of every measurement.
  let freshPlan;
  const sides = {
    construct: (app) => new WorkloadIdentityStacks(app, 'WorkloadIam', { plan: freshPlan }),
    baseline: (app) => buildBaseline(app, specs),
  };
  const synth = (side) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiam-bench-cdk-'));
    freshPlan = compile(model);
    gc();
    const t0 = performance.now();
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    sides[side](app);
    const assembly = app.synth();
    const ms = performance.now() - t0;
    const resources = {};
    let outputs = 0;
    for (const stack of assembly.stacks) {
      for (const resource of Object.values(stack.template.Resources ?? {})) resources[resource.Type] = (resources[resource.Type] ?? 0) + 1;
      outputs += Object.keys(stack.template.Outputs ?? {}).length;
    }
    fs.rmSync(outdir, { recursive: true, force: true });
    return { ms, stacks: assembly.stacks.length, resources, outputs };
  };

  synth('construct');
  synth('baseline');
  const samples = { construct: [], baseline: [] };
  const shape = {};
  const repetitions = CDK_REPETITIONS[count] ?? 1;
  for (let r = 0; r < repetitions; r++) {
    // Alternate which side goes first, so neither always runs on a warmer heap.
    for (const side of r % 2 ? ['baseline', 'construct'] : ['construct', 'baseline']) {
      const result = synth(side);
      samples[side].push(result.ms);
      shape[side] = { stacks: result.stacks, outputs: result.outputs, resources: result.resources };
    }
  }
  const constructMs = median(samples.construct);
  const baselineMs = median(samples.baseline);
  report({
    workloads: count,
    awsRoles: Object.values(plan.aws).reduce((n, account) => n + account.roles.length, 0),
    repetitions,
    constructMs: round(constructMs),
    baselineMs: round(baselineMs),
    ratio: round(constructMs / baselineMs, 3),
    minConstructMs: round(Math.min(...samples.construct)),
    minBaselineMs: round(Math.min(...samples.baseline)),
    sameResources: JSON.stringify(sortKeys(shape.construct.resources)) === JSON.stringify(sortKeys(shape.baseline.resources)) && shape.construct.outputs === shape.baseline.outputs,
    construct: shape.construct,
    baseline: shape.baseline,
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  });
}

function sortKeys(record) {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** To the parent over IPC; run standalone (`node --cpu-prof bench/run.js --child 10000`) it prints instead. */
function report(result) {
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function runChild(count, mode = '--child') {
  return new Promise((resolve, reject) => {
    // The child's stdout goes to our stderr: stdout carries the JSON document only.
    const worker = fork(__filename, [mode, String(count)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let result;
    worker.on('message', (message) => {
      result = message;
    });
    worker.on('error', reject);
    worker.on('exit', (code, signal) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`benchmark of ${count} workloads failed (exit ${code ?? signal})`));
    });
  });
}

async function parent() {
  const started = performance.now();
  const results = [];
  for (const count of SIZES) {
    process.stderr.write(`bench: ${count} workloads… `);
    const result = await runChild(count);
    process.stderr.write(`${result.totalMs} ms (median of ${result.repetitions})\n`);
    results.push(result);
  }
  const awsCdk = [];
  for (const count of CDK_SIZES) {
    process.stderr.write(`bench: aws-cdk synth of ${count} workloads… `);
    const result = await runChild(count, '--cdk-child');
    process.stderr.write(`construct ${result.constructMs} ms, hand-written ${result.baselineMs} ms (ratio ${result.ratio})\n`);
    awsCdk.push(result);
  }
  const byCount = new Map(results.map((r) => [r.workloads, r]));
  const target = byCount.get(TARGET.workloads);
  const report = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    platform: `${process.platform}-${process.arch}`,
    measured: 'validate = toModel(declaration); compile = compile(model); rules = checkPlan(plan); manifest = canonicalJson(buildManifest(model, plan, findings))',
    results,
    target: { ...TARGET, met: target !== undefined && target.totalMs < TARGET.totalMsUnder },
    linearity: {
      ratio10kTo1k: round(byCount.get(10000).totalMs / byCount.get(1000).totalMs),
      ratio1kTo100: round(byCount.get(1000).totalMs / byCount.get(100).totalMs),
    },
    awsCdk: {
      measured: 'new App() … app.synth() on the same Plan: WorkloadIdentityStacks (construct) vs plain aws-cdk-lib L2 code (baseline); built-in CloudFormation validation off on both',
      results: awsCdk,
      target: { ...CDK_TARGET, met: awsCdk.every((r) => r.ratio <= CDK_TARGET.ratioAtMost) },
    },
    wallSeconds: round((performance.now() - started) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]));
} else if (process.argv[2] === '--cdk-child') {
  cdkChild(Number(process.argv[3]));
} else {
  parent().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
