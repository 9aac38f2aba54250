import { App, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Grant, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { testApp } from './helpers';
import { WorkloadIdentities } from '../../../lib/engines/aws-cdk';
import type { DeclarationInput } from '../../../lib/index';

// What CDK code grants a workload role after the Plan rendered it is judged at synth, on the role's final policies,
// with the scan rules: an error fails `app.synth()` (a validation error of the role's construct) naming the
// workload, the rule and the fix. The action lists are those aws-cdk-lib's `grantRead` / `grantWrite` write; which
// of them change state follows AWS's service authorization reference.

const ACCOUNT_ID = '111122223333';
const ENV = { account: ACCOUNT_ID, region: 'eu-west-1' };
const GITHUB = { repository: 'acme/web', ownerId: '65', repositoryId: '74' };
const GH_001_FIX = 'Fix: Trust an environment with required reviewers or a protected branch for write access; give pull-request runs a separate, read-only workload.';

function declaration(acknowledge: readonly { rule: string; reason: string }[] = []): DeclarationInput {
  return {
    version: 1,
    accounts: { 'aws-prod': { cloud: 'aws', accountId: ACCOUNT_ID } },
    workloads: [
      { name: 'web-preview', identities: [{ github: { ...GITHUB, pullRequest: true } }], grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-web-templates', access: 'read' }] } },
      { name: 'web-deploy', acknowledge, identities: [{ github: { ...GITHUB, environment: 'production' } }], grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'write' }] } },
    ],
  } as DeclarationInput;
}

interface WebApp {
  readonly app: App;
  readonly stack: Stack;
  readonly ci: WorkloadIdentities;
  readonly bucket: Bucket;
}

function appWith(input: DeclarationInput = declaration(), parent?: (app: App) => Stage): WebApp {
  const app = testApp();
  const stack = new Stack(parent ? parent(app) : app, 'Web', { env: ENV });
  const ci = new WorkloadIdentities(stack, 'Ci', { declaration: input });
  return { app, stack, ci, bucket: new Bucket(stack, 'Previews') };
}

/** What `app.synth()` refuses, or undefined when it synthesizes. */
function refusal(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The validation error of the preview role, the grant's policy statement written as a pattern. */
function previewRefused(stack: Stack, ci: WorkloadIdentities, writingAction: string, policyPath = String.raw`Resources\.CiwebpreviewRolePolicy[0-9A-F]{8}\.Properties\.PolicyDocument\.Statement\[0\]`): RegExp {
  const role = stack.getLogicalId(ci.workload('web-preview').resource);
  const template = `${stack.templateFile}#Resources.${role}.Properties.AssumeRolePolicyDocument.Statement[0]`;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `\\[${escape(ci.workload('web-preview').node.path)}\\] workload web-preview \\(AWS account "aws-prod"\\), judged on its final policies: ` +
      `\\[WIAM-GH-001\\] ${escape(template)}: pull_request runs are admitted, and the access granted changes state \\(${escape(writingAction)} at ${escape(stack.templateFile)}#${policyPath}\\)\\. ${escape(GH_001_FIX)}`,
  );
}

describe('bucket grants on a pull-request role', () => {
  test('grantWrite: app.synth() fails with the rule, the workload and the fix', () => {
    const { app, stack, ci, bucket } = appWith();
    bucket.grantWrite(ci.role('web-preview'));
    expect(refusal(app)).toMatch(previewRefused(stack, ci, 's3:DeleteObject*'));
  });

  test('safe neighbour: grantRead synthesizes, and the role gets the read policy', () => {
    const { app, stack, ci, bucket } = appWith();
    bucket.grantRead(ci.role('web-preview'));
    expect(refusal(app)).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['wiam-web-preview'],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] })] },
    });
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('safe neighbour: grantWrite on the role of a protected environment synthesizes', () => {
    const { app, ci, bucket } = appWith();
    bucket.grantWrite(ci.role('web-deploy'));
    expect(refusal(app)).toBeUndefined();
  });

  test('a bucket of another stack is that bucket (a cross-stack import), judged by what is granted on it', () => {
    for (const [grant, refused] of [['grantRead', false], ['grantWrite', true]] as const) {
      const { app, stack, ci } = appWith();
      const elsewhere = new Bucket(new Stack(app, 'Storage', { env: ENV }), 'Previews');
      elsewhere[grant](ci.role('web-preview'));
      const found = refusal(app);
      if (refused) expect(found).toMatch(previewRefused(stack, ci, 's3:DeleteObject*'));
      else expect(found).toBeUndefined();
    }
  });

  test('roles of a Stage are judged when the stage synthesizes', () => {
    const { app, stack, ci, bucket } = appWith(declaration(), (root) => new Stage(root, 'Prod'));
    bucket.grantWrite(ci.role('web-preview'));
    expect(refusal(app)).toMatch(previewRefused(stack, ci, 's3:DeleteObject*'));
  });
});

describe('other ways CDK code changes a workload role', () => {
  const write = new PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-web-previews/*'] });
  const read = new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::acme-web-previews/*'] });

  test('a managed policy attached to the role: writing is refused, reading is not', () => {
    for (const [statement, refused] of [[read, false], [write, true]] as const) {
      const { app, stack, ci } = appWith();
      new ManagedPolicy(stack, 'Extra', { roles: [ci.role('web-preview')], statements: [statement] });
      const found = refusal(app);
      if (refused) expect(found).toMatch(previewRefused(stack, ci, 's3:PutObject', String.raw`Resources\.Extra[0-9A-F]{8}\.Properties\.PolicyDocument\.Statement\[0\]`));
      else expect(found).toBeUndefined();
    }
  });

  test('an escape-hatch override of the role resource is judged too', () => {
    const { app, ci } = appWith();
    ci.workload('web-deploy').resource.addPropertyOverride('ManagedPolicyArns', ['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(refusal(app)).toMatch(/\[Web\/Ci\/web-deploy\] workload web-deploy \(AWS account "aws-prod"\), judged on its final policies: \[WIAM-PERM-001\] /);
  });

  test('an error the Plan already has is not reported twice', () => {
    const input = declaration();
    const preview = (input.workloads as { grants: Record<string, { access: string }[]> }[])[0];
    preview.grants['aws-prod'][0].access = 'write';
    const { app, stack, ci, bucket } = appWith(input);
    bucket.grantWrite(ci.role('web-preview'));
    // The Plan's error is an annotation (it fails `cdk synth`); the final check adds no second report of it.
    expect(refusal(app)).toBeUndefined();
    Annotations.fromStack(stack).hasError('/Web/Ci/web-preview', Match.stringLikeRegexp('^\\[WIAM-GH-001\\] workloads\\[web-preview\\]'));
  });
});

describe('the declaration\'s acknowledgements apply to the final policies', () => {
  const passRole = (ci: WorkloadIdentities, stack: Stack) => {
    const functionRole = new Role(stack, 'FunctionRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    Grant.addToPrincipal({ grantee: ci.role('web-deploy'), actions: ['iam:PassRole'], resourceArns: [functionRole.roleArn] });
  };

  test('iam:PassRole granted through CDK is a privileged permission (WIAM-PERM-002)', () => {
    const { app, stack, ci } = appWith();
    passRole(ci, stack);
    expect(refusal(app)).toMatch(/\[Web\/Ci\/web-deploy\] workload web-deploy \(AWS account "aws-prod"\), judged on its final policies: \[WIAM-PERM-002\] Web\.template\.json#Resources\.CiwebdeployRolePolicy[0-9A-F]{8}\.Properties\.PolicyDocument\.Statement\[0\]: /);
  });

  test('acknowledged in the declaration, it no longer blocks', () => {
    const { app, stack, ci } = appWith(declaration([{ rule: 'WIAM-PERM-002', reason: 'Deploys pass the function role to Lambda, and only that role' }]));
    passRole(ci, stack);
    expect(refusal(app)).toBeUndefined();
  });
});
