import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { nearMatches } from '../../lib/manifest/near-matches';

/**
 * `who-can-reach` / `what-can-reach` check the argument's form before answering (exit 2 with `<resource>:` or
 * `<identity>:`), and suggest the nearest resources, labels or workloads of the example when nothing matches.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');

describe('the argument must have the form of what is asked about', () => {
  test.each(['acme-web-assets', 's3://acme-web-assets', 'storage.googleapis.com/projects/_/buckets/acme-web', 'subscriptions/x', ''])('who-can-reach %j', async (resource) => {
    const result = await runCli('who-can-reach', EXAMPLE, resource);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^<resource>: ".*" is not an AWS ARN \(arn:aws:…\), a GCP full resource name \(\/\/<service>\.googleapis\.com\/…\) or an Azure resource id \(\/subscriptions\/…\)\n$/);
  });

  test.each(['arn:aws:s3:::acme-web-assets', '//storage.googleapis.com/projects/_/buckets/acme-web', '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-web'])('who-can-reach %j is answered', async (resource) => {
    const result = await runCli('who-can-reach', EXAMPLE, resource);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^web-deploy \(/);
  });

  test.each(['Web Deploy', 'web_deploy', 'git:acme/web', 'x'])('what-can-reach %j', async (selector) => {
    const result = await runCli('what-can-reach', EXAMPLE, selector);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^<identity>: ".*" is neither an identity label \(github:…, .*\) nor a workload name\n$/);
  });
});

describe('did you mean', () => {
  test('a resource one letter off', async () => {
    const result = await runCli('who-can-reach', EXAMPLE, 'arn:aws:s3:::acme-web-asset');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe('nothing can reach arn:aws:s3:::acme-web-asset\ndid you mean: arn:aws:s3:::acme-web-assets, arn:aws:s3:::acme-web-assets/*?\n');
  });

  test('a misspelt workload, and a label typed in part with a typo', async () => {
    expect((await runCli('what-can-reach', EXAMPLE, 'web-deplyo')).out).toBe('nothing is reachable by web-deplyo\ndid you mean: web-deploy?\n');
    expect((await runCli('what-can-reach', EXAMPLE, 'github:acme/wev')).out).toBe('nothing is reachable by github:acme/wev\ndid you mean: github:acme/web:environment:production?\n');
  });

  test('nothing near: no suggestion; JSON carries the suggestions too', async () => {
    expect((await runCli('who-can-reach', EXAMPLE, 'arn:aws:sqs:us-east-1:999999999999:unrelated')).out).toBe('nothing can reach arn:aws:sqs:us-east-1:999999999999:unrelated\n');
    const json = JSON.parse((await runCli('what-can-reach', EXAMPLE, 'web-deplyo', '--format', 'json')).out) as unknown;
    expect(json).toEqual({ reaches: [], grantedOutsideDeclaration: [], didYouMean: ['web-deploy'] });
  });

  test('nearMatches: nearest first, within a fifth of the length, at most three', () => {
    expect(nearMatches('abcdefghij', ['abcdefghik', 'abcdefgxyz', 'zzzzzzzzzz', 'abcdefghij'])).toEqual(['abcdefghik']);
    expect(nearMatches('web', ['wab', 'web-deploy', 'api'])).toEqual(['wab', 'web-deploy']);
    expect(nearMatches('a', ['b', 'c', 'd', 'e'])).toEqual(['b', 'c', 'd']);
  });
});

describe('a manifest the queries cannot read', () => {
  test('is one problem line, exit 2, never a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiam-manifest-'));
    try {
      const file = join(dir, 'manifest.json');
      writeFileSync(file, JSON.stringify({ manifestVersion: 1, workloads: { web: { identities: 'x' } } }));
      expect(await runCli('who-can-reach', file, 'arn:aws:s3:::acme-web-assets')).toEqual({
        code: 2,
        out: '',
        err: `<file>: ${file}: not a complete workload-iam manifest; write it again with workload-iam synth\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
