// A policy pack applying workload-iam's rules to every role, pool provider, IAM member and federated credential of a
// stack: `pulumi preview --policy-pack examples/pulumi/policy`.
import { PolicyPack } from '@pulumi/policy';
import { workloadIamPolicies } from 'workload-iam/pulumi';

new PolicyPack('workload-iam', { policies: [...workloadIamPolicies] });
