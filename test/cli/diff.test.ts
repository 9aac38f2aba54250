import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

/** `workload-iam diff OLD NEW` (SPEC §6): declarations and manifests in any mix, formats, `--fail-on`, bad input. */

const STACK_FRAME = /^ {4}at /m;
const BUCKET = 'arn:aws:s3:::acme-web-assets';

function declaration(identity: string, access = 'read'): string {
  return [
    'version: 1',
    'accounts:',
    '  aws-prod: { cloud: aws, accountId: "111122223333" }',
    'workloads:',
    '  - name: web',
    '    description: Deploys the web site',
    '    identities:',
    `      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", ${identity}, subjectFormat: classic }`,
    '    grants:',
    '      aws-prod:',
    `        - { resource: "${BUCKET}", access: ${access} }`,
    '',
  ].join('\n');
}

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-diff-'));
  writeFileSync(file('main.yaml'), declaration('ref: refs/heads/main'));
  writeFileSync(file('release.yaml'), declaration('ref: refs/heads/release'));
  writeFileSync(file('main-write.yaml'), declaration('ref: refs/heads/main', 'readWrite'));
  expect((await runCli('synth', file('main.yaml'), '--out', file('main-out'))).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The synthesized manifest of main.yaml with its AWS `sub` condition replaced by a StringLike pattern. */
function manifestWithSubjectPattern(name: string, pattern: string): string {
  const manifest = JSON.parse(readFileSync(file('main-out/manifest.json'), 'utf8'));
  const conditions = manifest.workloads.web.access['aws-prod'].trust[0].condition.conditions;
  const sub = 'token.actions.githubusercontent.com:sub';
  delete conditions.StringEquals[sub];
  conditions.StringLike = { [sub]: pattern };
  writeFileSync(file(name), JSON.stringify(manifest));
  return file(name);
}

describe('inputs', () => {
  test('a declaration and the manifest synthesized from it are the same access', async () => {
    const result = await runCli('diff', file('main.yaml'), file('main-out/manifest.json'), '--fail-on', 'any');
    expect(result).toEqual({ code: 0, out: 'no change to trust or permissions\n', err: '' });
  });

  test('a wildcard subject admitting a superset of the exact one is widened', async () => {
    const wide = manifestWithSubjectPattern('wide.json', 'repo:acme/web:*');
    const result = await runCli('diff', file('main.yaml'), wide, '--format', 'json');
    const { changes } = JSON.parse(result.out);
    expect(changes).toEqual([
      {
        class: 'widened',
        aspect: 'subject',
        workload: 'web',
        account: 'aws-prod',
        identities: ['github:acme/web:ref:refs/heads/main'],
        message: 'subject now admits StringLike token.actions.githubusercontent.com:sub "repo:acme/web:*"',
        before: 'repo:acme/web:ref:refs/heads/main',
        after: 'StringLike token.actions.githubusercontent.com:sub "repo:acme/web:*"',
      },
    ]);
  });

  test('neighbour: a wildcard replaced by a narrower wildcard is narrowed, not widened', async () => {
    const owner = manifestWithSubjectPattern('owner.json', 'repo:acme/*');
    const repository = manifestWithSubjectPattern('repository.json', 'repo:acme/web:*');
    const result = await runCli('diff', owner, repository, '--format', 'json', '--fail-on', 'widened');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).summary).toEqual({ widened: 0, narrowed: 1, changed: 0 });
  });
});

describe('--fail-on', () => {
  test('widened: exit 1 on a widening, 0 when the change only narrows', async () => {
    expect((await runCli('diff', file('main.yaml'), file('main-write.yaml'), '--fail-on', 'widened')).code).toBe(1);
    expect((await runCli('diff', file('main-write.yaml'), file('main.yaml'), '--fail-on', 'widened')).code).toBe(0);
  });

  test('any: exit 1 on any change; without --fail-on a widening still exits 0', async () => {
    expect((await runCli('diff', file('main-write.yaml'), file('main.yaml'), '--fail-on', 'any')).code).toBe(1);
    expect((await runCli('diff', file('main.yaml'), file('main-write.yaml'))).code).toBe(0);
  });

  test('an unknown class is a usage error', async () => {
    expect((await runCli('diff', file('main.yaml'), file('main.yaml'), '--fail-on', 'narrowed')).code).toBe(2);
  });
});

describe('formats', () => {
  test('text groups by workload and account, then sums up', async () => {
    const result = await runCli('diff', file('main.yaml'), file('release.yaml'));
    expect(result.out).toBe(
      [
        'web',
        '  aws-prod',
        '    widened  subject: subject now admits repo:acme/web:ref:refs/heads/release [github:acme/web:ref:refs/heads/release]',
        '    narrowed subject: subject no longer admits repo:acme/web:ref:refs/heads/main [github:acme/web:ref:refs/heads/main]',
        '2 changes: 1 widened, 1 narrowed, 0 changed',
        '',
      ].join('\n'),
    );
  });

  test('markdown is a PR comment: a table per workload, nothing a comment would render as HTML', async () => {
    const result = await runCli('diff', file('main.yaml'), file('release.yaml'), '--format', 'markdown');
    expect(result.out).toBe(
      [
        '## workload-iam diff',
        '',
        '**1 widened**, 1 narrowed, 0 changed',
        '',
        '### web',
        '',
        '| class | account | aspect | change | identities |',
        '|---|---|---|---|---|',
        '| **widened** | aws-prod | subject | subject now admits repo:acme/web:ref:refs/heads/release | github:acme/web:ref:refs/heads/release |',
        '| narrowed | aws-prod | subject | subject no longer admits repo:acme/web:ref:refs/heads/main | github:acme/web:ref:refs/heads/main |',
        '',
      ].join('\n'),
    );
    const hostile = declaration('ref: refs/heads/main').replace('Deploys the web site', '"<img src=x> | pipe"');
    writeFileSync(file('hostile.yaml'), hostile);
    const described = await runCli('diff', file('main.yaml'), file('hostile.yaml'), '--format', 'markdown');
    expect(described.out).not.toContain('<img');
  });

  test('the same inputs give byte-identical output', async () => {
    const runs = await Promise.all([1, 2].map(() => runCli('diff', file('main.yaml'), file('main-write.yaml'), '--format', 'json')));
    expect(runs[0].out).toBe(runs[1].out);
  });
});

describe('bad input', () => {
  test('each problem is one line naming the file it is in, exit 2, no stack trace', async () => {
    writeFileSync(file('invalid.yaml'), declaration('ref: refs/heads/main').replace('repositoryId: "74", ', 'repositoryId: 74, extra: 1, '));
    const result = await runCli('diff', file('main.yaml'), file('invalid.yaml'));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const problems = result.err.trimEnd().split('\n');
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const line of problems) expect(line.startsWith(`${file('invalid.yaml')}: workloads[0].identities[0].github`)).toBe(true);
    expect(result.err).not.toMatch(STACK_FRAME);
  });

  test('a hand-edited manifest missing what diff reads is refused in one line, not a crash', async () => {
    const manifest = JSON.parse(readFileSync(file('main-out/manifest.json'), 'utf8'));
    delete manifest.workloads.web.grants;
    writeFileSync(file('truncated.json'), JSON.stringify(manifest));
    manifest.workloads.web.grants = [];
    manifest.workloads.web.access['aws-prod'].trust[0].via = 7;
    writeFileSync(file('odd-via.json'), JSON.stringify(manifest));
    for (const name of ['truncated.json', 'odd-via.json']) {
      const result = await runCli('diff', file('main.yaml'), file(name));
      expect(result.code).toBe(2);
      expect(result.err).toBe(`<new>: ${file(name)}: not a complete workload-iam manifest; write it again with workload-iam synth\n`);
    }
  });

  test('a binary file and a missing file are one line each', async () => {
    writeFileSync(file('binary.json'), Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47]));
    const result = await runCli('diff', file('binary.json'), file('missing.yaml'));
    expect(result.code).toBe(2);
    const problems = result.err.trimEnd().split('\n');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`${file('binary.json')}: the file is binary`);
    expect(problems[1]).toBe(`${file('missing.yaml')}: cannot be read: no such file (ENOENT)`);
    expect(result.err).not.toMatch(STACK_FRAME);
  });
});
