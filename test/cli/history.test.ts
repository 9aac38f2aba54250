import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

/**
 * Access at a point in time, from a temporary git repository with four commits by four authors:
 *   1 (Ann, January)  declaration.yaml: site reaches the bucket
 *   2 (Ben, February) adds docs, which reaches it too
 *   3 (Cai, March)    a typo: fails today's validation
 *   4 (Dee, April)    fixed, renamed to workloads.yaml, site removed
 */

const BUCKET = 'arn:aws:s3:::acme-site';
const AUTHORS = ['Ann', 'Ben', 'Cai', 'Dee'] as const;
const DATES = ['2026-01-10T12:00:00+00:00', '2026-02-10T12:00:00+00:00', '2026-03-10T12:00:00+00:00', '2026-04-10T12:00:00+00:00'];

function workload(name: string, repositoryId: string): string[] {
  return [
    `  - name: ${name}`,
    '    identities:',
    `      - github: { repository: acme/${name}, ownerId: "65", repositoryId: "${repositoryId}", environment: production }`,
    '    grants:',
    '      aws-prod:',
    `        - { resource: "${BUCKET}", access: read }`,
  ];
}

const declaration = (...workloads: string[][]) =>
  ['version: 1', 'accounts:', '  aws-prod: { cloud: aws, accountId: "111122223333" }', 'workloads:', ...workloads.flat(), ''].join('\n');

let repo: string;
const commits: string[] = [];
function commit(index: number, message: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: AUTHORS[index], GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: AUTHORS[index], GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_AUTHOR_DATE: DATES[index], GIT_COMMITTER_DATE: DATES[index] };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
  commits.push(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo }).toString().trim());
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'wiam-history-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  writeFileSync(join(repo, 'declaration.yaml'), declaration(workload('site', '11')));
  commit(0, 'site');
  writeFileSync(join(repo, 'declaration.yaml'), declaration(workload('site', '11'), workload('docs', '22')));
  commit(1, 'docs');
  writeFileSync(join(repo, 'declaration.yaml'), declaration(workload('site', '11'), workload('docs', '22')).replace('    grants:', '    grantz:'));
  commit(2, 'typo');
  execFileSync('git', ['mv', 'declaration.yaml', 'workloads.yaml'], { cwd: repo });
  writeFileSync(join(repo, 'workloads.yaml'), declaration(workload('docs', '22')));
  commit(3, 'rename, drop site');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const short = (index: number) => commits[index].slice(0, 12);
const revision = (index: number) => ({ commit: commits[index], date: DATES[index], author: AUTHORS[index] });

describe('history', () => {
  test('each workload interval with the commits that began and ended it, across the rename and the unreadable revision', async () => {
    const result = await runCli('history', join(repo, 'workloads.yaml'), BUCKET, '--format', 'json');
    expect(result.code).toBe(0);
    const { intervals, unreadable } = JSON.parse(result.out);
    type Span = { workload: string; from: unknown; until?: unknown };
    const spans = intervals.map((i: Span) => ({ workload: i.workload, from: i.from, until: i.until }));
    expect(spans).toEqual([
      { workload: 'docs', from: revision(1), until: revision(2) },
      { workload: 'docs', from: revision(3), until: undefined },
      { workload: 'site', from: revision(0), until: revision(2) },
    ]);
    // `read` on a bucket: listing the bucket, getting its objects.
    const docsReach = {
      account: 'aws-prod',
      cloud: 'aws',
      identities: ['github:acme/docs:environment:production'],
      principal: 'arn:aws:iam::111122223333:role/workload-iam/wiam-docs',
    };
    expect(intervals[0].reaches).toEqual(expect.arrayContaining([
      { ...docsReach, resource: BUCKET, access: ['s3:ListBucket'] },
      { ...docsReach, resource: `${BUCKET}/*`, access: ['s3:GetObject'] },
    ]));
    expect(intervals[0].reaches).toHaveLength(2);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0].from).toEqual(revision(2));
    expect(unreadable[0].until).toEqual(revision(3));
    expect(unreadable[0].problems.join('\n')).toContain('grantz');
  });

  test('text names dates, commits and authors', async () => {
    const result = await runCli('history', join(repo, 'workloads.yaml'), BUCKET);
    expect(result.out.split('\n')).toEqual(expect.arrayContaining([
      'site',
      expect.stringMatching(new RegExp(`^  ${DATES[0].replace(/\+/g, '\\+')} ${short(0)} \\(Ann\\) → ${DATES[2].replace(/\+/g, '\\+')} ${short(2)} \\(Cai\\): aws-prod as `)),
      expect.stringMatching(new RegExp(`^  since ${DATES[3].replace(/\+/g, '\\+')} ${short(3)} \\(Dee\\): aws-prod as `)),
      "unreadable (fails today's validation)",
    ]));
  });

  test('a file outside a git repository and a malformed resource are one problem line each, exit 2', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wiam-nogit-'));
    writeFileSync(join(outside, 'd.yaml'), declaration(workload('site', '11')));
    const result = await runCli('history', join(outside, 'd.yaml'), BUCKET);
    expect(result.code).toBe(2);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^<file>: /);
    rmSync(outside, { recursive: true, force: true });
    expect((await runCli('history', join(repo, 'workloads.yaml'), 'acme-site')).code).toBe(2);
  });
});

describe('--at', () => {
  test('who-can-reach at the first commit, by hash, through the file\'s old name', async () => {
    const result = await runCli('who-can-reach', join(repo, 'workloads.yaml'), BUCKET, '--at', commits[0], '--format', 'json');
    expect(result.code).toBe(0);
    expect([...new Set(JSON.parse(result.out).reaches.map((r: { workload: string }) => r.workload))]).toEqual(['site']);
  });

  test('who-can-reach at a date: the last commit made by then', async () => {
    const result = await runCli('who-can-reach', join(repo, 'workloads.yaml'), BUCKET, '--at', '2026-02-20', '--format', 'json');
    expect([...new Set(JSON.parse(result.out).reaches.map((r: { workload: string }) => r.workload))]).toEqual(['docs', 'site']);
  });

  test('what-can-reach at HEAD~3 and now', async () => {
    const then = await runCli('what-can-reach', join(repo, 'workloads.yaml'), 'site', '--at', 'HEAD~3', '--format', 'json');
    expect(JSON.parse(then.out).reaches.map((r: { resource: string }) => r.resource).sort()).toEqual([BUCKET, `${BUCKET}/*`]);
    const now = await runCli('what-can-reach', join(repo, 'workloads.yaml'), 'site', '--format', 'json');
    expect(JSON.parse(now.out).reaches).toEqual([]);
  });

  test('a revision that fails today\'s validation is refused with its problems; an unknown revision is one line', async () => {
    const typo = await runCli('who-can-reach', join(repo, 'workloads.yaml'), BUCKET, '--at', commits[2]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('grantz');
    const unknown = await runCli('who-can-reach', join(repo, 'workloads.yaml'), BUCKET, '--at', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('--at: "no-such-branch" is neither a revision of this repository nor a date\n');
  });
});
