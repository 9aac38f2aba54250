import { DeclarationError } from './errors';

/**
 * The errors a user meets outside the declaration's own fields (files, construct props, engines), each named, with
 * where it is and what to do: one place to read them, and the same words from every engine.
 */

/** A declaration or options file that cannot be read. */
export function unreadableFile(file: string, reason: string): DeclarationError {
  return new DeclarationError([{ path: [], file, message: `cannot be read: ${reason}` }]);
}

/** A file that breaks an input limit (size, encoding, nesting, alias expansion), or that no parser could read. */
export function unreadableInput(file: string | undefined, message: string): DeclarationError {
  return new DeclarationError([{ path: [], ...(file !== undefined ? { file } : {}), message }]);
}

/** A construct or command given a workload that has no role where it renders. */
export function workloadWithoutRole(prop: string | number, workload: string, account: string, where = ''): DeclarationError {
  return new DeclarationError([
    {
      path: [prop],
      message: `"${workload}" has no role in AWS account "${account}"${where}`,
      fix: identityOnlyFix(account),
    },
  ]);
}

/** How to get a role whose permissions come only from the engine's own API: an identity-only workload. */
export function identityOnlyFix(account: string): string {
  return `for a role granted only through the engine, declare the workload with \`grants: { ${account}: [] }\``;
}

/** Construct props that name no source, or several, of the Plan. */
export function planSourceAmbiguous(given: readonly string[]): DeclarationError {
  return new DeclarationError([
    { path: ['props'], message: `give exactly one of declaration, file, model or plan (got ${given.length === 0 ? 'none' : given.join(' and ')})` },
  ]);
}

/** Compile options given with a Plan that is compiled already. */
export function compileOptionsWithPlan(): DeclarationError {
  return new DeclarationError([{ path: ['compileOptions'], message: 'a plan is already compiled', fix: 'pass the options to compile() instead' }]);
}

/** An OIDC provider that several renderings share would need more client ids than IAM allows. */
export function tooManyClientIds(prop: string, provider: string, stack: string, count: number, limit: number): DeclarationError {
  return new DeclarationError([
    {
      path: [prop],
      message: `the OIDC provider ${provider} of stack ${stack} would need ${count} client ids, over the AWS limit of ${limit}`,
      fix: 'render the declarations that share it from one Plan, or give each its own provider stack',
    },
  ]);
}

/** Engines asked for that the registry does not list. */
export function unknownEngines(names: readonly string[], available: readonly string[]): DeclarationError {
  return new DeclarationError(names.map((name) => ({ path: ['--engine'], message: `unknown engine "${name}" (available: ${available.join(', ')})` })));
}

/** Engines whose peer packages are not installed. */
export function missingPeers(missing: readonly { readonly engine: string; readonly packages: readonly string[] }[]): DeclarationError {
  return new DeclarationError(
    missing.map(({ engine, packages }) => ({
      path: ['--engine'],
      message: `${engine} needs the package${packages.length > 1 ? 's' : ''} ${packages.join(' and ')} (optional peers of workload-iam): npm install ${packages.join(' ')}`,
    })),
  );
}
