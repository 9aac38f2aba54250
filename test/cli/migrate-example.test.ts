import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './run-cli';

/** examples/migrate, as the README walks through it: scan finds the keys, --propose drafts, connect prints the sign-in. */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'migrate');

test('scan finds the workflow\'s keys and the Terraform that creates them', async () => {
  const result = await runCli('scan', EXAMPLE, '--format', 'json');
  expect(result.code).toBe(1);
  expect((JSON.parse(result.out) as { findings: { rule: string; path: string }[] }).findings.map((f) => `${f.rule} ${f.path}`)).toEqual([
    'WIAM-SECRET-006 .github/workflows/deploy.yml:15#jobs.deploy.steps[1].with.aws-access-key-id',
    'WIAM-SECRET-006 .github/workflows/deploy.yml:21#jobs.deploy.steps[3].with.credentials_json',
    'WIAM-SECRET-002 infra/main.tf:2#resource.aws_iam_user.deploy',
    'WIAM-SECRET-001 infra/main.tf:6#resource.aws_iam_access_key.deploy',
    'WIAM-SECRET-003 infra/main.tf:23#resource.google_service_account_key.deploy',
  ]);
});

test('--propose drafts the deploy job in environment production, as the committed workloads.yaml fills it in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-migrate-'));
  try {
    await runCli('scan', EXAMPLE, '--propose', join(dir, 'draft.yaml'));
    const draft = parse(readFileSync(join(dir, 'draft.yaml'), 'utf8')) as { workloads: { name: string; identities: { github: Record<string, string> }[] }[] };
    expect(draft.workloads.map((w) => [w.name, w.identities.map((i) => i.github.environment)])).toEqual([['deploy', ['production']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the filled-in declaration validates, and connect prints the role to assume', async () => {
  expect((await runCli('validate', join(EXAMPLE, 'workloads.yaml'))).code).toBe(0);
  const result = await runCli('connect', join(EXAMPLE, 'workloads.yaml'), 'deploy');
  expect(result.code).toBe(0);
  expect(result.out).toContain('role-to-assume: arn:aws:iam::111122223333:role/workload-iam/wiam-deploy\n');
  expect(result.out).toContain('aws-region: eu-west-1\n');
});
