/**
 * Deterministic generator of realistic declarations for the benchmark (plain object, as toModel receives it
 * after YAML parsing). One AWS, one GCP and one Azure account; workloads rotate through the identity kinds and
 * get 1-3 grants on catalogued resource types of the clouds their identities can reach. Issuers are shared the
 * way real platforms share them (one GitHub issuer, a handful of GitLab groups, one issuer per cluster or
 * trust domain), scaled with N so no per-provider limit (GCP condition length, AWS client ids) is crossed.
 */
import type { DeclarationInput, WorkloadInput } from 'workload-iam';

type Cloud = 'aws' | 'gcp' | 'azure';
type IdentityInput = WorkloadInput['identities'][number];
type GrantInput = NonNullable<WorkloadInput['grants']>[string][number];
/** A catalogued resource type: the access levels it has and the identifier of its k-th resource. */
interface ResourceType {
  readonly access: readonly string[];
  readonly id: (k: number) => string;
}

const AWS_ACCOUNT_ID = '111122223333';
const GCP_PROJECT_ID = 'acme-prod';
const GCP_PROJECT_NUMBER = '123456789012';
const AZURE_TENANT = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const AZURE_SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

const ACCOUNTS: DeclarationInput['accounts'] = {
  'aws-prod': { cloud: 'aws', accountId: AWS_ACCOUNT_ID },
  'gcp-prod': { cloud: 'gcp', projectId: GCP_PROJECT_ID, projectNumber: GCP_PROJECT_NUMBER },
  'azure-prod': {
    cloud: 'azure',
    tenantId: AZURE_TENANT,
    subscriptionId: AZURE_SUBSCRIPTION,
    resourceGroup: 'rg-workload-identity',
    location: 'westeurope',
  },
};
const ACCOUNT_OF: Readonly<Record<Cloud, string>> = { aws: 'aws-prod', gcp: 'gcp-prod', azure: 'azure-prod' };
const ALL_CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure'];

const TEAMS = [
  'orders', 'payments', 'billing', 'search', 'catalog', 'identity', 'analytics', 'checkout',
  'inventory', 'shipping', 'platform', 'data', 'ml', 'growth', 'support', 'media',
];
const ROLES = ['api', 'worker', 'deploy', 'etl', 'sync', 'cron', 'gateway', 'indexer'];

/* eslint-disable no-bitwise -- mulberry32 is defined by its 32-bit integer operations */
/** mulberry32: a tiny seeded PRNG, so every run generates the same declaration. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

export function generate(count: number, seed = 0x5eed): DeclarationInput {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const hex = (length: number): string => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const guid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
  /** A GUID that is unique per index (the random part only decorates it). */
  const indexedGuid = (index: number): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${index.toString(16).padStart(12, '0')}`;

  // Shared issuers and tenants, scaled so ~25 identities share a dedicated issuer (GCP allow-list conditions
  // are limited to 4096 characters per provider).
  const perIssuer = Math.max(2, Math.ceil(count / 300));
  const githubOwners = Array.from({ length: 12 }, (_, o) => ({ name: o === 0 ? 'acme' : `acme-${TEAMS[o]}`, id: String(6500 + o * 131) }));
  const gitlabGroups = Array.from({ length: 8 }, (_, g) => ({ path: `acme-${TEAMS[g + 4]}`, id: String(7700 + g * 17) }));
  const tfcOrgs = Array.from({ length: 4 }, (_, o) => ({ name: o === 0 ? 'acme' : `acme-${TEAMS[o + 8]}`, id: `org-${hex(16)}` }));
  const eksClusters = Array.from({ length: perIssuer }, (_, c) => {
    const region = c % 3 === 2 ? 'us-east-1' : 'eu-west-1';
    return { region, name: `eks-${region}-${c}`, issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hex(32).toUpperCase()}` };
  });
  const aksIssuers = Array.from({ length: perIssuer }, () => `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT}/${guid()}/`);
  const gkeClusters = Array.from({ length: perIssuer }, (_, c) => ({ location: c % 2 ? 'europe-west4' : 'europe-west1', cluster: `gke-${c}` }));
  const trustDomains = Array.from({ length: perIssuer }, (_, d) => `mesh${d}.acme.internal`);
  const partners = Array.from({ length: perIssuer }, (_, p) => ({ issuer: `https://login.partner${p}.example`, audience: `acme-partner${p}` }));
  const trustAnchors = Array.from({ length: 3 }, () => `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/${guid()}`);

  /** Identity builders by rotation slot: [identity, clouds it may be granted on]. */
  const IDENTITY_KINDS: readonly ((i: number, team: string) => [IdentityInput, readonly Cloud[]])[] = [
    (i, team) => {
      const owner = pick(githubOwners);
      return [{ github: { repository: `${owner.name}/${team}-svc-${i}`, ownerId: owner.id, repositoryId: String(500000000 + i), environment: pick(['production', 'staging', 'dev']) } }, ALL_CLOUDS];
    },
    (i, team) => {
      const owner = pick(githubOwners);
      const github: NonNullable<IdentityInput['github']> = { repository: `${owner.name}/${team}-lib-${i}`, ownerId: owner.id, repositoryId: String(600000000 + i), ref: random() < 0.7 ? 'refs/heads/main' : `refs/tags/v${int(5)}.${int(20)}.0` };
      if (random() < 0.3) github.workflow = `${githubOwners[0].name}/release-workflows/.github/workflows/publish.yml@refs/heads/main`;
      return [{ github }, ALL_CLOUDS];
    },
    (i, team) => {
      const group = pick(gitlabGroups);
      const tag = random() < 0.2;
      const gitlab: NonNullable<IdentityInput['gitlab']> = { project: `${group.path}/${team}/svc-${i}`, projectId: String(40000000 + i), namespaceId: group.id, ref: tag ? `v1.${int(9)}.0` : 'main', refType: tag ? 'tag' : 'branch' };
      if (!tag && random() < 0.5) gitlab.environment = 'production';
      return [{ gitlab }, ALL_CLOUDS];
    },
    (i, team) => {
      const cluster = pick(eksClusters);
      return [{ kubernetes: { issuer: cluster.issuer, namespace: team, serviceAccount: `svc-${i}`, eks: { region: cluster.region, cluster: cluster.name } } }, ALL_CLOUDS];
    },
    (i, team) => {
      const cluster = pick(eksClusters);
      return [{ kubernetes: { namespace: team, serviceAccount: `svc-${i}`, eks: { region: cluster.region, cluster: cluster.name, podIdentity: true } } }, ['aws']];
    },
    (i, team) => [{ kubernetes: { issuer: pick(aksIssuers), namespace: team, serviceAccount: `svc-${i}`, aks: true } }, ALL_CLOUDS],
    (i, team) => {
      const cluster = pick(gkeClusters);
      return [{ kubernetes: { namespace: team, serviceAccount: `svc-${i}`, gke: { projectId: GCP_PROJECT_ID, projectNumber: GCP_PROJECT_NUMBER, location: cluster.location, cluster: cluster.cluster } } }, ALL_CLOUDS];
    },
    (i, team) => {
      const org = pick(tfcOrgs);
      return [{ terraformCloud: { organization: org.name, organizationId: org.id, project: team, workspace: `${team}-${i}-prod`, runPhase: random() < 0.6 ? 'apply' : 'plan' } }, ALL_CLOUDS];
    },
    (i, team) => {
      const domain = int(trustDomains.length);
      return [{ spiffe: { id: `spiffe://${trustDomains[domain]}/ns/${team}/sa/svc-${i}`, jwtIssuer: `https://oidc.${trustDomains[domain]}`, audience: 'workload-iam' } }, ALL_CLOUDS];
    },
    (i, team) => [{ spiffe: { id: `spiffe://${pick(trustDomains)}/ns/${team}/sa/proxy-${i}`, x509: { awsTrustAnchorArn: pick(trustAnchors) } } }, ['aws']],
    (i) => {
      const partner = pick(partners);
      return [{ oidc: { issuer: partner.issuer, audience: partner.audience, subject: `job:sync-${i}` } }, ALL_CLOUDS];
    },
    (i) => {
      // Custom claims can only be conditioned on through GCP.
      const partner = pick(partners);
      return [{ oidc: { issuer: partner.issuer, audience: partner.audience, subject: `job:export-${i}`, claims: { tenant: 'acme' } } }, ['gcp']];
    },
    (i, team) => [{ gcpServiceAccount: { email: `${team}-sa-${i}@${GCP_PROJECT_ID}.iam.gserviceaccount.com`, uniqueId: `1${String(i).padStart(20, '0')}` } }, ALL_CLOUDS],
    (i) => [{ azureManagedIdentity: { tenantId: AZURE_TENANT, objectId: indexedGuid(i) } }, ALL_CLOUDS],
    (i, team) => [{ awsRole: { arn: `arn:aws:iam::444455556666:role/ci/${team}-runner-${i}` } }, ['aws', 'gcp']],
  ];

  // Resources are shared: about one resource of each type per ten workloads (at least 20).
  const poolSize = Math.max(20, Math.ceil(count / 10));
  const owner = (k: number): string => TEAMS[k % TEAMS.length];
  const RESOURCES: Readonly<Record<Cloud, readonly ResourceType[]>> = {
    aws: [
      { access: ['read', 'write', 'readWrite'], id: (k) => `arn:aws:s3:::acme-${owner(k)}-bucket-${k}` },
      { access: ['read', 'write', 'readWrite'], id: (k) => `arn:aws:dynamodb:eu-west-1:${AWS_ACCOUNT_ID}:table/${owner(k)}-table-${k}` },
      { access: ['publish', 'consume'], id: (k) => `arn:aws:sqs:eu-west-1:${AWS_ACCOUNT_ID}:${owner(k)}-queue-${k}` },
      { access: ['publish'], id: (k) => `arn:aws:sns:eu-west-1:${AWS_ACCOUNT_ID}:${owner(k)}-events-${k}` },
      { access: ['read'], id: (k) => `arn:aws:secretsmanager:eu-west-1:${AWS_ACCOUNT_ID}:secret:${owner(k)}/config-${k}` },
    ],
    gcp: [
      { access: ['read', 'write', 'readWrite'], id: (k) => `//storage.googleapis.com/projects/_/buckets/acme-${owner(k)}-${k}` },
      { access: ['publish'], id: (k) => `//pubsub.googleapis.com/projects/${GCP_PROJECT_ID}/topics/${owner(k)}-events-${k}` },
      { access: ['subscribe'], id: (k) => `//pubsub.googleapis.com/projects/${GCP_PROJECT_ID}/subscriptions/${owner(k)}-events-${k}-sub` },
      { access: ['read'], id: (k) => `//secretmanager.googleapis.com/projects/${GCP_PROJECT_ID}/secrets/${owner(k)}-key-${k}` },
    ],
    azure: [
      {
        access: ['read', 'readWrite'],
        id: (k) => `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-${owner(k)}/providers/Microsoft.Storage/storageAccounts/acme${owner(k)}/blobServices/default/containers/data-${k}`,
      },
      {
        access: ['publish', 'consume'],
        id: (k) => `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-${owner(k)}/providers/Microsoft.ServiceBus/namespaces/sb-acme-${owner(k)}/queues/${owner(k)}-${k}`,
      },
      {
        access: ['read'],
        id: (k) => `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-${owner(k)}/providers/Microsoft.KeyVault/vaults/kv-acme-${owner(k)}/secrets/secret-${k}`,
      },
    ],
  };

  const workloads: WorkloadInput[] = [];
  for (let i = 0; i < count; i++) {
    const team = TEAMS[int(TEAMS.length)];
    const role = pick(ROLES);
    const [identity, clouds] = IDENTITY_KINDS[i % IDENTITY_KINDS.length](i, team);
    const identities = [identity];
    // Every tenth workload also runs somewhere else, as an Azure managed identity (allowed on every cloud).
    if (i % 10 === 7 && !identity.azureManagedIdentity) {
      identities.push({ azureManagedIdentity: { tenantId: AZURE_TENANT, objectId: indexedGuid(i) } });
    }
    // A few GitHub deployments also publish from release tags: a second subject on the same repository.
    if (identity.github?.environment && i % 4 === 0) {
      const { environment: _environment, ...repository } = identity.github;
      identities.push({ github: { ...repository, ref: 'refs/tags/release' } });
    }

    const grants: Record<string, GrantInput[]> = {};
    const seen = new Set<string>();
    const wanted = 1 + (random() < 0.4 ? 0 : random() < 0.58 ? 1 : 2);
    for (let g = 0; g < wanted; g++) {
      const cloud = pick(clouds);
      const type = pick(RESOURCES[cloud]);
      const resource = type.id(int(poolSize));
      if (seen.has(resource)) continue;
      seen.add(resource);
      (grants[ACCOUNT_OF[cloud]] ??= []).push({ resource, access: pick(type.access) });
    }

    const workload: WorkloadInput = {
      name: `${team}-${role}-${i}`,
      description: `${team} ${role} #${i} (${Object.keys(identity)[0]})`,
      identities,
      grants,
    };
    if (random() < 0.15) workload.sessionDuration = pick(['2h', '90m', '4h']);
    workloads.push(workload);
  }
  return { version: 1, accounts: structuredClone(ACCOUNTS), workloads };
}

if (require.main === module) {
  // `node bench/.out/generate.js 100` prints a declaration as JSON (also valid YAML).
  process.stdout.write(`${JSON.stringify(generate(Number(process.argv[2] ?? 100)), null, 2)}\n`);
}
