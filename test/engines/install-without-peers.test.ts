import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// An installation of the built package with its dependencies and none of its optional peers, as `npm install
// workload-iam` gives a user who renders no engine: the peers are really absent, not mocked.
const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'workloads.yaml');

let install: string;
beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
  install = mkdtempSync(join(tmpdir(), 'wiam-no-peers-'));
  const app = join(install, 'workload-iam');
  for (const part of ['dist', 'bin', 'package.json']) cpSync(join(ROOT, part), join(app, part), { recursive: true });
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    const link = join(app, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    // Each dependency resolves its own dependencies from its real place in this checkout.
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
});
afterAll(() => rmSync(install, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const result = spawnSync(process.execPath, [join(install, 'workload-iam', 'bin', 'workload-iam'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

test('the peers are absent from the installation', () => {
  const modules = join(install, 'workload-iam', 'node_modules');
  expect(readdirSync(modules)).not.toContain('aws-cdk-lib');
  expect(readdirSync(modules)).not.toContain('constructs');
});

test('synth without an engine works with no peer installed', () => {
  const out = join(install, 'core');
  expect(cli('synth', EXAMPLE, '--out', out).code).toBe(0);
  expect(readdirSync(out)).toEqual(['manifest.json']);
});

test('asking for the aws-cdk engine says what to install, and writes nothing', () => {
  const out = join(install, 'engine');
  expect(cli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk')).toEqual({
    code: 2,
    out: '',
    err: '--engine: aws-cdk needs the packages aws-cdk-lib and constructs (optional peers of workload-iam): npm install aws-cdk-lib constructs\n',
  });
  expect(existsSync(out)).toBe(false);
});
