import { join } from 'node:path';
import { Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, testApp } from './helpers';
import { WorkloadIdentityStacks, type WorkloadIdentityStacksProps } from '../../../lib/engines/aws-cdk/index';
import type { DeclarationInput } from '../../../lib/index';
import { AWS_ACCOUNT_ID, declaration, declarationErrorOf, workload, type WorkloadInput } from '../../plan/fixtures';

// WorkloadIdentityStacks: every AWS account of a declaration in its own stacks, sharded under CloudFormation's quotas.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');

function render(props: WorkloadIdentityStacksProps): WorkloadIdentityStacks {
  return new WorkloadIdentityStacks(testApp(), 'WorkloadIam', props);
}

/** `count` GitHub deployments, granted in the AWS account: one OIDC provider, one role and one output each. */
function deployments(count: number, prefix = 'deploy'): WorkloadInput[] {
  return Array.from({ length: count }, (_, i) =>
    workload(`${prefix}-${i}`, [{ github: { repository: `acme/${prefix}-${i}`, ownerId: '65', repositoryId: String(1000 + i), environment: 'production' } }], ['aws']),
  );
}

/** Which stack holds each workload's role. */
function stackOfRole(stacks: WorkloadIdentityStacks): Map<string, string> {
  const where = new Map<string, string>();
  for (const stack of stacks.stacks) {
    for (const role of Object.values(resourcesOf(Template.fromStack(stack), 'AWS::IAM::Role'))) where.set(role.Properties.RoleName as string, stack.stackName);
  }
  return where;
}

describe('the bundled example', () => {
  const stacks = render({ file: EXAMPLE });
  const byName = new Map(stacks.stacks.map((stack) => [stack.stackName, stack]));

  test('one stack per AWS account, and one for the regional resources of aws-prod in eu-west-1', () => {
    expect([...byName.keys()]).toEqual(['workload-iam-aws-prod', 'workload-iam-aws-prod-eu-west-1', 'workload-iam-aws-shared']);
    expect(byName.get('workload-iam-aws-prod')!.account).toBe(AWS_ACCOUNT_ID);
    expect(Token.isUnresolved(byName.get('workload-iam-aws-prod')!.region)).toBe(true);
    expect(byName.get('workload-iam-aws-shared')!.account).toBe('444455556666');
    expect(byName.get('workload-iam-aws-prod-eu-west-1')!.region).toBe('eu-west-1');
  });

  test('roles and providers in the account stacks; the association and the profile in the regional stack, which waits for them', () => {
    const types = (name: string) =>
      Object.values(Template.fromStack(byName.get(name)!).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    const count = (name: string, type: string) => types(name).filter((t) => t === type).length;
    expect(count('workload-iam-aws-prod', 'AWS::IAM::Role')).toBe(9);
    expect(count('workload-iam-aws-shared', 'AWS::IAM::Role')).toBe(2);
    expect(new Set(types('workload-iam-aws-prod-eu-west-1'))).toEqual(new Set(['AWS::EKS::PodIdentityAssociation', 'AWS::RolesAnywhere::Profile']));
    expect(byName.get('workload-iam-aws-prod-eu-west-1')!.dependencies).toEqual([byName.get('workload-iam-aws-prod')]);
  });

  test('workload() and role() find a role by workload, and by account when needed', () => {
    expect(stacks.role('api-release').roleArn).toBe('arn:aws:iam::444455556666:role/workload-iam/wiam-api-release');
    expect(stacks.workload('web-deploy', 'aws-prod').account).toBe('aws-prod');
    expect(declarationErrorOf(() => stacks.workload('partner-sync')).message).toBe('workload: "partner-sync" has no role');
  });
});

describe('sharding', () => {
  const large = declaration(deployments(450));

  test('450 roles (one output each, 200 outputs per stack) are spread over the fewest stacks; the first creates the provider', () => {
    const stacks = render({ declaration: large });
    const names = stacks.stacks.map((stack) => stack.stackName);
    expect(names).toEqual(['workload-iam-aws-prod', 'workload-iam-aws-prod-shard2', 'workload-iam-aws-prod-shard3']);
    const where = stackOfRole(stacks);
    expect(where.size).toBe(450);
    const perStack = names.map((name) => [...where.values()].filter((stack) => stack === name).length);
    for (const roles of perStack) expect(roles).toBeLessThanOrEqual(200);
    const [first, ...others] = stacks.stacks;
    expect(Object.keys(resourcesOf(Template.fromStack(first), 'AWS::IAM::OIDCProvider'))).toHaveLength(1);
    for (const shard of others) {
      const template = Template.fromStack(shard);
      expect(resourcesOf(template, 'AWS::IAM::OIDCProvider')).toEqual({});
      // The provider is in another stack: the stack waits for it instead of the role.
      for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) expect(role.DependsOn).toBeUndefined();
      expect(shard.dependencies).toEqual([first]);
    }
  });

  test('adding workloads moves no role to another stack', () => {
    const before = stackOfRole(render({ declaration: large }));
    const grown: DeclarationInput = { ...large, workloads: [...deployments(20, 'added'), ...large.workloads] };
    const after = stackOfRole(render({ declaration: grown }));
    for (const [role, stack] of before) expect(after.get(role)).toBe(stack);
  });

  test('a pinned shard count is kept', () => {
    const stacks = render({ declaration: large, shards: { 'aws-prod': 5 } });
    expect(stacks.stacks.map((stack) => stack.stackName)).toEqual([
      'workload-iam-aws-prod',
      'workload-iam-aws-prod-shard2',
      'workload-iam-aws-prod-shard3',
      'workload-iam-aws-prod-shard4',
      'workload-iam-aws-prod-shard5',
    ]);
  });

  test('asking for one stack that cannot hold the roles fails with the quota and the fix', () => {
    expect(declarationErrorOf(() => render({ declaration: large, shards: { 'aws-prod': 1 } })).message).toBe(
      'shards.aws-prod: shard 1 of 1 would hold 450 outputs, over CloudFormation\'s 200 per stack; raise it (roles then move between stacks: deploy the removals first)',
    );
  });

  test('without outputs, 300 roles fit one stack (their templates stay under 1 MB)', () => {
    const medium = declaration(deployments(300));
    expect(render({ declaration: medium }).stacks).toHaveLength(2);
    expect(render({ declaration: medium, roleArnOutputs: false }).stacks.map((stack) => stack.stackName)).toEqual(['workload-iam-aws-prod']);
  });
});

describe('props', () => {
  test('a stack name prefix names every stack', () => {
    expect(render({ file: EXAMPLE, stackNamePrefix: 'Iam' }).stacks.map((stack) => stack.stackName)).toEqual([
      'Iam-aws-prod',
      'Iam-aws-prod-eu-west-1',
      'Iam-aws-shared',
    ]);
  });

  test('bad shard counts, unknown accounts and stack names CloudFormation refuses are reported', () => {
    expect(declarationErrorOf(() => render({ file: EXAMPLE, stackNamePrefix: 'workload_iam', shards: { 'aws-prod': 0, 'aws-test': 2 } })).message.split('\n')).toEqual([
      'stackNamePrefix: "workload_iam" must start with a letter and hold only letters, digits and -',
      'shards.aws-prod: must be a whole number of stacks, at least 1 (got 0)',
      'shards.aws-test: "aws-test" is not an AWS account of the declaration (AWS accounts: aws-prod, aws-shared)',
    ]);
    expect(declarationErrorOf(() => render({ file: EXAMPLE, stackNamePrefix: 'x'.repeat(120) })).message).toBe(
      `stackNamePrefix: makes stack name ${'x'.repeat(120)}-aws-prod 129 characters, over CloudFormation's 128`,
    );
  });

  test('an account without roles gets no stack', () => {
    const stacks = render({ declaration: declaration([workload('gcp-only', [{ github: { repository: 'acme/x', ownerId: '65', repositoryId: '9', environment: 'prod' } }], ['gcp'])]) });
    expect(stacks.stacks).toEqual([]);
    expect(stacks.node.children.filter((child) => child instanceof Stack)).toEqual([]);
  });
});
