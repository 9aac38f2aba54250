import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_LIMITS } from '../../lib/input/limits';
import { scanCloudFormationTemplate } from '../../lib/scan/scan';
import { runCli } from '../cli/run-cli';

/**
 * Files built to exhaust a reader (alias bombs, deep nesting, huge or binary files) end in one `path: message` line
 * and exit 2; their legitimate neighbours (one anchor reused often, ordinary nesting) are read as usual.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const HEADER = ['version: 1', 'accounts:', '  aws-prod: { cloud: aws, accountId: "111122223333" }', 'workloads:'];
const workloadLines = (i: number, grants: string) => [
  `  - name: w${i}`,
  '    description: reads the shared bucket',
  '    identities:',
  `      - github: { repository: acme/r${i}, ownerId: "65", repositoryId: "${100 + i}", environment: production }`,
  '    grants:',
  `      aws-prod: ${grants}`,
];
/** Nine aliases of the level below, eight levels deep: 9^8 (43 million) strings once expanded. */
const billionLaughs = (indent: string) =>
  ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]', ...'bcdefgh'.split('').map((level, i) => `${level}: &${level} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)]
    .map((line) => `${indent}${line}`)
    .join('\n');

const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/web:environment:production' } },
    },
  ],
};

describe('declarations', () => {
  test('one anchor reused by 150 workloads is read', async () => {
    const lines = [...HEADER];
    for (let i = 0; i < 150; i++) lines.push(...workloadLines(i, i === 0 ? '[&read { resource: "arn:aws:s3:::acme-shared", access: read }]' : '[*read]'));
    const result = await runCli('validate', file('reuse.yaml', `${lines.join('\n')}\n`));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('150 workloads');
  });

  test.each<[string, string | Buffer, string]>([
    ['an alias bomb', `${HEADER.slice(0, 3).join('\n')}\nx-bomb:\n${billionLaughs('  ')}\n`, '.yaml: aliases expand the document beyond 1,000,000 nodes; write the repeated parts out or anchor less'],
    ['deeply nested JSON', `{"version": 1, "accounts": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `.yaml: nesting is deeper than ${INPUT_LIMITS.depth} levels`],
    ['deeply nested YAML blocks', `version: 1\naccounts:\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')}\n`, `.yaml: nesting is deeper than ${INPUT_LIMITS.depth} levels`],
    ['a binary file', Buffer.from([0x76, 0x65, 0x72, 0x00, 0x01, 0xff]), 'the file is binary (it holds NUL bytes), not text'],
    ['text that is not UTF-8', Buffer.from('version: 1\ndescription: caf\xe9\n', 'latin1'), 'the file is not UTF-8 text'],
    ['a file over the size limit', `# ${'x'.repeat(INPUT_LIMITS.bytes)}\n`, `the file is 16.0 MiB; at most ${INPUT_LIMITS.bytes / 1024 / 1024} MiB is read`],
  ])('%s is refused with one line, exit 2', async (name, content, message) => {
    const result = await runCli('validate', file(`${name.replace(/\W/g, '-')}.yaml`, content));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const lines = result.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  test('an alias of the mapping that contains it is refused, not expanded forever', async () => {
    const result = await runCli('validate', file('cycle.yaml', 'version: 1\naccounts: &a\n  loop: *a\n'));
    expect(result.code).toBe(2);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  test('an alias with no anchor before it is one problem line', async () => {
    const result = await runCli('validate', file('unanchored.yaml', 'version: 1\n<<: *a\n'));
    expect(result).toMatchObject({ code: 2, err: `${join(dir, 'unanchored.yaml')}: the alias *a refers to no anchor set before it\n` });
  });

  test('a key with a line break in it is quoted on one line, so it cannot forge a line of output', async () => {
    const result = await runCli('validate', file('newline-key.json', '{"version": 1, "ok: fine\\nerror WIAM-X": 1}'));
    expect(result.code).toBe(2);
    expect(result.err.split('\n').filter((line) => line.startsWith('error WIAM-X'))).toEqual([]);
    expect(result.err).toContain('ok: fine\\nerror WIAM-X');
  });

  test('nesting up to the limit is read (and judged by the schema)', async () => {
    const result = await runCli('validate', file('nested-ok.json', `{"version": 1, "accounts": {"a": ${'['.repeat(INPUT_LIMITS.depth - 3)}${']'.repeat(INPUT_LIMITS.depth - 3)}}}`));
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('nesting');
    expect(result.err).toContain('accounts.a');
  });
});

describe('scan', () => {
  const template = (extra: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ${JSON.stringify(TRUST)}\n${extra}`;

  test('a template reusing one anchored trust policy 150 times is read and judged', async () => {
    const resources = Array.from({ length: 150 }, (_, i) => `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ${i === 0 ? `&trust ${JSON.stringify(TRUST)}` : '*trust'}`);
    const result = await runCli('scan', file('reuse-template.yaml', `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources.join('\n')}\n`));
    expect(result.err).toBe('');
    expect(result.out).toContain('1 file scanned');
    // The trust pins no owner (WIAM-TRUST-004): every one of the 150 roles is judged.
    expect(new Set(result.out.match(/Resources\.Role\d+/g))).toHaveProperty('size', 150);
  });

  test.each<[string, string, string | Buffer, string]>([
    ['an alias bomb', 'bomb-template.yaml', template(`Metadata:\n${billionLaughs('  ')}\n`), 'bomb-template.yaml: aliases expand the document beyond 1,000,000 nodes'],
    ['deep JSON', 'deep-template.json', `{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ${JSON.stringify(TRUST)}, "Tags": [${'{"x": '.repeat(5000)}1${'}'.repeat(5000)}]}}}}`, `deep-template.json: nesting is deeper than ${INPUT_LIMITS.depth} levels`],
    ['deep HCL', 'deep.tf', `locals {\n  x = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`, `deep.tf: nesting is deeper than ${INPUT_LIMITS.depth} levels`],
    ['a binary file', 'binary.json', Buffer.from([0x7b, 0x00, 0x7d]), 'binary.json: the file is binary (it holds NUL bytes), not text'],
  ])('%s is one problem line; nothing else is read, exit 2', async (_, name, content, message) => {
    const sub = mkdtempSync(join(dir, 'scan-'));
    writeFileSync(join(sub, name), content);
    const result = await runCli('scan', sub);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toContain(message.includes('aliases') ? `${message}; write the repeated parts out or anchor less` : message);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  test('from code, a template nested beyond the limit throws a clear error', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) deep = { x: deep };
    expect(() => scanCloudFormationTemplate({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST, Tags: [deep] } } } })).toThrow(
      `nesting is deeper than ${INPUT_LIMITS.depth} levels`,
    );
  });
});
