import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeclarationError } from '../../lib/declaration/errors';
import { ENGINES, requireEngines } from '../../lib/engines/registry';
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

test('a missing peer package is named with the command that installs it; several engines are refused together', () => {
  const without = (...missing: string[]) => (id: string) => {
    if (missing.some((peer) => id === peer || id.startsWith(`${peer}/`))) throw new Error(`Cannot find module '${id}'`);
    return id;
  };
  expect(() => requireEngines(['aws-cdk'], without('constructs'))).toThrow(
    new DeclarationError([{ path: ['--engine'], message: 'aws-cdk needs the package constructs (optional peers of workload-iam): npm install constructs' }]),
  );
  expect(() => requireEngines(['aws-cdk'], without('aws-cdk-lib', 'constructs'))).toThrow(
    '--engine: aws-cdk needs the packages aws-cdk-lib and constructs (optional peers of workload-iam): npm install aws-cdk-lib constructs',
  );
  // Safe neighbour: with every peer present, the engines are returned in the order asked.
  expect(requireEngines(['aws-cdk'], without()).map((engine) => engine.name)).toEqual(['aws-cdk']);
});

test('an unknown engine lists the registered ones', async () => {
  expect((await runCli('synth', EXAMPLE, '--out', join(dir, 'unknown'), '--engine', 'aws-cdk,cdk8s')).err).toBe(
    '--engine: unknown engine "cdk8s" (available: aws-cdk, cdktf, cdktn, pulumi)\n',
  );
});
