import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './run-cli';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { canonicalJson } from '../../lib/manifest/canonical-json';
import { buildManifest } from '../../lib/manifest/manifest';
import { compile } from '../../lib/plan/compile';

/** The CLI contract (SPEC §6): exit codes, output formats, and no stack trace for bad input. */

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'workloads.yaml');
const BIN = join(ROOT, 'bin', 'workload-iam');
const COMPILED_CLI = join(ROOT, 'dist', 'cli', 'main.js');
const ORDERS_TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const STACK_FRAME = /^ {4}at /m;


/** The compiled binary, as a user runs it. */
function spawnBin(...argv: string[]): CliResult {
  if (!existsSync(COMPILED_CLI)) {
    throw new Error(`${COMPILED_CLI} is missing: compile the library first (\`npx tsc --build\`; the build task runs it before the tests)`);
  }
  const result = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

let dir: string;
let invalidFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-cli-'));
  invalidFile = join(dir, 'invalid.yaml');
  writeFileSync(
    invalidFile,
    [
      'version: 1',
      'accounts:',
      '  aws-prod: { cloud: aws, accountId: 111122223333 }',
      'workloads:',
      '  - name: web-deploy',
      '    identities:',
      '      - github: { repository: acme/web, environment: "prod*" }',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INVALID_FILE_LINES = [
  'accounts.aws-prod.accountId: must be a quoted string: unquoted, it was read as the number 111122223333 (numbers lose leading zeros, and long ones are rounded) (line 3)',
  'workloads[0].identities[0].github.environment: environment must not contain wildcards (* or ?): name exactly one environment (line 7)',
];

/** A finding as `validate --format json` prints it. */
interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly workload: string;
  readonly account: string;
  readonly path: string;
  readonly message: string;
  readonly acknowledged?: string;
}

/** A GitHub pull_request identity trusted by a role that writes to a bucket: WIAM-GH-001. */
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

describe('validate', () => {
  test('a declaration with warnings only exits 0 and prints each finding with its fix, then a summary', async () => {
    const result = await runCli('validate', EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(`${EXAMPLE}: 15 workloads, 4 accounts; 0 errors, 7 warnings, 2 acknowledged`);
    expect(result.out).toContain(
      'warning WIAM-SESSION-001 workloads[data-pipeline].sessionDuration (line 55) (aws-prod arn:aws:iam::111122223333:role/workload-iam/wiam-data-pipeline): sessions last up to 2 h [acknowledged: The warehouse load step runs up to 100 minutes and cannot renew credentials midway]\n  fix: ',
    );
  });

  test('--format json lists every finding of the example: which rule, on which workload, acknowledged or not', async () => {
    const result = await runCli('validate', EXAMPLE, '--format', 'json');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const { findings } = JSON.parse(result.out) as { findings: JsonFinding[] };
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.workload} ${f.account}${f.acknowledged ? ' acknowledged' : ''}`)).toEqual([
      'warning WIAM-GH-003 api-release aws-shared',
      'warning WIAM-GH-003 api-release gcp-prod',
      'warning WIAM-REF-002 api-release aws-shared',
      'warning WIAM-REF-002 api-release gcp-prod',
      'warning WIAM-SESSION-001 data-pipeline aws-prod acknowledged',
      'warning WIAM-GH-001 docs-preview aws-prod',
      'warning WIAM-ID-001 docs-preview aws-prod',
      'warning WIAM-ID-001 infra-apply aws-shared acknowledged',
      'warning WIAM-ID-001 web-deploy azure-prod',
    ]);
    for (const finding of findings) expect(Object.keys(finding)).toEqual(expect.arrayContaining(['rule', 'severity', 'workload', 'path', 'message', 'fix']));
  });

  test('a rule error exits 1, names the workload, identity, path and fix, and refuses synthesis', async () => {
    const file = join(dir, 'pull-request-deploy.yaml');
    writeFileSync(file, PULL_REQUEST_DEPLOY);
    const validate = await runCli('validate', file);
    expect(validate.code).toBe(1);
    expect(validate.out).toContain(
      'error WIAM-GH-001 workloads[site-deploy].identities[0] (line 7) (aws-prod arn:aws:iam::111122223333:role/workload-iam/wiam-site-deploy): pull_request runs are admitted, and the access granted changes state\n  fix: Trust an environment',
    );
    const out = join(dir, 'refused');
    const synth = await runCli('synth', file, '--out', out);
    expect(synth.code).toBe(1);
    expect(synth.err).toContain('error WIAM-GH-001 workloads[site-deploy].identities[0]');
    expect(synth.err).toContain('synthesis refused: 1 error');
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  test('findings carry the line of their path in the declaration file, as declaration errors do', async () => {
    const file = join(dir, 'pull-request-lines.yaml');
    writeFileSync(file, PULL_REQUEST_DEPLOY.replace('    grants:', '    sessionDuration: 2h\n    grants:'));
    const { findings } = JSON.parse((await runCli('validate', file, '--format', 'json')).out) as { findings: (JsonFinding & { line?: number })[] };
    expect(findings.map((f) => [f.rule, f.path, f.line])).toEqual([
      ['WIAM-GH-001', 'workloads[site-deploy].identities[0]', 7],
      ['WIAM-SESSION-001', 'workloads[site-deploy].sessionDuration', 8],
    ]);
  });

  test('an acknowledgement cannot excuse a rule that lets strangers in, and must name a real rule', async () => {
    const file = join(dir, 'acknowledged.yaml');
    writeFileSync(
      file,
      PULL_REQUEST_DEPLOY.replace(
        '    grants:',
        '    acknowledge:\n      - { rule: WIAM-GH-001, reason: "previews are deployed from forks on purpose" }\n      - { rule: WIAM-XYZ-001, reason: "a typo in a rule id must not pass silently" }\n    grants:',
      ),
    );
    const result = await runCli('validate', file, '--format', 'json');
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.out) as { findings: JsonFinding[] };
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.path, f.message, f.acknowledged])).toEqual([
      ['WIAM-ACK-001', 'workloads[site-deploy].acknowledge[0]', 'acknowledges WIAM-GH-001 (Pull-request runs admitted by a trust that leads to writes), which cannot be acknowledged', undefined],
      ['WIAM-ACK-001', 'workloads[site-deploy].acknowledge[1]', 'acknowledges WIAM-XYZ-001, which is not a rule of the catalogue', undefined],
      ['WIAM-GH-001', 'workloads[site-deploy].identities[0]', 'pull_request runs are admitted, and the access granted changes state', undefined],
    ]);
  });

  test('invalid input exits 2 with one `path: message` line per problem and no stack trace', async () => {
    const result = await runCli('validate', invalidFile);
    expect(result).toEqual({ code: 2, out: '', err: `${INVALID_FILE_LINES.join('\n')}\n` });
    expect(result.err).not.toMatch(STACK_FRAME);
  });

  test('invalid input with --format json exits 2 and lists the problems as JSON', async () => {
    const result = await runCli('validate', invalidFile, '--format', 'json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      errors: [
        { path: ['accounts', 'aws-prod', 'accountId'], message: expect.stringContaining('must be a quoted string'), line: 3 },
        { path: ['workloads', 0, 'identities', 0, 'github', 'environment'], message: expect.stringContaining('wildcards'), line: 7 },
      ],
    });
  });

  test('a missing file exits 2 with one line naming it', async () => {
    const missing = join(dir, 'nope.yaml');
    expect(await runCli('validate', missing)).toEqual({ code: 2, out: '', err: `${missing}: cannot be read: no such file (ENOENT)\n` });
  });

  test('a directory instead of a file exits 2 with one line', async () => {
    expect(await runCli('validate', dir)).toEqual({ code: 2, out: '', err: `${dir}: cannot be read: it is a directory (EISDIR)\n` });
  });

  test('the --format choices are enforced (exit 2)', async () => {
    const result = await runCli('validate', EXAMPLE, '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain("argument 'xml' is invalid");
  });
});

describe('usage errors exit 2', () => {
  test('an unknown command', async () => {
    const result = await runCli('deploy', EXAMPLE);
    expect(result.code).toBe(2);
    expect(result.err).toBe("error: unknown command 'deploy'\n");
  });

  test('synth without --out', async () => {
    const result = await runCli('synth', EXAMPLE);
    expect(result.code).toBe(2);
    expect(result.err).toBe("error: required option '--out <dir>' not specified\n");
  });

  test('synth with an unknown engine names the option and writes nothing', async () => {
    const out = join(dir, 'unknown-engine');
    const result = await runCli('synth', EXAMPLE, '--out', out, '--engine', 'nope');
    expect(result).toEqual({ code: 2, out: '', err: '--engine: unknown engine "nope" (available: aws-cdk, cdktf, cdktn, pulumi)\n' });
    expect(existsSync(out)).toBe(false);
  });

  test('validate without a file', async () => {
    const result = await runCli('validate');
    expect(result.code).toBe(2);
    expect(result.err).toBe("error: missing required argument 'file'\n");
  });
});

describe('rules', () => {
  test('lists the catalogue and exits 0', async () => {
    const text = await runCli('rules');
    expect(text.code).toBe(0);
    expect(text.err).toBe('');
    expect(text.out).not.toBe('');
    const json = await runCli('rules', '--format', 'json');
    expect(json.code).toBe(0);
    expect(Array.isArray(JSON.parse(json.out).rules)).toBe(true);
  });
});

describe('who-can-reach / what-can-reach', () => {
  let manifestFile: string;
  beforeAll(async () => {
    const out = join(dir, 'queries');
    expect((await runCli('synth', EXAMPLE, '--out', out)).code).toBe(0);
    manifestFile = join(out, 'manifest.json');
  });

  test('who-can-reach gives the same JSON from the declaration and from manifest.json', async () => {
    const fromYaml = await runCli('who-can-reach', EXAMPLE, ORDERS_TABLE, '--format', 'json');
    const fromManifest = await runCli('who-can-reach', manifestFile, ORDERS_TABLE, '--format', 'json');
    expect(fromYaml.code).toBe(0);
    expect(fromManifest).toEqual(fromYaml);
    const workloads = (JSON.parse(fromYaml.out).reaches as { workload: string }[]).map((r) => r.workload);
    expect([...new Set(workloads)]).toEqual(['data-pipeline', 'orders-service']);
  });

  test('what-can-reach gives the same JSON from the declaration and from manifest.json', async () => {
    const fromYaml = await runCli('what-can-reach', EXAMPLE, 'github:acme/web', '--format', 'json');
    const fromManifest = await runCli('what-can-reach', manifestFile, 'github:acme/web', '--format', 'json');
    expect(fromYaml.code).toBe(0);
    expect(fromManifest).toEqual(fromYaml);
    const reached = (JSON.parse(fromYaml.out).reaches as { resource: string }[]).map((r) => r.resource);
    expect(reached).toEqual([
      'arn:aws:s3:::acme-web-assets',
      'arn:aws:s3:::acme-web-assets/*',
      '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets',
      '//storage.googleapis.com/projects/_/buckets/acme-web',
    ]);
  });

  test('text output: one line per reach, or a sentence when nothing matches', async () => {
    const reached = await runCli('who-can-reach', manifestFile, '//bigquery.googleapis.com/projects/acme-prod/datasets/billing_export');
    expect(reached).toEqual({
      code: 0,
      out:
        'cost-reporter (gcp gcp-prod) awsRole:arn:aws:iam::444455556666:role/reporting/cost-reporter, ' +
        'azureManagedIdentity:7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' +
        ' as projects/123456789012/locations/global/workloadIdentityPools/workload-iam' +
        ' → //bigquery.googleapis.com/projects/acme-prod/datasets/billing_export: roles/bigquery.dataViewer\n',
      err: '',
    });
    expect(await runCli('what-can-reach', manifestFile, 'github:acme/nothing')).toEqual({
      code: 0,
      out: 'nothing is reachable by github:acme/nothing\n',
      err: '',
    });
  });

  test('an invalid declaration exits 2, as for validate', async () => {
    expect(await runCli('who-can-reach', invalidFile, ORDERS_TABLE)).toEqual({ code: 2, out: '', err: `${INVALID_FILE_LINES.join('\n')}\n` });
  });
});

describe('the compiled binary', () => {
  test('`node bin/workload-iam synth examples/workloads.yaml --out DIR` writes the canonical manifest', () => {
    const out = join(dir, 'spawned');
    const result = spawnBin('synth', 'examples/workloads.yaml', '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`wrote ${join(out, 'manifest.json')}`);
    const model = loadDeclarationFile(EXAMPLE);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(canonicalJson(buildManifest(model, compile(model))));
  });

  test('invalid input exits 2 with the problem lines and no stack trace', () => {
    const result = spawnBin('validate', invalidFile);
    expect(result).toEqual({ code: 2, out: '', err: `${INVALID_FILE_LINES.join('\n')}\n` });
    expect(result.err).not.toMatch(STACK_FRAME);
  });

  test('a usage error exits 2 with no stack trace', () => {
    const result = spawnBin('synth', 'examples/workloads.yaml');
    expect(result.code).toBe(2);
    expect(result.err).toBe("error: required option '--out <dir>' not specified\n");
  });
});
