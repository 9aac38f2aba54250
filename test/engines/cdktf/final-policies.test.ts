import { join } from 'node:path';
import { TerraformProvider, TerraformResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// Grants a user adds through cdktf to a rendered role are judged before synth completes (SPEC §3), as in the CDK
// engine: the example's docs-preview workload is a pull-request identity granted read access only.

const STORAGE = '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-docs/providers/Microsoft.Storage/storageAccounts/acmedocs';

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
  expect(withGrant(['s3:PutObject'])).toThrow(/workload docs-preview \(AWS account "aws-prod"\), judged on its final grants: \[WIAM-GH-001\] .*Fix: /);
});

test('safe neighbour: read access granted the same way passes', () => {
  expect(withGrant(['s3:GetObject'])).not.toThrow();
});

describe('grants added to GCP members and Azure identities', () => {
  // A pull-request identity granted read access on each cloud; ids are made up.
  const previews = compile(
    toModel({
      version: 1,
      accounts: {
        'gcp-prod': { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' },
        'azure-prod': {
          cloud: 'azure',
          tenantId: '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
          subscriptionId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
          resourceGroup: 'rg-workload-identity',
          location: 'westeurope',
        },
      },
      workloads: [
        {
          name: 'docs-preview',
          identities: [{ github: { repository: 'acme/docs', ownerId: '65', repositoryId: '74', pullRequest: true } }],
          grants: {
            'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-docs-previews', access: 'read' }],
            'azure-prod': [{ resource: `${STORAGE}/blobServices/default/containers/previews`, access: 'read' }],
          },
        },
      ],
    }),
  );

  /** The user's provider, as the prebuilt provider packages declare one. */
  class Provider extends TerraformProvider {
    constructor(scope: Construct, name: 'google' | 'azurerm') {
      super(scope, name, { terraformResourceType: name, terraformGeneratorMetadata: { providerName: name }, terraformProviderSource: `hashicorp/${name}` });
    }
  }

  function withResource(account: 'gcp-prod' | 'azure-prod', type: string, body: (identities: WorkloadIdentities) => Record<string, unknown>): () => string {
    const stack = new TerraformStack(Testing.app(), 'user-stack');
    new Provider(stack, account === 'gcp-prod' ? 'google' : 'azurerm');
    const identities = new WorkloadIdentities(stack, 'Wi', { plan: previews, account });
    const added = new TerraformResource(stack, 'added', { terraformResourceType: type, terraformGeneratorMetadata: { providerName: account === 'gcp-prod' ? 'google' : 'azurerm' } });
    for (const [key, value] of Object.entries(body(identities))) added.addOverride(key, value);
    return () => Testing.synth(stack, true);
  }

  const member = previews.gcp['gcp-prod'].members[0].member;
  const bucketMember = (role: string) => withResource('gcp-prod', 'google_storage_bucket_iam_member', () => ({ bucket: 'acme-docs-previews', role, member }));
  const assignment = (roleId: string) =>
    withResource('azure-prod', 'azurerm_role_assignment', (identities) => ({
      scope: STORAGE,
      role_definition_id: `/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
      principal_id: `\${${identities.identity('docs-preview').fqn}.principal_id}`,
    }));

  test('a writing role bound to the workload\'s GCP member fails synth; a read-only one passes', () => {
    expect(bucketMember('roles/storage.objectAdmin')).toThrow(/workload docs-preview \(GCP project "gcp-prod"\), judged on its final grants: \[WIAM-GH-001\] .*Fix: /);
    expect(bucketMember('roles/storage.objectViewer')).not.toThrow();
  });

  test('a writing role assigned to the workload\'s managed identity fails synth; a read-only one passes', () => {
    // Storage Blob Data Contributor and Reader, from Microsoft's built-in roles reference.
    expect(assignment('ba92f5b4-2d11-453d-a403-e96b0029c9fe')).toThrow(/workload docs-preview \(Azure subscription "azure-prod"\), judged on its final grants: \[WIAM-GH-001\]/);
    expect(assignment('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')).not.toThrow();
  });
});
