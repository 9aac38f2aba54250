import { join } from 'node:path';
import { CfnOutput, CfnWaitConditionHandle, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { onlyResource, resourcesOf, testApp, testStack } from './helpers';
import { WorkloadIdentities, WorkloadRole } from '../../../lib/engines/aws-cdk/index';
import { compile, DeclarationError, loadDeclarationFile, type DeclarationInput } from '../../../lib/index';
import { AWS_ACCOUNT_ID, declaration, declarationErrorOf, exampleDeclaration, SUBJECT_WORKLOAD, workload } from '../../plan/fixtures';

// The constructs' props and their CDK behaviour, on the bundled example: aws-prod (111122223333) holds web-deploy,
// docs-preview, data-pipeline, orders-service, billing-worker (EKS Pod Identity), mesh-gateway, edge-proxy (IAM Roles
// Anywhere) and audit-collector; aws-shared (444455556666) holds api-release and infra-apply.

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml');
const SHARED_ACCOUNT_ID = '444455556666';
const GITHUB_PROVIDER = `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
const PROD_ROLES = ['audit-collector', 'billing-worker', 'data-pipeline', 'docs-preview', 'edge-proxy', 'ledger-service', 'mesh-gateway', 'orders-service', 'web-deploy'];

function roleNames(template: Template): string[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Role'))
    .map((role) => role.Properties.RoleName as string)
    .sort();
}

describe('sources', () => {
  test('a declaration object, a file, a Model and a Plan render the same template', () => {
    const model = loadDeclarationFile(EXAMPLE);
    const sources = [{ declaration: exampleDeclaration() }, { file: EXAMPLE }, { model }, { plan: compile(model) }];
    const templates = sources.map((source) => {
      const stack = testStack();
      new WorkloadIdentities(stack, 'Identities', source);
      return JSON.stringify(Template.fromStack(stack).toJSON());
    });
    expect(new Set(templates).size).toBe(1);
  });

  test('exactly one source is required', () => {
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', {})).message).toBe(
      'props: give exactly one of declaration, file, model or plan (got none)',
    );
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, declaration: exampleDeclaration() })).message).toBe(
      'props: give exactly one of declaration, file, model or plan (got declaration and file)',
    );
  });

  test('an invalid declaration fails with the same path: message lines as validate', () => {
    const invalid = { ...exampleDeclaration(), workloads: [{ name: 'Web Deploy', identities: [], grants: {} }] } as unknown as DeclarationInput;
    const error = declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { declaration: invalid }));
    expect(error.problems.map((problem) => problem.path.join('.'))).toEqual(expect.arrayContaining(['workloads.0.name']));
  });

  test('a missing file is a DeclarationError naming it', () => {
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: '/nonexistent/workloads.yaml' })).message).toBe(
      '/nonexistent/workloads.yaml: cannot be read: no such file (ENOENT)',
    );
  });

  test('compile options reach the compiler, and are refused with a Plan', () => {
    const error = declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, compileOptions: { aws: { trustPolicyMaxChars: 100 } } }));
    expect(error.message).toMatch(/trust policy is [0-9]+ characters, over the 100-character limit/);
    expect(
      declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { plan: compile(loadDeclarationFile(EXAMPLE)), compileOptions: {} })).message,
    ).toBe('compileOptions: a plan is already compiled; fix: pass the options to compile() instead');
  });
});

describe('the account rendered', () => {
  test('by default, the AWS account whose id is the stack\'s', () => {
    const shared = testStack({ env: { account: SHARED_ACCOUNT_ID } });
    const identities = new WorkloadIdentities(shared, 'Identities', { file: EXAMPLE });
    expect(identities.account).toBe('aws-shared');
    expect(roleNames(Template.fromStack(shared))).toEqual(['wiam-api-release', 'wiam-infra-apply']);
    const prod = testStack();
    expect(new WorkloadIdentities(prod, 'Identities', { file: EXAMPLE }).workloads.map((w) => w.workload)).toEqual(PROD_ROLES);
  });

  test('an environment-agnostic stack needs the account named when the declaration has several', () => {
    const agnostic = () => new Stack(testApp(), 'Agnostic');
    expect(declarationErrorOf(() => new WorkloadIdentities(agnostic(), 'Identities', { file: EXAMPLE })).message).toBe(
      'account: the declaration has roles in several AWS accounts: aws-prod, aws-shared; name the account to render',
    );
    expect(new WorkloadIdentities(agnostic(), 'Identities', { file: EXAMPLE, account: 'aws-shared' }).workloads).toHaveLength(2);
  });

  test('an account that is not the stack\'s, or not in the declaration, is refused', () => {
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, account: 'aws-shared' })).message).toBe(
      'account: "aws-shared" is AWS account 444455556666, but stack Test deploys to 111122223333',
    );
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, account: 'gcp-prod' })).message).toBe(
      'account: "gcp-prod" is not an AWS account of the declaration (AWS accounts: aws-prod, aws-shared)',
    );
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack({ env: { account: '999999999999' } }), 'Identities', { file: EXAMPLE })).message).toBe(
      'account: the declaration has no role in account 999999999999 (stack Test\'s); name the account to render',
    );
  });

  test('a single workload: the account it has a role in; a workload without a role there, or anywhere, is refused', () => {
    const stack = new Stack(testApp(), 'Agnostic');
    expect(new WorkloadRole(stack, 'Release', { file: EXAMPLE, workload: 'api-release' }).account).toBe('aws-shared');
    expect(declarationErrorOf(() => new WorkloadRole(testStack(), 'Release', { file: EXAMPLE, workload: 'api-release', account: 'aws-prod' })).message).toBe(
      'account: workload api-release has no grants in AWS account "aws-prod", so it has no role there (it has roles in: aws-shared); fix: for a role granted only through the engine, declare the workload with `grants: { aws-prod: [] }`',
    );
    expect(declarationErrorOf(() => new WorkloadRole(testStack(), 'Typo', { file: EXAMPLE, workload: 'web-deplyo' })).message).toBe(
      'workload: "web-deplyo" has no role: no workload of that name has grants in an AWS account of the declaration',
    );
    expect(declarationErrorOf(() => new WorkloadRole(testStack(), 'GcpOnly', { file: EXAMPLE, workload: 'analytics-gke' })).message).toBe(
      'workload: "analytics-gke" has no role: no workload of that name has grants in an AWS account of the declaration',
    );
  });

  test('one stack holds one account\'s resources', () => {
    const stack = new Stack(testApp(), 'Agnostic');
    new WorkloadIdentities(stack, 'Prod', { file: EXAMPLE, account: 'aws-prod' });
    expect(declarationErrorOf(() => new WorkloadIdentities(stack, 'Shared', { file: EXAMPLE, account: 'aws-shared' })).message).toBe(
      'account: stack Agnostic already holds resources of AWS account 111122223333; render account 444455556666 into another stack',
    );
  });

  test('a subset of the workloads, by name; an unknown name is refused', () => {
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', { file: EXAMPLE, workloads: ['web-deploy', 'docs-preview'] });
    expect(roleNames(Template.fromStack(stack))).toEqual(['wiam-docs-preview', 'wiam-web-deploy']);
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, workloads: ['web-deploy', 'api-release'] })).message).toBe(
      'workloads[1]: "api-release" has no role in AWS account "aws-prod"; fix: for a role granted only through the engine, declare the workload with `grants: { aws-prod: [] }`',
    );
  });
});

describe('role options', () => {
  test('a path and a name prefix rename every role, and every reference to it', () => {
    const stack = testStack();
    const identities = new WorkloadIdentities(stack, 'Identities', { file: EXAMPLE, compileOptions: { aws: { rolePath: '/ci/', roleNamePrefix: 'acme-' } } });
    const template = Template.fromStack(stack);
    expect(roleNames(template)).toEqual(PROD_ROLES.map((name) => `acme-${name}`));
    const arn = (name: string) => `arn:aws:iam::${AWS_ACCOUNT_ID}:role/ci/acme-${name}`;
    expect(identities.workload('billing-worker').roleArn).toBe(arn('billing-worker'));
    expect(onlyResource(template, 'AWS::EKS::PodIdentityAssociation').Properties.RoleArn).toBe(arn('billing-worker'));
    expect(onlyResource(template, 'AWS::RolesAnywhere::Profile').Properties.RoleArns).toEqual([arn('edge-proxy')]);
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) expect(role.Properties.Path).toBe('/ci/');
  });

  test('a name prefix that makes a role name longer than 64 characters is refused', () => {
    const prefix = 'a'.repeat(50);
    const error = declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, compileOptions: { aws: { roleNamePrefix: prefix } } }));
    // 50 + 15 characters is one too many for audit-collector alone; the path is its index in the example.
    expect(error.message.split('\n')).toEqual([
      `workloads[13].name: the role name "${prefix}audit-collector" is 65 characters, over the IAM limit of 64; shorten compileOptions.aws.roleNamePrefix or the workload name`,
    ]);
  });

  test('malformed options are all reported, each at its prop', () => {
    const error = declarationErrorOf(
      () =>
        new WorkloadIdentities(testStack(), 'Identities', {
          file: EXAMPLE,
          compileOptions: {
            aws: {
              rolePath: 'ci',
              roleNamePrefix: 'ci/',
              existingOidcProviders: [
                { arn: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] },
                { arn: Lazy.string({ produce: () => GITHUB_PROVIDER }), clientIds: [] },
              ],
            },
          },
        }),
    );
    expect(error.message.split('\n')).toEqual([
      'compileOptions.aws.rolePath: rolePath must be an IAM path: "/" or "/a/b/", of printable ASCII characters',
      'compileOptions.aws.roleNamePrefix: roleNamePrefix may only contain letters, digits and + = , . @ _ -',
      'compileOptions.aws.existingOidcProviders[0].arn: arn must be an OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer host and path>)',
      'compileOptions.aws.existingOidcProviders[1].arn: arn must be a literal value: the Plan names what it deploys before any deployment',
      'compileOptions.aws.existingOidcProviders[1].clientIds: list the client ids the provider has',
    ]);
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, permissionsBoundary: 'not a policy' })).message).toBe(
      'permissionsBoundary: "not a policy" is neither a managed policy ARN nor a policy name',
    );
  });

  test('a permissions boundary by name is the policy of the role\'s account; an ARN or a token is kept', () => {
    const boundaries = ['boundaries/workload', 'arn:aws:iam::aws:policy/PowerUserAccess'];
    const rendered = boundaries.map((permissionsBoundary) => {
      const stack = testStack();
      new WorkloadRole(stack, 'Web', { file: EXAMPLE, workload: 'web-deploy', permissionsBoundary });
      return onlyResource(Template.fromStack(stack), 'AWS::IAM::Role').Properties.PermissionsBoundary;
    });
    expect(rendered).toEqual([`arn:aws:iam::${AWS_ACCOUNT_ID}:policy/boundaries/workload`, 'arn:aws:iam::aws:policy/PowerUserAccess']);

    const stack = testStack();
    new WorkloadRole(stack, 'Web', { file: EXAMPLE, workload: 'web-deploy', permissionsBoundary: Fn.importValue('boundary-arn') });
    expect(onlyResource(Template.fromStack(stack), 'AWS::IAM::Role').Properties.PermissionsBoundary).toEqual({ 'Fn::ImportValue': 'boundary-arn' });
  });

  test('an existing OIDC provider is referenced, not created; the others still are', () => {
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', {
      file: EXAMPLE,
      compileOptions: { aws: { existingOidcProviders: [{ arn: GITHUB_PROVIDER, clientIds: ['sts.amazonaws.com', 'other-audience'] }] } },
    });
    const template = Template.fromStack(stack);
    const urls = Object.values(resourcesOf(template, 'AWS::IAM::OIDCProvider')).map((p) => p.Properties.Url);
    expect(urls).not.toContain('https://token.actions.githubusercontent.com');
    expect(urls).toContain('https://gitlab.com');
    const webDeploy = Object.values(resourcesOf(template, 'AWS::IAM::Role')).find((r) => r.Properties.RoleName === 'wiam-web-deploy')!;
    expect(webDeploy.DependsOn).toBeUndefined();
    expect(JSON.stringify(webDeploy.Properties.AssumeRolePolicyDocument)).toContain(GITHUB_PROVIDER);
  });

  test('an existing provider the declaration does not need is refused (likely a typo)', () => {
    const typo = `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.co`;
    const options = { aws: { existingOidcProviders: [{ arn: typo, clientIds: ['sts.amazonaws.com'] }] } };
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, compileOptions: options })).message).toMatch(
      new RegExp(`^compileOptions\\.aws\\.existingOidcProviders\\[0\\]\\.arn: ${typo} is not an OIDC provider the declaration's roles trust \\(they trust: arn:aws:iam::`),
    );
  });

  test('an existing provider that lacks a client id the roles expect is refused: IAM would refuse their tokens', () => {
    const options = { aws: { existingOidcProviders: [{ arn: GITHUB_PROVIDER, clientIds: ['other-audience'] }] } };
    expect(declarationErrorOf(() => new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE, compileOptions: options })).message).toBe(
      `compileOptions.aws.existingOidcProviders[0].clientIds: OIDC provider ${GITHUB_PROVIDER} must also list the client ids sts.amazonaws.com: roles of the declaration expect tokens with this audience, which IAM refuses unless the provider lists them`,
    );
  });

  test('each role\'s ARN is a stack output, unless turned off', () => {
    const stack = testStack();
    new WorkloadRole(stack, 'Web', { file: EXAMPLE, workload: 'web-deploy' });
    expect(Object.values(Template.fromStack(stack).findOutputs('*'))).toEqual([
      { Description: 'ARN of the role of workload web-deploy', Value: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-web-deploy` },
    ]);
    const quiet = testStack();
    new WorkloadRole(quiet, 'Web', { file: EXAMPLE, workload: 'web-deploy', roleArnOutputs: false });
    expect(Template.fromStack(quiet).findOutputs('*')).toEqual({});
  });
});

describe('CDK integration', () => {
  test('the role is an iam.IRole: a grant adds a policy attached to it, after it exists, and leaves its own trust and policies alone', () => {
    const render = (stack: Stack) => new WorkloadIdentities(stack, 'Identities', { file: EXAMPLE, workloads: ['web-deploy'] });
    const plain = testStack();
    render(plain);
    const before = onlyResource(Template.fromStack(plain), 'AWS::IAM::Role');
    const stack = testStack();
    const identities = render(stack);
    new Bucket(stack, 'Reports').grantRead(identities.role('web-deploy'));
    const template = Template.fromStack(stack);
    const role = onlyResource(template, 'AWS::IAM::Role');
    expect(role.Properties).toEqual(before.Properties);
    const policy = onlyResource(template, 'AWS::IAM::Policy');
    expect(policy.Properties.Roles).toEqual(['wiam-web-deploy']);
    expect(policy.DependsOn).toEqual([role.logicalId]);
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('s3:GetObject');
    expect(identities.role('web-deploy').roleArn).toBe(`arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-web-deploy`);
    expect(identities.role('web-deploy').roleName).toBe('wiam-web-deploy');
  });

  test('an unknown workload is a clear error', () => {
    const identities = new WorkloadIdentities(testStack(), 'Identities', { file: EXAMPLE });
    expect(() => identities.role('api-release')).toThrow(new DeclarationError([{ path: ['workload'], message: '"api-release" has no role in AWS account "aws-prod" here; fix: for a role granted only through the engine, declare the workload with `grants: { aws-prod: [] }`' }]));
  });

  test('roles of one stack share one provider per issuer; another declaration\'s audiences join its client ids', () => {
    const stack = testStack();
    const partner = (name: string, audience: string) =>
      declaration([workload(name, [{ oidc: { issuer: 'https://login.partner.example', audience, subject: `job:${name}` } }], ['aws'])]);
    new WorkloadRole(stack, 'A', { declaration: partner('sync-a', 'acme-sync'), workload: 'sync-a' });
    new WorkloadRole(stack, 'B', { declaration: partner('sync-b', 'acme-sync'), workload: 'sync-b' });
    new WorkloadRole(stack, 'C', { declaration: partner('sync-c', 'acme-export'), workload: 'sync-c' });
    const template = Template.fromStack(stack);
    const provider = onlyResource(template, 'AWS::IAM::OIDCProvider');
    expect(provider.Properties).toEqual({ Url: 'https://login.partner.example', ClientIdList: ['acme-export', 'acme-sync'] });
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) expect(role.DependsOn).toEqual([provider.logicalId]);
  });

  test('the Plan is rendered, never changed', () => {
    const plan = compile(loadDeclarationFile(EXAMPLE));
    const copy = structuredClone(plan);
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', { plan });
    Template.fromStack(stack);
    expect(plan).toEqual(copy);
    expect(Object.isFrozen(plan.aws['aws-prod'].roles[0].trustPolicy.Statement)).toBe(true);
  });

  test('trust and inline policies are the Plan\'s JSON byte for byte, key order included', () => {
    const plan = compile(loadDeclarationFile(EXAMPLE));
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', { plan });
    const rendered = new Map(Object.values(resourcesOf(Template.fromStack(stack), 'AWS::IAM::Role')).map((role) => [role.Properties.RoleName, role.Properties]));
    for (const role of plan.aws['aws-prod'].roles) {
      const properties = rendered.get(role.name)!;
      expect(JSON.stringify(properties.AssumeRolePolicyDocument)).toBe(JSON.stringify(role.trustPolicy));
      const policies = Object.entries(role.inlinePolicies).map(([PolicyName, PolicyDocument]) => ({ PolicyDocument, PolicyName }));
      expect(JSON.stringify(properties.Policies)).toBe(JSON.stringify(policies));
    }
  });
});

describe('determinism', () => {
  const synthExample = (input: DeclarationInput) => {
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', { declaration: input });
    return Template.fromStack(stack).toJSON() as { Resources: Record<string, unknown>; Outputs: Record<string, unknown> };
  };

  test('the same declaration gives byte-identical templates', () => {
    expect(JSON.stringify(synthExample(exampleDeclaration()))).toBe(JSON.stringify(synthExample(exampleDeclaration())));
  });

  test('adding a workload, first in the file, changes no other workload\'s resources or logical ids', () => {
    const before = synthExample(exampleDeclaration());
    const example = exampleDeclaration();
    const added = workload('aaa-first', [{ github: { repository: 'acme/first', environment: 'production' } }], []);
    const after = synthExample({ ...example, workloads: [{ ...added, grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-first', access: 'read' }] } }, ...example.workloads] });
    for (const [logicalId, resource] of Object.entries(before.Resources)) expect(after.Resources[logicalId]).toEqual(resource);
    for (const [logicalId, output] of Object.entries(before.Outputs)) expect(after.Outputs[logicalId]).toEqual(output);
    expect(Object.keys(after.Resources).length).toBe(Object.keys(before.Resources).length + 1);
  });
});

describe('regional resources', () => {
  test('a Pod Identity association in another region than the stack\'s is refused, naming the fix', () => {
    expect(declarationErrorOf(() => new WorkloadRole(testStack({ env: { account: AWS_ACCOUNT_ID, region: 'us-east-1' } }), 'Billing', { file: EXAMPLE, workload: 'billing-worker' })).message).toBe(
      'regionalStack: the EKS Pod Identity association of workload billing-worker must be created in eu-west-1, but stack Test deploys to us-east-1; give regionalStack a stack in eu-west-1',
    );
  });

  test('regionalStack places them in a stack of their region, which then depends on the role\'s stack', () => {
    const app = testApp();
    const iam = new Stack(app, 'Iam', { env: { account: AWS_ACCOUNT_ID } });
    const regional = new Stack(app, 'Regional', { env: { account: AWS_ACCOUNT_ID, region: 'eu-west-1' } });
    new WorkloadIdentities(iam, 'Identities', { file: EXAMPLE, regionalStack: () => regional });
    const inRegion = Template.fromStack(regional);
    expect(onlyResource(inRegion, 'AWS::EKS::PodIdentityAssociation').Properties.ClusterName).toBe('prod-main');
    expect(onlyResource(inRegion, 'AWS::RolesAnywhere::Profile').Properties.RoleArns).toEqual([
      `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-edge-proxy`,
    ]);
    expect(resourcesOf(Template.fromStack(iam), 'AWS::EKS::PodIdentityAssociation')).toEqual({});
    expect(regional.dependencies).toEqual([iam]);
  });

  test('an environment-agnostic stack with regional resources of two regions fails at synth', () => {
    const stack = new Stack(testApp(), 'Agnostic', { env: { account: AWS_ACCOUNT_ID } });
    const eks = (name: string, region: string) =>
      workload(name, [{ kubernetes: { namespace: name, serviceAccount: name, eks: { region, cluster: `eks-${region}`, podIdentity: true } } }], ['aws']);
    new WorkloadIdentities(stack, 'Identities', { declaration: declaration([eks('west', 'eu-west-1'), eks('east', 'us-east-1')]) });
    expect(() => Template.fromStack(stack)).toThrow(
      'stack Agnostic holds regional resources of 2 regions but deploys to one: the EKS Pod Identity association of workload east (us-east-1); the EKS Pod Identity association of workload west (eu-west-1). Give regionalStack a stack per region',
    );
  });
});

describe('CloudFormation stack quotas, checked at synth', () => {
  const subject = () => declaration([workload(SUBJECT_WORKLOAD, [{ awsRole: { arn: 'arn:aws:iam::444455556666:role/ci' } }], ['aws'])]);

  /** A stack holding the subject's role (one resource, one output) and `resources` - 1, `outputs` - 1 more. */
  function filled(resources: number, outputs: number): Stack {
    const stack = testStack();
    new WorkloadIdentities(stack, 'Identities', { declaration: subject() });
    for (let i = 1; i < resources; i++) new CfnWaitConditionHandle(stack, `Filler${i}`);
    for (let i = 1; i < outputs; i++) new CfnOutput(stack, `Output${i}`, { value: 'x' });
    return stack;
  }

  test('500 resources are allowed, 501 are refused with a fix', () => {
    expect(() => Template.fromStack(filled(500, 1))).not.toThrow();
    expect(() => Template.fromStack(filled(501, 1))).toThrow(
      'stack Test has 501 resources, over the CloudFormation limit of 500 per stack: spread the workloads over more stacks (WorkloadIdentityStacks shards them deterministically)',
    );
  });

  test('200 outputs are allowed, 201 are refused with a fix', () => {
    expect(() => Template.fromStack(filled(1, 200))).not.toThrow();
    expect(() => Template.fromStack(filled(1, 201))).toThrow(
      'stack Test has 201 outputs, over the CloudFormation limit of 200 per stack: set roleArnOutputs to false, or spread the workloads over more stacks (WorkloadIdentityStacks shards them deterministically)',
    );
  });
});
