/**
 * workload-iam/aws-cdk: the Plan rendered with aws-cdk-lib (an optional peer, needed only by this entry point).
 * @module workload-iam/aws-cdk
 */
export { WorkloadIdentityStacks, type WorkloadIdentityStacksProps } from './workload-identity-stacks';
export { WorkloadIdentities, type WorkloadIdentitiesProps } from './workload-identities';
export { WorkloadRole, type WorkloadRoleProps, type WorkloadPlacementProps } from './workload-role';
export type { PlanSourceProps } from '../plan-source';
export type { WorkloadRoleOptions } from './role-options';
export { renderCloudFormationTemplates, type CloudFormationTemplatesOptions } from './synth-templates';
export { directoryOutput, type EngineOutput } from '../engine-output';
export { WorkloadIdentityChecks } from './workload-identity-checks';
export { WorkloadIdentityValidator } from './workload-identity-validator';
