import { compileWorkloads, gcpAccountOf, GCP_PROJECT_ID, type IdentityInput } from './fixtures';
import type { GcpBinding } from '../../lib/plan/plan';

// Expected roles from Google's predefined roles reference (https://cloud.google.com/iam/docs/roles-permissions/cloudsql,
// …/spanner, …/datastore, …/run); conditions from "Use IAM Conditions" (https://cloud.google.com/sql/docs/postgres/iam-conditions)
// and Firestore's IAM page. Cloud SQL, Spanner and Firestore grants go through the workload's service account.

const ledger: IdentityInput = { github: { repository: 'acme/ledger', ownerId: '65', repositoryId: '81', environment: 'production' } };
const EMAIL = `wiam-ledger@${GCP_PROJECT_ID}.iam.gserviceaccount.com`;
const SQL = '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db';
const SPANNER = '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger';
const FIRESTORE = '//firestore.googleapis.com/projects/acme-prod/databases/sessions';
const FUNCTION = '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates';

function grantsOf(resource: string, access: string): Omit<GcpBinding, 'origin' | 'workload'>[] {
  const account = gcpAccountOf(compileWorkloads([{ name: 'ledger', identities: [ledger], grants: { 'gcp-prod': [{ resource, access }] } }]));
  return account.bindings
    .filter((binding) => binding.binds !== 'impersonation')
    .map(({ origin: _origin, workload: _workload, ...rest }) => rest);
}

test('Cloud SQL connect: Client and Instance User for the service account, on the project, narrowed to the instance', () => {
  const condition = {
    title: 'workload-iam: one Cloud SQL instance',
    description: `Only ${SQL}`,
    expression: "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'",
  };
  const common = { resource: SQL, resourceType: 'cloudsql-instance', condition, member: `serviceAccount:${EMAIL}`, writes: true, binds: 'serviceAccount' };
  expect(grantsOf(SQL, 'connect')).toEqual([
    { ...common, role: 'roles/cloudsql.client' },
    { ...common, role: 'roles/cloudsql.instanceUser' },
  ]);
});

test('the federated member only impersonates: Cloud SQL admits no federated principal', () => {
  const account = gcpAccountOf(compileWorkloads([{ name: 'ledger', identities: [ledger], grants: { 'gcp-prod': [{ resource: SQL, access: 'connect' }] } }]));
  expect(account.serviceAccounts.map(({ email, reason }) => ({ email, reason }))).toEqual([{ email: EMAIL, reason: 'resource' }]);
  const federated = account.bindings.filter((binding) => !binding.member.startsWith('serviceAccount:'));
  // Each member the GitHub identity is admitted as may act as the service account, and holds nothing else.
  expect(federated.length).toBeGreaterThan(0);
  for (const { role, binds, resource } of federated) {
    expect({ role, binds, resource }).toEqual({ role: 'roles/iam.workloadIdentityUser', binds: 'impersonation', resource: `//iam.googleapis.com/projects/acme-prod/serviceAccounts/${EMAIL}` });
  }
});

test.each([
  [SPANNER, 'read', 'roles/spanner.databaseReader', false],
  [SPANNER, 'readWrite', 'roles/spanner.databaseUser', true],
])('Spanner %s %s: %s on the database itself, no condition', (resource, access, role, writes) => {
  expect(grantsOf(resource, access)).toEqual([
    { resource, resourceType: 'spanner-database', role, member: `serviceAccount:${EMAIL}`, writes, binds: 'serviceAccount' },
  ]);
});

test.each([
  ['read', 'roles/datastore.viewer', false],
  ['readWrite', 'roles/datastore.user', true],
])('Firestore %s: %s on the project, narrowed to the database', (access, role, writes) => {
  const condition = { title: 'workload-iam: one Firestore database', description: `Only ${FIRESTORE}`, expression: "resource.name == 'projects/acme-prod/databases/sessions'" };
  expect(grantsOf(FIRESTORE, access)).toEqual([
    { resource: FIRESTORE, resourceType: 'firestore-database', role, condition, member: `serviceAccount:${EMAIL}`, writes, binds: 'serviceAccount' },
  ]);
});

test('a 2nd gen function is invoked with Cloud Run Invoker, bound to the federated member itself', () => {
  const bindings = grantsOf(FUNCTION, 'invoke');
  // One per member the GitHub identity is admitted as.
  expect(bindings.length).toBeGreaterThan(0);
  for (const binding of bindings) {
    expect(binding).toMatchObject({ resource: FUNCTION, resourceType: 'cloudfunctions-function', role: 'roles/run.invoker', writes: true });
    expect(binding.member).toMatch(/^principalSet:\/\/iam\.googleapis\.com\//);
    expect(binding.condition).toBeUndefined();
  }
});

test('adding a database workload changes no other workload\'s bindings', () => {
  const web = { name: 'web', identities: [{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }], grants: { 'gcp-prod': [{ resource: FUNCTION, access: 'invoke' }] } };
  const alone = gcpAccountOf(compileWorkloads([web])).bindings;
  const withLedger = gcpAccountOf(compileWorkloads([web, { name: 'ledger', identities: [ledger], grants: { 'gcp-prod': [{ resource: SQL, access: 'connect' }] } }])).bindings;
  expect(withLedger.filter((binding) => binding.workload === 'web')).toEqual(alone);
});
