import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from '../../lib/engines/registry';
import { runCli } from '../cli/run-cli';

// aws-cdk-lib is an optional peer: here it cannot be loaded at all, as on a machine without it. Importing the core and
// running the CLI must not need it; asking for the engine that does must say what to install.
jest.mock('aws-cdk-lib', () => {
  throw Object.assign(new Error("Cannot find module 'aws-cdk-lib' from 'lib/engines/aws-cdk/synth-templates.ts'"), { code: 'MODULE_NOT_FOUND' });
});

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-engines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('every registered engine has its own tests', () => {
  expect(Object.keys(ENGINES)).toContain('aws-cdk');
  for (const name of Object.keys(ENGINES)) expect(existsSync(join(__dirname, name))).toBe(true);
});

test('the core and the CLI work without aws-cdk-lib', async () => {
  const result = await runCli('synth', EXAMPLE, '--out', join(dir, 'core'));
  expect(result.code).toBe(0);
  expect(readdirSync(join(dir, 'core'))).toEqual(['manifest.json']);
});

test('asking for the aws-cdk engine without aws-cdk-lib says what to install, and writes nothing', async () => {
  expect(await runCli('synth', EXAMPLE, '--out', join(dir, 'engine'), '--engine', 'aws-cdk')).toEqual({
    code: 2,
    out: '',
    err: '--engine: aws-cdk needs the packages aws-cdk-lib and constructs (optional peers of workload-iam): npm install aws-cdk-lib constructs\n',
  });
  expect(existsSync(join(dir, 'engine'))).toBe(false);
});

test('an unknown engine lists the registered ones', async () => {
  expect((await runCli('synth', EXAMPLE, '--out', join(dir, 'unknown'), '--engine', 'aws-cdk,cdk8s')).err).toBe(
    '--engine: unknown engine "cdk8s" (available: aws-cdk)\n',
  );
});
