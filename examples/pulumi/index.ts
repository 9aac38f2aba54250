// A Pulumi program rendering the shared declaration (../workloads.yaml) on every cloud it declares, with the user's own
// AWS provider for the production account. `pulumi preview` runs it; the tests run it under Pulumi's mocks.
import { join } from 'node:path';
import { RolePolicy } from '@pulumi/aws/iam';
import { Provider } from '@pulumi/aws/provider';
import { WorkloadIdentities } from 'workload-iam/pulumi';

const production = new Provider('aws-prod', { region: 'eu-west-1', allowedAccountIds: ['111122223333'] });

const identities = new WorkloadIdentities('platform', {
  file: join(__dirname, '..', 'workloads.yaml'),
  permissionsBoundary: 'workload-boundary',
  // Each account's resources through its own provider; the others through the program's defaults.
  provider: (account) => (account === 'aws-prod' ? production : undefined),
});

// A grant made in the program: read access for the pull-request previews role, judged by the policy pack.
new RolePolicy('previews-read', {
  name: 'previews-read',
  role: identities.role('docs-preview').name,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs-previews/*' }] }),
});

export const roleArns = identities.roleArns;
export const poolNames = identities.poolNames;
export const clientIds = identities.clientIds;
