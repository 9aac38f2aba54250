// declaration → model
export * from './declaration/errors';
export { parseDeclarationText, loadDeclarationFile } from './declaration/load';
export { toModel } from './declaration/parse';
export { DeclarationBuilder, type DeclarationInput, type AccountInput, type WorkloadInput } from './declaration/builder';
export * from './model/account';
export * from './model/identity';
export * from './model/workload';
// access catalogue
export * from './catalogue/types';
// model → plan
export { compile, type CompileOptions } from './plan/compile';
export * from './plan/plan';
// plan → manifest
export * from './manifest/manifest';
export { canonicalJson } from './manifest/canonical-json';
export { whoCanReach, whatCanReach, type Reach } from './manifest/queries';
export { identityLabel } from './identity/label';
// CLI
export { run } from './cli/main';
export type { Io } from './cli/io';
