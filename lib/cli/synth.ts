import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsSummary, findingsText } from './findings';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { checkOutputDirectory, writeStaged } from './output-directory';
import { DeclarationError } from '../declaration/errors';
import { ENGINES, isEngineName, type EngineName } from '../engines/registry';
import { canonicalJson } from '../manifest/canonical-json';
import { blockingFindings } from '../rules/check';

/** `synth FILE --out DIR`: writes the manifest and, per engine asked for, its outputs under DIR/<engine>/. */
export function synthCommand(file: string, out: string, engines: string | undefined, io: Io): number {
  const requested = [...new Set(engines ? engines.split(',').map((e) => e.trim()).filter(Boolean) : [])];
  const unknown = requested.filter((engine) => !isEngineName(engine));
  if (unknown.length > 0) {
    throw new DeclarationError(
      unknown.map((engine) => ({ path: ['--engine'], message: `unknown engine "${engine}" (available: ${Object.keys(ENGINES).join(', ')})` })),
    );
  }
  // Loaded before anything is written, so a missing peer package leaves no half-written output.
  const renderers = (requested as EngineName[]).map((name) => ({ name, engine: ENGINES[name], synth: ENGINES[name].load() }));
  // Checked before compiling, so a wrong --out is refused at once rather than after the engines ran.
  checkOutputDirectory(out, renderers.map(({ name }) => join(out, name)));
  const { model, plan, findings, manifest } = compileFile(file);
  // Rule errors refuse synthesis: nothing is written, so no engine renders a trust the rules refused.
  const blocking = blockingFindings(findings);
  if (blocking.length > 0) {
    io.err(findingsText(blocking));
    io.err(`${file}: synthesis refused: ${findingsSummary(findings)}\n`);
    return EXIT.ruleErrors;
  }
  const written = writeStaged(out, (dir) => {
    writeFileSync(join(dir, 'manifest.json'), canonicalJson(manifest));
    return renderers.map(({ name, engine, synth }) => `wrote ${synth(plan, join(dir, name)).length} ${engine.output} to ${join(out, name)}`);
  });
  const count = (record: Readonly<Record<string, unknown>>) => Object.keys(record).length;
  const roles = Object.values(plan.aws).reduce((n, a) => n + a.roles.length, 0);
  const providers =
    Object.values(plan.aws).reduce((n, a) => n + a.oidcProviders.length, 0) +
    Object.values(plan.gcp).reduce((n, g) => n + g.providers.length, 0);
  const bindings = Object.values(plan.gcp).reduce((n, g) => n + g.bindings.length, 0);
  const credentials = Object.values(plan.azure).reduce((n, a) => n + a.federatedCredentials.length, 0);
  const assignments = Object.values(plan.azure).reduce((n, a) => n + a.roleAssignments.length, 0);
  io.out(
    [
      `${model.workloads.length} workloads in ${count(model.accounts)} accounts (aws ${count(plan.aws)}, gcp ${count(plan.gcp)}, azure ${count(plan.azure)})`,
      `aws: ${roles} roles · gcp: ${bindings} bindings · azure: ${credentials} federated credentials, ${assignments} role assignments · ${providers} identity providers`,
      `rules: ${findingsSummary(findings)}`,
      `wrote ${join(out, 'manifest.json')}`,
      ...written,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
