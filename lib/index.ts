// declaration → model
export * from './declaration/errors';
export { parseDeclarationText, loadDeclarationFile } from './declaration/load';
export { toModel } from './declaration/parse';
export type { DeclarationInput } from './declaration/schema';
export * from './model/account';
export * from './model/identity';
export * from './model/workload';
// access catalogue
export * from './catalogue/types';
// model → plan
export { compile, type CompileOptions } from './plan/compile';
export * from './plan/plan';
