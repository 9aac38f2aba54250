import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../lib/rules/rule';
import { scanPath, scanPathAsync } from '../../lib/scan/scan';

/** scanPath over hand-written CloudFormation and Terraform JSON (test/fixtures/scan): exact rules, paths and resources. */

const FIXTURES = join(__dirname, '..', 'fixtures', 'scan');

/** A finding as `severity rule path [resource]`, the way the expected values below are written. */
const located = (f: Finding) => `${f.severity} ${f.rule} ${f.path} [${f.resource}]`;
const scan = (...path: string[]) => scanPath(join(FIXTURES, ...path));

const TRUST = 'Properties.AssumeRolePolicyDocument';

describe('CloudFormation', () => {
  test.each(['org-wide.json', 'org-wide.yaml'])('%s: a GitHub role trusting repo:octo-org/* is refused (WIAM-TRUST-006)', (file) => {
    const result = scan('cloudformation', file);
    expect(result.findings.map(located)).toEqual([
      `warning WIAM-ID-001 ${file}#Resources.DeployRole.${TRUST}.Statement[0] [DeployRole]`,
      `error WIAM-TRUST-006 ${file}#Resources.DeployRole.${TRUST}.Statement[0] [DeployRole]`,
    ]);
    expect(result.findings[1].message).toBe('StringLike token.actions.githubusercontent.com:sub "repo:octo-org/*" admits every repository it matches, not one');
    expect(result).toMatchObject({ problems: [], filesRead: 1 });
  });

  test('a role for one environment of one repository, pinned by ids, has no finding; a service role is not judged', () => {
    // good.json also holds a Lambda role with AdministratorAccess: it admits no token, so it is not workload identity.
    expect(scan('cloudformation', 'good.json')).toEqual({ findings: [], problems: [], filesRead: 1, credentialUses: [] });
  });

  test('AdministratorAccess, an attached iam:PassRole policy and 12 h sessions are judged as the role\'s permissions', () => {
    const findings = scan('cloudformation', 'admin-role.yaml').findings;
    expect(findings.map(located)).toEqual([
      'error WIAM-PERM-001 admin-role.yaml#Resources.AdminRole.Properties.ManagedPolicyArns[0] [AdminRole]',
      'error WIAM-PERM-002 admin-role.yaml#Resources.AdminRole.Properties.ManagedPolicyArns[0] [AdminRole]',
      'warning WIAM-SESSION-001 admin-role.yaml#Resources.AdminRole.Properties.MaxSessionDuration [AdminRole]',
      'error WIAM-PERM-001 admin-role.yaml#Resources.RotatePolicy.Properties.PolicyDocument.Statement[0] [AdminRole]',
      'error WIAM-PERM-002 admin-role.yaml#Resources.RotatePolicy.Properties.PolicyDocument.Statement[0] [AdminRole]',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'action * is granted without a justification',
      "* (covers iam:PassRole) is granted without a justification: it hands a role to a service, which then acts with all of that role's permissions",
      'sessions last up to 12 h',
      'resource "*" is granted without a justification',
      "iam:PassRole is granted without a justification: it hands a role to a service, which then acts with all of that role's permissions",
    ]);
  });

  test('a .template file (JSON) whose single statement admits anyone', () => {
    expect(scan('cloudformation', 'anyone.template').findings.map(located)).toEqual([
      `error WIAM-TRUST-001 anyone.template#Resources.OpenRole.${TRUST}.Statement [OpenRole]`,
    ]);
  });

  test('unresolved parameters, both branches of Fn::If and an unknown session length: judged as wide as they may be', () => {
    const result = scan('cloudformation', 'unresolved.yaml');
    expect(result.findings.map(located)).toEqual([
      // The Fn::If condition with an AWS::NoValue branch: without it, any GitHub token of any repository gets in …
      `warning WIAM-AUD-001 unresolved.yaml#Resources.ConditionalRole.${TRUST}.Statement[0] [ConditionalRole]`,
      // … and with it, one environment of one repository named by name.
      `warning WIAM-ID-001 unresolved.yaml#Resources.ConditionalRole.${TRUST}.Statement[0] [ConditionalRole]`,
      `error WIAM-TRUST-002 unresolved.yaml#Resources.ConditionalRole.${TRUST}.Statement[0] [ConditionalRole]`,
      `error WIAM-TRUST-004 unresolved.yaml#Resources.ConditionalRole.${TRUST}.Statement[0] [ConditionalRole]`,
      `error WIAM-REF-001 unresolved.yaml#Resources.EnvironmentRole.${TRUST}.Statement[0] [EnvironmentRole]`,
      `error WIAM-TRUST-003 unresolved.yaml#Resources.OrgRole.${TRUST}.Statement[0] [OrgRole]`,
      `error WIAM-TRUST-006 unresolved.yaml#Resources.OrgRole.${TRUST}.Statement[0] [OrgRole]`,
      // MaxSessionDuration from a parameter may be IAM's longest, 12 h.
      'warning WIAM-SESSION-001 unresolved.yaml#Resources.OrgRole.Properties.MaxSessionDuration [OrgRole]',
    ]);
    // The unresolved part is quoted as written.
    expect(result.findings[4].message).toBe(
      'StringEquals token.actions.githubusercontent.com:sub "repo:octo-org/web:environment:${Environment}" admits any branch, tag or environment whose name fits',
    );
    expect(result.findings[7].message).toBe('sessions last up to 12 h');
    expect(result.problems).toEqual([]);
  });
});

describe('Terraform JSON', () => {
  const PROVIDER = 'google_iam_workload_identity_pool_provider.github';

  test("a GCP provider whose condition only pins assertion.repository_owner == 'octo-org' (WIAM-TRUST-005)", () => {
    expect(scan('terraform', 'gcp-org-wide.tf.json').findings.map(located)).toEqual([
      `warning WIAM-ID-001 gcp-org-wide.tf.json#resource.${PROVIDER}.attribute_condition [${PROVIDER}]`,
      `error WIAM-TRUST-005 gcp-org-wide.tf.json#resource.${PROVIDER}.attribute_condition [${PROVIDER}]`,
    ]);
  });

  test('members in one file join the provider of their pool in another; a computed mapping makes a member say nothing', () => {
    const result = scan('terraform', 'gcp-module');
    expect(result.filesRead).toBe(2);
    expect(result.findings.map(located)).toEqual([
      // principalSet://…/ci-pool/*: the whole pool, and roles/editor on the project.
      `error WIAM-TRUST-001 members.tf.json#resource.google_project_iam_member.whole_pool_editor.member [${PROVIDER}]`,
      'error WIAM-PERM-002 members.tf.json#resource.google_project_iam_member.whole_pool_editor.role [google_project_iam_member.whole_pool_editor]',
      // principal://…/subject/repo:octo-org/web:environment:production, with google.subject = assertion.sub.
      `warning WIAM-ID-001 members.tf.json#resource.google_service_account_iam_member.deploy_web.member [${PROVIDER}]`,
      // attribute.ref maps from assertion.ref.lower(): the member pins nothing sure, the condition alone is judged.
      `error WIAM-TRUST-005 members.tf.json#resource.google_storage_bucket_iam_binding.site.members[0] [${PROVIDER}]`,
      // other-pool's provider is not in the module: the member alone admits every ref and pull request of octo-org/web.
      'warning WIAM-ID-001 members.tf.json#resource.google_storage_bucket_iam_binding.site.members[1] [google_storage_bucket_iam_binding.site]',
      'error WIAM-TRUST-007 members.tf.json#resource.google_storage_bucket_iam_binding.site.members[1] [google_storage_bucket_iam_binding.site]',
      // roles/storage.objectAdmin includes storage.objects.setIamPolicy.
      'error WIAM-PERM-002 members.tf.json#resource.google_storage_bucket_iam_binding.site.role [google_storage_bucket_iam_binding.site]',
    ]);
  });

  test('azurerm credential with a pull_request subject (WIAM-GH-001); a flexible credential matching every branch (WIAM-REF-001)', () => {
    const flexible = 'azuread_application_flexible_federated_identity_credential.branches';
    const classic = 'azurerm_federated_identity_credential.pull_requests';
    expect(scan('terraform', 'azure.tf.json').findings.map(located)).toEqual([
      `warning WIAM-ID-001 azure.tf.json#resource.${flexible} [${flexible}]`,
      `error WIAM-REF-001 azure.tf.json#resource.${flexible} [${flexible}]`,
      `error WIAM-GH-001 azure.tf.json#resource.${classic} [${classic}]`,
      `warning WIAM-ID-001 azure.tf.json#resource.${classic} [${classic}]`,
    ]);
  });

  test('a flexible GitHub credential that matches no immutable id is one Entra refuses to create, reported as a problem', () => {
    expect(scan('terraform', 'azure.tf.json').problems).toEqual([
      {
        path: 'azure.tf.json#resource.azuread_application_flexible_federated_identity_credential.branches.claims_matching_expression',
        message: 'Entra refuses this credential: GitHub flexible credentials must also match repository_id or repository_owner_id (eq), so a recycled name never matches',
      },
    ]);
  });

  test('aws_iam_role: a policy document data source, an interpolated subject, inline policies and attachments', () => {
    const result = scan('terraform', 'aws');
    expect(result.findings.map(located)).toEqual([
      'warning WIAM-ID-001 main.tf.json#data.aws_iam_policy_document.github_trust.statement[0] [aws_iam_role.deploy]',
      'error WIAM-TRUST-007 main.tf.json#data.aws_iam_policy_document.github_trust.statement[0] [aws_iam_role.deploy]',
      'warning WIAM-SESSION-001 main.tf.json#resource.aws_iam_role.deploy.max_session_duration [aws_iam_role.deploy]',
      'error WIAM-REF-001 main.tf.json#resource.aws_iam_role.release.assume_role_policy.Statement[0] [aws_iam_role.release]',
      'error WIAM-PERM-001 main.tf.json#resource.aws_iam_role.release.inline_policy[0].policy.Statement[0] [aws_iam_role.release]',
      // s3:* covers s3:PutObjectAcl, a permissions-management action.
      'error WIAM-PERM-002 main.tf.json#resource.aws_iam_role.release.inline_policy[0].policy.Statement[0] [aws_iam_role.release]',
      'error WIAM-PERM-001 main.tf.json#resource.aws_iam_role_policy_attachment.deploy_admin.policy_arn [aws_iam_role.deploy]',
      'error WIAM-PERM-002 main.tf.json#resource.aws_iam_role_policy_attachment.deploy_admin.policy_arn [aws_iam_role.deploy]',
    ]);
    expect(result.findings[3].message).toContain('"repo:octo-org/web:environment:${var.environment}"');
  });

  test('a Federated reference to an aws_iam_openid_connect_provider names its issuer, even without conditions', () => {
    const config = {
      resource: {
        aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com' } },
        aws_iam_role: {
          open: {
            assume_role_policy: JSON.stringify({
              Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' } }],
            }),
          },
        },
      },
    };
    const findings = scanTemplates({ 'main.tf.json': JSON.stringify(config) }).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`)).toEqual([
      'WIAM-TRUST-002 the trust of GitHub Actions tokens has no condition on sub',
      'WIAM-TRUST-004 the trust accepts GitHub Actions tokens of any organization: nothing pins the tenant',
    ]);
  });

  test('cdktf Fn.jsonencode output ("${jsonencode({…})}") is evaluated: a subject open past the repository is refused', () => {
    const trust = (sub: string) =>
      `\${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "sts:AssumeRoleWithWebIdentity", "Principal" = {"Federated" = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Condition" = {"StringLike" = {"token.actions.githubusercontent.com:sub" = "${sub}"}, "StringEquals" = {"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:repository_id" = "583231"}}}]})}`;
    const config = (sub: string) => JSON.stringify({ resource: { aws_iam_role: { deploy: { assume_role_policy: trust(sub) } } } });
    const errorsOf = (sub: string) => scanTemplates({ 'cdk.tf.json': config(sub) }).findings.filter((f) => f.severity === 'error').map(located);
    expect(errorsOf('repo:octo-org/*')).toEqual(['error WIAM-TRUST-007 cdk.tf.json#resource.aws_iam_role.deploy.assume_role_policy.Statement[0] [aws_iam_role.deploy]']);
    expect(errorsOf('repo:octo-org/web:environment:production')).toEqual([]);
  });

  test("a good cdktf stack (cdk.tf.json with cdktf's metadata keys) has no finding", () => {
    expect(scan('cdktf')).toEqual({ findings: [], problems: [], filesRead: 1, credentialUses: [] });
  });
});

describe('files', () => {
  test('a directory: every template below it, paths relative to it, unparseable files reported', async () => {
    const result = await scanPathAsync(FIXTURES);
    expect(result.filesRead).toBe(13);
    expect(new Set(result.findings.map((f) => f.path.split('#')[0]))).toEqual(
      new Set([
        'cloudformation/admin-role.yaml',
        'cloudformation/anyone.template',
        'cloudformation/org-wide.json',
        'cloudformation/org-wide.yaml',
        'cloudformation/unresolved.yaml',
        'terraform/aws/main.tf.json',
        'terraform/azure.tf.json',
        'terraform/gcp-module/members.tf.json',
        'terraform/gcp-org-wide.tf.json',
      ]),
    );
    expect(result.problems.map((p) => p.path)).toEqual([
      'terraform/azure.tf.json#resource.azuread_application_flexible_federated_identity_credential.branches.claims_matching_expression',
      'unreadable/broken.yaml',
    ]);
  });

  test('the same input gives the same output', async () => {
    expect(JSON.stringify(await scanPathAsync(FIXTURES))).toBe(JSON.stringify(await scanPathAsync(FIXTURES)));
  });
});

/** Writes templates into a fresh directory and scans them. */
function scanTemplates(files: Readonly<Record<string, string>>) {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-scan-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return scanPath(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('an unresolvable value never removes an error', () => {
  const GITHUB = 'token.actions.githubusercontent.com';
  const role = (federated: string, condition: string) =>
    [
      'Resources:',
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sts:AssumeRoleWithWebIdentity',
      `            Principal: { Federated: ${federated} }`,
      `            Condition: ${condition}`,
    ].join('\n');
  const literal = role(`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`, `{ StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }, StringLike: { "${GITHUB}:sub": "repo:octo-org/*" } }`);
  const errorsOf = (text: string) => scanTemplates({ 'template.yaml': text }).findings.filter((f) => f.severity === 'error').map((f) => f.rule);

  test('the literal trust is refused for its org-wide subject', () => {
    expect(errorsOf(literal)).toEqual(['WIAM-TRUST-006']);
  });

  test.each([
    ['a provider ARN from a parameter (the condition keys still name the issuer)', role('!Ref ProviderArn', `{ StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }, StringLike: { "${GITHUB}:sub": "repo:octo-org/*" } }`)],
    ['a provider ARN chosen by a condition', role('!If [HasProvider, !Ref ProviderArn, !Ref AWS::NoValue]', `{ StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }, StringLike: { "${GITHUB}:sub": "repo:octo-org/*" } }`)],
    ['an extra subject from a parameter', role(`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`, `{ StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }, StringLike: { "${GITHUB}:sub": ["repo:octo-org/*", !Ref ExtraSubject] } }`)],
    ['an audience from a parameter', role(`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`, `{ StringEquals: { "${GITHUB}:aud": !Ref Audience }, StringLike: { "${GITHUB}:sub": "repo:octo-org/*" } }`)],
    ['an extra condition operator chosen by a condition', role(`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`, `{ StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }, StringLike: { "${GITHUB}:sub": "repo:octo-org/*" }, ForAnyValue:StringEquals: !If [IsProd, { "${GITHUB}:environment": [production] }, !Ref AWS::NoValue] }`)],
  ])('%s', (_, variant) => {
    expect(errorsOf(variant)).toContain('WIAM-TRUST-006');
  });

  test('a GCP condition with an interpolated owner is still refused', () => {
    const provider = (condition: string) =>
      JSON.stringify({
        resource: {
          google_iam_workload_identity_pool_provider: {
            github: { workload_identity_pool_id: 'ci', attribute_condition: condition, oidc: { issuer_uri: `https://${GITHUB}` } },
          },
        },
      });
    const errors = (condition: string) => scanTemplates({ 'main.tf.json': provider(condition) }).findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(errors("assertion.repository_owner == 'octo-org'")).toEqual(['WIAM-TRUST-005']);
    expect(errors("assertion.repository_owner == '${var.owner}'")).not.toEqual([]);
    expect(errors("assertion.repository_owner == 'octo-org' && ${var.extra_condition}")).not.toEqual([]);
  });

  test('an Azure subject with an interpolated environment is still refused', () => {
    const credential = JSON.stringify({
      resource: {
        azurerm_federated_identity_credential: {
          deploy: { issuer: `https://${GITHUB}`, subject: 'repo:octo-org/web:environment:${var.environment}', audience: ['api://AzureADTokenExchange'] },
        },
      },
    });
    expect(scanTemplates({ 'main.tf.json': credential }).findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['WIAM-REF-001']);
  });
});
