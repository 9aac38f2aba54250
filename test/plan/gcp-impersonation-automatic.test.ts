import { compileWorkloads, gcpAccountOf, GCP_PROJECT_ID, type IdentityInput } from './fixtures';

// Cloud SQL admits no federated principal (its IAM database users are Google users, groups and service accounts).
const INSTANCE = '//sqladmin.googleapis.com/projects/acme-prod/instances/orders-db';

const web: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } };
const EMAIL = `wiam-web-deploy@${GCP_PROJECT_ID}.iam.gserviceaccount.com`;

test('a grant on a resource that takes no federated principal goes through a service account, unasked', () => {
  const account = gcpAccountOf(compileWorkloads([{ name: 'web-deploy', identities: [web], grants: { 'gcp-prod': [{ resource: INSTANCE, access: 'connect' }] } }]));
  expect(account.serviceAccounts.map(({ email, reason }) => ({ email, reason }))).toEqual([{ email: EMAIL, reason: 'resource' }]);
  expect(account.bindings.filter((binding) => binding.resource === INSTANCE).map((binding) => binding.member)).toEqual([`serviceAccount:${EMAIL}`, `serviceAccount:${EMAIL}`]);
});

test('safe neighbour: a grant on a resource that does take them is bound to the members directly', () => {
  const topic = '//pubsub.googleapis.com/projects/acme-prod/topics/deploys';
  const account = gcpAccountOf(compileWorkloads([{ name: 'web-deploy', identities: [web], grants: { 'gcp-prod': [{ resource: topic, access: 'publish' }] } }]));
  expect(account.serviceAccounts).toEqual([]);
  expect(account.bindings.every((binding) => binding.member.startsWith('principalSet://'))).toBe(true);
});
