import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toModel } from '../../lib/declaration/parse';
import { runCli } from '../cli/run-cli';
import { ACCOUNTS, AWS_ACCOUNT_ID, declarationErrorOf, READ_RESOURCE, type Cloud, type IdentityInput } from '../plan/fixtures';

/**
 * SPEC §3: unknown keys are errors, at every depth, because a misspelt optional key would otherwise be dropped and
 * with it a pin (an environment, a protected-ref requirement, an audience). For every identity kind (and its nested
 * flavours), every kind of account, grants and acknowledgements: the identity as declared is accepted, and the same
 * with one misspelt or foreign key is refused with one `path: message` line naming the key. Expected lines are
 * written by hand from SPEC §3's field names.
 */

const REFUSED = 'unknown keys are refused so a typo never changes trust';
const ANCHOR = `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`;
const GKE = { projectId: 'acme-prod', projectNumber: '123456789012', location: 'europe-west1', cluster: 'analytics' };

/** `"key" (did you mean "meant"?)`: the message for a key one or two edits from an allowed one. */
const didYouMean = (path: string, key: string, meant: string) =>
  `${path}: unknown key "${key}" (did you mean "${meant}"?): ${REFUSED}`;

interface IdentityCase {
  readonly title: string;
  /** The cloud whose account the workload is granted in (one the identity can be pinned exactly on). */
  readonly cloud: Cloud;
  readonly valid: IdentityInput;
  readonly misspelt: unknown;
  readonly expected: readonly string[];
}

const at = (kind: string, key: string) => `workloads[0].identities[0].${kind}.${key}`;

const IDENTITY_CASES: readonly IdentityCase[] = [
  {
    title: 'github: a misspelt ownerId',
    cloud: 'aws',
    valid: { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
    misspelt: { github: { repository: 'acme/web', ownerID: '65', repositoryId: '74', environment: 'production' } },
    expected: [
      didYouMean(at('github', 'ownerID'), 'ownerID', 'ownerId'),
      'workloads[0].identities[0].github: ownerId and repositoryId go together: give both immutable ids',
    ],
  },
  {
    title: 'github: a misspelt workflow pin',
    cloud: 'aws',
    valid: { github: { repository: 'acme/web', ref: 'refs/heads/main', workflow: 'acme/ci/.github/workflows/deploy.yml@refs/heads/main' } },
    misspelt: { github: { repository: 'acme/web', ref: 'refs/heads/main', workflows: 'acme/ci/.github/workflows/deploy.yml@refs/heads/main' } },
    expected: [didYouMean(at('github', 'workflows'), 'workflows', 'workflow')],
  },
  {
    title: 'gitlab: a misspelt environment (the environment pin would be dropped)',
    cloud: 'aws',
    valid: { gitlab: { project: 'acme/web', projectId: '42', namespaceId: '7', ref: 'main', refType: 'branch', environment: 'production' } },
    misspelt: { gitlab: { project: 'acme/web', projectId: '42', namespaceId: '7', ref: 'main', refType: 'branch', enviroment: 'production' } },
    expected: [didYouMean(at('gitlab', 'enviroment'), 'enviroment', 'environment')],
  },
  {
    title: 'gitlab: protectedRef in another case',
    cloud: 'gcp',
    valid: { gitlab: { project: 'acme/web', projectId: '42', namespaceId: '7', ref: 'main', refType: 'branch', protectedRef: true } },
    misspelt: { gitlab: { project: 'acme/web', projectId: '42', namespaceId: '7', ref: 'main', refType: 'branch', ProtectedRef: true } },
    expected: [didYouMean(at('gitlab', 'ProtectedRef'), 'ProtectedRef', 'protectedRef')],
  },
  {
    title: 'kubernetes: a misspelt serviceAccount',
    cloud: 'azure',
    valid: { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'web', serviceAccount: 'deployer' } },
    misspelt: { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'web', serviceAccount: 'deployer', serviceAcount: 'admin' } },
    expected: [didYouMean(at('kubernetes', 'serviceAcount'), 'serviceAcount', 'serviceAccount')],
  },
  {
    title: 'kubernetes.eks: a misspelt podIdentity',
    cloud: 'aws',
    valid: { kubernetes: { namespace: 'web', serviceAccount: 'deployer', eks: { region: 'eu-west-1', cluster: 'prod', podIdentity: true } } },
    misspelt: { kubernetes: { namespace: 'web', serviceAccount: 'deployer', eks: { region: 'eu-west-1', cluster: 'prod', podIdentiy: true } } },
    expected: [
      didYouMean(at('kubernetes', 'eks.podIdentiy'), 'podIdentiy', 'podIdentity'),
      "workloads[0].identities[0].kubernetes.issuer: issuer is required (the cluster's OIDC issuer URL)",
    ],
  },
  {
    title: 'kubernetes.gke: a foreign key',
    cloud: 'gcp',
    valid: { kubernetes: { namespace: 'web', serviceAccount: 'deployer', gke: GKE } },
    misspelt: { kubernetes: { namespace: 'web', serviceAccount: 'deployer', gke: { ...GKE, zone: 'europe-west1-b' } } },
    expected: [`${at('kubernetes', 'gke.zone')}: unknown key "zone" (allowed: projectId, projectNumber, location, cluster): ${REFUSED}`],
  },
  {
    title: 'terraformCloud: host in another case',
    cloud: 'aws',
    valid: { terraformCloud: { organization: 'acme', organizationId: 'org-AbC123', project: 'infra', workspace: 'prod', runPhase: 'apply', host: 'https://tfe.acme.example' } },
    misspelt: { terraformCloud: { organization: 'acme', organizationId: 'org-AbC123', project: 'infra', workspace: 'prod', runPhase: 'apply', Host: 'https://tfe.acme.example' } },
    expected: [didYouMean(at('terraformCloud', 'Host'), 'Host', 'host')],
  },
  {
    title: 'spiffe: a misspelt audience',
    cloud: 'aws',
    valid: { spiffe: { id: 'spiffe://acme.example/ns/web/sa/deployer', jwtIssuer: 'https://oidc.spire.acme.example', audience: 'sts.amazonaws.com' } },
    misspelt: { spiffe: { id: 'spiffe://acme.example/ns/web/sa/deployer', jwtIssuer: 'https://oidc.spire.acme.example', audiance: 'sts.amazonaws.com' } },
    expected: [
      didYouMean(at('spiffe', 'audiance'), 'audiance', 'audience'),
      'workloads[0].identities[0].spiffe.audience: a JWT-SVID needs its single audience',
    ],
  },
  {
    title: 'spiffe.x509: a foreign key',
    cloud: 'aws',
    valid: { spiffe: { id: 'spiffe://acme.example/ns/web/sa/deployer', x509: { awsTrustAnchorArn: ANCHOR } } },
    misspelt: { spiffe: { id: 'spiffe://acme.example/ns/web/sa/deployer', x509: { awsTrustAnchorArn: ANCHOR, profileArn: 'x' } } },
    expected: [`${at('spiffe', 'x509.profileArn')}: unknown key "profileArn" (allowed: awsTrustAnchorArn): ${REFUSED}`],
  },
  {
    title: 'oidc: a misspelt claims (the extra claim pins would be dropped)',
    cloud: 'gcp',
    valid: { oidc: { issuer: 'https://idp.acme.example', audience: 'workload-iam', subject: 'deployer', claims: { team: 'web' } } },
    misspelt: { oidc: { issuer: 'https://idp.acme.example', audience: 'workload-iam', subject: 'deployer', claim: { team: 'web' } } },
    expected: [didYouMean(at('oidc', 'claim'), 'claim', 'claims')],
  },
  {
    title: 'awsRole: arn in another case',
    cloud: 'gcp',
    valid: { awsRole: { arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/deployer` } },
    misspelt: { awsRole: { ARN: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/deployer` } },
    expected: ['workloads[0].identities[0].awsRole.arn: is required', didYouMean(at('awsRole', 'ARN'), 'ARN', 'arn')],
  },
  {
    title: 'gcpServiceAccount: a foreign key',
    cloud: 'aws',
    valid: { gcpServiceAccount: { email: 'deployer@acme-prod.iam.gserviceaccount.com', uniqueId: '112233445566778899001' } },
    misspelt: { gcpServiceAccount: { email: 'deployer@acme-prod.iam.gserviceaccount.com', uniqueId: '112233445566778899001', project: 'acme-prod' } },
    expected: [`${at('gcpServiceAccount', 'project')}: unknown key "project" (allowed: email, uniqueId): ${REFUSED}`],
  },
  {
    title: 'azureManagedIdentity: a misspelt audience',
    cloud: 'aws',
    valid: { azureManagedIdentity: { tenantId: '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b', objectId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', audience: 'api://workload-iam' } },
    misspelt: { azureManagedIdentity: { tenantId: '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b', objectId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', audiences: 'api://workload-iam' } },
    expected: [didYouMean(at('azureManagedIdentity', 'audiences'), 'audiences', 'audience')],
  },
];

const ACCOUNT_KEY: Readonly<Record<Cloud, string>> = { aws: 'aws-prod', gcp: 'gcp-prod', azure: 'azure-prod' };

function declarationWith(identity: unknown, cloud: Cloud) {
  return {
    version: 1,
    accounts: ACCOUNTS,
    workloads: [{ name: 'web-deploy', identities: [identity], grants: { [ACCOUNT_KEY[cloud]]: [{ resource: READ_RESOURCE[cloud], access: 'read' }] } }],
  };
}

const problemLines = (input: unknown) => declarationErrorOf(() => toModel(input)).message.split('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-unknown-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `workload-iam validate` on the input written as a JSON file: exit 2, the same lines with their line, no stdout. */
async function expectRefusedByCli(input: unknown, expected: readonly string[]): Promise<void> {
  const file = join(dir, 'declaration.json');
  writeFileSync(file, JSON.stringify(input, null, 2));
  const result = await runCli('validate', file);
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  const lines = result.err.trimEnd().split('\n');
  expect(lines.map((line) => line.replace(/ \(line [0-9]+\)$/, ''))).toEqual(expected);
  for (const line of lines) expect(line).toMatch(/ \(line [0-9]+\)$/);
}

describe.each(IDENTITY_CASES.map((c) => [c.title, c] as const))('identity %s', (_title, c) => {
  test('as declared, it is accepted', () => {
    expect(toModel(declarationWith(c.valid, c.cloud)).workloads[0].identities).toHaveLength(1);
  });

  test('with the unknown key, it is refused naming the key', async () => {
    const input = declarationWith(c.misspelt, c.cloud);
    expect(problemLines(input)).toEqual(c.expected);
    await expectRefusedByCli(input, c.expected);
  });
});

test('every identity kind of SPEC §3 has a case', () => {
  const kinds = new Set(IDENTITY_CASES.map((c) => Object.keys(c.valid)[0]));
  expect([...kinds].sort()).toEqual(
    ['awsRole', 'azureManagedIdentity', 'gcpServiceAccount', 'github', 'gitlab', 'kubernetes', 'oidc', 'spiffe', 'terraformCloud'],
  );
});

describe('accounts of every cloud', () => {
  const withAccount = (key: string, account: unknown) => ({ version: 1, accounts: { ...ACCOUNTS, [key]: account }, workloads: [] });

  test.each([
    {
      cloud: 'aws',
      account: { cloud: 'aws', accountId: '444455556666', partiton: 'aws-cn' },
      expected: [didYouMean('accounts.aws-china.partiton', 'partiton', 'partition')],
    },
    {
      cloud: 'gcp',
      account: { cloud: 'gcp', projectId: 'acme-china', projectNumber: '210987654321', poolID: 'ci-pool' },
      expected: [didYouMean('accounts.gcp-china.poolID', 'poolID', 'poolId')],
    },
    {
      cloud: 'azure',
      account: {
        cloud: 'azure',
        tenantId: '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
        subscriptionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        resourceGroup: 'rg-wi',
        location: 'westeurope',
        managementGroup: 'acme',
      },
      expected: [`accounts.azure-china.managementGroup: unknown key "managementGroup" (allowed: cloud, tenantId, subscriptionId, resourceGroup, location): ${REFUSED}`],
    },
  ])('$cloud', async ({ cloud, account, expected }) => {
    const input = withAccount(`${cloud}-china`, account);
    expect(problemLines(input)).toEqual(expected);
    await expectRefusedByCli(input, expected);
  });

  test('the same accounts without the unknown key are accepted', () => {
    const model = toModel(
      withAccount('aws-china', { cloud: 'aws', accountId: '444455556666', partition: 'aws-cn' }),
    );
    expect(model.accounts['aws-china']).toEqual({ cloud: 'aws', accountId: '444455556666', partition: 'aws-cn' });
  });
});

describe('grants and acknowledgements', () => {
  const GITHUB = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } };
  const withWorkload = (extra: object) => ({
    version: 1,
    accounts: ACCOUNTS,
    workloads: [{ name: 'web-deploy', identities: [GITHUB], ...extra }],
  });

  test.each([
    {
      title: 'an AWS grant with a misspelt justification',
      extra: { grants: { 'aws-prod': [{ resource: READ_RESOURCE.aws, access: 'read', justfication: 'reads the build cache' }] } },
      expected: [didYouMean('workloads[0].grants.aws-prod[0].justfication', 'justfication', 'justification')],
    },
    {
      title: 'a GCP grant with a foreign key',
      extra: { grants: { 'gcp-prod': [{ resource: READ_RESOURCE.gcp, access: 'read', condition: 'true' }] } },
      expected: [
        `workloads[0].grants.gcp-prod[0].condition: unknown key "condition" (allowed: resource, access, actions, role, roleDefinitionId, justification): ${REFUSED}`,
      ],
    },
    {
      title: 'an Azure grant with roleDefinitionId in another case',
      extra: {
        grants: {
          'azure-prod': [{ resource: READ_RESOURCE.azure, roleDefinitionID: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', justification: 'reads the build cache' }],
        },
      },
      expected: [
        didYouMean('workloads[0].grants.azure-prod[0].roleDefinitionID', 'roleDefinitionID', 'roleDefinitionId'),
        'workloads[0].grants.azure-prod[0]: give exactly one of access, actions, role or roleDefinitionId',
      ],
    },
    {
      title: 'an acknowledgement with a misspelt reason',
      extra: { acknowledge: [{ rule: 'WIAM-SESSION-001', reson: 'long-running database migrations' }] },
      expected: [
        'workloads[0].acknowledge[0].reason: is required',
        didYouMean('workloads[0].acknowledge[0].reson', 'reson', 'reason'),
      ],
    },
    {
      title: 'an acknowledgement with a foreign key',
      extra: { acknowledge: [{ rule: 'WIAM-SESSION-001', reason: 'long-running database migrations', expires: '2030-01-01' }] },
      expected: [`workloads[0].acknowledge[0].expires: unknown key "expires" (allowed: rule, reason): ${REFUSED}`],
    },
  ])('$title', async ({ extra, expected }) => {
    const input = withWorkload(extra);
    expect(problemLines(input)).toEqual(expected);
    await expectRefusedByCli(input, expected);
  });

  test('the same grant and acknowledgement without the unknown keys are accepted', () => {
    const model = toModel(
      withWorkload({
        grants: { 'aws-prod': [{ resource: READ_RESOURCE.aws, access: 'read', justification: 'reads the build cache' }] },
        acknowledge: [{ rule: 'WIAM-SESSION-001', reason: 'long-running database migrations' }],
      }),
    );
    expect(model.workloads[0].acknowledge).toEqual([{ rule: 'WIAM-SESSION-001', reason: 'long-running database migrations' }]);
  });
});
