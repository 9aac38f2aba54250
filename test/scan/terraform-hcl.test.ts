import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../lib/rules/rule';
import { scanPath, scanPathAsync } from '../../lib/scan/scan';

/**
 * Terraform HCL (`.tf`) as users write it, read through hcl2json: jsonencode of literals, locals, variables,
 * aws_iam_policy_document data sources and their merges, and what cannot be read (WIAM-SCAN-001). Paths point at
 * the line in the .tf file. Attribute names follow the AWS provider's documentation; the ids are made up.
 */

const FIXTURE = join(__dirname, '..', 'fixtures', 'scan', 'hcl');
const GITHUB = 'token.actions.githubusercontent.com';

/** A finding as `severity rule path`. */
const located = (f: Finding) => `${f.severity} ${f.rule} ${f.path}`;
const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error').map(located);

/** Writes `.tf` files (and others) into a fresh directory and scans it. */
async function scanTf(files: Readonly<Record<string, string>>) {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-tf-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return await scanPathAsync(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PROVIDER = `resource "aws_iam_openid_connect_provider" "github" {\n  url = "https://${GITHUB}"\n}\n`;

/** A role whose trust is `trust` (an HCL expression), after the provider (lines 1-3) and `before` lines. */
const role = (trust: string, before = '') => `${PROVIDER}${before}resource "aws_iam_role" "deploy" {\n  assume_role_policy = ${trust}\n}\n`;

/** jsonencode of one web-identity statement with this Condition (HCL object syntax). */
const jsonencodeTrust = (condition: string) => `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = ${condition}
    }]
  })`;

const EXACT = `{
        StringEquals = {
          "${GITHUB}:aud" = "sts.amazonaws.com"
          "${GITHUB}:sub" = "repo:octo-org/web:environment:production"
          "${GITHUB}:repository_owner_id" = "90125"
          "${GITHUB}:repository_id" = "74119"
        }
      }`;

describe('what can be read is read', () => {
  test('the fixture: jsonencode, locals, a validated variable and a bucket of the module, all clean', async () => {
    expect(await scanPathAsync(FIXTURE)).toEqual({ findings: [], problems: [], filesRead: 1, credentialUses: [] });
  });

  test('jsonencode of a literal: an org-wide subject is refused, at the line of the statement', async () => {
    const condition = `{
        StringEquals = { "${GITHUB}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${GITHUB}:sub" = "repo:octo-org/*" }
      }`;
    const { findings } = await scanTf({ 'main.tf': role(jsonencodeTrust(condition)) });
    // The statement opens on line 7 of main.tf (`Statement = [{`).
    expect(errors(findings)).toEqual(['error WIAM-TRUST-006 main.tf:7#resource.aws_iam_role.deploy.assume_role_policy.Statement[0]']);
  });

  test('safe neighbour: the same jsonencode pinning one environment by ids has no finding', async () => {
    expect((await scanTf({ 'main.tf': role(jsonencodeTrust(EXACT)) })).findings).toEqual([]);
  });

  test('HCL object syntax: colons, quoted and bare keys, numbers, bools, escapes and nested objects', async () => {
    const condition = `{
        "StringEquals": {
          "${GITHUB}:aud": "sts.amazonaws.com",
          "${GITHUB}:sub": "repo:octo-org/web:environment:\\u0070roduction",
          "${GITHUB}:repository_owner_id": 90125,
          "${GITHUB}:repository_id": 74119,
        },
        Bool = { "aws:SecureTransport" = true }
      }`;
    expect((await scanTf({ 'main.tf': role(jsonencodeTrust(condition)) })).findings).toEqual([]);
  });

  test('a local of literals resolves; a local naming a pull request is judged as one', async () => {
    const before = 'locals {\n  subject = "repo:octo-org/web:pull_request"\n}\n';
    const condition = `{ StringEquals = { "${GITHUB}:aud" = "sts.amazonaws.com", "${GITHUB}:sub" = local.subject, "${GITHUB}:repository_id" = "74119" } }`;
    const { findings } = await scanTf({ 'main.tf': role(jsonencodeTrust(condition), before) });
    expect(errors(findings)).toEqual(['error WIAM-GH-001 main.tf:10#resource.aws_iam_role.deploy.assume_role_policy.Statement[0]']);
  });

  test('a variable with a default may be anything; one whose validation lists its values is each of them', async () => {
    const trust = (variable: string) =>
      role(
        jsonencodeTrust(`{ StringEquals = { "${GITHUB}:aud" = "sts.amazonaws.com", "${GITHUB}:repository_id" = "74119", "${GITHUB}:sub" = "repo:octo-org/web:ref:refs/heads/\${var.branch}" } }`),
        variable,
      );
    const withDefault = 'variable "branch" {\n  default = "main"\n}\n';
    expect(errors((await scanTf({ 'main.tf': trust(withDefault) })).findings)).toEqual([
      'error WIAM-REF-001 main.tf:10#resource.aws_iam_role.deploy.assume_role_policy.Statement[0]',
    ]);
    const validated = (values: string) =>
      `variable "branch" {\n  default = "main"\n  validation {\n    condition = contains([${values}], var.branch)\n    error_message = "no"\n  }\n}\n`;
    expect(errors((await scanTf({ 'main.tf': trust(validated('"main", "release"')) })).findings)).toEqual([]);
    const equality = 'variable "branch" {\n  validation {\n    condition = var.branch == "main" || var.branch == "*"\n    error_message = "no"\n  }\n}\n';
    // StringEquals does not read "*" as a wildcard: refs/heads/* is a name no branch has. Still one value of two.
    expect((await scanTf({ 'main.tf': trust(equality) })).findings.map((f) => f.rule)).not.toContain('WIAM-REF-001');
  });

  test('both branches of a conditional are possible', async () => {
    const condition = `{ StringEquals = { "${GITHUB}:aud" = "sts.amazonaws.com", "${GITHUB}:repository_id" = "74119", "${GITHUB}:sub" = var.preview ? "repo:octo-org/web:pull_request" : "repo:octo-org/web:environment:production" } }`;
    const { findings } = await scanTf({ 'main.tf': role(jsonencodeTrust(condition)) });
    expect(errors(findings)).toEqual(['error WIAM-GH-001 main.tf:7#resource.aws_iam_role.deploy.assume_role_policy.Statement[0]']);
  });

  test('an aws_iam_policy_document data source: statement blocks, located at their line', async () => {
    const document = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "${GITHUB}:sub"
      values   = ["repo:octo-org/web:*"]
    }
    condition {
      test     = "StringEquals"
      variable = "${GITHUB}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}
`;
    const { findings } = await scanTf({ 'main.tf': role('data.aws_iam_policy_document.trust.json', document) });
    expect(errors(findings)).toEqual(['error WIAM-TRUST-007 main.tf:5#data.aws_iam_policy_document.trust.statement[0]']);
  });

  test('source_policy_documents of another data source and override_policy_documents of jsonencode are merged by sid', async () => {
    const documents = `data "aws_iam_policy_document" "base" {
  statement {
    sid     = "Deploy"
    actions = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "permissions" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "Extra", Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })]
}
`;
    const text = `${PROVIDER}${documents}resource "aws_iam_role" "deploy" {
  assume_role_policy = ${jsonencodeTrust(EXACT)}
  inline_policy {
    name   = "deploy"
    policy = data.aws_iam_policy_document.permissions.json
  }
}
`;
    const { findings } = await scanTf({ 'main.tf': text });
    expect(errors(findings)).toEqual([
      'error WIAM-PERM-001 main.tf:5#data.aws_iam_policy_document.base.statement[0]',
      // s3:* includes s3:PutBucketPolicy, a permissions-management action.
      'error WIAM-PERM-002 main.tf:5#data.aws_iam_policy_document.base.statement[0]',
      'error WIAM-PERM-001 main.tf:14#data.aws_iam_policy_document.permissions.override_policy_documents[0].Statement[0]',
      'error WIAM-PERM-002 main.tf:14#data.aws_iam_policy_document.permissions.override_policy_documents[0].Statement[0]',
    ]);
    // Safe neighbour: an own statement with the base's sid replaces it.
    const replaced = text.replace('  source_policy_documents', '  statement {\n    sid = "Deploy"\n    actions = ["s3:PutObject"]\n    resources = ["arn:aws:s3:::octo-site/*"]\n  }\n  source_policy_documents');
    expect(errors((await scanTf({ 'main.tf': replaced })).findings).filter((f) => f.includes('base'))).toEqual([]);
  });
});

describe('what cannot be read is an error (WIAM-SCAN-001), never a note', () => {
  test.each([
    ['a trust policy from file()', role('file("${path.module}/trust.json")'), 'main.tf:5#resource.aws_iam_role.deploy.assume_role_policy', 'the trust policy is ${file("${path.module}/trust.json")}'],
    ['a trust policy from templatefile()', role('templatefile("trust.tpl", { org = "octo-org" })'), 'main.tf:5#resource.aws_iam_role.deploy.assume_role_policy', 'templatefile'],
    ['a trust policy from a variable', role('var.trust_policy'), 'main.tf:5#resource.aws_iam_role.deploy.assume_role_policy', '${var.trust_policy}'],
    [
      'a statement list from a local that is computed',
      role('jsonencode({ Statement = local.statements })', 'locals {\n  statements = concat(var.a, var.b)\n}\n'),
      'main.tf:8#resource.aws_iam_role.deploy.assume_role_policy.Statement',
      'statement list',
    ],
  ])('%s', async (_, text, path, message) => {
    const { findings } = await scanTf({ 'main.tf': text });
    const scan = findings.filter((f) => f.rule === 'WIAM-SCAN-001');
    expect(scan.map((f) => `${f.severity} ${f.path}`)).toEqual([`error ${path}`]);
    expect(scan[0].message).toContain(message);
  });

  test('source_policy_documents from file() and a dynamic statement block', async () => {
    const documents = `data "aws_iam_policy_document" "trust" {
  source_policy_documents = [file("extra.json")]
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${GITHUB}:sub"
      values   = ["repo:octo-org/web:environment:production"]
    }
  }
}
`;
    const { findings } = await scanTf({ 'main.tf': role('data.aws_iam_policy_document.trust.json', documents) });
    expect(findings.filter((f) => f.rule === 'WIAM-SCAN-001').map(located)).toEqual([
      'error WIAM-SCAN-001 main.tf:6#data.aws_iam_policy_document.trust.dynamic.statement',
      'error WIAM-SCAN-001 main.tf:5#data.aws_iam_policy_document.trust.source_policy_documents[0]',
    ]);
  });

  test('an attachment to a role named by a variable may attach to this role', async () => {
    const attachment = 'resource "aws_iam_role_policy_attachment" "admin" {\n  role       = var.role_name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n';
    const { findings } = await scanTf({ 'main.tf': `${role(jsonencodeTrust(EXACT))}${attachment}` });
    expect(errors(findings)).toEqual([
      'error WIAM-PERM-001 main.tf:24#resource.aws_iam_role_policy_attachment.admin.policy_arn',
      'error WIAM-PERM-002 main.tf:24#resource.aws_iam_role_policy_attachment.admin.policy_arn',
    ]);
  });

  test('AdministratorAccess through a data source names that policy', async () => {
    const admin = 'data "aws_iam_policy" "admin" {\n  name = "AdministratorAccess"\n}\n';
    const text = `${role(jsonencodeTrust(EXACT))}${admin}resource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.deploy.name\n  policy_arn = data.aws_iam_policy.admin.arn\n}\n`;
    expect(errors((await scanTf({ 'main.tf': text })).findings)).toEqual([
      'error WIAM-PERM-001 main.tf:27#resource.aws_iam_role_policy_attachment.admin.policy_arn',
      'error WIAM-PERM-002 main.tf:27#resource.aws_iam_role_policy_attachment.admin.policy_arn',
    ]);
  });
});

describe('files', () => {
  test('an invalid .tf file is a problem line; the other files are still read', async () => {
    const result = await scanTf({ 'broken.tf': 'resource "aws_iam_role" "x" {\n', 'main.tf': role(jsonencodeTrust(EXACT)) });
    expect(result.filesRead).toBe(1);
    expect(result.problems).toEqual([{ path: 'broken.tf', message: expect.stringMatching(/^not valid HCL: line 1,.*Unclosed configuration block$/) }]);
  });

  test('.tf and .tf.json files of one directory are one module', async () => {
    const json = JSON.stringify({ resource: { aws_iam_openid_connect_provider: { github: { url: `https://${GITHUB}` } } } });
    const text = `resource "aws_iam_role" "deploy" {\n  assume_role_policy = ${jsonencodeTrust('{ StringLike = { "token.actions.githubusercontent.com:sub" = "repo:octo-org/*" } }')}\n}\n`;
    const { findings } = await scanTf({ 'provider.tf.json': json, 'main.tf': text });
    expect(findings.map((f) => f.rule)).toContain('WIAM-TRUST-006');
  });

  test('scanPath (synchronous) names each .tf file it cannot read, and reads the rest', () => {
    const result = scanPath(FIXTURE);
    expect(result).toEqual({
      findings: [],
      problems: [{ path: 'main.tf', message: 'Terraform HCL is read by scanPathAsync (and the scan command), not by scanPath' }],
      filesRead: 0,
      credentialUses: [],
    });
  });
});
