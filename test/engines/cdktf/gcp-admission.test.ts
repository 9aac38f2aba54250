import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { evaluateGcpBinding } from '../../../lib/evaluate/gcp';
import { compile } from '../../../lib/plan/compile';
import type { GcpProvider } from '../../../lib/plan/plan';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// The GCP conditions and mappings as Terraform will apply them, read back from the synthesized JSON and evaluated by
// a real CEL implementation (@bufbuild/cel) with Google's semantics, against tokens written from GitHub's documented
// claims: web-deploy (acme/web, owner id 65, repository id 74, environment production) is admitted to the bucket;
// its neighbours are not.

const plan = compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml')));
const POOL = `projects/${plan.gcp['gcp-prod'].projectNumber}/locations/global/workloadIdentityPools/workload-iam`;
const BUCKET = 'acme-web';

type Body = Record<string, unknown>;
const stack = new TerraformStack(Testing.app(), 'user-stack');
new WorkloadIdentities(stack, 'Wi', { plan, account: 'gcp-prod' });
const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Body>> };

/** The OIDC providers as Terraform has them, in the shape the evaluator reads. */
const providers: GcpProvider[] = Object.values(json.resource.google_iam_workload_identity_pool_provider)
  .filter((body) => body.oidc !== undefined)
  .map((body) => {
    const oidc = body.oidc as { issuer_uri: string; allowed_audiences?: string[] };
    const id = body.workload_identity_pool_provider_id as string;
    return {
      id,
      name: `${POOL}/providers/${id}`,
      type: 'oidc',
      issuer: oidc.issuer_uri,
      allowedAudiences: oidc.allowed_audiences ?? [],
      attributeMapping: body.attribute_mapping as Record<string, string>,
      attributeCondition: body.attribute_condition as string,
      workloads: [],
    };
  });
const bucketMembers = Object.values(json.resource.google_storage_bucket_iam_member)
  .filter((body) => body.bucket === BUCKET)
  .map((body) => body.member as string);

const token = (overrides: Record<string, string>) => ({
  claims: {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:acme/web:environment:production',
    repository: 'acme/web',
    repository_owner: 'acme',
    repository_owner_id: '65',
    repository_id: '74',
    environment: 'production',
    ref: 'refs/heads/main',
    job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
    ...overrides,
  },
});

/** Whether any provider of the stack admits the token as a member bound on the bucket (its audience is that provider). */
function admitted(overrides: Record<string, string>): boolean {
  return providers.some((provider) =>
    bucketMembers.some(
      (member) => evaluateGcpBinding({ member, poolName: POOL, provider }, token({ aud: `https://iam.googleapis.com/${provider.name}`, ...overrides })).verdict === 'accepted',
    ),
  );
}

test('the declared identity is admitted to its bucket, in both subject forms GitHub may emit', () => {
  expect(bucketMembers.length).toBeGreaterThan(0);
  expect(admitted({})).toBe(true);
  expect(admitted({ sub: 'repo:acme@65/web@74:environment:production' })).toBe(true);
});

test.each<[string, Record<string, string>]>([
  ['another repository of the owner', { sub: 'repo:acme/api:environment:production', repository: 'acme/api', repository_id: '75' }],
  ['a recycled repository name (another id)', { repository_id: '99' }],
  ['another owner of the same name', { repository_owner_id: '66' }],
  ['another environment', { sub: 'repo:acme/web:environment:staging', environment: 'staging' }],
  ['a branch instead of the environment', { sub: 'repo:acme/web:ref:refs/heads/main', environment: '' }],
])('a neighbour is refused: %s', (_name, overrides) => {
  expect(admitted(overrides)).toBe(false);
});
