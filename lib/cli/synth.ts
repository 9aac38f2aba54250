import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsSummary, findingsText } from './findings';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { checkOutputDirectory, writeStaged } from './output-directory';
import type { Cloud } from '../catalogue/types';
import { DeclarationError } from '../declaration/errors';
import { directoryOutput } from '../engines/engine-output';
import { RulesGate } from '../engines/gate';
import { checkEngineOptions, ENGINES, isEngineName, requireEngines } from '../engines/registry';
import { canonicalJson } from '../manifest/canonical-json';
import type { Plan } from '../plan/plan';
import { planSummary } from '../plan/summary';

/** `synth FILE --out DIR`: writes the manifest and, per engine asked for, its outputs under DIR/<engine>/. */
export async function synthCommand(
  file: string,
  out: string,
  engineList: string | undefined,
  optionsFile: string | undefined,
  io: Io,
): Promise<number> {
  const requested = [...new Set(engineList ? engineList.split(',').map((e) => e.trim()).filter(Boolean) : [])];
  // Engines, their peer packages, their options and --out are checked before compiling, so nothing is half-written.
  const engines = requireEngines(requested);
  const options = readOptionsFile(optionsFile);
  options.check(() => {
    // One options file may serve several runs, each asking for some engines; a name that is no engine is a typo.
    const unknown = Object.keys(options.engines).filter((name) => !isEngineName(name)).sort();
    if (unknown.length > 0) {
      throw new DeclarationError(unknown.map((name) => ({ path: ['engines', name], message: `is not an engine (engines: ${Object.keys(ENGINES).join(', ')})` })));
    }
    for (const engine of engines) checkEngineOptions(engine, options.engines[engine.name]);
  });
  checkOutputDirectory(out, engines.map(({ name }) => join(out, name)));
  const { model, plan, findings, manifest } = compileFile(file, options.compileOptions);
  // Rule errors refuse synthesis: nothing is written, so no engine renders a trust the rules refused.
  const gate = new RulesGate(findings);
  if (gate.blocking.length > 0) {
    io.err(findingsText(gate.blocking));
    io.err(`${file}: synthesis refused: ${findingsSummary(findings)}\n`);
    return EXIT.ruleErrors;
  }
  const written = await writeStaged(out, async (dir) => {
    writeFileSync(join(dir, 'manifest.json'), canonicalJson(manifest));
    const lines: string[] = [];
    for (const engine of engines) {
      const output = directoryOutput(join(dir, engine.name));
      await engine.render(plan, options.engines[engine.name], output);
      lines.push(`wrote ${output.written().length} ${engine.output} to ${join(out, engine.name)}`);
    }
    return lines;
  });
  const summary = planSummary(plan);
  const { aws, gcp, azure } = summary.accounts;
  const unrendered = engines.length === 0 ? [] : unrenderedClouds(plan, engines.flatMap((engine) => engine.clouds));
  io.out(
    [
      `${model.workloads.length} workloads in ${Object.keys(model.accounts).length} accounts (aws ${aws}, gcp ${gcp}, azure ${azure})`,
      `aws: ${summary.roles} roles · gcp: ${summary.gcpBindings} bindings, ${summary.gcpServiceAccounts} service accounts · azure: ${summary.azureFederatedCredentials} federated credentials, ${summary.azureRoleAssignments} role assignments · ${summary.identityProviders} identity providers`,
      `rules: ${findingsSummary(findings)}`,
      `wrote ${join(out, 'manifest.json')}`,
      ...written,
      ...unrendered.map(({ cloud, accounts }) => `not rendered: ${cloud} (${accounts.join(', ')}): no requested engine renders ${cloud}; the manifest holds it`),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

/** The clouds of the Plan with accounts that none of the requested engines renders. */
function unrenderedClouds(plan: Plan, rendered: readonly Cloud[]): { cloud: Cloud; accounts: string[] }[] {
  return (['aws', 'gcp', 'azure'] as const)
    .filter((cloud) => !rendered.includes(cloud) && Object.keys(plan[cloud]).length > 0)
    .map((cloud) => ({ cloud, accounts: Object.keys(plan[cloud]).sort() }));
}
