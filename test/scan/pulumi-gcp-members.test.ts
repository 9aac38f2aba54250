import { pulumiRegistrationsAsTerraform, registrationAddress } from '../../lib/scan/pulumi-registrations';

// @pulumi/gcp bridges Google's Terraform provider: gcp.projects.IAMMember is `google_project_iam_member` (type token
// `gcp:projects/iAMMember:IAMMember`), its `condition` the same block in camel case.

const condition = { title: 'one instance', description: 'only it', expression: "resource.name == 'projects/acme-prod/instances/ledger-db'" };

test('a recorded project member, its condition included, is judged as google_project_iam_member', () => {
  const registration = {
    type: 'gcp:projects/iAMMember:IAMMember',
    name: 'platform-ledger-1a2b',
    inputs: { project: 'acme-prod', role: 'roles/cloudsql.client', member: 'serviceAccount:ledger@acme-prod.iam.gserviceaccount.com', condition },
  };
  expect(registrationAddress(registration)).toBe('google_project_iam_member.platform-ledger-1a2b');
  expect(pulumiRegistrationsAsTerraform([registration])).toEqual({
    resource: { google_project_iam_member: { 'platform-ledger-1a2b': { ...registration.inputs } } },
  });
});

test('safe neighbour: a service account\'s own member keeps its type', () => {
  expect(registrationAddress({ type: 'gcp:serviceaccount/iAMMember:IAMMember', name: 'm' })).toBe('google_service_account_iam_member.m');
});
