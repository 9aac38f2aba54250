import {
  AZURE_SUBSCRIPTION_ID,
  AZURE_TENANT_ID,
  azureAccountOf,
  compileExample,
  compileIdentities,
  declarationErrorOf,
  READ_RESOURCE,
  SUBJECT_WORKLOAD,
  type IdentityInput,
} from './fixtures';
import type { AzureAccountPlan } from '../../lib/index';

// Expected credentials follow Entra workload identity federation (shared/reference/CLAIMS.md, LIMITS.md): one
// federated identity credential per exact (issuer, subject), audience api://AzureADTokenExchange, and built-in
// role assignments to a ServicePrincipal at the resource's own scope.

const EXCHANGE = 'api://AzureADTokenExchange';
const STORAGE_BLOB_DATA_READER = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`;

function compileOnAzure(identities: readonly IdentityInput[]): AzureAccountPlan {
  return azureAccountOf(compileIdentities('azure', identities));
}

/** The (issuer, subject, audience) triples of the workload's credentials, sorted by subject. */
function credentialsOf(account: AzureAccountPlan): { issuer: string; subject: string; audience: string }[] {
  return account.federatedCredentials
    .map(({ issuer, subject, audience }) => ({ issuer, subject, audience }))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

describe('GitHub Actions on Azure', () => {
  const web = { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } as const;

  test('one credential per subject form, on a managed identity of the workload, assigned the role at the resource', () => {
    const account = compileOnAzure([{ github: web }]);
    expect(account.identities).toEqual([
      { key: SUBJECT_WORKLOAD, name: `wiam-${SUBJECT_WORKLOAD}`, workload: SUBJECT_WORKLOAD, tags: { 'workload-iam:workload': SUBJECT_WORKLOAD } },
    ]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme/web:environment:production', audience: EXCHANGE },
      { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme@65/web@74:environment:production', audience: EXCHANGE },
    ]);
    for (const credential of account.federatedCredentials) {
      expect(credential.identity).toBe(SUBJECT_WORKLOAD);
      expect(credential.origin).toEqual({ workload: SUBJECT_WORKLOAD, identities: [0] });
    }
    expect(account.roleAssignments).toEqual([
      expect.objectContaining({
        principal: { ref: SUBJECT_WORKLOAD, attr: 'principalId' },
        principalType: 'ServicePrincipal',
        scope: READ_RESOURCE.azure,
        roleDefinitionId: STORAGE_BLOB_DATA_READER,
        roleName: 'Storage Blob Data Reader',
        workload: SUBJECT_WORKLOAD,
        origin: { workload: SUBJECT_WORKLOAD, identities: [0], grants: [0] },
      }),
    ]);
  });

  test('the name-based credential cannot check the ids, so they are recorded as unenforced', () => {
    expect(compileOnAzure([{ github: web }]).unenforcedClaims).toEqual([
      { workload: SUBJECT_WORKLOAD, identity: 0, claim: 'repository_id', value: '74' },
      { workload: SUBJECT_WORKLOAD, identity: 0, claim: 'repository_owner_id', value: '65' },
    ]);
  });

  test('subjectFormat immutable needs one credential, which carries the ids in its subject', () => {
    const account = compileOnAzure([{ github: { ...web, subjectFormat: 'immutable' } }]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme@65/web@74:environment:production', audience: EXCHANGE },
    ]);
    expect(account.unenforcedClaims).toEqual([]);
  });

  test('ref, pull-request and encoded environment subjects', () => {
    const account = compileOnAzure([
      { github: { repository: 'acme/web', ref: 'refs/heads/main' } },
      { github: { repository: 'acme/docs', pullRequest: true } },
      { github: { repository: 'acme/web', environment: 'prod:eu' } },
    ]);
    expect(credentialsOf(account).map((c) => c.subject)).toEqual([
      'repo:acme/docs:pull_request',
      'repo:acme/web:environment:prod%3Aeu',
      'repo:acme/web:ref:refs/heads/main',
    ]);
  });

  test('a workflow pin cannot be matched by a credential and is recorded as unenforced', () => {
    const workflow = 'acme/release-workflows/.github/workflows/publish.yml@refs/heads/main';
    const account = compileOnAzure([{ github: { ...web, environment: 'release', workflow, subjectFormat: 'immutable' } }]);
    expect(account.unenforcedClaims).toEqual([{ workload: SUBJECT_WORKLOAD, identity: 0, claim: 'job_workflow_ref', value: workflow }]);
  });

  test('an enterprise slug is part of the credential issuer', () => {
    const account = compileOnAzure([{ github: { ...web, enterpriseSlug: 'acme-corp', subjectFormat: 'immutable' } }]);
    expect(credentialsOf(account).map((c) => c.issuer)).toEqual(['https://token.actions.githubusercontent.com/acme-corp']);
  });
});

describe('GitLab CI on Azure', () => {
  const pipeline = { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } as const;

  test('gitlab.com: exact project_path subject; the ids and protection are recorded as unenforced', () => {
    const account = compileOnAzure([{ gitlab: pipeline }]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://gitlab.com', subject: 'project_path:acme/data/pipeline:ref_type:branch:ref:main', audience: EXCHANGE },
    ]);
    expect(account.unenforcedClaims.map((c) => [c.claim, c.value])).toEqual([
      ['namespace_id', '77'],
      ['project_id', '4242'],
      ['ref_protected', 'true'],
    ]);
  });

  test('a self-managed host is the credential issuer, without a trailing slash', () => {
    const account = compileOnAzure([{ gitlab: { ...pipeline, ref: 'v1.0.0', refType: 'tag', host: 'https://gitlab.acme.example/' } }]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://gitlab.acme.example', subject: 'project_path:acme/data/pipeline:ref_type:tag:ref:v1.0.0', audience: EXCHANGE },
    ]);
  });
});

describe('Kubernetes service accounts on Azure', () => {
  test.each([
    ['AKS', { issuer: `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`, aks: true as const }],
    ['EKS IRSA', { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', eks: { region: 'eu-west-1', cluster: 'prod-main' } }],
    ['a generic cluster', { issuer: 'https://k8s.acme.example' }],
  ])('%s: the credential is the cluster issuer with subject system:serviceaccount:NS:SA', (_flavour, cluster) => {
    const account = compileOnAzure([{ kubernetes: { namespace: 'payments', serviceAccount: 'payments-api', ...cluster } }]);
    expect(credentialsOf(account)).toEqual([{ issuer: cluster.issuer, subject: 'system:serviceaccount:payments:payments-api', audience: EXCHANGE }]);
    expect(account.unenforcedClaims).toEqual([]);
  });

  test('GKE: the credential issuer is the cluster\'s container.googleapis.com URL', () => {
    const account = compileOnAzure([
      {
        kubernetes: {
          namespace: 'analytics',
          serviceAccount: 'spark',
          gke: { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'analytics' },
        },
      },
    ]);
    expect(credentialsOf(account)).toEqual([
      {
        issuer: 'https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics',
        subject: 'system:serviceaccount:analytics:spark',
        audience: EXCHANGE,
      },
    ]);
  });

  test('EKS Pod Identity is refused: it reaches AWS only', () => {
    const error = declarationErrorOf(() =>
      compileOnAzure([
        { kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].kubernetes.eks: EKS Pod Identity reaches AWS only; use IRSA (the cluster issuer) for other clouds (needed by the grants in azure account "azure-prod")',
    );
  });
});

describe('HCP Terraform on Azure', () => {
  test('the credential is app.terraform.io with the workspace run-phase subject; the organization id is unenforced', () => {
    const account = compileOnAzure([
      { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'plan' } },
    ]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://app.terraform.io', subject: 'organization:acme:project:platform:workspace:networking-prod:run_phase:plan', audience: EXCHANGE },
    ]);
    expect(account.unenforcedClaims).toEqual([
      { workload: SUBJECT_WORKLOAD, identity: 0, claim: 'terraform_organization_id', value: 'org-AbCdEf123456' },
    ]);
  });
});

describe('SPIFFE and generic OIDC on Azure', () => {
  test('a JWT-SVID credential matches its issuer, SPIFFE ID and the audience it declares', () => {
    const account = compileOnAzure([
      { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    ]);
    expect(credentialsOf(account)).toEqual([
      { issuer: 'https://oidc.mesh.acme.internal', subject: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', audience: 'workload-iam' },
    ]);
  });

  test('an X.509-SVID is refused: it federates through IAM Roles Anywhere only', () => {
    const error = declarationErrorOf(() =>
      compileOnAzure([
        {
          spiffe: {
            id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy',
            x509: { awsTrustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
          },
        },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].spiffe.x509: X.509-SVIDs federate through AWS IAM Roles Anywhere only; use a JWT-SVID (jwtIssuer + audience) (needed by the grants in azure account "azure-prod")',
    );
  });

  test('a generic OIDC credential matches issuer, subject and the declared audience', () => {
    const account = compileOnAzure([{ oidc: { issuer: 'https://login.partner.example', audience: EXCHANGE, subject: 'job:acme-sync' } }]);
    expect(credentialsOf(account)).toEqual([{ issuer: 'https://login.partner.example', subject: 'job:acme-sync', audience: EXCHANGE }]);
  });

  test('generic OIDC claims are refused: a federated credential cannot match them', () => {
    const error = declarationErrorOf(() =>
      compileOnAzure([{ oidc: { issuer: 'https://login.partner.example', audience: EXCHANGE, subject: 'job:acme-sync', claims: { tenant: 'acme' } } }]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[0].oidc.claims: an Azure federated credential cannot condition on custom claims of a generic issuer; encode them in the subject or grant through GCP (needed by the grants in azure account "azure-prod")',
    );
  });
});

describe('other clouds\' identities on Azure', () => {
  test('a GCP service account: issuer https://accounts.google.com, subject its numeric unique id', () => {
    const account = compileOnAzure([
      { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
    ]);
    expect(credentialsOf(account)).toEqual([{ issuer: 'https://accounts.google.com', subject: '104729364512345678901', audience: EXCHANGE }]);
  });

  test('an Azure managed identity is assigned the role by its literal object id; no managed identity or credential is created', () => {
    const account = compileOnAzure([{ azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } }]);
    expect(account.identities).toEqual([]);
    expect(account.federatedCredentials).toEqual([]);
    expect(account.roleAssignments).toEqual([
      expect.objectContaining({
        principal: { objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
        principalType: 'ServicePrincipal',
        scope: READ_RESOURCE.azure,
        roleDefinitionId: STORAGE_BLOB_DATA_READER,
        origin: { workload: SUBJECT_WORKLOAD, identities: [0], grants: [0] },
      }),
    ]);
  });

  test('a managed identity of another tenant is refused', () => {
    const error = declarationErrorOf(() =>
      compileOnAzure([{ azureManagedIdentity: { tenantId: '00000000-0000-4000-8000-000000000001', objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } }]),
    );
    expect(error.message).toBe(
      `workloads[0].identities[0].azureManagedIdentity.tenantId: the managed identity is in tenant 00000000-0000-4000-8000-000000000001, the account in ${AZURE_TENANT_ID} (needed by the grants in azure account "azure-prod")`,
    );
  });

  test('an AWS role is refused: Azure cannot federate it directly', () => {
    const error = declarationErrorOf(() => compileOnAzure([{ awsRole: { arn: 'arn:aws:iam::444455556666:role/cost-reporter' } }]));
    expect(error.message).toBe(
      'workloads[0].identities[0].awsRole: Azure cannot federate an AWS role directly; use an OIDC identity the role can obtain (needed by the grants in azure account "azure-prod")',
    );
  });

  test('a federated identity and a managed identity of one workload get one role assignment each', () => {
    const account = compileOnAzure([
      { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
      { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
    ]);
    expect(account.roleAssignments.map((a) => [a.principal, a.origin.identities])).toEqual(
      expect.arrayContaining([
        [{ ref: SUBJECT_WORKLOAD, attr: 'principalId' }, [0]],
        [{ objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }, [1]],
      ]),
    );
    expect(account.roleAssignments).toHaveLength(2);
  });
});

describe('Azure invariants', () => {
  const example = compileExample();
  const accounts = Object.values(example.azure);
  const credentials = accounts.flatMap((a) => a.federatedCredentials);
  const assignments = accounts.flatMap((a) => a.roleAssignments);

  test('the example compiles federated credentials and role assignments', () => {
    expect(credentials.length).toBeGreaterThan(0);
    expect(assignments.length).toBeGreaterThan(0);
  });

  test('every credential has the token-exchange audience and an exact, wildcard-free issuer and subject', () => {
    for (const credential of credentials) {
      expect(credential.audience).toBe(EXCHANGE);
      expect(credential.issuer).toMatch(/^https:\/\//);
      expect(`${credential.issuer} ${credential.subject}`).not.toMatch(/[*?]/);
    }
  });

  test('credential names are 3-120 letters, digits, - or _, start with a letter or digit and are unique per identity', () => {
    for (const account of accounts) {
      const seen = new Set<string>();
      for (const credential of account.federatedCredentials) {
        expect(credential.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/);
        const key = `${credential.identity}/${credential.name}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  test('(issuer, subject) is unique per managed identity', () => {
    const pairs = credentials.map((c) => `${c.identity} ${c.issuer} ${c.subject}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  test('role assignments go to a ServicePrincipal at the resource scope with a built-in role of the subscription', () => {
    for (const account of accounts) {
      for (const assignment of account.roleAssignments) {
        expect(assignment.principalType).toBe('ServicePrincipal');
        expect(assignment.scope.startsWith(`/subscriptions/${account.subscriptionId}/resourceGroups/`)).toBe(true);
        expect(assignment.roleDefinitionId).toMatch(
          new RegExp(`^/subscriptions/${account.subscriptionId}/providers/Microsoft\\.Authorization/roleDefinitions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
        );
      }
    }
  });

  test('role assignment names are unique GUIDs', () => {
    const names = assignments.map((a) => a.name);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(names).size).toBe(names.length);
  });

  test('every credential belongs to a managed identity the plan creates', () => {
    for (const account of accounts) {
      const keys = new Set(account.identities.map((i) => i.key));
      for (const credential of account.federatedCredentials) expect(keys.has(credential.identity)).toBe(true);
    }
  });

  test('the same identity declared twice in one workload is refused as a duplicate credential', () => {
    const error = declarationErrorOf(() =>
      compileOnAzure([
        { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } },
        { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } },
      ]),
    );
    expect(error.message).toBe(
      'workloads[0].identities[1]: duplicate identity: issuer https://k8s.acme.example with subject system:serviceaccount:jobs:nightly is already declared for this workload',
    );
  });
});
