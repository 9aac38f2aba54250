import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from './run-cli';

/**
 * `scan PATH --propose OUT` drafts the declaration that replaces each CI credential with a federated identity of
 * exactly its job. The draft fails `validate` while placeholders remain; filled in by hand, it validates with no
 * error finding and its trust admits that job's token and not a neighbour's (`explain`).
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-propose-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const WORKFLOW = lines(
  'on:',
  '  push:',
  '    branches: [main, "release/*"]',
  '  pull_request:',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    environment: production',
  '    steps:',
  '      - uses: aws-actions/configure-aws-credentials@v4',
  '        with:',
  '          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
  '          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
  '          aws-region: eu-west-1',
  '  upload:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: google-github-actions/auth@v2',
  '        with:',
  '          credentials_json: ${{ secrets.GCP_KEY }}',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps: [{ run: make test }]',
);

type Draft = {
  accounts: Record<string, Record<string, string>>;
  workloads: { name: string; identities: { github: Record<string, string> }[]; grants: Record<string, Record<string, string>[]> }[];
};

const FILL = '<fill in: ';

async function propose(): Promise<{ draftFile: string; draft: Draft }> {
  write('.git/config', lines('[remote "origin"]', '\turl = https://github.com/acme/web.git'));
  write('.github/workflows/deploy.yml', WORKFLOW);
  const draftFile = join(dir, 'draft.yaml');
  const result = await runCli('scan', dir, '--propose', draftFile);
  expect(result.code).toBe(1);
  expect(result.out.endsWith(`draft declaration written to ${draftFile}: fill in its placeholders, then validate\n`)).toBe(true);
  return { draftFile, draft: parse(readFileSync(draftFile, 'utf8')) as Draft };
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

test('one workload per job that used a credential: its repository, its environment, the exact refs its triggers name', async () => {
  const { draft } = await propose();
  expect(draft.workloads.map((w) => w.name)).toEqual(['deploy', 'upload']);
  const [deploy, upload] = draft.workloads;
  expect(deploy.identities).toEqual([
    { github: { repository: 'acme/web', ownerId: expect.stringMatching(/^<fill in: /), repositoryId: expect.stringMatching(/^<fill in: /), environment: 'production' } },
  ]);
  // The push filter's exact branch is the identity; its glob and the pull_request trigger are placeholders, never patterns.
  expect(upload.identities.map((identity) => identity.github.ref)).toEqual([
    'refs/heads/main',
    '<fill in: the branch that deploys, as refs/heads/NAME, or remove this identity (pull_request runs must not hold the credential)>',
    '<fill in: the one branch among release/* that deploys, as refs/heads/NAME>',
  ]);
  for (const value of strings(draft)) if (!value.startsWith(FILL)) expect(value).not.toMatch(/[*?]/);
  expect(upload.identities.some((identity) => 'pullRequest' in identity.github)).toBe(false);
  // Grants name the account of the cloud each job signed in to, and no resource.
  expect(Object.keys(deploy.grants)).toEqual(['aws-main']);
  expect(Object.keys(upload.grants)).toEqual(['gcp-main']);
  expect(deploy.grants['aws-main']).toEqual([{ resource: expect.stringMatching(/^<fill in: exact resource job deploy uses in aws-main>$/), access: expect.stringMatching(/^<fill in: /) }]);
});

test('the draft fails validate, one line per placeholder, until they are filled', async () => {
  const { draftFile } = await propose();
  const result = await runCli('validate', draftFile);
  expect(result.code).toBe(2);
  const problems = result.err.trimEnd().split('\n');
  expect(problems.length).toBeGreaterThan(10);
  for (const problem of problems) expect(problem).toMatch(/^\S+: is a placeholder: fill in .+ \(line \d+\)$/);
  expect(problems).toContain('workloads[0].identities[0].github.ownerId: is a placeholder: fill in numeric id of the owner of acme/web (gh api users/OWNER --jq .id) (line 20)');
});

describe('filled in by hand', () => {
  async function filled(): Promise<string> {
    const { draftFile, draft } = await propose();
    draft.accounts['aws-main'] = { cloud: 'aws', accountId: '111122223333', region: 'eu-west-1' };
    draft.accounts['gcp-main'] = { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' };
    const [deploy, upload] = draft.workloads;
    for (const identity of [...deploy.identities, ...upload.identities]) Object.assign(identity.github, { ownerId: '65', repositoryId: '74' });
    // The pull-request and glob placeholders are decided by removing them: only pushes to main deploy.
    upload.identities = upload.identities.filter((identity) => identity.github.ref === 'refs/heads/main');
    deploy.grants['aws-main'] = [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'write' }];
    upload.grants['gcp-main'] = [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-web', access: 'write' }];
    writeFileSync(draftFile, stringify(draft));
    return draftFile;
  }

  test('it validates with no error finding', async () => {
    const result = await runCli('validate', await filled(), '--format', 'json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { findings: { severity: string }[] }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  const GITHUB = 'https://token.actions.githubusercontent.com';
  const token = (claims: Record<string, string>) =>
    JSON.stringify({
      iss: GITHUB,
      repository: 'acme/web',
      repository_owner: 'acme',
      repository_id: '74',
      repository_owner_id: '65',
      job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
      ...claims,
    });
  type Match = { cloud: string; workload: string };
  const explained = async (file: string, claims: Record<string, string>) => {
    const result = await runCli('explain', file, '--token', token(claims), '--format', 'json');
    expect(result.code).toBe(0);
    return (JSON.parse(result.out) as { matches: Match[] }).matches.map(({ cloud, workload }) => ({ cloud, workload }));
  };

  test('its AWS trust admits the deploy job in environment production, and not the same job in staging', async () => {
    const file = await filled();
    const production = { aud: 'sts.amazonaws.com', sub: 'repo:acme/web:environment:production', environment: 'production', ref: 'refs/heads/main' };
    expect(await explained(file, production)).toEqual([{ cloud: 'aws', workload: 'deploy' }]);
    expect(await explained(file, { ...production, sub: 'repo:acme/web:environment:staging', environment: 'staging' })).toEqual([]);
  });

  test('its GCP trust admits the upload job on main, and not a pull request of the same repository', async () => {
    const file = await filled();
    const explain = JSON.parse((await runCli('explain', file, '--token', token({ aud: 'x', sub: 'repo:acme/web:ref:refs/heads/main' }), '--format', 'json')).out) as {
      nearestMisses: { via: string }[];
    };
    // The provider's audience is its resource name, which the misses name.
    const provider = /projects\/123456789012\/locations\/global\/workloadIdentityPools\/workload-iam\/providers\/github-[0-9a-f]{8}/.exec(JSON.stringify(explain))?.[0];
    expect(provider).toBeDefined();
    const aud = `https://iam.googleapis.com/${provider}`;
    expect(await explained(file, { aud, sub: 'repo:acme/web:ref:refs/heads/main', ref: 'refs/heads/main' })).toEqual([{ cloud: 'gcp', workload: 'upload' }]);
    expect(await explained(file, { aud, sub: 'repo:acme/web:pull_request', ref: 'refs/pull/7/merge' })).toEqual([]);
  });
});

test('nothing to replace: no draft is written', async () => {
  write('.github/workflows/test.yml', lines('on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps: [{ run: make test }]'));
  const result = await runCli('scan', dir, '--propose', join(dir, 'draft.yaml'));
  expect(result).toEqual({ code: 0, err: '', out: '1 file scanned: 0 errors, 0 warnings\nno CI job signs in with a long-lived credential: nothing proposed\n' });
  expect(() => readFileSync(join(dir, 'draft.yaml'))).toThrow();
});

test('GitLab: a job with a pipeline key becomes a gitlab identity whose project, ids and ref are placeholders', async () => {
  write('.gitlab-ci.yml', lines('variables:', '  AWS_SECRET_ACCESS_KEY: $KEY', 'deploy:', '  environment: production', '  script: [make deploy]'));
  const draftFile = join(dir, 'draft.yaml');
  expect((await runCli('scan', dir, '--propose', draftFile)).code).toBe(1);
  const draft = parse(readFileSync(draftFile, 'utf8')) as { workloads: { name: string; identities: unknown[] }[] };
  expect(draft.workloads.map((w) => w.name)).toEqual(['deploy']);
  expect(draft.workloads[0].identities).toEqual([
    {
      gitlab: {
        project: '<fill in: group/project of this pipeline>',
        projectId: '<fill in: numeric project id (Settings > General)>',
        namespaceId: '<fill in: numeric id of the group>',
        ref: '<fill in: the protected branch job deploy deploys from>',
        refType: 'branch',
        environment: 'production',
      },
    },
  ]);
});

test('GitLab: a job whose rules compare the branch with one name gets that ref; a regular expression leaves a placeholder', async () => {
  write(
    '.gitlab-ci.yml',
    lines(
      'deploy:',
      '  variables: { AWS_SECRET_ACCESS_KEY: $KEY }',
      '  rules:',
      '    - if: $CI_COMMIT_BRANCH == "main"',
      '  script: [make deploy]',
      'release:',
      '  variables: { ARM_CLIENT_SECRET: $SECRET }',
      '  only: [/^release-.*$/]',
      '  script: [make release]',
    ),
  );
  const draftFile = join(dir, 'draft.yaml');
  await runCli('scan', dir, '--propose', draftFile);
  const draft = parse(readFileSync(draftFile, 'utf8')) as { workloads: { name: string; identities: { gitlab: Record<string, string> }[] }[] };
  expect(draft.workloads.map((w) => [w.name, w.identities.map(({ gitlab }) => `${gitlab.refType} ${gitlab.ref}`)])).toEqual([
    ['deploy', ['branch main']],
    ['release', ['branch <fill in: the protected branch job release deploys from>']],
  ]);
});
