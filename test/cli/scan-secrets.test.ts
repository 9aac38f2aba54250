import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

/**
 * `scan DIR` finds long-lived credentials across a repository tree (WIAM-SECRET-*): Terraform HCL, GitHub workflows
 * under `.github/workflows/`, `.gitlab-ci.yml`, Kubernetes manifests; each finding names its file and line, and a
 * `--acknowledge` file accepts single findings with a reason.
 */

const STACK_FRAME = /^ {4}at /m;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-scan-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const TERRAFORM = lines(
  'resource "aws_iam_user" "ci" {',
  '  name = "ci"',
  '}',
  '',
  'resource "aws_iam_access_key" "ci" {',
  '  user = aws_iam_user.ci.name',
  '}',
  '',
  'resource "google_service_account_key" "ci" {',
  '  service_account_id = "projects/acme/serviceAccounts/ci@acme.iam.gserviceaccount.com"',
  '}',
);

const WORKFLOW = lines(
  'on:',
  '  push:',
  '    branches: [main]',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: aws-actions/configure-aws-credentials@v4',
  '        with:',
  '          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
  '          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
  '          aws-region: eu-west-1',
);

const GITLAB = lines('deploy:', '  variables:', '    ARM_CLIENT_SECRET: $ARM_SECRET', '  script: [terraform apply]');

type JsonFinding = { rule: string; path: string; acknowledged?: string };
const findingsOf = (out: string) => (JSON.parse(out) as { findings: JsonFinding[] }).findings;

describe('a repository tree', () => {
  test('every credential is found, with its file and line; the tree fails the scan (exit 1)', async () => {
    write('infra/main.tf', TERRAFORM);
    write('.github/workflows/deploy.yml', WORKFLOW);
    write('.gitlab-ci.yml', GITLAB);
    write('k8s/secrets.yaml', lines('apiVersion: v1', 'kind: Secret', 'metadata: { name: app }', 'stringData:', '  AWS_SECRET_ACCESS_KEY: example'));
    const result = await runCli('scan', dir, '--format', 'json');
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    expect(findingsOf(result.out).map((f) => `${f.rule} ${f.path}`).sort()).toEqual(
      [
        'WIAM-SECRET-001 infra/main.tf:5#resource.aws_iam_access_key.ci',
        'WIAM-SECRET-002 infra/main.tf:1#resource.aws_iam_user.ci',
        'WIAM-SECRET-003 infra/main.tf:9#resource.google_service_account_key.ci',
        'WIAM-SECRET-005 k8s/secrets.yaml:5#stringData.AWS_SECRET_ACCESS_KEY',
        'WIAM-SECRET-006 .github/workflows/deploy.yml:10#jobs.deploy.steps[0].with.aws-access-key-id',
        'WIAM-SECRET-006 .gitlab-ci.yml:3#deploy.variables.ARM_CLIENT_SECRET',
      ].sort(),
    );
  });

  test('JSON files name the line too: Terraform JSON and a CloudFormation template', async () => {
    write('tf/keys.tf.json', lines('{', '  "resource": {', '    "aws_iam_access_key": {', '      "ci": { "user": "ci" }', '    }', '  }', '}'));
    write('cfn/template.json', lines('{', '  "Resources": {', '    "Key": { "Type": "AWS::IAM::AccessKey", "Properties": { "UserName": "ci" } }', '  }', '}'));
    const result = await runCli('scan', dir, '--format', 'json');
    expect(findingsOf(result.out).map((f) => `${f.rule} ${f.path}`)).toEqual([
      'WIAM-SECRET-001 cfn/template.json:3#Resources.Key',
      'WIAM-SECRET-001 tf/keys.tf.json:4#resource.aws_iam_access_key.ci',
    ]);
  });

  test('text output names the federated replacement as the fix', async () => {
    write('.github/workflows/deploy.yml', WORKFLOW);
    const result = await runCli('scan', dir);
    expect(result.out).toBe(
      [
        'error WIAM-SECRET-006 .github/workflows/deploy.yml:10#jobs.deploy.steps[0].with.aws-access-key-id: the aws-access-key-id input of aws-actions/configure-aws-credentials in job deploy is a long-lived AWS credential (fix: Use aws-actions/configure-aws-credentials with `role-to-assume` (and `permissions: id-token: write`) instead of access keys; `workload-iam scan --propose` drafts the identity and `workload-iam connect` prints the steps.)',
        '1 file scanned: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  test('clean neighbours: role-to-assume, id_tokens and other YAML in .github are no finding (exit 0)', async () => {
    write('.github/workflows/deploy.yml', WORKFLOW.replace(/ {10}aws-access-key-id.*\n {10}aws-secret-access-key.*\n/, '          role-to-assume: arn:aws:iam::111122223333:role/deploy\n'));
    write('.github/dependabot.yml', lines('version: 2', 'env:', '  AWS_SECRET_ACCESS_KEY: not a workflow'));
    write('.gitlab-ci.yml', lines('deploy:', '  id_tokens:', '    AWS_TOKEN: { aud: sts.amazonaws.com }', '  script: [make deploy]'));
    expect(await runCli('scan', dir)).toEqual({ code: 0, out: '2 files scanned: 0 errors, 0 warnings\n', err: '' });
  });

  test('a workflow given as PATH is read as a workflow', async () => {
    write('.github/workflows/deploy.yml', WORKFLOW);
    const result = await runCli('scan', join(dir, '.github', 'workflows', 'deploy.yml'), '--format', 'json');
    expect(findingsOf(result.out).map((f) => f.path)).toEqual(['deploy.yml:10#jobs.deploy.steps[0].with.aws-access-key-id']);
  });
});

describe('a recognised CI file that cannot be read fails the scan (exit 2), one line, no stack trace', () => {
  test.each([
    ['not YAML', 'jobs: [\n', /^\.github\/workflows\/deploy\.yml: not valid YAML: .+\n$/],
    ['binary', Buffer.from([0x6f, 0x6e, 0x00, 0x01]), /^\.github\/workflows\/deploy\.yml: the file is binary \(it holds NUL bytes\), not text\n$/],
    [
      'an alias bomb',
      lines('a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]'),
      /^\.github\/workflows\/deploy\.yml: aliases expand the document beyond 1,000,000 nodes; .+\n$/,
    ],
  ])('%s', async (_what, text, message) => {
    write('.github/workflows/deploy.yml', text);
    write('main.tf', TERRAFORM);
    const result = await runCli('scan', dir);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(STACK_FRAME);
  });
});

describe('--acknowledge FILE', () => {
  const acknowledge = (text: string) => {
    write('acks/scan-acknowledgements.yaml', text);
    return join(dir, 'acks', 'scan-acknowledgements.yaml');
  };

  test('accepts exactly the finding named by rule and path (the line may be left out); the others still block', async () => {
    write('infra/main.tf', TERRAFORM);
    const file = acknowledge(
      lines('acknowledge:', '  - rule: WIAM-SECRET-003', '    path: infra/main.tf#resource.google_service_account_key.ci', '    reason: the legacy exporter is replaced in Q1 (ticket OPS-12)'),
    );
    const json = await runCli('scan', dir, '--format', 'json', '--acknowledge', file);
    expect(json.code).toBe(1);
    expect(findingsOf(json.out).filter((f) => f.acknowledged !== undefined)).toEqual([
      expect.objectContaining({ rule: 'WIAM-SECRET-003', path: 'infra/main.tf:9#resource.google_service_account_key.ci', acknowledged: 'the legacy exporter is replaced in Q1 (ticket OPS-12)' }),
    ]);
    const text = await runCli('scan', dir, '--acknowledge', file);
    expect(text.out).toContain(': google_service_account_key.ci creates a long-lived service account key [acknowledged: the legacy exporter is replaced in Q1 (ticket OPS-12)]');
    expect(text.out.endsWith('1 file scanned: 2 errors, 0 warnings, 1 acknowledged\n')).toBe(true);
  });

  test('every finding acknowledged: exit 0; an acknowledgement that matches nothing is reported', async () => {
    write('.github/workflows/deploy.yml', WORKFLOW);
    const file = acknowledge(
      lines(
        'acknowledge:',
        '  - { rule: WIAM-SECRET-006, path: ".github/workflows/deploy.yml:10#jobs.deploy.steps[0].with.aws-access-key-id", reason: "sandbox account without data, reviewed 2026-11" }',
        '  - { rule: WIAM-SECRET-001, path: "gone.tf#resource.aws_iam_access_key.old", reason: "removed last week, kept by mistake" }',
      ),
    );
    const result = await runCli('scan', dir, '--acknowledge', file);
    expect(result.code).toBe(0);
    expect(result.err).toBe(`${file}: acknowledges WIAM-SECRET-001 at gone.tf#resource.aws_iam_access_key.old, which scan did not find: remove it\n`);
  });

  test('bad acknowledgements: one `path: message` line each, exit 2', async () => {
    write('main.tf', TERRAFORM);
    const file = acknowledge(
      lines('acknowledge:', '  - { rule: WIAM-TRUST-001, path: main.tf, reason: "we trust everyone here" }', '  - { rule: WIAM-SECRET-001, path: main.tf, reason: short }', '  - { rule: WIAM-NOPE-001, path: main.tf, reason: "a reason long enough" }'),
    );
    const result = await runCli('scan', dir, '--acknowledge', file);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.trimEnd().split('\n')).toEqual([
      `acknowledge[0].rule: WIAM-TRUST-001 (Trust admits any principal) cannot be acknowledged: fix what it finds instead (in --acknowledge ${file}) (line 2)`,
      `acknowledge[1].reason: reason must say why the finding is accepted (at least 10 characters) (in --acknowledge ${file}) (line 3)`,
      `acknowledge[2].rule: WIAM-NOPE-001 is not a rule of the catalogue (see \`workload-iam rules\`) (in --acknowledge ${file}) (line 4)`,
    ]);
  });

  test('a missing acknowledgement file: exit 2, one line', async () => {
    write('main.tf', TERRAFORM);
    const missing = join(dir, 'nope.yaml');
    const result = await runCli('scan', dir, '--acknowledge', missing);
    expect(result).toEqual({ code: 2, out: '', err: `${missing}: cannot be read: no such file (ENOENT)\n` });
  });
});
