import * as pulumi from '@pulumi/pulumi';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { declaration } from '../../plan/fixtures';
import { WorkloadIdentities } from 'workload-iam/pulumi';

// The GCP database and function grants under Pulumi's mock runtime, as @pulumi/gcp takes them (its API docs):
// gcp.projects.IAMMember with a `condition` for Cloud SQL and Firestore, gcp.spanner.DatabaseIAMMember for Spanner,
// gcp.cloudrunv2.ServiceIamMember on the Cloud Run service of a 2nd gen function.

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
            { resource: '//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger', access: 'readWrite' },
            { resource: '//firestore.googleapis.com/projects/acme-prod/databases/(default)', access: 'read' },
            { resource: '//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates', access: 'invoke' },
          ],
        },
      },
    ]),
  ),
);

const registered: { type: string; inputs: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'test',
    'test',
    false,
  );
  const created: pulumi.Resource[] = [];
  const record: pulumi.ResourceTransformation = ({ resource }) => {
    created.push(resource);
    return undefined;
  };
  new WorkloadIdentities('platform', { plan }, { transformations: [record] });
  // Each resource's URN resolves once the mock has registered it.
  await new Promise((resolve) => pulumi.all(created.map((resource) => resource.urn)).apply(resolve));
});

const inputsOf = (type: string) =>
  registered
    .filter((r) => r.type === type)
    .map((r) => r.inputs)
    .sort((a, b) => String(a.role).localeCompare(String(b.role)));

test('Cloud SQL and Firestore: project members with the condition naming the one resource', () => {
  const sql = {
    title: 'workload-iam: one Cloud SQL instance',
    description: 'Only //sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db',
    expression: "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'",
  };
  const firestore = {
    title: 'workload-iam: one Firestore database',
    description: 'Only //firestore.googleapis.com/projects/acme-prod/databases/(default)',
    expression: "resource.name == 'projects/acme-prod/databases/(default)'",
  };
  const member = `serviceAccount:${EMAIL}`;
  expect(inputsOf('gcp:projects/iAMMember:IAMMember')).toEqual([
    { project: 'acme-prod', role: 'roles/cloudsql.client', member, condition: sql },
    { project: 'acme-prod', role: 'roles/cloudsql.instanceUser', member, condition: sql },
    { project: 'acme-prod', role: 'roles/datastore.viewer', member, condition: firestore },
  ]);
});

test('Spanner: a database member without a condition', () => {
  expect(inputsOf('gcp:spanner/databaseIAMMember:DatabaseIAMMember')).toEqual([
    { project: 'acme-prod', instance: 'main', database: 'ledger', role: 'roles/spanner.databaseUser', member: `serviceAccount:${EMAIL}` },
  ]);
});

test('the function: Cloud Run Invoker on the Cloud Run service of the same name', () => {
  expect(inputsOf('gcp:cloudrunv2/serviceIamMember:ServiceIamMember')).toEqual([
    { project: 'acme-prod', location: 'europe-west1', name: 'fx-rates', role: 'roles/run.invoker', member: `serviceAccount:${EMAIL}` },
  ]);
  expect(registered.some((r) => r.type.startsWith('gcp:cloudfunctions'))).toBe(false);
});
