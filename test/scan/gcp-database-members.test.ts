import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPathAsync } from '../../lib/scan/scan';

// Terraform that grants a pull-request GitHub subject, through the service account it impersonates, what the
// catalogue's GCP database levels bind: Cloud SQL's roles on the project under a condition, Spanner's on a database.
// `scan` judges what the member can reach as the rules judge the Plan: WIAM-GH-001 refuses writing roles and only warns
// on reading ones. Member formats follow Google's principal identifiers; the ids are made up.

const POOL = 'projects/123456789/locations/global/workloadIdentityPools/ci-pool';
const PULL_REQUEST = `principal://iam.googleapis.com/${POOL}/subject/repo:acme/ledger:pull_request`;
const EMAIL = 'ledger@acme-prod.iam.gserviceaccount.com';

function module(grants: string): string {
  return `resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id = "ci-pool"
  attribute_condition       = "assertion.repository_owner_id == '65' && assertion.repository_id == '81'"
  attribute_mapping = {
    "google.subject" = "assertion.sub"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account_iam_member" "act_as" {
  service_account_id = "projects/acme-prod/serviceAccounts/${EMAIL}"
  role               = "roles/iam.workloadIdentityUser"
  member             = "${PULL_REQUEST}"
}
${grants}`;
}

const CLOUD_SQL = `
resource "google_project_iam_member" "client" {
  project = "acme-prod"
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${EMAIL}"
  condition {
    title      = "one instance"
    expression = "resource.name == 'projects/acme-prod/instances/ledger-db' && resource.type == 'sqladmin.googleapis.com/Instance'"
  }
}
`;

const SPANNER_READER = `
resource "google_spanner_database_iam_member" "reader" {
  project  = "acme-prod"
  instance = "main"
  database = "ledger"
  role     = "roles/spanner.databaseReader"
  member   = "serviceAccount:${EMAIL}"
}
`;

async function pullRequestVerdicts(hcl: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-gcp-db-'));
  try {
    writeFileSync(join(dir, 'main.tf'), hcl);
    const { findings } = await scanPathAsync(dir);
    return findings.filter((f) => f.rule === 'WIAM-GH-001').map((f) => f.severity);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a conditioned Cloud SQL project member reached by impersonation writes: the pull-request subject is refused', async () => {
  expect(await pullRequestVerdicts(module(CLOUD_SQL))).toEqual(['error']);
});

test('safe neighbour: a Spanner reader reached the same way only reads, and is warned about', async () => {
  expect(await pullRequestVerdicts(module(SPANNER_READER))).toEqual(['warning']);
});
