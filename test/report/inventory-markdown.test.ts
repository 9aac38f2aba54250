import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';

/** `report FILE --format markdown`: the inventory with a Mermaid diagram workload → identity → account → resource. */

const DECLARATION = [
  'version: 1',
  'accounts:',
  '  aws-prod: { cloud: aws, accountId: "111122223333" }',
  'workloads:',
  '  - name: web-deploy',
  '    description: "Owned by <web> team"',
  '    sessionDuration: 2h',
  '    acknowledge:',
  '      - { rule: WIAM-SESSION-001, reason: "long uploads" }',
  '    identities:',
  '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }',
  '    grants:',
  '      aws-prod:',
  '        - { resource: "arn:aws:s3:::acme-web", access: read }',
  '',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-report-md-'));
  writeFileSync(join(dir, 'workloads.yaml'), DECLARATION);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the diagram links the workload to its identity, the identity to its account, the account to the resource', async () => {
  const result = await runCli('report', join(dir, 'workloads.yaml'));
  expect(result.code).toBe(0);
  expect(result.out).toContain(
    [
      '```mermaid',
      'flowchart LR',
      '  n0["web-deploy"]',
      '  n1(["github:acme/web:environment:production"])',
      '  n2[["aws-prod (aws 111122223333)"]]',
      '  n3[/"arn:aws:s3:::acme-web"/]',
      '  n0 --> n1',
      '  n1 --> n2',
      '  n2 -->|"web-deploy: read"| n3',
      '```',
    ].join('\n'),
  );
});

test('each workload lists its owner, identities, clouds, accounts, grants, acknowledgements and findings', async () => {
  const { out } = await runCli('report', join(dir, 'workloads.yaml'), '--format', 'markdown');
  expect(out).toContain('1 workloads, 1 accounts, 1 identities.');
  expect(out).toContain('## aws-prod\n\n### web-deploy\n\nOwned by &lt;web&gt; team\n');
  expect(out).toContain('| identities | github:acme/web:environment:production |');
  expect(out).toContain('| clouds | aws |');
  expect(out).toContain('| accounts | aws-prod (aws 111122223333) as arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy |');
  expect(out).toContain('| aws-prod | arn:aws:s3:::acme-web | read |  |');
  expect(out).toContain('- acknowledges WIAM-SESSION-001: long uploads');
  expect(out).toMatch(/^- warning WIAM-SESSION-001 \(acknowledged\): /m);
});

test('an unreadable file is one problem line and exit 2', async () => {
  const result = await runCli('report', join(dir, 'missing.yaml'), '--format', 'html');
  expect(result.code).toBe(2);
  expect(result.err).toBe(`${join(dir, 'missing.yaml')}: cannot be read: no such file (ENOENT)\n`);
});
