import { compileWorkloads, gcpAccountOf, GCP_PROJECT_ID, READ_RESOURCE, workload, type IdentityInput } from './fixtures';

// No catalogued GCP type refuses federated principals yet (Cloud SQL and Firestore, which do, come with the
// catalogue's growth); here the bucket type is marked so, to show the automatic path the catalogue flag selects.
jest.mock('../../lib/catalogue/gcp', () => {
  const actual = jest.requireActual<typeof import('../../lib/catalogue/gcp')>('../../lib/catalogue/gcp');
  return {
    GCP_RESOURCE_TYPES: actual.GCP_RESOURCE_TYPES.map((type) => (type.key === 'gcs-bucket' ? { ...type, federatedPrincipals: false } : type)),
  };
});

const web: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } };
const EMAIL = `wiam-web-deploy@${GCP_PROJECT_ID}.iam.gserviceaccount.com`;

test('a grant on a resource that takes no federated principal goes through a service account, unasked', () => {
  const account = gcpAccountOf(compileWorkloads([workload('web-deploy', [web], ['gcp'])]));
  expect(account.serviceAccounts.map(({ email, reason }) => ({ email, reason }))).toEqual([{ email: EMAIL, reason: 'resource' }]);
  expect(account.bindings.filter((binding) => binding.resource === READ_RESOURCE.gcp).map((binding) => binding.member)).toEqual([`serviceAccount:${EMAIL}`]);
});

test('safe neighbour: a grant on a resource that does take them is bound to the members directly', () => {
  const topic = '//pubsub.googleapis.com/projects/acme-prod/topics/deploys';
  const account = gcpAccountOf(compileWorkloads([{ name: 'web-deploy', identities: [web], grants: { 'gcp-prod': [{ resource: topic, access: 'publish' }] } }]));
  expect(account.serviceAccounts).toEqual([]);
  expect(account.bindings.every((binding) => binding.member.startsWith('principalSet://'))).toBe(true);
});
