import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { toModel } from '../../../lib/declaration/parse';
import { compile } from '../../../lib/plan/compile';
import { DeclarationError } from 'workload-iam';
import { WorkloadIdentities } from 'workload-iam/pulumi';

// The Pulumi component under Pulumi's own mock runtime (`runtime.setMocks`), the way Pulumi programs are unit-tested.
// Expected values are written from the example declaration and the clouds' documentation.

const plan = compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml')));

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly parent?: string;
  readonly opts: pulumi.CustomResourceOptions;
}

let registered: Registered[] = [];
const keys = new Map<pulumi.Resource, string>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const found = registered.find((r) => r.type === args.type && r.name === args.name);
        if (found) (found as { inputs: Record<string, unknown> }).inputs = args.inputs as Record<string, unknown>;
        // The ARN IAM assigns a role: arn:aws:iam::<account>:role<path><name>.
        const arn = args.type === 'aws:iam/role:Role' ? { arn: `arn:aws:iam::<account>:role${args.inputs.path}${args.inputs.name}` } : {};
        return { id: `${args.name}-id`, state: { ...args.inputs, ...arn } };
      },
      // The component looks nothing up: any invoke fails the test.
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'test',
    'test',
    false,
  );
});

/** Creates the component with a transformation that records every child, its parent and its options. */
async function create(args: ConstructorParameters<typeof WorkloadIdentities>[1], name = 'platform'): Promise<WorkloadIdentities> {
  registered = [];
  const created: pulumi.Resource[] = [];
  const record: pulumi.ResourceTransformation = ({ resource, type, name: resourceName, opts }) => {
    created.push(resource);
    keys.set(resource, `${type}::${resourceName}`);
    registered.push({ type, name: resourceName, inputs: {}, ...(opts.parent ? { parent: keys.get(opts.parent) } : {}), opts });
    return undefined;
  };
  const component = new WorkloadIdentities(name, args, { transformations: [record] });
  await value(pulumi.all([component.roleArns, component.clientIds]));
  await value(pulumi.all(created.map((resource) => resource.urn)));
  return component;
}

/** A provider of the user's program, as `new aws.Provider(…)` makes one. */
class AwsProvider extends pulumi.ProviderResource {
  public constructor(name: string) {
    super('aws', name, {});
  }
}

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
const ofType = (type: string) => registered.filter((r) => r.type === type);

describe('the component', () => {
  test('one WorkloadIdentities and a Workload component per workload; every resource a child of one of them', async () => {
    await create({ plan });
    expect(ofType('workload-iam:index:WorkloadIdentities').map((r) => r.name)).toEqual(['platform']);
    const workloads = ofType('workload-iam:index:Workload');
    expect(workloads.map((r) => r.name)).toContain('platform-web-deploy');
    expect(workloads.every((r) => r.parent === 'workload-iam:index:WorkloadIdentities::platform')).toBe(true);
    const custom = registered.filter((r) => !r.type.startsWith('workload-iam:'));
    expect(custom.length).toBeGreaterThan(50);
    expect(custom.every((r) => r.parent?.startsWith('workload-iam:index:'))).toBe(true);
    // A workload's own resources are children of its component; shared ones (providers, pools) of the top one.
    expect(registered.find((r) => r.type === 'aws:iam/role:Role' && r.name === 'platform-aws-prod-web-deploy')?.parent).toBe('workload-iam:index:Workload::platform-web-deploy');
    expect(ofType('gcp:iam/workloadIdentityPool:WorkloadIdentityPool')[0].parent).toBe('workload-iam:index:WorkloadIdentities::platform');
  });

  test('outputs: role ARNs, pool and provider names, client ids; accessors return typed resources', async () => {
    const component = await create({ plan });
    const arns = await value(component.roleArns);
    expect(arns['aws-prod/web-deploy']).toBe('arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy');
    expect(arns['aws-shared/infra-apply']).toBe('arn:aws:iam::444455556666:role/workload-iam/wiam-infra-apply');
    expect((await value(component.poolNames))['gcp-prod']).toBe('projects/123456789012/locations/global/workloadIdentityPools/workload-iam');
    expect(Object.keys(await value(component.clientIds)).sort()).toEqual(['azure-prod/audit-collector', 'azure-prod/ledger-service', 'azure-prod/payments-aks', 'azure-prod/web-deploy']);
    expect(await value(component.role('web-deploy', 'aws-prod').arn)).toBe('arn:aws:iam::<account>:role/workload-iam/wiam-web-deploy');
    expect(() => component.role('infra-apply', 'aws-prod')).toThrow(DeclarationError);
    expect(() => component.role('infra-apply', 'aws-prod')).toThrow('"infra-apply" has no AWS role in "aws-prod"');
    expect(() => component.serviceAccount('web-deploy')).toThrow('"web-deploy" has no GCP service account');
  });

  test('the role is the Plan’s: name, path, trust document with the declared subject, inline policy', async () => {
    await create({ plan });
    const role = registered.find((r) => r.name === 'platform-aws-prod-web-deploy')!;
    expect(role.inputs).toMatchObject({ name: 'wiam-web-deploy', path: '/workload-iam/', maxSessionDuration: 3600 });
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string) as { Statement: { Condition: Record<string, Record<string, unknown>> }[] };
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    const policies = ofType('aws:iam/rolePolicy:RolePolicy').filter((r) => r.parent === 'workload-iam:index:Workload::platform-web-deploy');
    expect(policies.map((p) => p.inputs.role)).toEqual(['wiam-web-deploy']);
    expect(JSON.stringify(policies[0].inputs.policy)).toContain('s3:PutObject');
  });

  test('GCP pools and providers are protected and retained by default, and not when asked', async () => {
    await create({ plan });
    const kept = [...ofType('gcp:iam/workloadIdentityPool:WorkloadIdentityPool'), ...ofType('gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider')];
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.every((r) => r.opts.protect === true && r.opts.retainOnDelete === true)).toBe(true);
    await create({ plan, keepPools: false }, 'unkept');
    expect(ofType('gcp:iam/workloadIdentityPool:WorkloadIdentityPool').every((r) => r.opts.protect === undefined)).toBe(true);
  });

  test('Azure: each federated credential of an identity waits for the previous one', async () => {
    await create({ plan });
    const credentials = ofType('azure-native:managedidentity:FederatedIdentityCredential');
    const byIdentity = new Map<string, Registered[]>();
    for (const credential of credentials) {
      const identity = String(credential.inputs.resourceName);
      byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), credential]);
    }
    const chained = [...byIdentity.values()].filter((group) => group.length > 1);
    expect(chained.length).toBeGreaterThan(0);
    for (const group of chained) {
      for (let i = 1; i < group.length; i++) {
        const waitsFor = (group[i].opts.dependsOn as pulumi.Resource[]).map((resource) => keys.get(resource));
        expect(waitsFor).toContain(`azure-native:managedidentity:FederatedIdentityCredential::${group[i - 1].name}`);
      }
    }
    const assignment = ofType('azure-native:authorization:RoleAssignment').find((r) => r.parent === 'workload-iam:index:Workload::platform-payments-aks')!;
    expect(assignment.inputs.principalType).toBe('ServicePrincipal');
  });

  test('the provider of each account (and region) is the user’s', async () => {
    const providers = new Map<string, pulumi.ProviderResource>();
    const provider = (account: string, region?: string) => {
      const key = `${account}/${region ?? ''}`;
      if (!providers.has(key)) providers.set(key, new AwsProvider(`aws-${account}-${region ?? 'default'}`));
      return providers.get(key);
    };
    await create({ plan, provider }, 'provided');
    const providerOf = (name: string) => registered.find((r) => r.name === name)!.opts.provider;
    expect(providerOf('provided-aws-prod-web-deploy')).toBe(providers.get('aws-prod/'));
    expect(providerOf('provided-aws-shared-infra-apply')).toBe(providers.get('aws-shared/'));
    // Pod Identity associations live in their cluster's region.
    expect(providerOf('provided-aws-prod-billing-worker-pod-identity-prod-main-billing-billing-worker')).toBe(providers.get('aws-prod/eu-west-1'));
  });

  test('a rule error refuses the component, naming the rule and the fix', async () => {
    const refused = () =>
      new WorkloadIdentities('refused', {
        declaration: {
          version: 1,
          accounts: { 'aws-prod': { cloud: 'aws', accountId: '111122223333' } },
          workloads: [{ name: 'previews', identities: [{ github: { repository: 'acme/docs', pullRequest: true } }], grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-docs', access: 'readWrite' }] } }],
        },
      });
    expect(refused).toThrow(DeclarationError);
    expect(refused).toThrow(/\[WIAM-GH-001\] .*Fix: /);
  });

  test('adding a workload renames and changes no other resource', async () => {
    const example = loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml'));
    const snapshot = async (model: typeof example, name: string) => {
      await create({ plan: compile(model) }, name);
      return new Map(registered.filter((r) => r.type !== 'workload-iam:index:WorkloadIdentities').map((r) => [`${r.type}::${r.name.slice(name.length)}`, JSON.stringify(r.inputs)]));
    };
    const before = await snapshot(example, 'a');
    const added = toModel({
      version: 1,
      accounts: { 'aws-prod': { cloud: 'aws', accountId: '111122223333' } },
      workloads: [{ name: 'aaa-first', identities: [{ github: { repository: 'acme/aaa', ownerId: '65', repositoryId: '99', environment: 'production' } }], grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-aaa', access: 'read' }] } }],
    });
    const after = await snapshot({ ...example, workloads: [...added.workloads, ...example.workloads] }, 'b');
    for (const [key, inputs] of before) expect([key, after.get(key)]).toEqual([key, inputs]);
    expect(after.size).toBeGreaterThan(before.size);
  });
});
