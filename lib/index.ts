/**
 * The core: declaration → model → plan → rules → manifest, explain, scan, diff and report, with no engine loaded.
 * @module workload-iam
 */
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
export { compile } from './plan/compile';
export type { CompileOptions, AwsCompileOptions, GcpCompileOptions, ExistingOidcProvider } from './plan/compile-options';
export * from './plan/plan';
// plan → rules
export { RULES } from './rules/catalogue';
export { checkPlan, runRules, blockingFindings, type RuleInput, type CheckPlanOptions, type ResourceAcknowledgements } from './rules/check';
export type {
  Finding,
  Hit,
  Rule,
  RuleInfo,
  Severity,
  TrustRule,
  PermissionRule,
  SessionRule,
  AcknowledgementRule,
  UnreadableRule,
  SecretRule,
} from './rules/rule';
export { OWASP_NHI_TOP_10, OWASP_NHI_TOP_10_URL, type OwaspNhiRisk } from './rules/owasp-nhi';
export type { UnreadableView } from './trust/unreadable-view';
export type { SecretView, CredentialKind, CiSystem } from './trust/secret-view';
export type { TrustView, ClaimTest, ClaimMatch, TrustLocation } from './trust/trust-view';
export type { PermissionView, SessionView } from './trust/permission-view';
export { breadthOf, type Breadth } from './trust/breadth';
// the rules on trust written by anyone
export * from './scan/foreign-trust';
export { scanPath, scanPathAsync, scanCloudFormationTemplate, scanTerraformConfiguration, type ScanResult, type ScanTemplateOptions } from './scan/scan';
export { resourceExportsOf } from './scan/cloudformation-exports';
// long-lived credentials: acknowledging scan findings, and the federated draft that replaces CI credentials
export type { CiCredentialUse } from './scan/ci-credentials';
export { acknowledgeFindings, readScanAcknowledgements, type ScanAcknowledgement } from './scan/scan-acknowledgements';
export { proposeDeclaration, type ProposeOptions } from './scan/propose';
// how each workload signs in with what synth creates
export { connectWorkload, type IdentityConnection } from './connect/connect';
export type { Snippet } from './connect/snippet';
// trust evaluation with each cloud's semantics, and explain
export type { Token } from './evaluate/token';
export { evaluateCondition } from './evaluate/aws-condition';
export { evaluateAwsTrust, type AwsTrustOptions, type AwsTrustResult } from './evaluate/aws-trust';
export { evaluateGcpProvider, evaluateGcpBinding, type GcpResult, type GcpBindingTarget } from './evaluate/gcp';
export { evaluateAzureCredential, evaluateFlexibleCredential, type AzureResult } from './evaluate/azure';
export { explainToken, type ExplainMatch, type TokenReach } from './explain/explain';
// plan → manifest
export * from './manifest/manifest';
export { canonicalJson } from './manifest/canonical-json';
export { whoCanReach, whatCanReach, type Reach } from './manifest/queries';
export { identityLabel } from './identity/label';
// CLI
export { run } from './cli/main';
export type { Io } from './cli/io';
