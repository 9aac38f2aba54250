import { join } from 'node:path';
import { TerraformProvider, TerraformResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { compile } from '../../../lib/plan/compile';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// Grants a user adds through cdktf to a rendered role are judged before synth completes (SPEC §3), as in the CDK
// engine: the example's docs-preview workload is a pull-request identity granted read access only.

const plan = compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml')));

/** The user's AWS provider, as `@cdktf/provider-aws` would declare it (validations need one per provider). */
class AwsProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: 'aws', terraformGeneratorMetadata: { providerName: 'aws' }, terraformProviderSource: 'hashicorp/aws' });
  }
  protected synthesizeAttributes(): Record<string, unknown> {
    return { region: 'eu-west-1' };
  }
}

function withGrant(actions: readonly string[]): () => string {
  const stack = new TerraformStack(Testing.app(), 'user-stack');
  new AwsProvider(stack, 'aws');
  const identities = new WorkloadIdentities(stack, 'Wi', { plan, account: 'aws-prod' });
  const policy = new TerraformResource(stack, 'previews-write', { terraformResourceType: 'aws_iam_role_policy', terraformGeneratorMetadata: { providerName: 'aws' } });
  policy.addOverride('name', 'previews');
  policy.addOverride('role', `\${${identities.role('docs-preview').fqn}.name}`);
  policy.addOverride('policy', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::acme-docs-previews/*' }] }));
  return () => Testing.synth(stack, true);
}

test('write access granted through cdktf to a pull-request role fails synth, naming the workload, the rule and the fix', () => {
  expect(withGrant(['s3:PutObject'])).toThrow(/workload docs-preview \(AWS account "aws-prod"\), judged on its final policies: \[WIAM-GH-001\] .*Fix: /);
});

test('safe neighbour: read access granted the same way passes', () => {
  expect(withGrant(['s3:GetObject'])).not.toThrow();
});
