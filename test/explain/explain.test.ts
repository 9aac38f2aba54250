import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { explainToken } from '../../lib/explain/explain';
import { compile } from '../../lib/plan/compile';
import { checkPlan } from '../../lib/rules/check';
import { runCli } from '../cli/run-cli';

// `explain`: for a token, where it is accepted, through what, and what it reaches. Tokens are written from the
// documented GitHub Actions claims (reference/CLAIMS.md) for the example's web-deploy workload
// (acme/web, owner id 65, repository id 74, environment production).

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');
const plan = compile(loadDeclarationFile(EXAMPLE));
const GITHUB = 'https://token.actions.githubusercontent.com';
const POOL = '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/workload-iam';

const webDeploy = (aud: string, overrides: Record<string, string> = {}) => ({
  claims: {
    iss: GITHUB,
    aud,
    sub: 'repo:acme/web:environment:production',
    repository: 'acme/web',
    repository_owner: 'acme',
    repository_owner_id: '65',
    repository_id: '74',
    environment: 'production',
    ref: 'refs/heads/main',
    event_name: 'push',
    job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
    ...overrides,
  },
});

describe('explainToken over the example Plan', () => {
  test('the AWS token of web-deploy is accepted by its role alone, which reaches the assets bucket', () => {
    const matches = explainToken(plan, webDeploy('sts.amazonaws.com'));
    expect(matches.map((m) => [m.cloud, m.account, m.workload, m.via])).toEqual([
      ['aws', 'aws-prod', 'web-deploy', 'arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy'],
    ]);
    expect(matches[0].reaches).toEqual([
      { resources: ['arn:aws:s3:::acme-web-assets'], actions: ['s3:ListBucket'] },
      { resources: ['arn:aws:s3:::acme-web-assets/*'], actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'] },
    ]);
    expect(matches[0].condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:repository_id': '74',
        'token.actions.githubusercontent.com:repository_owner_id': '65',
        'token.actions.githubusercontent.com:sub': ['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production'],
      },
    });
  });

  test('the Azure token is accepted by the classic-subject federated credential of web-deploy, reaching the container as reader', () => {
    const matches = explainToken(plan, webDeploy('api://AzureADTokenExchange'));
    expect(matches.map((m) => [m.cloud, m.account, m.workload])).toEqual([['azure', 'azure-prod', 'web-deploy']]);
    expect(matches[0].condition).toEqual({ issuer: GITHUB, subject: 'repo:acme/web:environment:production', audience: 'api://AzureADTokenExchange' });
    expect(matches[0].reaches).toEqual([
      {
        resources: ['/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets'],
        role: 'Storage Blob Data Reader',
      },
    ]);
  });

  test('the GCP token (audience: the provider) is accepted by the web-deploy member, reaching the bucket as object viewer', () => {
    const provider = plan.gcp['gcp-prod'].providers.find((p) => p.issuer === GITHUB)!;
    const matches = explainToken(plan, webDeploy(`${POOL}/providers/${provider.id}`));
    expect(matches.map((m) => [m.cloud, m.account, m.workload])).toEqual([['gcp', 'gcp-prod', 'web-deploy']]);
    expect(matches[0].via).toContain('attribute.repository_subject/');
    expect(matches[0].reaches).toEqual([{ resources: ['//storage.googleapis.com/projects/_/buckets/acme-web'], role: 'roles/storage.objectViewer' }]);
  });

  const audiences = () => {
    const provider = plan.gcp['gcp-prod'].providers.find((p) => p.issuer === GITHUB)!;
    return ['sts.amazonaws.com', 'api://AzureADTokenExchange', `${POOL}/providers/${provider.id}`];
  };

  test.each([
    ['another repository', { sub: 'repo:acme/other:environment:production', repository: 'acme/other', repository_id: '75' }],
    ['another environment', { sub: 'repo:acme/web:environment:staging', environment: 'staging' }],
    ['a pull request', { sub: 'repo:acme/web:pull_request', event_name: 'pull_request' }],
  ])('%s is accepted nowhere', (_case, overrides) => {
    for (const aud of audiences()) expect(explainToken(plan, webDeploy(aud, overrides))).toEqual([]);
  });

  test.each([
    ['a recycled name (same name, new repository id)', { repository_id: '9999' }],
    ['a recycled owner name (new owner id)', { repository_owner_id: '66' }],
  ])('%s is refused by AWS and GCP; the classic-subject Azure credential cannot see ids, and the rules say so', (_case, overrides) => {
    const [aws, azure, gcp] = audiences();
    expect(explainToken(plan, webDeploy(aws, overrides))).toEqual([]);
    expect(explainToken(plan, webDeploy(gcp, overrides))).toEqual([]);
    expect(explainToken(plan, webDeploy(azure, overrides)).map((m) => (m.condition as { subject: string }).subject)).toEqual(['repo:acme/web:environment:production']);
    expect(checkPlan(plan).filter((f) => f.workload === 'web-deploy').map((f) => [f.rule, f.account])).toEqual([['WIAM-ID-001', 'azure-prod']]);
  });
});

describe('workload-iam explain', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'wiam-explain-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));


  test('--format json prints { matches: [ { cloud, account, workload, via, condition, reaches } ] } and exits 0', async () => {
    const file = join(dir, 'token.json');
    writeFileSync(file, JSON.stringify(webDeploy('sts.amazonaws.com').claims));
    const result = await runCli('explain', EXAMPLE, '--token', file, '--format', 'json');
    expect(result.code).toBe(0);
    const { matches } = JSON.parse(result.out) as { matches: Record<string, unknown>[] };
    expect(matches).toHaveLength(1);
    expect(Object.keys(matches[0]).sort()).toEqual(['account', 'cloud', 'condition', 'reaches', 'reason', 'via', 'workload']);
  });

  test('a compact JWT is decoded, and --issuer names the issuer when the claims carry none', async () => {
    const { iss: _iss, ...claims } = webDeploy('sts.amazonaws.com').claims;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const file = join(dir, 'token.jwt');
    writeFileSync(file, `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`);
    const result = await runCli('explain', EXAMPLE, '--token', file, '--issuer', GITHUB);
    expect(result.code).toBe(0);
    expect(result.out).toContain('aws aws-prod web-deploy: accepted by arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy');
  });

  test('a token accepted nowhere says so', async () => {
    const file = join(dir, 'stranger.json');
    writeFileSync(file, JSON.stringify(webDeploy('sts.amazonaws.com', { sub: 'repo:evil/web:environment:production', repository_owner_id: '1' }).claims));
    const result = await runCli('explain', EXAMPLE, '--token', file);
    expect(result).toMatchObject({ code: 0, err: '' });
    // Another owner's repository: the closest role (one failed check: docs-preview pins only its subject) is named.
    expect(result.out).toMatch(/^no role, pool member or managed identity accepts this token\nclosest:\n {2}aws aws-prod docs-preview: arn:aws:iam::111122223333:role\/workload-iam\/wiam-docs-preview\n/);
    expect(result.out).toContain('sub is "repo:evil/web:environment:production"');
  });

  test('an unreadable token is a `path: message` error with exit 2', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ not json');
    const result = await runCli('explain', EXAMPLE, '--token', file);
    expect(result).toEqual({ code: 2, out: '', err: `--token: ${file}: is neither a JSON object of claims nor a compact JWT\n` });
  });
});
