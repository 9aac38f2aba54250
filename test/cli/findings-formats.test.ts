import '@microsoft/jest-sarif';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { runCli } from './run-cli';
import { RULES } from '../../lib/rules/catalogue';

/** `validate` and `scan` in pipeline formats: SARIF 2.1.0 for code scanning, Markdown for PR comments. */

const ADMIN_ROLE = join(__dirname, '..', 'fixtures', 'scan', 'cloudformation', 'admin-role.yaml');

/** A pull_request identity trusted by a role that writes (WIAM-GH-001, an error), its identity on line 7. */
const PULL_REQUEST_DEPLOY = [
  'version: 1',
  'accounts:',
  '  aws-prod: { cloud: aws, accountId: "111122223333" }',
  'workloads:',
  '  - name: site-deploy',
  '    identities:',
  '      - github: { repository: acme/site, ownerId: "65", repositoryId: "912", pullRequest: true }',
  '    grants:',
  '      aws-prod:',
  '        - { resource: "arn:aws:s3:::acme-site", access: write }',
  '',
].join('\n');

/** An HCL role trusting every repository of an owner: its trust policy starts on line 3. */
const OWNER_WIDE_TF = [
  'resource "aws_iam_role" "deploy" {',
  '  name = "deploy"',
  '  assume_role_policy = jsonencode({',
  '    Version = "2012-10-17"',
  '    Statement = [{',
  '      Effect    = "Allow"',
  '      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }',
  '      Action    = "sts:AssumeRoleWithWebIdentity"',
  '      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/*" } }',
  '    }]',
  '  })',
  '}',
  '',
].join('\n');

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-formats-'));
  writeFileSync(file('pr.yaml'), PULL_REQUEST_DEPLOY);
  writeFileSync(
    file('acknowledged.yaml'),
    PULL_REQUEST_DEPLOY.replace('    identities:', '    sessionDuration: 2h\n    acknowledge:\n      - { rule: WIAM-SESSION-001, reason: "long uploads" }\n    identities:'),
  );
  writeFileSync(file('main.tf'), OWNER_WIDE_TF);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sarifOf(...argv: string[]): Promise<{ code: number; log: Log }> {
  const result = await runCli(...argv, '--format', 'sarif');
  return { code: result.code, log: JSON.parse(result.out) as Log };
}

describe('SARIF', () => {
  test('validate: a valid SARIF 2.1.0 log with every catalogue rule and its help', async () => {
    const { code, log } = await sarifOf('validate', file('pr.yaml'));
    expect(code).toBe(1);
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0].tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    const pullRequest = rules.find((rule) => rule.id === 'WIAM-GH-001')!;
    const catalogued = RULES.find((rule) => rule.id === 'WIAM-GH-001')!;
    expect(pullRequest.shortDescription?.text).toBe(catalogued.title);
    expect(pullRequest.defaultConfiguration?.level).toBe('error');
    expect(pullRequest.help?.text).toContain(catalogued.fix);
    expect(pullRequest.help?.markdown).toContain('**Fix:**');
  });

  test('validate: the result names its rule, level and the declaration line of the identity', async () => {
    const { log } = await sarifOf('validate', file('pr.yaml'));
    const result = log.runs[0].results!.find((r) => r.ruleId === 'WIAM-GH-001')!;
    expect(result.level).toBe('error');
    expect(result.locations![0].physicalLocation).toEqual(expect.objectContaining({ region: { startLine: 7 } }));
    expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe(file('pr.yaml'));
    expect(result.locations![0].logicalLocations).toEqual([{ fullyQualifiedName: 'workloads[site-deploy].identities[0]' }]);
    expect(result.suppressions).toBeUndefined();
  });

  test('validate: an acknowledged finding is reported suppressed, with the reason', async () => {
    const { log } = await sarifOf('validate', file('acknowledged.yaml'));
    expect(log).toBeValidSarifLog();
    const session = log.runs[0].results!.find((r) => r.ruleId === 'WIAM-SESSION-001')!;
    expect(session.suppressions).toEqual([{ kind: 'inSource', justification: 'long uploads' }]);
  });

  test('the schema check can fail: a log with an unknown level is refused', async () => {
    const { log } = await sarifOf('validate', file('pr.yaml'));
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    expect(broken).not.toBeValidSarifLog();
  });

  test('scan: CloudFormation findings point at the template line', async () => {
    const { code, log } = await sarifOf('scan', ADMIN_ROLE);
    expect(code).toBe(1);
    expect(log).toBeValidSarifLog();
    const lines = readFileSync(ADMIN_ROLE, 'utf8').split('\n');
    const results = log.runs[0].results!;
    const admin = results.find((r) => r.ruleId === 'WIAM-PERM-001' && lines[r.locations![0].physicalLocation!.region!.startLine! - 1].includes('AdministratorAccess'));
    expect(admin).toBeDefined();
    const session = results.find((r) => r.ruleId === 'WIAM-SESSION-001')!;
    expect(lines[session.locations![0].physicalLocation!.region!.startLine! - 1]).toContain('MaxSessionDuration: 43200');
    for (const result of results) expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBe(ADMIN_ROLE);
  });

  test('scan: a Terraform HCL finding points into the trust policy of its file in the scanned directory', async () => {
    const { log } = await sarifOf('scan', dir);
    expect(log).toBeValidSarifLog();
    const lines = OWNER_WIDE_TF.split('\n');
    const results = log.runs[0].results!.filter((r) => r.locations![0].physicalLocation!.artifactLocation!.uri === file('main.tf'));
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      const line = result.locations![0].physicalLocation!.region!.startLine!;
      expect(line).toBeGreaterThanOrEqual(1);
      expect(lines.slice(0, line).join('\n')).toContain('assume_role_policy');
    }
  });

  test('the same input gives byte-identical SARIF', async () => {
    const [a, b] = await Promise.all([runCli('scan', ADMIN_ROLE, '--format', 'sarif'), runCli('scan', ADMIN_ROLE, '--format', 'sarif')]);
    expect(a.out).toBe(b.out);
  });
});

describe('Markdown', () => {
  test('validate: a heading, the summary and one row per finding with file:line and path', async () => {
    const result = await runCli('validate', file('pr.yaml'), '--format', 'markdown');
    expect(result.code).toBe(1);
    const out = result.out.split('\n');
    expect(out[0]).toBe(`## workload-iam validate ${file('pr.yaml')}`);
    expect(out[2]).toMatch(/^1 workloads, 1 accounts; 1 error, /);
    expect(out).toContain('| severity | rule | where | finding | fix |');
    expect(out.some((line) => line.startsWith(`| **error** | WIAM-GH-001 | ${file('pr.yaml')}:7 workloads[site-deploy].identities[0] (aws-prod `))).toBe(true);
  });

  test('scan: no HTML from a template reaches the comment', async () => {
    writeFileSync(file('html.tf'), OWNER_WIDE_TF.replace('"deploy" {', '"deploy_img" {').replace('repo:acme/*', 'repo:<img src=x>/*'));
    const result = await runCli('scan', dir, '--format', 'markdown');
    expect(result.out).toContain('&lt;img');
    expect(result.out).not.toContain('<img');
  });
});
