import { toModel } from '../../lib/declaration/parse';
import { buildManifest } from '../../lib/manifest/manifest';
import { whoCanReach } from '../../lib/manifest/queries';
import { compile } from '../../lib/plan/compile';
import { declaration, type WorkloadInput } from '../plan/fixtures';

// Cloud SQL and Firestore roles are bound on the project, narrowed by an IAM condition to one instance or database:
// the manifest answers for that resource only, never for a neighbour in the same project.

const LEDGER_DB = '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db';
const SESSIONS = '//firestore.googleapis.com/projects/acme-prod/databases/sessions';
const ledger: WorkloadInput = {
  name: 'ledger',
  identities: [{ github: { repository: 'acme/ledger', ownerId: '65', repositoryId: '81', environment: 'production' } }],
  grants: { 'gcp-prod': [{ resource: LEDGER_DB, access: 'connect' }, { resource: SESSIONS, access: 'read' }] },
};
const model = toModel(declaration([ledger]));
const manifest = buildManifest(model, compile(model));
const reached = (resource: string) => whoCanReach(manifest, resource).map(({ workload, resource: on, access }) => ({ workload, on, access }));

test('the named instance is reached with both Cloud SQL roles, as the service account', () => {
  expect(reached(LEDGER_DB)).toEqual([
    { workload: 'ledger', on: LEDGER_DB, access: ['roles/cloudsql.client'] },
    { workload: 'ledger', on: LEDGER_DB, access: ['roles/cloudsql.instanceUser'] },
  ]);
  expect(whoCanReach(manifest, LEDGER_DB).map((reach) => reach.principal)).toEqual([
    'serviceAccount:wiam-ledger@acme-prod.iam.gserviceaccount.com',
    'serviceAccount:wiam-ledger@acme-prod.iam.gserviceaccount.com',
  ]);
});

test.each([
  // A neighbour whose name starts with the instance's, another instance, another database, and the project itself.
  '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db-replica',
  '//sqladmin.googleapis.com/projects/acme-prod/instances/billing-db',
  '//firestore.googleapis.com/projects/acme-prod/databases/(default)',
  '//cloudresourcemanager.googleapis.com/projects/acme-prod',
])('a neighbour is not reached: %s', (neighbour) => {
  expect(reached(neighbour)).toEqual([]);
});

test('each permission carries the condition it is bound with', () => {
  const permissions = manifest.workloads.ledger.access['gcp-prod'].permissions;
  expect(permissions.map(({ grant, role, condition }) => ({ grant, role, expression: (condition as { expression: string }).expression }))).toEqual([
    { grant: 0, role: 'roles/cloudsql.client', expression: "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'" },
    { grant: 0, role: 'roles/cloudsql.instanceUser', expression: "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'" },
    { grant: 1, role: 'roles/datastore.viewer', expression: "resource.name == 'projects/acme-prod/databases/sessions'" },
  ]);
});
