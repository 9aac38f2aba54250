// A cdktf app rendering the shared declaration's AWS and GCP accounts, each in a stack with the user's own provider.
// Run it with `npx ts-node main.ts` (or `cdktf synth`, whose cdktf.json is beside it): it writes cdktf.out/.
import { join } from 'node:path';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { WorkloadIdentities } from 'workload-iam/cdktf';

const file = join(__dirname, '..', 'workloads.yaml');
const app = new App();

// 1. The production AWS account: the provider configuration is ours; the construct adds only version constraints.
const aws = new TerraformStack(app, 'aws-prod');
new AwsProvider(aws, 'aws', { region: 'eu-west-1', allowedAccountIds: ['111122223333'] });
const ci = new WorkloadIdentities(aws, 'Ci', { file, account: 'aws-prod', permissionsBoundary: 'workload-boundary' });
// A grant made through cdktf: read access for the pull-request previews role, judged by the rules at synth.
new IamRolePolicy(aws, 'PreviewsRead', {
  name: 'previews-read',
  role: ci.role('docs-preview').getStringAttribute('name'),
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs-previews/*' }] }),
});

// 2. The GCP project, with a suffix for pool and provider ids (GCP keeps deleted ones for 30 days).
const gcp = new TerraformStack(app, 'gcp-prod');
new GoogleProvider(gcp, 'google', { project: 'acme-prod' });
new WorkloadIdentities(gcp, 'Ci', { file, account: 'gcp-prod', compileOptions: { gcp: { idSuffix: 'v1' } } });

app.synth();
