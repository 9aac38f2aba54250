import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { nearestMisses } from '../../lib/explain/nearest-miss';
import { compile } from '../../lib/plan/compile';
import { runCli } from '../cli/run-cli';

/**
 * When no role, member or credential accepts a token, `explain` names the closest one and the check that failed.
 * Tokens carry the documented GitHub Actions claims (reference/CLAIMS.md) of the example's web-deploy workload
 * (acme/web, owner id 65, repository id 74, environment production), each with one thing wrong.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');
const plan = compile(loadDeclarationFile(EXAMPLE));
const GITHUB = 'https://token.actions.githubusercontent.com';
const WEB_DEPLOY_ROLE = 'arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy';
const claims = (overrides: Record<string, string>) => ({
  iss: GITHUB,
  aud: 'sts.amazonaws.com',
  sub: 'repo:acme/web:environment:production',
  repository_owner_id: '65',
  repository_id: '74',
  ...overrides,
});

describe('nearestMisses', () => {
  test('a main-branch run of the repository misses the production role on its subject alone', () => {
    const [closest, ...others] = nearestMisses(plan, { claims: claims({ sub: 'repo:acme/web:ref:refs/heads/main' }) });
    expect(others).toEqual([]);
    expect(closest).toMatchObject({ cloud: 'aws', account: 'aws-prod', workload: 'web-deploy', via: WEB_DEPLOY_ROLE });
    expect(closest.failed).toHaveLength(1);
    expect(closest.failed[0]).toContain('token.actions.githubusercontent.com:sub is "repo:acme/web:ref:refs/heads/main"');
    expect(closest.failed[0]).toContain('repo:acme/web:environment:production');
  });

  test('a recycled repository (same name, another id) misses on the repository id as well as the immutable subject', () => {
    const [closest] = nearestMisses(plan, { claims: claims({ repository_id: '75' }) });
    expect(closest.via).toBe(WEB_DEPLOY_ROLE);
    expect(closest.failed.join('\n')).toContain('repository_id is "75"');
  });

  test('a token for another audience fails at the provider, not at a condition', () => {
    const misses = nearestMisses(plan, { claims: claims({ aud: 'api://AzureADTokenExchange', sub: 'repo:acme/web:ref:refs/heads/main' }) });
    // Azure checks issuer, audience and subject exactly: only the subject differs from web-deploy's credential.
    expect(misses[0]).toMatchObject({ cloud: 'azure', workload: 'web-deploy' });
    expect(misses[0].failed).toEqual(['subject: "repo:acme/web:ref:refs/heads/main" is not exactly "repo:acme/web:environment:production"']);
  });

  test('an issuer no trust names is reported against each place, at its issuer', () => {
    const misses = nearestMisses(plan, { claims: claims({ iss: 'https://ci.example.com' }) });
    expect(misses.length).toBeGreaterThan(0);
    for (const miss of misses) expect(miss.failed.join(' ')).toMatch(/issuer|provider|ci\.example\.com/);
  });

  test('at most three places, tied for closest, in a stable order', () => {
    const token = { claims: claims({ iss: 'https://ci.example.com' }) };
    expect(nearestMisses(plan, token)).toEqual(nearestMisses(plan, token));
    expect(nearestMisses(plan, token).length).toBeLessThanOrEqual(3);
  });
});

describe('explain --token', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wiam-token-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jwt = (payload: object) => ['eyJhbGciOiJSUzI1NiJ9', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'c2lnbmF0dXJl'].join('.');

  test('an inline compact JWT is decoded (not verified) and explained', async () => {
    const result = await runCli('explain', EXAMPLE, '--token', jwt(claims({})));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`aws aws-prod web-deploy: accepted by ${WEB_DEPLOY_ROLE}`);
  });

  test('an inline JSON object of claims is explained', async () => {
    const result = await runCli('explain', EXAMPLE, '--token', JSON.stringify(claims({})));
    expect(result.out).toContain(`accepted by ${WEB_DEPLOY_ROLE}`);
  });

  test('a file whose name looks like a JWT is read as the file', async () => {
    const file = join(dir, 'claims.v1.json');
    writeFileSync(file, JSON.stringify(claims({})));
    expect((await runCli('explain', EXAMPLE, '--token', file)).out).toContain(`accepted by ${WEB_DEPLOY_ROLE}`);
  });

  test('no match: the closest place and the failed check, in text and JSON', async () => {
    const token = JSON.stringify(claims({ sub: 'repo:acme/web:pull_request' }));
    const text = await runCli('explain', EXAMPLE, '--token', token);
    expect(text.out).toMatch(/^no role, pool member or managed identity accepts this token\nclosest:\n {2}aws aws-prod web-deploy: arn:aws:iam::111122223333:role\/workload-iam\/wiam-web-deploy\n {4}- .*sub is "repo:acme\/web:pull_request"/);
    const json = JSON.parse((await runCli('explain', EXAMPLE, '--token', token, '--format', 'json')).out) as { matches: unknown[]; nearestMisses: { via: string }[] };
    expect(json.matches).toEqual([]);
    expect(json.nearestMisses[0].via).toBe(WEB_DEPLOY_ROLE);
  });

  test.each([
    ['a missing file', 'no-such-claims.json', /^--token: no-such-claims\.json: cannot read it \(ENOENT\)/],
    ['a JWT whose payload is not JSON', `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('not json').toString('base64url')}.c2ln`, /^--token: the inline token is neither a JSON object of claims nor a compact JWT \(its payload is not JSON\)$/],
    ['a JSON list', '["iss"]', /^--token: the inline token must be a JSON object of claims$/],
    ['broken JSON', '{"iss": ', /^--token: the inline token is neither a JSON object of claims nor a compact JWT$/],
    ['claims nested without end', `{"iss": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /^--token: the inline token: nesting is deeper than 64 levels$/],
  ])('%s is one --token problem, exit 2', async (_, token, message) => {
    const result = await runCli('explain', EXAMPLE, '--token', token);
    expect(result.code).toBe(2);
    expect(result.err.trimEnd()).toMatch(message);
  });
});
