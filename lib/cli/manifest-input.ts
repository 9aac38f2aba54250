import { readFileSync } from 'node:fs';
import { compileFile, compileSource } from './load';
import { readOptionsFile } from './options-file';
import { DeclarationError } from '../declaration/errors';
import { declarationSourceOf } from '../declaration/load';
import { checkDataDepth, decodeInput, InputLimitError } from '../input/limits';
import { MANIFEST_VERSION, type Manifest } from '../manifest/manifest';

/**
 * A manifest.json as synth writes it (checked for the parts the queries read), else a declaration to compile with the
 * `--options` file's compile options (a manifest is compiled already: options with one are refused).
 */
export function readManifest(file: string, optionsFile: string | undefined, argument = '<file>'): Manifest {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    // compileFile names the file and why it cannot be read.
    return compileFile(file, readOptionsFile(optionsFile).compileOptions).manifest;
  }
  return manifestOfBytes(bytes, file, optionsFile, argument);
}

/** The same for a file's bytes as a git revision holds them; `file` names it in problems. */
export function manifestOfBytes(bytes: Buffer, file: string, optionsFile: string | undefined, argument = '<file>'): Manifest {
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeInput(bytes));
      checkDataDepth(parsed);
    } catch (error) {
      if (error instanceof InputLimitError) throw new DeclarationError([{ path: [argument], message: `${file}: ${error.message}` }]);
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && (parsed as Manifest).manifestVersion === MANIFEST_VERSION) {
      if (!readableManifest(parsed)) throw new DeclarationError([{ path: [argument], message: `${file}: not a complete workload-iam manifest; write it again with workload-iam synth` }]);
      if (optionsFile !== undefined) throw new DeclarationError([{ path: ['--options'], message: `${file} is a manifest, compiled already: pass --options to synth instead` }]);
      return parsed;
    }
  }
  return compileSource(declarationSourceOf(bytes, file), readOptionsFile(optionsFile).compileOptions).manifest;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

const isString = (value: unknown) => typeof value === 'string';
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const listOf = (value: unknown, check: (item: Record<string, unknown>) => boolean) =>
  Array.isArray(value) && value.every((item) => isObject(item) && check(item));

/** The shared providers diff reads: whatever is there has its types. */
function readableShared(shared: unknown): boolean {
  if (shared === undefined) return true;
  if (!isObject(shared)) return false;
  const awsAccount = (account: unknown) => isObject(account) && listOf(account.oidcProviders, (p) => isString(p.arn));
  const gcpProvider = (p: Record<string, unknown>) =>
    isString(p.id) && isString(p.name) && isStringList(p.allowedAudiences) && optional(p.attributeCondition, isString);
  const aws = optional(shared.aws, (a) => isObject(a) && Object.values(a).every(awsAccount));
  const gcpAccount = (account: unknown) => isObject(account) && listOf(account.providers, gcpProvider);
  const gcp = optional(shared.gcp, (g) => isObject(g) && Object.values(g).every(gcpAccount));
  return aws && gcp;
}

/**
 * The manifest fields the queries, diff and report read have their types: a hand-edited or truncated file must not
 * crash them.
 */
function readableManifest(value: object): value is Manifest {
  const { workloads, accounts, shared } = value as { workloads?: unknown; accounts?: unknown; shared?: unknown };
  const readableAccounts = isObject(accounts) && Object.values(accounts).every((a) => isObject(a) && isString(a.cloud));
  if (!isObject(workloads) || !readableAccounts || !readableShared(shared)) return false;
  return Object.values(workloads).every(
    (workload) =>
      isObject(workload) &&
      optional(workload.description, isString) &&
      listOf(workload.grants, (g) => isString(g.account) && isString(g.resource) && optional(g.justification, isString)) &&
      listOf(workload.acknowledgements, (a) => isString(a.rule) && isString(a.reason)) &&
      listOf(workload.findings, (f) => isString(f.rule) && isString(f.severity) && isString(f.message)) &&
      Array.isArray(workload.identities) &&
      workload.identities.every((identity) => isObject(identity) && typeof identity.index === 'number' && typeof identity.label === 'string') &&
      isObject(workload.access) &&
      Object.values(workload.access).every(
        (access) =>
          isObject(access) &&
          ['aws', 'gcp', 'azure'].includes(access.cloud as string) &&
          isString(access.principal) &&
          optional(access.maxSessionDuration, (d) => typeof d === 'number') &&
          Array.isArray(access.trust) &&
          access.trust.every((trust) => isObject(trust) && isString(trust.via) && Array.isArray(trust.identities) && trust.identities.every((i) => typeof i === 'number')) &&
          Array.isArray(access.permissions) &&
          access.permissions.every(
            (permission) =>
              isObject(permission) &&
              isStringList(permission.resources) &&
              (isStringList(permission.actions) || typeof permission.role === 'string' || typeof permission.roleName === 'string' || typeof permission.roleDefinitionId === 'string'),
          ),
      ),
  );
}
