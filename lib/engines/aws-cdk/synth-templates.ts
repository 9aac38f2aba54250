import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, DefaultStackSynthesizer } from 'aws-cdk-lib';
import { WorkloadIdentityStacks } from './workload-identity-stacks';
import type { Plan } from '../../plan/plan';

/**
 * Renders every AWS account of the Plan as CloudFormation templates in `dir`, one file per stack
 * (`<stack name>.template.json`), replacing what a previous run wrote there. Returns the files, sorted.
 *
 * The templates are meant for any CloudFormation deployment, so they carry no CDK bootstrap check and no CDK
 * metadata resource: the same Plan always gives byte-identical files. CDK's built-in template validation is off: it
 * only warns, takes seconds to start, and the templates are checked with cfn-lint in this project's tests.
 */
export function synthCloudFormationTemplates(plan: Plan, dir: string): string[] {
  const outdir = mkdtempSync(join(tmpdir(), 'workload-iam-cdk-'));
  try {
    const app = new App({
      outdir,
      analyticsReporting: false,
      builtinCloudFormationValidation: false,
      defaultStackSynthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    const { stacks } = new WorkloadIdentityStacks(app, 'WorkloadIam', { plan });
    const assembly = app.synth();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return stacks.map((stack) => {
      const file = join(dir, `${stack.stackName}.template.json`);
      writeFileSync(file, `${JSON.stringify(assembly.getStackArtifact(stack.artifactId).template, null, 2)}\n`);
      return file;
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
