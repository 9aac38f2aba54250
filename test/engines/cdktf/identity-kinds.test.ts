import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { compile } from '../../../lib/plan/compile';
import { WorkloadIdentities } from 'workload-iam/cdktf';

// Every identity kind of examples/workloads.yaml, on each cloud it reaches, rendered in a user's cdktf stack and
// read with cdktf's Testing. The expected values are written by hand from the example declaration and the clouds'
// documentation (token subjects, condition keys, predefined and built-in role names and ids), not taken from the Plan.

const plan = compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml')));

type Body = Record<string, unknown>;
type Statement = { Principal: Record<string, string>; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> };

const synthesized = new Map<string, string>();
function synth(account: string): string {
  if (!synthesized.has(account)) {
    const stack = new TerraformStack(Testing.app(), 'user-stack');
    new WorkloadIdentities(stack, 'Wi', { plan, account });
    synthesized.set(account, Testing.synth(stack));
  }
  return synthesized.get(account)!;
}

const bodies = (account: string, type: string): Body[] =>
  Object.values((JSON.parse(synth(account)) as { resource: Record<string, Record<string, Body>> }).resource[type] ?? {});

/** The trust statements of the role of `workload`, and its inline policies' actions. */
function role(account: string, workload: string): { statements: Statement[]; actions: string[] } {
  const roles = (JSON.parse(synth(account)) as { resource: Record<string, Record<string, Body>> }).resource.aws_iam_role;
  const [address] = Object.keys(roles).filter((key) => (roles[key].tags as Body)['workload-iam:workload'] === workload);
  expect(address).toBeDefined();
  const statements = (JSON.parse(roles[address].assume_role_policy as string) as { Statement: Statement[] }).Statement;
  const actions = bodies(account, 'aws_iam_role_policy')
    .filter((policy) => policy.role === `\${aws_iam_role.${address}.name}`)
    .flatMap((policy) => (JSON.parse(policy.policy as string) as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) => s.Action));
  return { statements, actions };
}

/** Every value a trust statement's conditions require of `key`, whatever the operator. */
const required = (statement: Statement, key: string): unknown[] =>
  Object.values(statement.Condition ?? {}).flatMap((operator) => (operator[key] === undefined ? [] : [operator[key]].flat()));

const has = (account: string, type: string, properties: Body) => Testing.toHaveResourceWithProperties(synth(account), type, properties);

describe('AWS', () => {
  test('github: the environment subject and the STS audience, through the account’s GitHub provider', () => {
    const [statement] = role('aws-prod', 'web-deploy').statements;
    expect(statement.Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    // GitHub issues either subject form, by name or with the immutable ids, as the repository is configured.
    expect(required(statement, 'token.actions.githubusercontent.com:sub')).toEqual(['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production']);
    expect(required(statement, 'token.actions.githubusercontent.com:aud')).toEqual(['sts.amazonaws.com']);
    expect(role('aws-prod', 'web-deploy').actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
  });

  test('github pull requests: the pull_request subject, read-only actions', () => {
    const { statements, actions } = role('aws-prod', 'docs-preview');
    expect(required(statements[0], 'token.actions.githubusercontent.com:sub')).toEqual(['repo:acme/docs:pull_request']);
    expect(actions).toContain('s3:GetObject');
    expect(actions).not.toContain('s3:PutObject');
  });

  test('gitlab: the project path subject through the gitlab.com provider', () => {
    const [statement] = role('aws-prod', 'data-pipeline').statements;
    expect(statement.Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/gitlab.com');
    expect(required(statement, 'gitlab.com:sub').join(' ')).toContain('project_path:acme/data/pipeline:ref_type:branch:ref:main');
  });

  test('kubernetes on EKS (IRSA): the service account subject through the cluster’s provider', () => {
    const [statement] = role('aws-prod', 'orders-service').statements;
    const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    expect(statement.Principal.Federated).toBe(`arn:aws:iam::111122223333:oidc-provider/${issuer}`);
    expect(required(statement, `${issuer}:sub`)).toEqual(['system:serviceaccount:orders:orders-api']);
    expect(required(statement, `${issuer}:aud`)).toEqual(['sts.amazonaws.com']);
  });

  test('kubernetes with EKS Pod Identity: the pods service principal and an association for the service account', () => {
    const [statement] = role('aws-prod', 'billing-worker').statements;
    expect(statement.Principal.Service).toBe('pods.eks.amazonaws.com');
    expect([statement.Action].flat().sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(has('aws-prod', 'aws_eks_pod_identity_association', { cluster_name: 'prod-main', namespace: 'billing', service_account: 'billing-worker' })).toBe(true);
  });

  test('spiffe JWT-SVID: the SPIFFE ID subject and the declared audience', () => {
    const [statement] = role('aws-prod', 'mesh-gateway').statements;
    expect(statement.Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/oidc.mesh.acme.internal');
    expect(required(statement, 'oidc.mesh.acme.internal:sub')).toEqual(['spiffe://mesh.acme.internal/ns/edge/sa/gateway']);
    expect(required(statement, 'oidc.mesh.acme.internal:aud')).toEqual(['workload-iam']);
  });

  test('spiffe X.509-SVID: Roles Anywhere, pinned to the trust anchor and the SPIFFE ID, with a profile', () => {
    const [statement] = role('aws-prod', 'edge-proxy').statements;
    expect(statement.Principal.Service).toBe('rolesanywhere.amazonaws.com');
    expect(required(statement, 'aws:SourceArn')).toEqual(['arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d']);
    expect(required(statement, 'aws:PrincipalTag/x509SAN/URI')).toEqual(['spiffe://mesh.acme.internal/ns/edge/sa/proxy']);
    expect(bodies('aws-prod', 'aws_rolesanywhere_profile')).toHaveLength(1);
  });

  test('gcpServiceAccount: Google’s issuer, the service account’s unique id as subject', () => {
    const [statement] = role('aws-prod', 'audit-collector').statements;
    expect(statement.Principal.Federated).toBe('accounts.google.com');
    expect(required(statement, 'accounts.google.com:sub')).toEqual(['104729364512345678901']);
  });

  test('terraformCloud: the apply phase of one workspace through app.terraform.io', () => {
    const [statement] = role('aws-shared', 'infra-apply').statements;
    expect(statement.Principal.Federated).toBe('arn:aws:iam::444455556666:oidc-provider/app.terraform.io');
    expect(required(statement, 'app.terraform.io:sub')).toEqual(['organization:acme:project:platform:workspace:networking-prod:run_phase:apply']);
  });
});

describe('GCP', () => {
  const POOL = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/workload-iam';
  const providers = () => bodies('gcp-prod', 'google_iam_workload_identity_pool_provider');
  const providerOf = (issuer: string) => providers().find((p) => (p.oidc as Body | undefined)?.issuer_uri === issuer)!;

  test('github: the owner pinned by id in the condition, the member joined from the repository id and the subject', () => {
    expect(providerOf('https://token.actions.githubusercontent.com').attribute_condition).toBe("assertion.repository_owner_id == '65'");
    const [member] = bodies('gcp-prod', 'google_storage_bucket_iam_member').filter((b) => b.bucket === 'acme-web');
    expect(member.role).toBe('roles/storage.objectViewer');
    expect(member.member).toMatch(new RegExp(`^${POOL}/attribute\\.repository_subject/github-[0-9a-f]{8}:74:repo:acme/web:environment:production$`));
  });

  test('github with a reusable workflow: the member pins the workflow too', () => {
    const [member] = bodies('gcp-prod', 'google_artifact_registry_repository_iam_member');
    expect(member).toMatchObject({ project: 'acme-prod', location: 'europe-west1', repository: 'containers', role: 'roles/artifactregistry.writer' });
    expect(member.member).toMatch(/:1296269:acme\/release-workflows\/\.github\/workflows\/publish\.yml@refs\/heads\/main:repo:acme\/api:ref:refs\/tags\/v2\.4\.0$/);
  });

  test('gitlab: the group pinned by namespace id, the member by project id, protected ref and environment', () => {
    expect(providerOf('https://gitlab.com').attribute_condition).toBe("assertion.namespace_id == '77'");
    const members = bodies('gcp-prod', 'google_bigquery_dataset_iam_member').filter((b) => b.dataset_id === 'warehouse');
    expect(members.map((m) => m.role)).toEqual(['roles/bigquery.dataEditor']);
    // A ref is trusted only while protected, unless the declaration says otherwise.
    expect(members[0].member).toMatch(/\/attribute\.project_environment_ref\/gitlab-[0-9a-f]{8}:4242:true:production:project_path:acme\/data\/pipeline:ref_type:branch:ref:main$/);
  });

  test('kubernetes on GKE: the project’s own workload pool, no provider', () => {
    expect(
      has('gcp-prod', 'google_pubsub_subscription_iam_member', {
        subscription: 'raw-events-analytics',
        role: 'roles/pubsub.subscriber',
        member: 'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/analytics/sa/spark',
      }),
    ).toBe(true);
    expect(providers().some((p) => JSON.stringify(p).includes('svc.id.goog'))).toBe(false);
  });

  test('spiffe JWT-SVID: the audience allowed, the SPIFFE ID in the condition, Cloud Run invoker', () => {
    expect(providerOf('https://oidc.mesh.acme.internal')).toMatchObject({
      attribute_condition: "assertion.sub == 'spiffe://mesh.acme.internal/ns/edge/sa/gateway'",
      oidc: { issuer_uri: 'https://oidc.mesh.acme.internal', allowed_audiences: ['workload-iam'] },
    });
    expect(has('gcp-prod', 'google_cloud_run_v2_service_iam_member', { name: 'edge-auth', location: 'europe-west1', role: 'roles/run.invoker' })).toBe(true);
  });

  test('oidc: the audience allowed, the subject and the extra claim in the condition', () => {
    expect(providerOf('https://login.partner.example')).toMatchObject({
      attribute_condition: "(assertion.sub == 'job:acme-sync' && assertion.tenant == 'acme')",
      oidc: { allowed_audiences: ['acme-partner-sync'] },
    });
    expect(has('gcp-prod', 'google_pubsub_topic_iam_member', { topic: 'partner-drops', role: 'roles/pubsub.publisher' })).toBe(true);
  });

  test('awsRole: an AWS provider for the account, the role named without its path or session', () => {
    const [aws] = providers().filter((p) => p.aws !== undefined);
    expect(aws.aws).toEqual({ account_id: '444455556666' });
    expect(aws.attribute_condition).toBe("assertion.arn.startsWith('arn:aws:sts::444455556666:')");
    const members = bodies('gcp-prod', 'google_bigquery_dataset_iam_member').filter((b) => b.dataset_id === 'billing_export');
    expect(members.every((m) => m.role === 'roles/bigquery.dataViewer')).toBe(true);
    expect(members.map((m) => m.member)).toContainEqual(expect.stringMatching(/\/attribute\.aws_role\/aws-[0-9a-f]{8}:arn:aws:sts::444455556666:assumed-role\/cost-reporter$/));
  });

  test('azureManagedIdentity: Entra’s v1 issuer of the tenant, the declared audience, the object id as subject', () => {
    expect(providerOf('https://sts.windows.net/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/')).toMatchObject({
      attribute_condition: "assertion.tid == '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b'",
      oidc: { allowed_audiences: ['api://acme-cost-reporter'] },
    });
    const members = bodies('gcp-prod', 'google_bigquery_dataset_iam_member').map((m) => m.member as string);
    expect(members).toContainEqual(expect.stringMatching(/\/subject\/azure-[0-9a-f]{8}:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a$/));
  });
});

describe('Azure', () => {
  const SUBSCRIPTION = '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
  const roleId = (guid: string) => `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

  test('github: the environment subject and Entra’s token exchange audience; Storage Blob Data Reader on the container', () => {
    expect(
      has('azure-prod', 'azurerm_federated_identity_credential', {
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:acme/web:environment:production',
        audience: ['api://AzureADTokenExchange'],
      }),
    ).toBe(true);
    expect(
      has('azure-prod', 'azurerm_role_assignment', {
        scope: `${SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`,
        role_definition_id: roleId('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'),
        principal_type: 'ServicePrincipal',
      }),
    ).toBe(true);
  });

  test('kubernetes on AKS: the cluster issuer and the service account subject; Key Vault Secrets User and Service Bus Data Sender', () => {
    expect(
      has('azure-prod', 'azurerm_federated_identity_credential', {
        issuer: 'https://westeurope.oic.prod-aks.azure.com/7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/3f2e1d0c-b9a8-4765-8432-10fedcba9876/',
        subject: 'system:serviceaccount:payments:payments-api',
      }),
    ).toBe(true);
    expect(has('azure-prod', 'azurerm_role_assignment', { role_definition_id: roleId('4633458b-17de-408a-b874-0445c86b69e6') })).toBe(true);
    expect(has('azure-prod', 'azurerm_role_assignment', { role_definition_id: roleId('69a216fc-b8fb-44d8-bc22-1f3c2cd27a39') })).toBe(true);
  });

  test('azureManagedIdentity: AcrPull assigned to the existing principal itself', () => {
    expect(
      has('azure-prod', 'azurerm_role_assignment', {
        principal_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        role_definition_id: roleId('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
        scope: `${SUBSCRIPTION}/resourceGroups/rg-platform/providers/Microsoft.ContainerRegistry/registries/acmeplatform`,
        principal_type: 'ServicePrincipal',
      }),
    ).toBe(true);
  });

  test('gcpServiceAccount: a credential for Google’s issuer with the unique id as subject', () => {
    expect(has('azure-prod', 'azurerm_federated_identity_credential', { issuer: 'https://accounts.google.com', subject: '104729364512345678901' })).toBe(true);
  });
});
