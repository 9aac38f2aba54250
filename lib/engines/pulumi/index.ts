/**
 * The Pulumi engine: `new WorkloadIdentities('platform', { file: 'workloads.yaml' })` in a Pulumi TypeScript program
 * renders the declaration's AWS, GCP and Azure accounts as resources of one component, a child component per workload.
 * @module workload-iam/pulumi
 */
export { Workload, WorkloadIdentities, type WorkloadIdentitiesArgs } from './workload-identities';
export { recordRegistrations, renderPulumi, type Registration } from './recorded-registrations';
export { workloadIamPolicies } from './policies';
