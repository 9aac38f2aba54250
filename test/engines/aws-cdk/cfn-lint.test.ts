import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { directoryOutput, renderCloudFormationTemplates } from '../../../lib/engines/aws-cdk/index';
import { compile, loadDeclarationFile } from '../../../lib/index';

// cfn-lint, the CloudFormation linter, on every template the engine writes for the bundled example. It is the
// machine Python's executable (TOOLS.md); a missing linter fails the suite instead of skipping it.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');

function cfnLintPath(): string {
  const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  const path = join(dirname(python), 'cfn-lint');
  if (!existsSync(path)) throw new Error(`cfn-lint is not installed next to ${python}: install it (pip install cfn-lint) to run these tests`);
  return path;
}

interface CfnLintFinding {
  readonly Level: string;
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-cfn-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('every template synthesized from examples/workloads.yaml passes cfn-lint with no finding at all', () => {
  const cfnLint = cfnLintPath();
  const output = directoryOutput(dir);
  renderCloudFormationTemplates(compile(loadDeclarationFile(EXAMPLE)), {}, output);
  const files = output.written().map((file) => join(dir, file));
  expect(output.written()).toEqual([
    'workload-iam-aws-prod-eu-west-1.template.json',
    'workload-iam-aws-prod.template.json',
    'workload-iam-aws-shared.template.json',
  ]);
  const result = spawnSync(cfnLint, ['--format', 'json', ...files], { encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  const findings = JSON.parse(result.stdout) as CfnLintFinding[];
  expect(findings.map((f) => `${f.Level} ${f.Rule.Id} ${basename(f.Filename)}: ${f.Message}`)).toEqual([]);
  expect(result.status).toBe(0);
});
