// A CDK app using workload-iam's constructs the way a platform team would: `cdk synth` (or `cdk deploy`) here.
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { WorkloadIdentities, WorkloadIdentityStacks, WorkloadRole } from 'workload-iam/aws-cdk';

const app = new App();

// 1. A whole declaration file: each AWS account in its own stacks (sharded when large, one stack per region for
//    EKS Pod Identity associations and IAM Roles Anywhere profiles).
new WorkloadIdentityStacks(app, 'Platform', { file: join(__dirname, '..', 'workloads.yaml'), stackNamePrefix: 'platform' });

// 2. An existing application stack that adds its own CI identities, declared in TypeScript, and grants one of them
//    more with ordinary CDK grants.
const web = new Stack(app, 'WebApp', { env: { account: '111122223333', region: 'eu-west-1' } });
const previews = new Bucket(web, 'Previews');
const ci = new WorkloadIdentities(web, 'Ci', {
  declaration: {
    version: 1,
    accounts: { 'web-prod': { cloud: 'aws', accountId: '111122223333' } },
    workloads: [
      {
        name: 'web-deploy',
        description: 'Deploys the web front end from the production environment',
        identities: [{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }],
        grants: { 'web-prod': [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'readWrite' }] },
      },
      {
        name: 'web-preview',
        description: 'Publishes pull request previews',
        identities: [{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', pullRequest: true } }],
        grants: { 'web-prod': [{ resource: 'arn:aws:s3:::acme-web-previews', access: 'read' }] },
      },
    ],
  },
  // The account already has a GitHub provider (one per issuer URL): reference it instead of creating another.
  existingOidcProviders: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'],
  permissionsBoundary: 'workload-boundary',
});
previews.grantWrite(ci.role('web-preview'));

// 3. One workload of the shared declaration in a stack of its own.
const orders = new Stack(app, 'Orders', { env: { account: '111122223333' } });
new WorkloadRole(orders, 'OrdersService', { file: join(__dirname, '..', 'workloads.yaml'), workload: 'orders-service' });
