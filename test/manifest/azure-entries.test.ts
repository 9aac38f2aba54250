import { toModel } from '../../lib/declaration/parse';
import { compile } from '../../lib/index';
import { buildManifest, type ManifestAccountAccess, type ManifestTrust } from '../../lib/manifest/manifest';
import { ACCOUNTS, AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID, READ_RESOURCE, type IdentityInput } from '../plan/fixtures';

/**
 * Every Azure trust entry of the manifest, field by field (SPEC §7: "Azure identity/issuer/subject/audience"). The
 * expected issuers, subjects and audiences are written by hand from the declaration and shared/reference/CLAIMS.md:
 * one federated identity credential per identity and subject form, on the workload's user-assigned managed identity
 * `wiam-<workload>`, audience api://AzureADTokenExchange unless the identity declares its own; a managed identity of
 * the same tenant is trusted directly by object id. A credential checks issuer, subject and audience only, so every
 * other pinned claim is listed as unenforced.
 */

const EXCHANGE = 'api://AzureADTokenExchange';
const AKS_ISSUER = `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/5d1f8a3c-2b4e-4c6d-8e9f-0a1b2c3d4e5f/`;
const MANAGED_OBJECT_ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';
const GCP_SA_UNIQUE_ID = '112233445566778899001';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const ROLE_DEFINITIONS = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions`;

const IDENTITIES: readonly IdentityInput[] = [
  { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
  { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', ref: 'refs/heads/main', subjectFormat: 'immutable' } },
  { github: { repository: 'acme/infra', enterpriseSlug: 'acme-ent', ref: 'refs/tags/v1', workflow: 'acme/ci/.github/workflows/deploy.yml@refs/heads/main' } },
  { gitlab: { project: 'acme/web', projectId: '42', namespaceId: '7', ref: 'main', refType: 'branch', environment: 'production' } },
  { kubernetes: { issuer: AKS_ISSUER, namespace: 'web', serviceAccount: 'deployer', aks: true } },
  { kubernetes: { namespace: 'analytics', serviceAccount: 'reporter', gke: { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'analytics' } } },
  { terraformCloud: { organization: 'acme', organizationId: 'org-AbC123', project: 'infra', workspace: 'prod', runPhase: 'apply' } },
  { spiffe: { id: 'spiffe://acme.example/ns/web/sa/deployer', jwtIssuer: 'https://oidc.spire.acme.example', audience: EXCHANGE } },
  { oidc: { issuer: 'https://idp.acme.example', audience: 'api://acme-idp', subject: 'deployer' } },
  { gcpServiceAccount: { email: 'reporter@acme-prod.iam.gserviceaccount.com', uniqueId: GCP_SA_UNIQUE_ID } },
  { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: MANAGED_OBJECT_ID } },
];

/** Each credential entry as (identity index, issuer, subject, audience), from the declaration and CLAIMS.md. */
const EXPECTED_CREDENTIALS: readonly { identity: number; kind: string; issuer: string; subject: string; audience: string }[] = [
  { identity: 0, kind: 'github', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme/web:environment:production', audience: EXCHANGE },
  { identity: 0, kind: 'github', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme@65/web@74:environment:production', audience: EXCHANGE },
  { identity: 1, kind: 'github', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme@65/web@74:ref:refs/heads/main', audience: EXCHANGE },
  { identity: 2, kind: 'github', issuer: 'https://token.actions.githubusercontent.com/acme-ent', subject: 'repo:acme/infra:ref:refs/tags/v1', audience: EXCHANGE },
  { identity: 3, kind: 'gitlab', issuer: 'https://gitlab.com', subject: 'project_path:acme/web:ref_type:branch:ref:main', audience: EXCHANGE },
  { identity: 4, kind: 'kubernetes', issuer: AKS_ISSUER, subject: 'system:serviceaccount:web:deployer', audience: EXCHANGE },
  {
    identity: 5,
    kind: 'kubernetes',
    issuer: 'https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics',
    subject: 'system:serviceaccount:analytics:reporter',
    audience: EXCHANGE,
  },
  { identity: 6, kind: 'terraformCloud', issuer: 'https://app.terraform.io', subject: 'organization:acme:project:infra:workspace:prod:run_phase:apply', audience: EXCHANGE },
  { identity: 7, kind: 'spiffe', issuer: 'https://oidc.spire.acme.example', subject: 'spiffe://acme.example/ns/web/sa/deployer', audience: EXCHANGE },
  { identity: 8, kind: 'oidc', issuer: 'https://idp.acme.example', subject: 'deployer', audience: 'api://acme-idp' },
  { identity: 9, kind: 'gcpServiceAccount', issuer: 'https://accounts.google.com', subject: GCP_SA_UNIQUE_ID, audience: EXCHANGE },
];

function azureAccess(identities: readonly IdentityInput[]): ManifestAccountAccess {
  const model = toModel({
    version: 1,
    accounts: ACCOUNTS,
    workloads: [
      {
        name: 'web-deploy',
        identities: [...identities],
        grants: {
          'azure-prod': [
            { resource: READ_RESOURCE.azure, access: 'read' },
            { resource: READ_RESOURCE.azure, roleDefinitionId: READER, justification: 'lists the container properties for the release notes' },
          ],
        },
      },
    ],
  });
  const access = buildManifest(model, compile(model)).workloads['web-deploy'].access['azure-prod'];
  if (!access) throw new Error('no Azure access for web-deploy');
  return access;
}

/** The condition a credential entry must carry. */
const conditionOf = ({ issuer, subject, audience }: (typeof EXPECTED_CREDENTIALS)[number]) => ({ issuer, subject, audience });

/** A condition as text that does not depend on the order of its keys. */
const conditionKey = (condition: unknown): string => JSON.stringify(Object.entries(condition as Record<string, unknown>).sort());

/** Entries sorted by their condition, so the comparison does not depend on how credential names sort. */
const sortedByCondition = <T extends { condition: unknown }>(entries: readonly T[]): T[] =>
  entries
    .map((entry) => ({ entry, key: conditionKey(entry.condition) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ entry }) => entry);

describe('the Azure entry of a workload with every identity kind Azure can federate', () => {
  const access = azureAccess(IDENTITIES);
  const credentials = access.trust.filter((t) => !t.via.startsWith('objectId:'));

  test('is admitted through the managed identity wiam-<workload>', () => {
    expect(access.cloud).toBe('azure');
    expect(access.principal).toBe('wiam-web-deploy');
  });

  test('has one credential per identity and subject form, with the exact issuer, subject and audience', () => {
    expect(sortedByCondition(credentials.map(({ identities, condition }) => ({ identities, condition })))).toEqual(
      sortedByCondition(EXPECTED_CREDENTIALS.map((expected) => ({ identities: [expected.identity], condition: conditionOf(expected) }))),
    );
  });

  test('each credential hangs on the managed identity, named after its kind, distinct within the identity', () => {
    for (const entry of credentials) {
      const expected = EXPECTED_CREDENTIALS.find((c) => conditionKey(conditionOf(c)) === conditionKey(entry.condition))!;
      // Entra credential names: 3-120 characters of letters, digits, - and _, starting with a letter or digit.
      expect(entry.via).toMatch(new RegExp(`^wiam-web-deploy/${expected.kind}-[0-9a-f]{12}$`));
    }
    expect(new Set(credentials.map((t) => t.via)).size).toBe(credentials.length);
  });

  test('credential names follow issuer and subject, not the order of the identities', () => {
    const reversed = azureAccess([...IDENTITIES].reverse()).trust.filter((t) => !t.via.startsWith('objectId:'));
    const names = (entries: readonly ManifestTrust[]) => entries.map((t) => `${t.via} ${JSON.stringify(t.condition)}`).sort();
    expect(names(reversed)).toEqual(names(credentials));
  });

  test('the managed identity of the tenant is trusted directly, by object id', () => {
    expect(access.trust.filter((t) => t.via.startsWith('objectId:'))).toEqual([
      { identities: [10], via: `objectId:${MANAGED_OBJECT_ID}`, condition: { objectId: MANAGED_OBJECT_ID } },
    ]);
  });

  test('every pinned claim a credential cannot check is listed as unenforced, per identity', () => {
    expect(access.unenforcedClaims).toEqual([
      // Both subject forms are trusted, so the ids are not implied by the subject.
      { identity: 0, claim: 'repository_id', value: '74' },
      { identity: 0, claim: 'repository_owner_id', value: '65' },
      // Identity 1 trusts only the id-based subject, which carries both ids.
      { identity: 2, claim: 'job_workflow_ref', value: 'acme/ci/.github/workflows/deploy.yml@refs/heads/main' },
      { identity: 3, claim: 'environment', value: 'production' },
      { identity: 3, claim: 'namespace_id', value: '7' },
      { identity: 3, claim: 'project_id', value: '42' },
      { identity: 3, claim: 'ref_protected', value: 'true' },
      { identity: 6, claim: 'terraform_organization_id', value: 'org-AbC123' },
    ]);
  });

  test('permissions: one per grant, the built-in role at the resource scope', () => {
    expect(access.permissions).toEqual([
      { grant: 0, resources: [READ_RESOURCE.azure], roleDefinitionId: `${ROLE_DEFINITIONS}/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`, roleName: 'Storage Blob Data Reader' },
      { grant: 1, resources: [READ_RESOURCE.azure], roleDefinitionId: `${ROLE_DEFINITIONS}/${READER}` },
    ]);
    expect(access.maxSessionDuration).toBeUndefined();
  });
});

describe('a workload trusted only by object id', () => {
  const access = azureAccess([{ azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: MANAGED_OBJECT_ID } }]);

  test('has no federated credential and creates no managed identity of its own', () => {
    expect(access.trust).toEqual([{ identities: [0], via: `objectId:${MANAGED_OBJECT_ID}`, condition: { objectId: MANAGED_OBJECT_ID } }]);
    expect(access.principal).not.toMatch(/^wiam-/);
    expect(access.unenforcedClaims).toEqual([]);
  });
});
