import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { DeclarationError } from 'workload-iam';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// The Terraform engine in a user's cdktf stack, tested with cdktf's Testing. Expected arguments are written from the
// providers' documentation (aws 6, google 6/7, azurerm 4) and the Plan's documented forms.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');
const plan = compile(loadDeclarationFile(EXAMPLE));

type Json = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  terraform?: { required_providers?: Record<string, unknown> };
  provider?: unknown;
};

type Props = Partial<ConstructorParameters<typeof WorkloadIdentities>[2]>;

function synth(account: string, props: Props = {}): { json: Json; identities: WorkloadIdentities } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'user-stack');
  const identities = new WorkloadIdentities(stack, 'Wi', { plan, account, ...props });
  return { json: JSON.parse(Testing.synth(stack)) as Json, identities };
}

const bodies = (json: Json, type: string) => Object.values(json.resource[type] ?? {});

describe('in a user stack', () => {
  test('the provider version constraints are added, and no provider block: configuration stays the user’s', () => {
    const { json } = synth('aws-prod');
    expect(json.terraform?.required_providers).toEqual({ aws: { source: 'hashicorp/aws', version: '~> 6.0' } });
    expect(json.provider).toBeUndefined();
    expect(synth('gcp-prod').json.terraform?.required_providers).toEqual({ google: { source: 'hashicorp/google', version: '>= 6.0, < 8.0' } });
    expect(synth('azure-prod').json.terraform?.required_providers).toEqual({ azurerm: { source: 'hashicorp/azurerm', version: '~> 4.0' } });
  });

  test('AWS: the role is the Plan’s, literally, and the accessor returns it for further wiring', () => {
    const { json, identities } = synth('aws-prod');
    const role = plan.aws['aws-prod'].roles.find((candidate) => candidate.workload === 'web-deploy')!;
    expect(Testing.toHaveResourceWithProperties(JSON.stringify(json), 'aws_iam_role', {
      name: 'wiam-web-deploy',
      path: '/workload-iam/',
      assume_role_policy: JSON.stringify(role.trustPolicy),
      max_session_duration: 3600,
    })).toBe(true);
    expect(identities.role('web-deploy').terraformResourceType).toBe('aws_iam_role');
    // OIDC providers carry no thumbprints (optional since 2024): the URL and the client ids only.
    for (const provider of bodies(json, 'aws_iam_openid_connect_provider')) expect(Object.keys(provider).filter((key) => key !== '//').sort()).toEqual(['client_id_list', 'url']);
  });

  test('Azure: each federated credential waits for the previous one of its identity (Entra refuses concurrent writes)', () => {
    const { json } = synth('azure-prod');
    const credentials = Object.entries(json.resource.azurerm_federated_identity_credential);
    const byIdentity = new Map<string, [string, Record<string, unknown>][]>();
    for (const entry of credentials) byIdentity.set(String(entry[1].parent_id), [...(byIdentity.get(String(entry[1].parent_id)) ?? []), entry]);
    const chained = [...byIdentity.values()].filter((group) => group.length > 1);
    expect(chained.length).toBeGreaterThan(0);
    for (const group of chained) {
      const [first, ...rest] = group;
      expect(first[1].depends_on).toBeUndefined();
      rest.forEach(([, body], index) => expect(body.depends_on).toEqual([`azurerm_federated_identity_credential.${group[index][0]}`]));
    }
    for (const [, body] of credentials) expect(body.audience).toEqual(['api://AzureADTokenExchange']);
    for (const assignment of bodies(json, 'azurerm_role_assignment')) expect(assignment.principal_type).toBe('ServicePrincipal');
  });

  test('GCP: the id suffix of the compile options renames the pool and every provider, and members follow', () => {
    const suffixed = compile(loadDeclarationFile(EXAMPLE), { gcp: { idSuffix: 'v2' } });
    const app = Testing.app();
    const stack = new TerraformStack(app, 'user-stack');
    new WorkloadIdentities(stack, 'Wi', { plan: suffixed, account: 'gcp-prod' });
    const json = JSON.parse(Testing.synth(stack)) as Json;
    expect(bodies(json, 'google_iam_workload_identity_pool').map((pool) => pool.workload_identity_pool_id)).toEqual(['workload-iam-v2']);
    const providers = bodies(json, 'google_iam_workload_identity_pool_provider').map((provider) => provider.workload_identity_pool_provider_id as string);
    expect(providers.length).toBeGreaterThan(0);
    for (const id of providers) expect(id).toMatch(/^[a-z0-9-]{4,32}$/);
    for (const id of providers) expect(id.endsWith('-v2')).toBe(true);
    const members = bodies(json, 'google_storage_bucket_iam_member').map((member) => member.member as string);
    for (const member of members.filter((m) => m.startsWith('principal'))) expect(member).toContain('/workloadIdentityPools/workload-iam-v2/');
  });

  test('an account must be named when the declaration has several, and a rule error refuses the construct', () => {
    expect(() => new WorkloadIdentities(new TerraformStack(Testing.app(), 's'), 'Wi', { plan })).toThrow(/^account: name the account to render \(accounts: aws-prod, aws-shared, azure-prod, gcp-prod\)$/);
    const risky = compile(
      toModel({
        version: 1,
        accounts: { 'aws-prod': { cloud: 'aws', accountId: '111122223333' } },
        workloads: [{ name: 'previews', identities: [{ github: { repository: 'acme/web', pullRequest: true } }], grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-previews', access: 'write' }] } }],
      }),
    );
    expect(() => new WorkloadIdentities(new TerraformStack(Testing.app(), 's'), 'Wi', { plan: risky })).toThrow(DeclarationError);
    expect(() => new WorkloadIdentities(new TerraformStack(Testing.app(), 's'), 'Wi', { plan: risky })).toThrow(/\[WIAM-GH-001\]/);
  });
});

test('a workload asked for that has nothing in the account is refused, not rendered as nothing', () => {
  expect(() => new WorkloadIdentities(new TerraformStack(Testing.app(), 's'), 'Wi', { plan, account: 'aws-prod', workloads: ['web-deploy', 'web-deplyo'] })).toThrow(
    'workloads[1]: "web-deplyo" has nothing to render in aws account "aws-prod"; fix: for a role granted only through the engine, declare the workload with `grants: { aws-prod: [] }`',
  );
  // Safe neighbour: the named workloads alone are rendered.
  const { json } = synth('aws-prod', { workloads: ['web-deploy'] });
  expect(Object.values(json.resource.aws_iam_role).map((role) => role.name)).toEqual(['wiam-web-deploy']);
});
