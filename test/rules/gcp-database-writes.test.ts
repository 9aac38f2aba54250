import { checkPlan } from '../../lib/rules/check';
import { compileWorkloads, type IdentityInput } from '../plan/fixtures';

// A pull-request identity runs code anyone can propose: WIAM-GH-001 refuses it on any grant that can change state.
// Connecting to a database logs in with whatever the database lets its user do, so `connect` writes; `read` only
// warns that pull-request runs are admitted.

const PULL_REQUEST: IdentityInput = { github: { repository: 'acme/ledger', ownerId: '65', repositoryId: '81', pullRequest: true } };

function pullRequestFindings(resource: string, access: string): string[] {
  const plan = compileWorkloads([{ name: 'ledger-preview', identities: [PULL_REQUEST], grants: { 'gcp-prod': [{ resource, access }] } }]);
  return checkPlan(plan)
    .filter((finding) => finding.rule === 'WIAM-GH-001')
    .map((finding) => `${finding.severity} ${finding.path}`);
}

test.each([
  ['//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db', 'connect'],
  ['//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger', 'readWrite'],
  ['//firestore.googleapis.com/projects/acme-prod/databases/sessions', 'readWrite'],
  ['//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/fx-rates', 'invoke'],
])('a pull-request identity is refused on %s %s', (resource, access) => {
  expect(pullRequestFindings(resource, access)).toEqual(['error workloads[ledger-preview].identities[0]']);
});

test.each([
  ['//spanner.googleapis.com/projects/acme-prod/instances/main/databases/ledger', 'read'],
  ['//firestore.googleapis.com/projects/acme-prod/databases/sessions', 'read'],
])('safe neighbour: a pull-request identity is accepted on %s %s, with the read-only warning', (resource, access) => {
  expect(pullRequestFindings(resource, access)).toEqual(['warning workloads[ledger-preview].identities[0]']);
});
