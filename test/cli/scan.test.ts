import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

/** `workload-iam scan PATH` (SPEC §6): exit codes 0 · 1 · 2, the JSON findings shape, one line per finding or problem. */

const FIXTURES = join(__dirname, '..', 'fixtures', 'scan');
const ORG_WIDE = join(FIXTURES, 'cloudformation', 'org-wide.json');
const GOOD = join(FIXTURES, 'cloudformation', 'good.json');
const STATEMENT = 'org-wide.json#Resources.DeployRole.Properties.AssumeRolePolicyDocument.Statement[0]';
const STACK_FRAME = /^ {4}at /m;


let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-scan-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file under the temporary directory, creating its folders. */
function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('exit codes', () => {
  test('1 with an error-level finding; text is one line per finding and a summary', async () => {
    const result = await runCli('scan', ORG_WIDE);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^warning WIAM-ID-001 ${escape(STATEMENT)}: the organization is pinned by name only \\(fix: .+\\)$`));
    expect(lines[1]).toMatch(
      new RegExp(`^error WIAM-TRUST-006 ${escape(STATEMENT)}: StringLike token.actions.githubusercontent.com:sub "repo:octo-org/\\*" admits every repository it matches, not one \\(fix: .+\\)$`),
    );
    expect(lines.slice(2)).toEqual(['1 file scanned: 1 error, 1 warning', '']);
  });

  test('0 without findings', async () => {
    expect(await runCli('scan', GOOD)).toEqual({ code: 0, out: '1 file scanned: 0 errors, 0 warnings\n', err: '' });
  });

  test('0 with warnings only', async () => {
    const template = JSON.parse(readFileSync(GOOD, 'utf8'));
    template.Resources.DeployRole.Properties.MaxSessionDuration = 7200;
    write('template.json', JSON.stringify(template));
    const result = await runCli('scan', dir);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^warning WIAM-SESSION-001 template\.json#Resources\.DeployRole\.Properties\.MaxSessionDuration: sessions last up to 2 h \(fix: .+\)\n1 file scanned: 0 errors, 1 warning\n$/);
  });

  test('2 when nothing could be read: each unparseable file, then PATH, as `path: message`', async () => {
    const path = join(FIXTURES, 'unreadable');
    const result = await runCli('scan', path);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: [
        'broken.yaml: not valid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 5, column 1',
        `${path}: no CloudFormation template, Terraform configuration, Kubernetes manifest or CI configuration could be read`,
        '',
      ].join('\n'),
    });
    expect(result.err).not.toMatch(STACK_FRAME);
  });

  test('2 for a path that does not exist', async () => {
    const missing = join(dir, 'nope');
    expect(await runCli('scan', missing)).toEqual({ code: 2, out: '', err: `${missing}: cannot read: no such file or directory\n` });
  });

  test('2 for an empty directory, and for invalid JSON given as the only file', async () => {
    expect((await runCli('scan', dir)).code).toBe(2);
    write('broken.tf.json', '{ "resource": ');
    const result = await runCli('scan', join(dir, 'broken.tf.json'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^broken\.tf\.json: not valid JSON: .+\n/);
    expect(result.err).not.toMatch(STACK_FRAME);
  });

  test('2 for an unknown --format, and without PATH', async () => {
    const xml = await runCli('scan', GOOD, '--format', 'xml');
    expect(xml.code).toBe(2);
    expect(xml.err).toContain("argument 'xml' is invalid");
    expect((await runCli('scan')).err).toBe("error: missing required argument 'path'\n");
  });
});

describe('fail closed: a value scan cannot read is an error finding, never only a note', () => {
  const importedTrust = [
    'Resources:',
    '  DeployRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: !ImportValue shared-trust-policy',
    '',
  ].join('\n');

  test('a CloudFormation trust policy that is an import: exit 1, WIAM-SCAN-001 on stdout, nothing on stderr', async () => {
    write('template.yaml', importedTrust);
    const result = await runCli('scan', dir);
    expect(result).toEqual({
      code: 1,
      out: expect.stringMatching(
        /^error WIAM-SCAN-001 template\.yaml#Resources\.DeployRole\.Properties\.AssumeRolePolicyDocument: the trust policy is \$\{Fn::ImportValue\}, which scan cannot read: judged as wide as it may be \(it may admit any principal\) \(fix: .+\)\n1 file scanned: 1 error, 0 warnings\n$/,
      ),
      err: '',
    });
  });

  test('a Terraform HCL trust policy from file(): the path names its line in main.tf', async () => {
    write('main.tf', 'resource "aws_iam_role" "deploy" {\n  name               = "deploy"\n  assume_role_policy = file("trust.json")\n}\n');
    const result = await runCli('scan', dir, '--format', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      findings: [
        {
          rule: 'WIAM-SCAN-001',
          severity: 'error',
          resource: 'aws_iam_role.deploy',
          path: 'main.tf:3#resource.aws_iam_role.deploy.assume_role_policy',
          message: 'the trust policy is ${file("trust.json")}, which scan cannot read: judged as wide as it may be (it may admit any principal)',
          fix: expect.stringContaining('Write the value where scan can read it'),
        },
      ],
    });
  });

  test('safe neighbour: readable Terraform HCL has no finding, exit 0', async () => {
    expect(await runCli('scan', join(FIXTURES, 'hcl'))).toEqual({ code: 0, out: '1 file scanned: 0 errors, 0 warnings\n', err: '' });
  });

  test('a .tf file that is not HCL is a problem line; alone, nothing could be read (exit 2)', async () => {
    write('broken.tf', 'resource "aws_iam_role" "deploy" {\n');
    const result = await runCli('scan', dir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^broken\.tf: not valid HCL: line 1,\S+ Unclosed configuration block\n.+: no CloudFormation template, Terraform configuration, Kubernetes manifest or CI configuration could be read\n$/);
    expect(result.err).not.toMatch(STACK_FRAME);
  });
});

describe('--format json', () => {
  test('exactly the SPEC shape: rule, severity, resource, path, message, fix', async () => {
    const result = await runCli('scan', ORG_WIDE, '--format', 'json');
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.out) as { findings: Record<string, unknown>[] };
    expect(Object.keys(JSON.parse(result.out))).toEqual(['findings']);
    expect(findings.map((f) => Object.keys(f))).toEqual([
      ['rule', 'severity', 'resource', 'path', 'message', 'fix'],
      ['rule', 'severity', 'resource', 'path', 'message', 'fix'],
    ]);
    expect(findings[1]).toEqual({
      rule: 'WIAM-TRUST-006',
      severity: 'error',
      resource: 'DeployRole',
      path: STATEMENT,
      message: 'StringLike token.actions.githubusercontent.com:sub "repo:octo-org/*" admits every repository it matches, not one',
      fix: expect.any(String),
    });
  });

  test('no findings is { "findings": [] }', async () => {
    const result = await runCli('scan', GOOD, '--format', 'json');
    expect(result).toEqual({ code: 0, out: `${JSON.stringify({ findings: [] }, null, 2)}\n`, err: '' });
  });

  test('a finding about a resource named elsewhere than its path names it in text too', async () => {
    const gcp = join(FIXTURES, 'terraform', 'gcp-module');
    const json = JSON.parse((await runCli('scan', gcp, '--format', 'json')).out) as { findings: { path: string; resource: string }[] };
    expect(json.findings[0]).toMatchObject({
      path: 'members.tf.json#resource.google_project_iam_member.whole_pool_editor.member',
      resource: 'google_iam_workload_identity_pool_provider.github',
    });
    const text = (await runCli('scan', gcp)).out;
    expect(text.split('\n')[0]).toMatch(
      /^error WIAM-TRUST-001 members\.tf\.json#resource\.google_project_iam_member\.whole_pool_editor\.member \[google_iam_workload_identity_pool_provider\.github\]: /,
    );
  });
});

describe('directories', () => {
  test('node_modules and dot-directories are skipped; files that are neither format are ignored', async () => {
    copyFileSync(ORG_WIDE, join(dir, 'org-wide.json'));
    write('node_modules/some-package/org-wide.json', readFileSync(ORG_WIDE, 'utf8'));
    write('.aws-sam/build/org-wide.json', readFileSync(ORG_WIDE, 'utf8'));
    write('package.json', '{ "name": "app" }');
    write('.github/workflows/deploy.yml', 'on: push\n');
    const result = await runCli('scan', dir, '--format', 'json');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.out) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual([STATEMENT, STATEMENT]);
  });

  test('an unparseable file beside readable ones is a problem line; the exit code follows the findings', async () => {
    copyFileSync(GOOD, join(dir, 'good.json'));
    write('stacks/broken.yaml', 'Resources: [\n');
    const result = await runCli('scan', dir);
    expect(result.code).toBe(0);
    expect(result.out).toBe('1 file scanned: 0 errors, 0 warnings\n');
    expect(result.err).toMatch(/^stacks\/broken\.yaml: not valid YAML: .+\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
