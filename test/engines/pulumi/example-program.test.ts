import type { PolicyResource, StackValidationArgs } from '@pulumi/policy';
import * as pulumi from '@pulumi/pulumi';
import { workloadIamPolicies } from 'workload-iam/pulumi';

// examples/pulumi is a Pulumi TypeScript program using the component as a user would (`workload-iam/pulumi`, the
// compiled package). Here it runs under Pulumi's mocks, each registration recorded, and the policy pack judges them.

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly provider?: string;
}

const recorded: Recorded[] = [];
let program: { roleArns: pulumi.Output<Record<string, string>>; clientIds: pulumi.Output<Record<string, string>> };

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        recorded.push({ type: args.type, name: args.name, inputs, ...(args.provider ? { provider: args.provider } : {}) });
        return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'workload-identities',
    'test',
    false,
  );
  // Loaded once the mocks are set, as `pulumi up` loads a program once the engine is connected.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  program = require('../../../examples/pulumi/index') as typeof program;
  // Every registration is done once Pulumi's queue of resource calls has drained.
  await pulumi.runtime.disconnect();
}, 60_000);

test('the program exports the role ARNs of the declaration', async () => {
  const arns = await new Promise<Record<string, string>>((resolve) => program.roleArns.apply(resolve));
  expect(arns['aws-prod/web-deploy']).toBe('arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy');
  expect(arns['aws-prod/docs-preview']).toBe('arn:aws:iam::111122223333:role/workload-iam/wiam-docs-preview');
});

test('the production account’s resources go through the program’s own provider; other accounts through the defaults', () => {
  const role = (name: string) => recorded.find((r) => r.type === 'aws:iam/role:Role' && r.inputs.name === name)!;
  expect(role('wiam-web-deploy').provider).toMatch(/::aws-prod::/);
  expect(role('wiam-infra-apply').provider ?? '').not.toMatch(/::aws-prod::/);
  expect(role('wiam-web-deploy').inputs.permissionsBoundary).toBe('arn:aws:iam::111122223333:policy/workload-boundary');
});

test('the program’s own grant attaches to the component’s role, and the policy pack finds nothing mandatory', async () => {
  const grant = recorded.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy' && r.name === 'previews-read')!;
  expect(grant.inputs.role).toBe('wiam-docs-preview');
  const resources = recorded.map((r) => ({ type: r.type, name: r.name, urn: `urn:${r.type}::${r.name}`, props: r.inputs }) as unknown as PolicyResource);
  const mandatory: string[] = [];
  const errors = workloadIamPolicies.find((policy) => policy.enforcementLevel === 'mandatory')!;
  await errors.validateStack({ resources } as unknown as StackValidationArgs, (message: string) => mandatory.push(message));
  expect(mandatory).toEqual([]);
  expect(recorded.filter((r) => r.type.startsWith('azure-native:')).length).toBeGreaterThan(5);
});
