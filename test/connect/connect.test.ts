import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { compile } from '../../lib/plan/compile';
import { runCli } from '../cli/run-cli';

/**
 * `connect FILE WORKLOAD` (SPEC §6): per identity kind and cloud, the snippet that signs the workload in with what
 * `synth` creates. Expected values are written by hand from declaration.yaml and the naming rules (roles
 * `wiam-<workload>` under path /workload-iam/, pool `workload-iam`, service accounts `wiam-<workload>@<project>`);
 * provider ids carry a digest of the issuer, so those are checked against the Plan's provider for that issuer.
 */

const DECLARATION = join(__dirname, 'declaration.yaml');
const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/workload-iam';
const TENANT = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const CLIENT_ID_PLACEHOLDER = (name: string) =>
  `<fill in: client id of managed identity ${name}, known after deploy (az identity show -g rg-workload-identity -n ${name} --query clientId -o tsv)>`;

/** The inputs each action declares in its action.yml (aws-actions/configure-aws-credentials v4, google-github-actions/auth v2, azure/login v2). */
const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'aws-actions/configure-aws-credentials': [
    'audience', 'aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'aws-region', 'web-identity-token-file', 'role-to-assume',
    'role-session-name', 'role-duration-seconds', 'role-external-id', 'role-skip-session-tagging', 'inline-session-policy', 'managed-session-policies',
    'output-credentials', 'unset-current-credentials', 'disable-retry', 'retry-max-attempts', 'special-characters-workaround', 'mask-aws-account-id', 'role-chaining',
  ],
  'google-github-actions/auth': [
    'project_id', 'workload_identity_provider', 'service_account', 'audience', 'credentials_json', 'create_credentials_file', 'export_environment_variables',
    'token_format', 'delegates', 'universe', 'request_reason', 'cleanup_credentials', 'access_token_lifetime', 'access_token_scopes', 'access_token_subject',
    'retries', 'backoff', 'backoff_limit', 'id_token_audience', 'id_token_include_email',
  ],
  'azure/login': ['creds', 'client-id', 'tenant-id', 'subscription-id', 'enable-AzPSSession', 'environment', 'allow-no-subscriptions', 'audience', 'auth-type'],
};

type Snippet = { title: string; yaml?: Record<string, unknown>; text?: string; notes: string[] };
type Connection = { identity: number; label: string; snippets: Snippet[] };

async function connect(workload: string): Promise<Connection[]> {
  const result = await runCli('connect', DECLARATION, workload, '--format', 'yaml');
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const parsed = parse(result.out) as { workload: string; identities: Connection[] };
  expect(parsed.workload).toBe(workload);
  return parsed.identities;
}

const only = async (workload: string) => {
  const connections = await connect(workload);
  expect(connections).toHaveLength(1);
  return connections[0].snippets;
};

/** The Plan's provider for an issuer, so a digest-named provider id is checked against what synth creates. */
function providerFor(issuer: string): string {
  const plan = compile(loadDeclarationFile(DECLARATION));
  const provider = plan.gcp['gcp-prod'].providers.find((p) => p.issuer === issuer);
  if (!provider) throw new Error(`no provider for ${issuer}`);
  return provider.name;
}

/** GitHub's own workflow parser on the text: its errors and the actions of the steps. */
function parseAsGithub(workflow: string): { errors: string[]; steps: string[] } {
  return JSON.parse(execFileSync(process.execPath, [join(__dirname, 'parse-workflow.mjs')], { input: workflow, encoding: 'utf8' })) as { errors: string[]; steps: string[] };
}

type Step = { uses: string; with: Record<string, string> };
const stepsOf = (workflow: Record<string, unknown>, job: string) => ((workflow.jobs as Record<string, { steps: Step[] }>)[job]).steps;

describe('GitHub Actions', () => {
  test('environment identity: id-token write, the environment, one sign-in step per cloud with the Plan\'s values', async () => {
    const [snippet] = await only('web-deploy');
    const workflow = snippet.yaml!;
    const job = (workflow.jobs as Record<string, Record<string, unknown>>)['web-deploy'];
    expect(job.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.environment).toBe('production');
    expect(stepsOf(workflow, 'web-deploy').map(({ uses, with: inputs }) => ({ uses, with: inputs }))).toEqual([
      { uses: 'aws-actions/configure-aws-credentials@v4', with: { 'role-to-assume': 'arn:aws:iam::111122223333:role/workload-iam/wiam-web-deploy', 'aws-region': 'eu-west-1' } },
      {
        uses: 'google-github-actions/auth@v2',
        with: { workload_identity_provider: providerFor('https://token.actions.githubusercontent.com'), service_account: 'wiam-web-deploy@acme-prod.iam.gserviceaccount.com' },
      },
      { uses: 'azure/login@v2', with: { 'client-id': CLIENT_ID_PLACEHOLDER('wiam-web-deploy'), 'tenant-id': TENANT, 'subscription-id': SUBSCRIPTION } },
    ]);
    expect(providerFor('https://token.actions.githubusercontent.com')).toMatch(new RegExp(`^${POOL}/providers/github-[0-9a-f]{8}$`));
  });

  test('a tag identity runs on that tag; an account without a region gets a marked placeholder', async () => {
    const [snippet] = await only('site-release');
    expect(snippet.yaml!.on).toEqual({ push: { tags: ['v1.2.3'] } });
    expect(stepsOf(snippet.yaml!, 'site-release')[0].with).toEqual({
      'role-to-assume': 'arn:aws:iam::444455556666:role/workload-iam/wiam-site-release',
      'aws-region': '<fill in: AWS region; declare accounts.aws-tools.region>',
    });
  });

  test('a branch identity runs on pushes to that branch; direct federation names no service account', async () => {
    const [snippet] = await only('site-preview');
    expect(snippet.yaml!.on).toEqual({ push: { branches: ['main'] } });
    expect(stepsOf(snippet.yaml!, 'site-preview')[0].with).toEqual({ workload_identity_provider: providerFor('https://token.actions.githubusercontent.com') });
  });

  test('a pull-request identity runs on pull requests', async () => {
    const [snippet] = await only('docs-preview');
    expect(snippet.yaml!.on).toEqual({ pull_request: {} });
    expect(stepsOf(snippet.yaml!, 'docs-preview')[0].with['role-to-assume']).toBe('arn:aws:iam::444455556666:role/workload-iam/wiam-docs-preview');
  });

  test.each(['web-deploy', 'site-release', 'site-preview', 'docs-preview'])('%s: the workflow parses as GitHub reads it and names only real inputs', async (workload) => {
    const [snippet] = await only(workload);
    const parsed = parseAsGithub(stringify(snippet.yaml));
    expect(parsed.errors).toEqual([]);
    expect(parsed.steps.length).toBeGreaterThan(0);
    for (const step of stepsOf(snippet.yaml!, workload)) {
      const known = ACTION_INPUTS[step.uses.split('@')[0]];
      expect(known).toBeDefined();
      for (const input of Object.keys(step.with)) expect(known).toContain(input);
    }
  });

  test('the parser used as oracle refuses a broken workflow', () => {
    expect(parseAsGithub('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    permissions: { id-token: writ }\n    steps: [{ run: true }]\n').errors.length).toBeGreaterThan(0);
  });
});

test('GitLab CI: one id_token per account with the audience each trust pins, and the exchange', async () => {
  const [snippet] = await only('data-pipeline');
  const gitlabProvider = providerFor('https://gitlab.com');
  expect(snippet.yaml).toEqual({
    'data-pipeline': {
      rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }],
      id_tokens: {
        AWS_PROD_ID_TOKEN: { aud: 'sts.amazonaws.com' },
        GCP_PROD_ID_TOKEN: { aud: `https://iam.googleapis.com/${gitlabProvider}` },
        AZURE_PROD_ID_TOKEN: { aud: 'api://AzureADTokenExchange' },
      },
      variables: {
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/workload-iam/wiam-data-pipeline',
        AWS_REGION: 'eu-west-1',
        AWS_WEB_IDENTITY_TOKEN_FILE: '$CI_BUILDS_DIR/.aws-web-identity-token',
      },
      script: [
        'printf \'%s\' "$AWS_PROD_ID_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"',
        'printf \'%s\' "$GCP_PROD_ID_TOKEN" > "$CI_BUILDS_DIR/.gcp-prod-id-token"',
        `gcloud iam workload-identity-pools create-cred-config ${gitlabProvider} --credential-source-file="$CI_BUILDS_DIR/.gcp-prod-id-token" --output-file="$CI_BUILDS_DIR/.gcp-prod-credentials.json"`,
        'gcloud auth login --cred-file="$CI_BUILDS_DIR/.gcp-prod-credentials.json"',
        `az login --service-principal --username "${CLIENT_ID_PLACEHOLDER('wiam-data-pipeline')}" --tenant ${TENANT} --federated-token "$AZURE_PROD_ID_TOKEN"`,
        `az account set --subscription ${SUBSCRIPTION}`,
      ],
    },
  });
  expect(gitlabProvider).toMatch(new RegExp(`^${POOL}/providers/gitlab-[0-9a-f]{8}$`));
});

describe('Kubernetes', () => {
  const metadataOf = (snippet: Snippet) => (snippet.yaml as { metadata: Record<string, unknown> }).metadata;

  test('EKS (IRSA): the role ARN annotation', async () => {
    const [snippet] = await only('orders-service');
    expect(snippet.yaml).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'orders-api', namespace: 'orders', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/workload-iam/wiam-orders-service' } },
    });
  });

  test('EKS Pod Identity: no annotation, the association note', async () => {
    const [snippet] = await only('billing-worker');
    expect(metadataOf(snippet)).toEqual({ name: 'billing-worker', namespace: 'billing' });
    expect(snippet.notes).toEqual([
      'EKS Pod Identity: synth associates arn:aws:iam::111122223333:role/workload-iam/wiam-billing-worker with billing/billing-worker in cluster prod-main; no annotation is needed, the cluster needs the eks-pod-identity-agent add-on',
    ]);
  });

  test('GKE impersonating: the service account annotation', async () => {
    const [snippet] = await only('analytics-gke');
    expect(metadataOf(snippet).annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'wiam-analytics-gke@acme-prod.iam.gserviceaccount.com' });
  });

  test('another cluster: a projected token with the audience the trust pins, and the variables the AWS SDKs read', async () => {
    const [serviceAccount, pod] = await only('batch-runner');
    expect(metadataOf(serviceAccount)).toEqual({ name: 'runner', namespace: 'batch' });
    expect(pod.yaml).toEqual({
      serviceAccountName: 'runner',
      volumes: [{ name: 'workload-iam-tokens', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 3600, path: 'aws-prod-token' } }] } }],
      containers: [
        {
          name: '<fill in: your container>',
          env: [
            { name: 'AWS_ROLE_ARN', value: 'arn:aws:iam::111122223333:role/workload-iam/wiam-batch-runner' },
            { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/workload-iam/aws-prod-token' },
            { name: 'AWS_REGION', value: 'eu-west-1' },
          ],
          volumeMounts: [{ name: 'workload-iam-tokens', mountPath: '/var/run/secrets/workload-iam', readOnly: true }],
        },
      ],
    });
  });

  test('AKS: the client id (a placeholder until deploy) and tenant annotations, and the pod label', async () => {
    const [snippet] = await only('payments-aks');
    expect(metadataOf(snippet).annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID_PLACEHOLDER('wiam-payments-aks'), 'azure.workload.identity/tenant-id': TENANT });
    expect(snippet.notes).toEqual(['label the pods that use it: azure.workload.identity/use: "true"']);
  });
});

test('HCP Terraform: the workspace variables of the identity\'s run phase', async () => {
  const [snippet] = await only('infra-apply');
  expect(snippet.yaml).toEqual({
    variables: {
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_APPLY_ROLE_ARN: 'arn:aws:iam::111122223333:role/workload-iam/wiam-infra-apply',
      TFC_GCP_PROVIDER_AUTH: 'true',
      TFC_GCP_WORKLOAD_PROVIDER_NAME: providerFor('https://app.terraform.io'),
      TFC_GCP_APPLY_SERVICE_ACCOUNT_EMAIL: 'wiam-infra-apply@acme-prod.iam.gserviceaccount.com',
      TFC_AZURE_PROVIDER_AUTH: 'true',
      TFC_AZURE_APPLY_CLIENT_ID: CLIENT_ID_PLACEHOLDER('wiam-infra-apply'),
      ARM_TENANT_ID: TENANT,
      ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
    },
  });
});

describe('SPIFFE', () => {
  test('JWT-SVID: a spiffe-helper configuration with the audience the trust pins, and the role to assume with it', async () => {
    const [snippet] = await only('mesh-gateway');
    expect(snippet.text).toBe(
      [
        'agent_address = "/run/spire/sockets/agent.sock"',
        'cert_dir = "/run/spiffe"',
        'jwt_svids = [',
        '  { jwt_audience = "workload-iam", jwt_svid_file_name = "aws-prod.jwt" },',
        ']',
        '',
      ].join('\n'),
    );
    expect(snippet.notes).toEqual(['then: AWS_ROLE_ARN=arn:aws:iam::111122223333:role/workload-iam/wiam-mesh-gateway AWS_WEB_IDENTITY_TOKEN_FILE=/run/spiffe/aws-prod.jwt AWS_REGION=eu-west-1']);
  });

  test('X.509-SVID: aws_signing_helper with the trust anchor, the role, and the profile ARN marked as known after deploy', async () => {
    const [snippet] = await only('edge-proxy');
    expect(snippet.text).toContain('--trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d');
    expect(snippet.text).toContain('--role-arn arn:aws:iam::111122223333:role/workload-iam/wiam-edge-proxy');
    expect(snippet.text).toMatch(/--profile-arn <fill in: ARN of Roles Anywhere profile \S+ in eu-west-1, known after deploy>/);
  });
});

test('a generic OIDC identity: the provider and the audience it must present', async () => {
  const [snippet] = await only('partner-sync');
  expect(snippet.yaml).toEqual({ gcp: [{ account: 'gcp-prod', provider: providerFor('https://login.partner.example'), audience: 'acme-partner-sync' }] });
});

describe('usage', () => {
  test('text output prints each identity and its snippet', async () => {
    const result = await runCli('connect', DECLARATION, 'orders-service');
    expect(result).toEqual({
      code: 0,
      err: '',
      out: [
        '## identities[0] kubernetes:orders/orders-api@https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
        '# ServiceAccount orders/orders-api',
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: orders-api',
        '  namespace: orders',
        '  annotations:',
        '    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/workload-iam/wiam-orders-service',
        '',
      ].join('\n'),
    });
  });

  test('an unknown workload: exit 2, one line naming the workloads', async () => {
    const result = await runCli('connect', DECLARATION, 'nope');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      '<workload>: no workload named "nope" (workloads: analytics-gke, batch-runner, billing-worker, data-pipeline, docs-preview, edge-proxy, infra-apply, mesh-gateway, orders-service, partner-sync, payments-aks, site-preview, site-release, web-deploy)\n',
    );
  });

  test('an invalid declaration: exit 2, `path: message`, no stack trace', async () => {
    const result = await runCli('connect', join(__dirname, 'missing.yaml'), 'web-deploy');
    expect(result.code).toBe(2);
    expect(result.err).not.toMatch(/^ {4}at /m);
    expect(result.err).toMatch(/missing\.yaml: cannot be read: no such file \(ENOENT\)\n$/);
  });
});

test('an AWS account region must be a region name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiam-connect-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'version: 1\naccounts:\n  aws-prod: { cloud: aws, accountId: "111122223333", region: Europe }\nworkloads: []\n');
  const result = await runCli('validate', file);
  rmSync(dir, { recursive: true, force: true });
  expect(result.code).toBe(2);
  expect(result.err).toContain('accounts.aws-prod.region: region must be an AWS region such as eu-west-1 (line 3)');
});
