import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../lib/rules/rule';
import { scanPathAsync } from '../../lib/scan/scan';

/**
 * GCP workload identity pools in Terraform: members that pin only a repository, members of pools whose provider is
 * elsewhere, providers of shared issuers without a condition, AWS providers. Member formats follow Google's principal
 * identifiers; the ids are made up.
 */

const POOL = 'projects/123456789/locations/global/workloadIdentityPools/ci-pool';
const GITHUB = 'https://token.actions.githubusercontent.com';

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);

async function scanModule(resources: Record<string, unknown>, format: 'json' | 'hcl' = 'json', hcl = '') {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-gcp-'));
  try {
    if (format === 'json') writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ resource: resources }));
    else writeFileSync(join(dir, 'main.tf'), hcl);
    return errors((await scanPathAsync(dir)).findings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A provider of the ci-pool for `issuer` with `condition`, and one service-account binding of `member`. */
function module(member: string, provider?: Record<string, unknown>) {
  return {
    ...(provider ? { google_iam_workload_identity_pool_provider: { ci: { workload_identity_pool_id: 'ci-pool', ...provider } } } : {}),
    google_service_account_iam_member: { deploy: { service_account_id: 'deploy', role: 'roles/iam.workloadIdentityUser', member } },
  };
}

const github = (condition?: string) => ({
  ...(condition !== undefined ? { attribute_condition: condition } : {}),
  attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository', 'attribute.repository_owner': 'assertion.repository_owner' },
  oidc: { issuer_uri: GITHUB },
});

const MEMBER_PATH = 'main.tf.json#resource.google_service_account_iam_member.deploy.member';
const OWNER = "assertion.repository_owner_id == '90125'";

describe('a member that pins only a repository admits every ref and pull request of it (WIAM-TRUST-007)', () => {
  test('attribute.repository member, provider in the module', async () => {
    expect(await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web`, github(OWNER)))).toEqual([`WIAM-TRUST-007 ${MEMBER_PATH}`]);
  });

  test('safe neighbours: the condition pins the ref, or the member is one exact subject', async () => {
    const pinned = `${OWNER} && assertion.ref == 'refs/heads/main'`;
    expect(await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web`, github(pinned)))).toEqual([]);
    expect(await scanModule(module(`principal://iam.googleapis.com/${POOL}/subject/repo:octo-org/web:environment:production`, github(OWNER)))).toEqual([]);
  });

  test('the same in HCL', async () => {
    const hcl = `resource "google_iam_workload_identity_pool_provider" "ci" {
  workload_identity_pool_id = "ci-pool"
  attribute_condition       = "${OWNER}"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
  }
  oidc {
    issuer_uri = "${GITHUB}"
  }
}

resource "google_service_account_iam_member" "deploy" {
  service_account_id = "deploy"
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web"
}
`;
    expect(await scanModule({}, 'hcl', hcl)).toEqual(['WIAM-TRUST-007 main.tf:16#resource.google_service_account_iam_member.deploy.member']);
  });
});

describe('members of a pool whose provider is elsewhere are judged on their own', () => {
  test.each([
    ['the whole pool', `principalSet://iam.googleapis.com/${POOL}/*`, 'WIAM-TRUST-001'],
    ['every repository of an owner', `principalSet://iam.googleapis.com/${POOL}/attribute.repository_owner/octo-org`, 'WIAM-TRUST-006'],
    ['every ref of a repository', `principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web`, 'WIAM-TRUST-007'],
    ['every project of a GitLab group', `principalSet://iam.googleapis.com/${POOL}/attribute.namespace_path/octo-group`, 'WIAM-TRUST-006'],
  ])('%s', async (_, member, rule) => {
    expect(await scanModule(module(member))).toContain(`${rule} ${MEMBER_PATH}`);
  });

  test('safe neighbour: one exact subject is not judged without its provider', async () => {
    expect(await scanModule(module(`principal://iam.googleapis.com/${POOL}/subject/repo:octo-org/web:environment:production`))).toEqual([]);
  });
});

describe('a provider of a shared issuer without a condition lets every tenant into the pool (WIAM-TRUST-004)', () => {
  const provider = 'main.tf.json#resource.google_iam_workload_identity_pool_provider.ci.attribute_condition';

  test.each([
    ['GitHub', GITHUB],
    ['gitlab.com', 'https://gitlab.com'],
    ['HCP Terraform', 'https://app.terraform.io'],
    ['Buildkite', 'https://agent.buildkite.com'],
  ])('%s, even with an exact member', async (_, issuer) => {
    const found = await scanModule(module(`principal://iam.googleapis.com/${POOL}/subject/exact-subject`, { oidc: { issuer_uri: issuer } }));
    expect(found).toContain(`WIAM-TRUST-004 ${provider}`);
  });

  test('safe neighbours: a condition that pins the owner; a dedicated issuer', async () => {
    expect(await scanModule(module(`principal://iam.googleapis.com/${POOL}/subject/repo:octo-org/web:environment:production`, github(OWNER)))).toEqual([]);
    const dedicated = { attribute_mapping: { 'google.subject': 'assertion.sub' }, oidc: { issuer_uri: 'https://oidc.octo.example' } };
    expect(await scanModule(module(`principal://iam.googleapis.com/${POOL}/subject/deploy`, dedicated))).toEqual([]);
  });
});

describe('AWS providers are judged', () => {
  const aws = (extra: Record<string, unknown> = {}) => ({ aws: { account_id: '111122223333' }, ...extra });
  const ROLE_MEMBER = `principalSet://iam.googleapis.com/${POOL}/attribute.aws_role/arn:aws:sts::111122223333:assumed-role/ci-runner`;

  test('without members or a condition: every identity of the account enters', async () => {
    expect(await scanModule({ google_iam_workload_identity_pool_provider: { ci: { workload_identity_pool_id: 'ci-pool', ...aws() } } })).toEqual([
      'WIAM-TRUST-005 main.tf.json#resource.google_iam_workload_identity_pool_provider.ci.attribute_condition',
    ]);
  });

  test('the whole pool of an AWS provider is any principal', async () => {
    expect(await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/*`, aws()))).toContain(`WIAM-TRUST-001 ${MEMBER_PATH}`);
  });

  test('safe neighbour: one role of the account, by the default aws_role mapping', async () => {
    expect(await scanModule(module(ROLE_MEMBER, aws()))).toEqual([]);
  });

  test('an account from a variable may be anyone\'s (WIAM-SCAN-001)', async () => {
    const found = await scanModule(module(ROLE_MEMBER, { aws: { account_id: '${var.account}' } }));
    expect(found).toContain('WIAM-SCAN-001 main.tf.json#resource.google_iam_workload_identity_pool_provider.ci.aws.account_id');
  });
});

describe('what cannot be read', () => {
  test('an issuer or a condition from a variable is WIAM-SCAN-001', async () => {
    const member = `principal://iam.googleapis.com/${POOL}/subject/repo:octo-org/web:environment:production`;
    expect(await scanModule(module(member, { oidc: { issuer_uri: '${var.issuer}' }, attribute_condition: OWNER }))).toContain(
      'WIAM-SCAN-001 main.tf.json#resource.google_iam_workload_identity_pool_provider.ci.oidc.issuer_uri',
    );
    expect(await scanModule(module(member, { ...github(), attribute_condition: '${var.condition}' }))).toContain(
      'WIAM-SCAN-001 main.tf.json#resource.google_iam_workload_identity_pool_provider.ci.attribute_condition',
    );
  });
});

describe('a member is joined only with the providers whose mapping can produce it', () => {
  const wide = `principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web`;
  const gitlab = { attribute_condition: "assertion.namespace_id == '77'", attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.project_path': 'assertion.project_path' }, oidc: { issuer_uri: 'https://gitlab.com' } };

  test('a provider that does not map the attribute never admits the member: only the provider that does judges it', async () => {
    const resources = {
      google_iam_workload_identity_pool_provider: {
        gh: { workload_identity_pool_id: 'ci-pool', ...github(OWNER) },
        gl: { workload_identity_pool_id: 'ci-pool', ...gitlab },
      },
      google_service_account_iam_member: { deploy: { service_account_id: 'deploy', role: 'roles/iam.workloadIdentityUser', member: wide } },
    };
    // The GitHub provider maps attribute.repository: its finding on the member stays. GitLab's maps no such attribute,
    // so the member is not read through it (it would pin nothing there); the GitLab provider is judged on its own.
    const found = await scanModule(resources);
    expect(found.filter((finding) => finding.endsWith(MEMBER_PATH))).toEqual([`WIAM-TRUST-007 ${MEMBER_PATH}`]);
    expect(found).toContain('WIAM-TRUST-005 main.tf.json#resource.google_iam_workload_identity_pool_provider.gl.attribute_condition');
  });

  test('a mapping that starts with a literal produces only values with that start', async () => {
    const prefixed = (prefix: string) => ({ ...github(OWNER), attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': `'${prefix}:' + assertion.repository` } });
    // Attack: the member's value carries the provider's prefix, so the provider admits it (judged as wide as it may be).
    expect(await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/attribute.repository/gh1:octo-org/web`, prefixed('gh1')))).not.toEqual([]);
    // Neighbour: another prefix can never come out of this mapping, so the provider admits nothing through the member.
    const neighbour = await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/attribute.repository/gh2:octo-org/web`, prefixed('gh1')));
    expect(neighbour.filter((finding) => finding.endsWith(MEMBER_PATH))).toEqual([]);
  });

  test('a mapping that cannot be read may produce anything: the member stays joined', async () => {
    const unknown = { ...github(OWNER), attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': '${var.mapping}' } };
    expect(await scanModule(module(`principalSet://iam.googleapis.com/${POOL}/attribute.repository/gh2:octo-org/web`, unknown))).not.toEqual([]);
  });
});

describe('the workload-iam metadata of a binding names its workload and acknowledges its rules', () => {
  const member = `principalSet://iam.googleapis.com/${POOL}/attribute.repository/octo-org/web`;
  const withMetadata = (metadata: unknown) => ({
    google_iam_workload_identity_pool_provider: { ci: { workload_identity_pool_id: 'ci-pool', ...github(OWNER) } },
    google_service_account_iam_member: { deploy: { 'service_account_id': 'deploy', 'role': 'roles/iam.workloadIdentityUser', member, '//': { 'workload-iam': metadata } } },
  });

  async function findingsOf(resources: Record<string, unknown>) {
    const dir = mkdtempSync(join(tmpdir(), 'wiam-gcp-'));
    try {
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ resource: resources }));
      return await scanPathAsync(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('the finding names the workload; an unacknowledgeable rule stays an error', async () => {
    const { findings } = await findingsOf(withMetadata({ workload: 'web-deploy', acknowledge: [{ rule: 'WIAM-TRUST-007', reason: 'every ref of this repository is protected by rulesets' }] }));
    const finding = findings.find((f) => f.rule === 'WIAM-TRUST-007')!;
    expect(finding.workload).toBe('web-deploy');
    expect(finding.severity === 'error' && finding.acknowledged === undefined).toBe(true);
  });

  test('malformed metadata is a problem, never a silent acknowledgement', async () => {
    const { findings, problems } = await findingsOf(withMetadata({ workload: 'Web Deploy', acknowledge: [{ rule: 'WIAM-TRUST-007' }] }));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringContaining('google_service_account_iam_member.deploy["//"].workload-iam')]));
    expect(findings.filter((f) => f.acknowledged !== undefined)).toEqual([]);
  });
});
