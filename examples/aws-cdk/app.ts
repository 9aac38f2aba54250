// A CDK app using workload-iam's constructs the way a platform team would: `cdk synth` (or `cdk deploy`) here.
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { WorkloadIdentities, WorkloadIdentityStacks, WorkloadRole } from 'workload-iam/aws-cdk';

const app = new App();

// 1. A whole declaration file: each AWS account in its own stacks (sharded when large, one stack per region for
//    EKS Pod Identity associations and IAM Roles Anywhere profiles).
new WorkloadIdentityStacks(app, 'Platform', { file: join(__dirname, '..', 'workloads.yaml'), stackNamePrefix: 'platform' });

// 2. An existing application stack that adds its own CI identities, declared in TypeScript, and grants them more
//    with ordinary CDK grants. Pull-request runs execute unreviewed code, so their role only reads; previews are
//    published by a separate workload in a protected environment, which a `workflow_run` job enters once the
//    pull-request build has finished. That role is identity-only (`[]`): CDK grants give it its permissions. Every
//    role's final policies are judged at synth: `previews.grantWrite(ci.role('web-preview'))` would fail it.
const web = new Stack(app, 'WebApp', { env: { account: '111122223333', region: 'eu-west-1' } });
const previews = new Bucket(web, 'Previews');
const github = { repository: 'acme/web', ownerId: '65', repositoryId: '74' };
const ci = new WorkloadIdentities(web, 'Ci', {
  declaration: {
    version: 1,
    accounts: { 'web-prod': { cloud: 'aws', accountId: '111122223333' } },
    workloads: [
      {
        name: 'web-deploy',
        description: 'Deploys the web front end from the production environment',
        identities: [{ github: { ...github, environment: 'production' } }],
        grants: { 'web-prod': [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'readWrite' }] },
      },
      {
        name: 'web-preview',
        description: 'Builds pull request previews; read-only, as pull-request runs must be',
        identities: [{ github: { ...github, pullRequest: true } }],
        grants: { 'web-prod': [{ resource: 'arn:aws:s3:::acme-web-templates', access: 'read' }] },
      },
      {
        name: 'web-preview-publish',
        description: 'Publishes the previews the pull-request builds made, from the reviewed previews environment',
        identities: [{ github: { ...github, environment: 'previews' } }],
        grants: { 'web-prod': [] },
      },
    ],
  },
  compileOptions: {
    aws: {
      // The account already has a GitHub provider (one per issuer URL): reference it instead of creating another.
      existingOidcProviders: [{ arn: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] }],
    },
  },
  permissionsBoundary: 'workload-boundary',
});
previews.grantRead(ci.role('web-preview'));
previews.grantReadWrite(ci.role('web-preview-publish'));

// 3. One workload of the shared declaration in a stack of its own.
const orders = new Stack(app, 'Orders', { env: { account: '111122223333' } });
new WorkloadRole(orders, 'OrdersService', { file: join(__dirname, '..', 'workloads.yaml'), workload: 'orders-service' });
