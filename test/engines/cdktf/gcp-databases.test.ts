import { TerraformStack, Testing } from 'cdktf';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { declaration } from '../../plan/fixtures';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// The GCP database and function grants as the google provider takes them (its resource documentation): Cloud SQL and
// Firestore roles on the project with a `condition` block naming the one resource, Spanner's on the database, a 2nd
// gen function's on the Cloud Run service of the same name.

const EMAIL = 'wiam-ledger@acme-prod.iam.gserviceaccount.com';
const plan = compile(
  toModel(
    declaration([
      {
        name: 'ledger',
        identities: [{ github: { repository: 'acme/ledger', ownerId: '65', repositoryId: '81', environment: 'production' } }],
        grants: {
          'gcp-prod': [
            { resource: '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db', access: 'connect' },
            { resource: '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger', access: 'read' },
            { resource: '//firestore.googleapis.com/projects/acme-prod/databases/sessions', access: 'readWrite' },
            { resource: '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates', access: 'invoke' },
          ],
        },
      },
    ]),
  ),
);

type Body = Record<string, unknown>;
const stack = new TerraformStack(Testing.app(), 'user-stack');
new WorkloadIdentities(stack, 'Wi', { plan, account: 'gcp-prod' });
const resources = (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Body>> }).resource;
const bodies = (type: string) => Object.values(resources[type] ?? {}).map(({ '//': _metadata, depends_on: _after, ...body }) => body);

test('Cloud SQL and Firestore: project members of the service account, each with the condition naming its resource', () => {
  const sql = {
    title: 'workload-iam: one Cloud SQL instance',
    description: 'Only //sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db',
    expression: "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'",
  };
  const firestore = {
    title: 'workload-iam: one Firestore database',
    description: 'Only //firestore.googleapis.com/projects/acme-prod/databases/sessions',
    expression: "resource.name == 'projects/acme-prod/databases/sessions'",
  };
  const member = `serviceAccount:${EMAIL}`;
  const sorted = (list: Body[]) => [...list].sort((a, b) => String(a.role).localeCompare(String(b.role)));
  expect(sorted(bodies('google_project_iam_member'))).toEqual([
    { project: 'acme-prod', role: 'roles/cloudsql.client', member, condition: sql },
    { project: 'acme-prod', role: 'roles/cloudsql.instanceUser', member, condition: sql },
    { project: 'acme-prod', role: 'roles/datastore.user', member, condition: firestore },
  ]);
});

test('Spanner: a database member of the service account, without a condition', () => {
  expect(bodies('google_spanner_database_iam_member')).toEqual([
    { project: 'acme-prod', instance: 'main', database: 'ledger', role: 'roles/spanner.databaseReader', member: `serviceAccount:${EMAIL}` },
  ]);
});

test('the function: Cloud Run Invoker on its Cloud Run service, for the service account the workload acts as', () => {
  expect(bodies('google_cloud_run_v2_service_iam_member')).toEqual([
    { project: 'acme-prod', location: 'europe-west1', name: 'fx-rates', role: 'roles/run.invoker', member: `serviceAccount:${EMAIL}` },
  ]);
  expect(resources.google_cloudfunctions2_function_iam_member).toBeUndefined();
});
