import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run-cli';

// `workload-iam synth FILE --out DIR --engine aws-cdk`: one CloudFormation template per stack under DIR/aws-cdk/.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');
const TEMPLATES = ['workload-iam-aws-prod-eu-west-1.template.json', 'workload-iam-aws-prod.template.json', 'workload-iam-aws-shared.template.json'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-cli-aws-cdk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('writes the manifest and a template per stack, and says so', async () => {
  const out = join(dir, 'first');
  const result = await runCli('synth', EXAMPLE, '--out', out, '--engine', 'aws-cdk');
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  expect(result.out).toContain(`wrote 3 CloudFormation templates to ${join(out, 'aws-cdk')}\n`);
  expect(readdirSync(join(out, 'aws-cdk')).sort()).toEqual(TEMPLATES);
  const template = JSON.parse(readFileSync(join(out, 'aws-cdk', 'workload-iam-aws-shared.template.json'), 'utf8'));
  const roles = Object.values(template.Resources as Record<string, { Type: string; Properties: { RoleName?: string } }>)
    .filter((resource) => resource.Type === 'AWS::IAM::Role')
    .map((resource) => resource.Properties.RoleName);
  expect(roles).toEqual(['wiam-api-release', 'wiam-infra-apply']);
  // For any CloudFormation deployment: no CDK bootstrap parameter or rule, no CDK metadata.
  expect(Object.keys(template).sort()).toEqual(['Outputs', 'Resources']);
});

test('the same declaration gives byte-identical files; files of an earlier run are replaced', async () => {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  await runCli('synth', EXAMPLE, '--out', a, '--engine', 'aws-cdk');
  mkdirSync(join(b, 'aws-cdk'), { recursive: true });
  writeFileSync(join(b, 'aws-cdk', 'workload-iam-aws-old.template.json'), '{}');
  await runCli('synth', EXAMPLE, '--out', b, '--engine', 'aws-cdk,aws-cdk');
  expect(readdirSync(join(b, 'aws-cdk')).sort()).toEqual(TEMPLATES);
  for (const file of TEMPLATES) expect(readFileSync(join(b, 'aws-cdk', file), 'utf8')).toBe(readFileSync(join(a, 'aws-cdk', file), 'utf8'));
});
