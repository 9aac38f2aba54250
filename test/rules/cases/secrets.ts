import { runRules } from '../../../lib/rules/check';
import type { Finding } from '../../../lib/rules/rule';
import { readCloudFormationSecrets } from '../../../lib/scan/cloudformation-secrets';
import { CLOUDFORMATION_TAGS } from '../../../lib/scan/cloudformation-yaml';
import { readGithubWorkflow } from '../../../lib/scan/github-workflow';
import { readGitlabCi } from '../../../lib/scan/gitlab-ci';
import { readKubernetesSecrets } from '../../../lib/scan/kubernetes-secrets';
import { readTerraformSecrets } from '../../../lib/scan/terraform-secrets';
import { parseYamlDocuments } from '../../../lib/scan/yaml-documents';
import type { SecretView } from '../../../lib/trust/secret-view';
import type { RuleCaseTable } from '../inputs';

/**
 * Long-lived credentials (WIAM-SECRET-*): created by infrastructure code, stored in Kubernetes Secrets, handed to CI
 * jobs. Each input is written as its tool writes it; line numbers are counted by hand from the text.
 */

const judged = (secrets: readonly SecretView[]): Finding[] => runRules({ trust: [], permissions: [], sessions: [], secrets });
const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** A CloudFormation template written as YAML, in `template.yaml`. */
const cloudFormation = (text: string) => () => {
  const [document] = parseYamlDocuments(text, CLOUDFORMATION_TAGS);
  return judged(readCloudFormationSecrets(document.data as Record<string, unknown>, 'template.yaml', document.lineOf));
};

/** Terraform JSON resources (`{ type: { name: body } }`) in `main.tf.json`, located by a fixed line per block. */
const terraform = (resource: Record<string, Record<string, Record<string, unknown>>>) => () =>
  judged(readTerraformSecrets([{ config: { resource }, file: 'main.tf.json' }], () => 7));

const kubernetes = (text: string) => () => judged(readKubernetesSecrets(parseYamlDocuments(text), 'k8s/secret.yaml'));
const workflow = (text: string) => () => judged(readGithubWorkflow(parseYamlDocuments(text)[0], '.github/workflows/deploy.yml').secrets);
const gitlab = (text: string) => () => judged(readGitlabCi(parseYamlDocuments(text)[0], '.gitlab-ci.yml').secrets);

const KEY_AND_USER = lines(
  'Resources:',
  '  CiUser:',
  '    Type: AWS::IAM::User',
  '  CiKey:',
  '    Type: AWS::IAM::AccessKey',
  '    Properties:',
  '      UserName: !Ref CiUser',
);

const USER = { ci: { name: 'ci' } };
const KEY = { ci: { user: '${aws_iam_user.ci.name}' } };

/** A job that deploys with the given step, on pushes to main. */
const deployJob = (...step: string[]) =>
  lines('on:', '  push:', '    branches: [main]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', ...step.map((line) => `      ${line}`));

export const SECRET_CASES: RuleCaseTable = {
  'WIAM-SECRET-001': {
    nonCompliant: [
      {
        input: 'CloudFormation AWS::IAM::AccessKey',
        findings: cloudFormation(KEY_AND_USER),
        severity: 'error',
        message: 'AWS::IAM::AccessKey CiKey creates a long-lived AWS access key',
        fix: 'IAM role that trusts its platform\'s OIDC token',
        finding: { path: 'template.yaml:4#Resources.CiKey', resource: 'CiKey' },
      },
      {
        input: 'Terraform aws_iam_access_key',
        findings: terraform({ aws_iam_user: USER, aws_iam_access_key: KEY }),
        severity: 'error',
        message: 'aws_iam_access_key.ci creates a long-lived AWS access key',
        finding: { path: 'main.tf.json:7#resource.aws_iam_access_key.ci', resource: 'aws_iam_access_key.ci' },
      },
    ],
    compliant: [
      { input: 'CloudFormation IAM user without a key', findings: cloudFormation(lines('Resources:', '  Person:', '    Type: AWS::IAM::User')) },
      { input: 'Terraform IAM role', findings: terraform({ aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: '{}' } } }) },
    ],
  },
  'WIAM-SECRET-002': {
    nonCompliant: [
      {
        input: 'CloudFormation user whose only use is the access key that refers to it',
        findings: cloudFormation(KEY_AND_USER),
        severity: 'error',
        message: 'AWS::IAM::User CiUser has no console login: it exists only to hold an access key',
        finding: { path: 'template.yaml:2#Resources.CiUser' },
      },
      {
        input: 'Terraform user named by its key, by reference',
        findings: terraform({ aws_iam_user: USER, aws_iam_access_key: KEY }),
        severity: 'error',
        message: 'aws_iam_user.ci has no console login',
      },
      {
        input: 'Terraform user named by its key, by its literal name',
        findings: terraform({ aws_iam_user: USER, aws_iam_access_key: { ci: { user: 'ci' } } }),
        severity: 'error',
        message: 'aws_iam_user.ci has no console login',
      },
    ],
    compliant: [
      {
        input: 'CloudFormation user with a key and a console login profile',
        findings: cloudFormation(KEY_AND_USER.replace('    Type: AWS::IAM::User\n', '    Type: AWS::IAM::User\n    Properties:\n      LoginProfile: { Password: !Ref Initial }\n')),
      },
      {
        input: 'Terraform user with a key and a login profile',
        findings: terraform({ aws_iam_user: USER, aws_iam_access_key: KEY, aws_iam_user_login_profile: { ci: { user: '${aws_iam_user.ci.name}' } } }),
      },
      { input: 'Terraform user without a key', findings: terraform({ aws_iam_user: USER }) },
    ],
  },
  'WIAM-SECRET-003': {
    nonCompliant: [
      {
        input: 'Terraform google_service_account_key',
        findings: terraform({ google_service_account_key: { ci: { service_account_id: '${google_service_account.ci.name}' } } }),
        severity: 'error',
        message: 'google_service_account_key.ci creates a long-lived service account key',
        fix: 'workload_identity_provider',
        finding: { path: 'main.tf.json:7#resource.google_service_account_key.ci' },
      },
    ],
    compliant: [
      {
        input: 'a service account and its workloadIdentityUser binding',
        findings: terraform({
          google_service_account: { ci: { account_id: 'ci' } },
          google_service_account_iam_member: { ci: { service_account_id: '${google_service_account.ci.name}', role: 'roles/iam.workloadIdentityUser', member: 'principal://x' } },
        }),
      },
    ],
  },
  'WIAM-SECRET-004': {
    nonCompliant: [
      {
        input: 'azuread_application_password',
        findings: terraform({ azuread_application_password: { ci: { application_id: '${azuread_application.ci.id}' } } }),
        severity: 'error',
        message: 'azuread_application_password.ci creates a long-lived client secret',
        fix: 'azure/login `client-id`, `tenant-id` and `subscription-id`',
      },
      {
        input: 'azuread_service_principal_password',
        findings: terraform({ azuread_service_principal_password: { ci: { service_principal_id: '${azuread_service_principal.ci.id}' } } }),
        severity: 'error',
        message: 'azuread_service_principal_password.ci creates a long-lived client secret',
      },
      {
        input: 'azuread_application_certificate',
        findings: terraform({ azuread_application_certificate: { ci: { type: 'AsymmetricX509Cert' } } }),
        severity: 'error',
        message: 'azuread_application_certificate.ci adds a long-lived client certificate',
      },
      {
        input: 'azuread_service_principal_certificate',
        findings: terraform({ azuread_service_principal_certificate: { ci: { type: 'AsymmetricX509Cert' } } }),
        severity: 'error',
        message: 'azuread_service_principal_certificate.ci adds a long-lived client certificate',
      },
    ],
    compliant: [
      {
        input: 'an application with a federated identity credential',
        findings: terraform({ azuread_application_federated_identity_credential: { ci: { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme/web:environment:production' } } }),
      },
    ],
  },
  'WIAM-SECRET-005': {
    nonCompliant: [
      {
        input: 'stringData AWS_SECRET_ACCESS_KEY',
        findings: kubernetes(lines('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: ci-aws', 'stringData:', '  AWS_ACCESS_KEY_ID: AKIAEXAMPLE', '  AWS_SECRET_ACCESS_KEY: example')),
        severity: 'error',
        message: 'Secret ci-aws key AWS_SECRET_ACCESS_KEY carries a long-lived AWS credential',
        fix: 'IRSA (the `eks.amazonaws.com/role-arn` annotation) or EKS Pod Identity',
        finding: { path: 'k8s/secret.yaml:7#stringData.AWS_SECRET_ACCESS_KEY', resource: 'Secret/ci-aws' },
      },
      {
        input: 'base64 data holding a GCP service account key file, under any name, in the second document of a stream',
        findings: kubernetes(
          lines(
            'apiVersion: v1',
            'kind: ServiceAccount',
            'metadata: { name: app }',
            '---',
            'apiVersion: v1',
            'kind: Secret',
            'metadata: { name: gcp }',
            'data:',
            `  key.json: ${Buffer.from('{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----"}').toString('base64')}`,
          ),
        ),
        severity: 'error',
        message: 'Secret gcp key key.json carries a long-lived GCP credential',
        fix: 'iam.gke.io/gcp-service-account',
        finding: { path: 'k8s/secret.yaml:9#[1].data["key.json"]' },
      },
      {
        input: 'an Azure client secret',
        findings: kubernetes(lines('apiVersion: v1', 'kind: Secret', 'metadata: { name: azure }', 'stringData:', '  AZURE_CLIENT_SECRET: example')),
        severity: 'error',
        message: 'Secret azure key AZURE_CLIENT_SECRET carries a long-lived AZURE credential',
        fix: 'azure.workload.identity/client-id',
      },
    ],
    compliant: [
      { input: 'a Secret with a database password', findings: kubernetes(lines('apiVersion: v1', 'kind: Secret', 'metadata: { name: db }', 'stringData:', '  password: example')) },
      {
        input: 'a ServiceAccount annotated for IRSA',
        findings: kubernetes(lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: app', '  annotations:', '    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app')),
      },
    ],
  },
  'WIAM-SECRET-006': {
    nonCompliant: [
      {
        input: 'GitHub: configure-aws-credentials with aws-access-key-id',
        findings: workflow(
          deployJob(
            '- uses: aws-actions/configure-aws-credentials@v4',
            '  with:',
            '    aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
            '    aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
            '    aws-region: eu-west-1',
          ),
        ),
        severity: 'error',
        message: 'the aws-access-key-id input of aws-actions/configure-aws-credentials in job deploy is a long-lived AWS credential',
        fix: 'aws-actions/configure-aws-credentials with `role-to-assume`',
        finding: { path: '.github/workflows/deploy.yml:11#jobs.deploy.steps[1].with.aws-access-key-id' },
      },
      {
        input: 'GitHub: google-github-actions/auth with credentials_json',
        findings: workflow(deployJob('- uses: google-github-actions/auth@v2', '  with:', '    credentials_json: ${{ secrets.GCP_KEY }}')),
        severity: 'error',
        message: 'the credentials_json input of google-github-actions/auth in job deploy is a long-lived GCP credential',
        fix: 'google-github-actions/auth with `workload_identity_provider`',
        finding: { path: '.github/workflows/deploy.yml:11#jobs.deploy.steps[1].with.credentials_json' },
      },
      {
        input: 'GitHub: azure/login with creds',
        findings: workflow(deployJob('- uses: Azure/login@v2', '  with:', '    creds: ${{ secrets.AZURE_CREDENTIALS }}')),
        severity: 'error',
        message: 'the creds input of azure/login in job deploy is a long-lived AZURE credential',
        fix: 'azure/login with `client-id`, `tenant-id` and `subscription-id`',
        finding: { path: '.github/workflows/deploy.yml:11#jobs.deploy.steps[1].with.creds' },
      },
      {
        input: 'GitHub: azure/login given a client secret',
        findings: workflow(deployJob('- uses: azure/login@v2', '  with:', '    client-id: ${{ vars.CLIENT_ID }}', '    client-secret: ${{ secrets.CLIENT_SECRET }}')),
        severity: 'error',
        message: 'the client-secret input of azure/login in job deploy',
      },
      {
        input: 'GitHub: workflow env AWS_SECRET_ACCESS_KEY',
        findings: workflow(lines('on: push', 'env:', '  AWS_SECRET_ACCESS_KEY: ${{ secrets.KEY }}', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps: [{ run: make deploy }]')),
        severity: 'error',
        message: 'env AWS_SECRET_ACCESS_KEY of the workflow is a long-lived AWS credential',
        finding: { path: '.github/workflows/deploy.yml:3#env.AWS_SECRET_ACCESS_KEY' },
      },
      {
        input: 'GitHub: job env GOOGLE_APPLICATION_CREDENTIALS',
        findings: workflow(lines('on: push', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:', '      GOOGLE_APPLICATION_CREDENTIALS: key.json', '    steps: [{ run: make deploy }]')),
        severity: 'error',
        message: 'env GOOGLE_APPLICATION_CREDENTIALS of job deploy is a long-lived GCP credential',
        finding: { path: '.github/workflows/deploy.yml:6#jobs.deploy.env.GOOGLE_APPLICATION_CREDENTIALS' },
      },
      {
        input: 'GitHub: step env ARM_CLIENT_SECRET',
        findings: workflow(deployJob('- run: terraform apply', '  env:', '    ARM_CLIENT_SECRET: ${{ secrets.ARM_CLIENT_SECRET }}')),
        severity: 'error',
        message: 'env ARM_CLIENT_SECRET of a step of job deploy is a long-lived AZURE credential',
        fix: 'azure/login',
        finding: { path: '.github/workflows/deploy.yml:11#jobs.deploy.steps[1].env.ARM_CLIENT_SECRET' },
      },
      {
        input: 'GitHub: a key passed to a reusable workflow',
        findings: workflow(lines('on: push', 'jobs:', '  deploy:', '    uses: acme/automation/.github/workflows/deploy.yml@main', '    secrets:', '      AWS_SECRET_ACCESS_KEY: ${{ secrets.KEY }}')),
        severity: 'error',
        message: 'secrets AWS_SECRET_ACCESS_KEY passed by job deploy',
        finding: { path: '.github/workflows/deploy.yml:6#jobs.deploy.secrets.AWS_SECRET_ACCESS_KEY' },
      },
      {
        input: 'GitLab: pipeline variable AWS_SECRET_ACCESS_KEY',
        findings: gitlab(lines('variables:', '  AWS_ACCESS_KEY_ID: $CI_AWS_KEY_ID', '  AWS_SECRET_ACCESS_KEY: $CI_AWS_SECRET', 'deploy:', '  script: [make deploy]')),
        severity: 'error',
        message: 'variable AWS_SECRET_ACCESS_KEY of the pipeline is a long-lived AWS credential',
        fix: '`id_tokens` token with `aud: sts.amazonaws.com`',
        finding: { path: '.gitlab-ci.yml:3#variables.AWS_SECRET_ACCESS_KEY' },
      },
      {
        input: 'GitLab: job variable GOOGLE_APPLICATION_CREDENTIALS in the expanded form',
        findings: gitlab(lines('deploy:', '  variables:', '    GOOGLE_APPLICATION_CREDENTIALS:', '      value: $GCP_KEY_FILE', '      description: key', '  script: [make deploy]')),
        severity: 'error',
        message: 'variable GOOGLE_APPLICATION_CREDENTIALS of job deploy is a long-lived GCP credential',
        fix: 'Google STS',
        finding: { path: '.gitlab-ci.yml:3#deploy.variables.GOOGLE_APPLICATION_CREDENTIALS' },
      },
      {
        input: 'GitLab: job variable ARM_CLIENT_SECRET',
        findings: gitlab(lines('deploy:', '  variables:', '    ARM_CLIENT_SECRET: $SECRET', '  script: [terraform apply]')),
        severity: 'error',
        message: 'variable ARM_CLIENT_SECRET of job deploy is a long-lived AZURE credential',
        fix: '`az login --federated-token`',
      },
    ],
    compliant: [
      {
        input: 'GitHub: configure-aws-credentials with role-to-assume',
        findings: workflow(deployJob('- uses: aws-actions/configure-aws-credentials@v4', '  with:', '    role-to-assume: arn:aws:iam::111122223333:role/deploy', '    aws-region: eu-west-1')),
      },
      {
        input: 'GitHub: google-github-actions/auth with workload_identity_provider',
        findings: workflow(deployJob('- uses: google-github-actions/auth@v2', '  with:', '    workload_identity_provider: projects/1/locations/global/workloadIdentityPools/p/providers/q')),
      },
      {
        input: 'GitHub: azure/login with client-id, tenant-id and subscription-id',
        findings: workflow(deployJob('- uses: azure/login@v2', '  with:', '    client-id: ${{ vars.CLIENT_ID }}', '    tenant-id: ${{ vars.TENANT_ID }}', '    subscription-id: ${{ vars.SUBSCRIPTION_ID }}')),
      },
      {
        input: 'GitHub: an env variable set from a sign-in step\'s output',
        findings: workflow(deployJob('- run: make deploy', '  env:', '    GOOGLE_APPLICATION_CREDENTIALS: ${{ steps.auth.outputs.credentials_file_path }}')),
      },
      {
        input: 'GitHub: another action\'s password input',
        findings: workflow(deployJob('- uses: docker/login-action@v3', '  with:', '    password: ${{ secrets.GITHUB_TOKEN }}')),
      },
      {
        input: 'GitLab: id_tokens and a role ARN variable',
        findings: gitlab(lines('deploy:', '  id_tokens:', '    AWS_TOKEN: { aud: sts.amazonaws.com }', '  variables:', '    AWS_ROLE_ARN: arn:aws:iam::111122223333:role/deploy', '  script: [make deploy]')),
      },
      {
        input: 'GitLab: a hidden template job is not a job',
        findings: gitlab(lines('stages: [deploy]', 'default:', '  variables:', '    REGION: eu-west-1')),
      },
    ],
  },
};
