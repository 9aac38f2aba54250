import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, DefaultStackSynthesizer } from 'aws-cdk-lib';
import { WorkloadIdentityStacks, type WorkloadIdentityStacksProps } from './workload-identity-stacks';
import type { Plan } from '../../plan/plan';
import type { EngineOutput } from '../engine-output';

/** What `workload-iam synth --engine aws-cdk` takes besides the Plan: the stacks' options. */
export type CloudFormationTemplatesOptions = Omit<WorkloadIdentityStacksProps, 'declaration' | 'file' | 'model' | 'plan' | 'compileOptions'>;

/**
 * Renders every AWS account of the Plan as CloudFormation templates, one file per stack (`<stack name>.template.json`).
 *
 * The templates are meant for any CloudFormation deployment, so they carry no CDK bootstrap check and no CDK
 * metadata resource: the same Plan always gives byte-identical files. CDK's built-in template validation is off: it
 * only warns, takes seconds to start, and the templates are checked with cfn-lint in this project's tests.
 */
export function renderCloudFormationTemplates(plan: Plan, options: CloudFormationTemplatesOptions, out: EngineOutput): void {
  const outdir = mkdtempSync(join(tmpdir(), 'workload-iam-cdk-'));
  try {
    const app = new App({
      outdir,
      analyticsReporting: false,
      builtinCloudFormationValidation: false,
      defaultStackSynthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    const { stacks } = new WorkloadIdentityStacks(app, 'WorkloadIam', { ...options, plan });
    const assembly = app.synth();
    for (const stack of stacks) {
      out.writeFile(`${stack.stackName}.template.json`, `${JSON.stringify(assembly.getStackArtifact(stack.artifactId).template, null, 2)}\n`);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
