import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WorkloadIdentityChecks, WorkloadIdentityValidator } from 'workload-iam/aws-cdk';

/**
 * The rules on IAM roles a CDK user writes by hand, through the Aspect (cdk-nag style) and the policy validation
 * plugin. The trust is GitHub's documented one (reference/CLAIMS.md): a pull-request subject may run code from a fork,
 * so it must not write; a protected environment may. aws-cdk-lib renders the grants (`grantWrite` adds s3:PutObject
 * and s3:DeleteObject* on the bucket's objects).
 */

const GITHUB_PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

function ciRole(stack: Stack, id: string, subject: string): iam.Role {
  return new iam.Role(stack, id, {
    assumedBy: new iam.WebIdentityPrincipal(GITHUB_PROVIDER, {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': subject,
        'token.actions.githubusercontent.com:repository_owner_id': '65',
        'token.actions.githubusercontent.com:repository_id': '74',
      },
    }),
  });
}

/** An app with one stack holding a bucket and one role trusting `subject`, granted `grant` on the bucket. */
function app(subject: string, grant: 'read' | 'write', props: ConstructorParameters<typeof App>[0] = {}) {
  const application = new App(props);
  const stack = new Stack(application, 'Ci', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(stack, 'Previews');
  const role = ciRole(stack, 'Deploy', subject);
  if (grant === 'write') bucket.grantWrite(role);
  else bucket.grantRead(role);
  return { application, stack, role };
}

const PULL_REQUEST = 'repo:acme/web:pull_request';
const PRODUCTION = 'repo:acme/web:environment:production';

describe('WorkloadIdentityChecks (an Aspect)', () => {
  test('a hand-written pull-request role that CDK grants write fails synth with the rule, the role and the fix', () => {
    const { application } = app(PULL_REQUEST, 'write');
    Aspects.of(application).add(new WorkloadIdentityChecks());
    expect(() => application.synth()).toThrow(/Ci\/Deploy\/Resource: \[WIAM-GH-001\] .*pull_request.*\. Fix: /);
  });

  test('the same role granted read synthesizes, and so does a protected environment granted write', () => {
    for (const [subject, grant] of [[PULL_REQUEST, 'read'], [PRODUCTION, 'write']] as const) {
      const { application, stack } = app(subject, grant);
      Aspects.of(application).add(new WorkloadIdentityChecks());
      expect(() => application.synth()).not.toThrow();
      Annotations.fromStack(stack).hasNoError('*', '*');
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    }
  });

  test('findings acknowledged on the role no longer fail synth; the acknowledgements are in the Metadata', () => {
    const ACKNOWLEDGED = [
      { rule: 'WIAM-PERM-001', reason: 'the inventory job manages every bucket of the account' },
      { rule: 'WIAM-PERM-002', reason: 'the inventory job manages every bucket of the account' },
    ];
    const build = (acknowledged: boolean) => {
      const application = new App();
      const stack = new Stack(application, 'Ci', { env: { account: '111122223333', region: 'eu-west-1' } });
      const role = ciRole(stack, 'Deploy', PRODUCTION);
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
      if (acknowledged) WorkloadIdentityChecks.acknowledge(role, ACKNOWLEDGED);
      Aspects.of(application).add(new WorkloadIdentityChecks());
      return { application, stack };
    };
    expect(() => build(false).application.synth()).toThrow(/WIAM-PERM-001/);
    const { application, stack } = build(true);
    expect(() => application.synth()).not.toThrow();
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      Metadata: { 'workload-iam': { acknowledge: ACKNOWLEDGED } },
    });
  });

  test('a rule that lets strangers in cannot be acknowledged away', () => {
    const { application, role } = app(PULL_REQUEST, 'write');
    WorkloadIdentityChecks.acknowledge(role, [{ rule: 'WIAM-GH-001', reason: 'we trust every fork of this repository' }]);
    Aspects.of(application).add(new WorkloadIdentityChecks());
    expect(() => application.synth()).toThrow(/WIAM-GH-001|WIAM-ACK-001/);
  });

  test('acknowledging on something that is not a role is a clear error', () => {
    const { stack } = app(PRODUCTION, 'read');
    expect(() => WorkloadIdentityChecks.acknowledge(stack, [{ rule: 'WIAM-PERM-001', reason: 'not a role at all, so this fails' }])).toThrow(/is not an IAM role/);
  });
});

describe('WorkloadIdentityValidator (a policy validation plugin)', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'wiam-validator-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  test('reports the pull-request role granted write as a violation, and synth fails', () => {
    const { application } = app(PULL_REQUEST, 'write', { outdir, policyValidationBeta1: [new WorkloadIdentityValidator()] });
    expect(() => application.synth()).toThrow(/pull_request runs are admitted, and the access granted changes state[\s\S]*Ci\/Deploy\/Resource/);
  });

  test('its report names the rule, the role and the fix, read from the synthesized templates', () => {
    const { application } = app(PULL_REQUEST, 'write', { outdir });
    const assembly = application.synth();
    const templatePaths = assembly.stacks.map((s) => join(assembly.directory, s.templateFile));
    const report = new WorkloadIdentityValidator().validate({ templatePaths, appConstruct: application } as never);
    expect(report.success).toBe(false);
    const violation = report.violations.find((v) => v.ruleName === 'WIAM-GH-001');
    expect(violation).toMatchObject({ severity: 'error', fix: expect.stringContaining('environment') });
    expect(violation!.violatingResources.map((r) => r.resourceLogicalId)).toEqual([expect.stringMatching(/^Deploy[0-9A-F]{8}$/)]);
  });

  test('read on the pull-request role, and write on the protected environment, pass', () => {
    for (const [subject, grant] of [[PULL_REQUEST, 'read'], [PRODUCTION, 'write']] as const) {
      const { application } = app(subject, grant, { outdir: mkdtempSync(join(outdir, 'app-')), policyValidationBeta1: [new WorkloadIdentityValidator()] });
      expect(() => application.synth()).not.toThrow();
    }
  });
});
