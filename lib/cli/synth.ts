import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { DeclarationError } from '../declaration/errors';
import { canonicalJson } from '../manifest/canonical-json';

/** Engines render the Plan; none is registered until the engine issues land. */
const ENGINES: readonly string[] = [];

/** `synth FILE --out DIR`: writes the manifest (and, per engine, its outputs) and prints a short summary. */
export function synthCommand(file: string, out: string, engines: string | undefined, io: Io): number {
  const requested = engines ? engines.split(',').map((e) => e.trim()).filter(Boolean) : [];
  const unknown = requested.filter((engine) => !ENGINES.includes(engine));
  if (unknown.length > 0) {
    throw new DeclarationError(
      unknown.map((engine) => ({ path: ['--engine'], message: `unknown engine "${engine}" (available: ${ENGINES.join(', ') || 'none yet'})` })),
    );
  }
  const { model, plan, manifest } = compileFile(file);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), canonicalJson(manifest));
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
      `wrote ${join(out, 'manifest.json')}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
